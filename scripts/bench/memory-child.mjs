// The process measured by memory.mjs (run with --expose-gc): the extension's polling stack with the view
// visible, on a fake clock, for HOURS simulated hours against the simulator at URL (its clock frozen and
// moved here in step with ours). VMs come and go throughout: every CHURN_MIN simulated minutes one is
// created (through the API, signed by the wallet, as Create VM does) on the next node and the one created
// LIFETIME_MIN minutes earlier is deleted; the Machines view's own provider is asked for its rows after
// each change, a new VM is expanded (its snapshots) and its tooltip read (its task info), so the store's
// and the provider's per-VM maps fill and must empty again. Prints one JSON line: memory when idle (stack
// built, tree loaded, before polling) and after each simulated hour, after a full GC, and what the maps
// hold at the end.
import { FakeClock } from './lib/fake-clock.mjs';
import { createTreeStack } from './lib/tree-stack.mjs';
import { machinesView, walkView } from './lib/tree-view.mjs';
import { benchNodeIds } from './lib/world.mjs';
import { outModule } from './lib/paths.mjs';

const { nodeKey, vmKey } = outModule('src/config/model/refs');

const [url, hours, nodes] = process.argv.slice(2);
const CHURN_MIN = 5;
const LIFETIME_MIN = 30;
const MINUTE = 60_000;

function snapshot() {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
}

async function advanceSim(ms) {
  const res = await fetch(`${url}/__sim/advance`, { method: 'POST', body: JSON.stringify({ ms }) });
  if (!res.ok) throw new Error(`sim advance: HTTP ${res.status}`);
}

const clock = new FakeClock();
const stack = await createTreeStack({ url, nodeIds: benchNodeIds(Number(nodes)), clock });
const view = machinesView(stack);
await stack.scheduler.refresh(undefined, { immediate: true });
await walkView(view);
const idle = snapshot();
const t0 = performance.now();
const start = clock.now();
const hourly = [];
const live = []; // VMs created here and not yet deleted: { ref, at }
let created = 0;
let deleted = 0;
let step = 0;

/** One VM on the next node, as Create VM does: the node refreshed at once, the new row expanded and hovered. */
async function createOne() {
  const ref = stack.refs[step % stack.refs.length];
  const auth = await stack.access.forWrite(ref.nodeId);
  const port = 30_000 + (step % 10_000); // seeded VMs use 20000+ (ssh) and 5901+ (vnc)
  const task = await stack.client.createTask(ref.nodeId, {
    image_name: 'ubuntu.qcow2', operation_system: 'linux', gpu_count: 1, cpu_cores: 4, mem_size: 16, disk_size: 50, ssh_port: port, vnc_port: port + 10_000,
    desc: `churn ${step}`,
  }, { auth });
  created++;
  const vm = { ...ref, taskId: task.task_id };
  live.push({ ref: vm, at: clock.now() });
  await stack.scheduler.refresh([nodeKey(ref)], { immediate: true });
  await walkView(view, new Set([vmKey(vm)]));
  await stack.fetcher.taskInfo(vm);
}

async function deleteDue() {
  while (live.length > 0 && clock.now() - live[0].at >= LIFETIME_MIN * MINUTE) {
    const { ref } = live.shift();
    await stack.client.deleteTask(ref.nodeId, ref.taskId, { auth: await stack.access.forWrite(ref.nodeId) });
    deleted++;
    await stack.scheduler.refresh([nodeKey(ref)], { immediate: true });
  }
}

stack.scheduler.setVisible(true);
for (let h = 1; h <= Number(hours); h++) {
  for (let m = CHURN_MIN; m <= 60; m += CHURN_MIN) {
    await clock.runUntil(start + (h - 1) * 3_600_000 + m * MINUTE, () => stack.scheduler.idle());
    await advanceSim(CHURN_MIN * MINUTE);
    step++;
    await deleteDue();
    await createOne();
    await walkView(view);
  }
  hourly.push(snapshot());
}
const wallMs = performance.now() - t0;

// What the maps hold at the end, against the VMs that exist.
await stack.scheduler.refresh(undefined, { immediate: true });
const rows = await walkView(view);
let vms = 0;
let taskInfos = 0;
let snapshotLists = 0;
for (const ref of stack.refs) {
  const data = stack.store.peekNode(ref);
  vms += data?.tasks?.value?.length ?? 0;
  taskInfos += data?.taskInfo.size ?? 0;
  snapshotLists += data?.snapshots.size ?? 0;
}
const maps = { vms, provider_rows: view.size, rows_listed: rows, store_task_infos: taskInfos, store_snapshot_lists: snapshotLists, live_churn_vms: live.length };
process.stdout.write(`${JSON.stringify({ idle, hourly, wallMs, runs: stack.scheduler.stats.runs, created, deleted, maps })}\n`);
stack.scheduler.dispose();
view.dispose();
