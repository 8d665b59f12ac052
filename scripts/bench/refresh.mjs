// Figure 3: wall time of a full tree refresh over 50 nodes × 10 VMs with 300 ms added to every request.
// Ours: the scheduler's refresh of every key, as the Refresh button does: the endpoint's node list in a
// lane of its own, the nodes under the client node's adaptive cap (a first wave of up to 64, then 16
// growing while replies stay near one round trip). Baseline: the same Fetcher refreshing one node after
// another. Also the first refresh of a fresh stack (node info loaded, reads signed by the wallet, the
// polling sessions derived after the rows are shown).
import http from 'node:http';
import { figure } from './results.mjs';
import { outModule } from './lib/paths.mjs';
import { startSimProcess } from './lib/sim-process.mjs';
import { timeReps } from './lib/stats.mjs';
import { createTreeStack } from './lib/tree-stack.mjs';
import { benchNodeIds, benchScenario } from './lib/world.mjs';

const { nodeFetch } = outModule('src/api/nodeFetch');

const FULL = { nodes: 50, vms: 10, latencyMs: 300, reps: 5, baselineReps: 3 };
const SMOKE = { nodes: 3, vms: 2, latencyMs: 5, reps: 1, baselineReps: 1 };

async function sequentially(stack) {
  for (const ref of stack.refs) await stack.fetcher.refreshNode(ref);
}

function assertLoaded(stack, vms) {
  for (const ref of stack.refs) {
    const tasks = stack.store.peekNode(ref)?.tasks;
    if (tasks?.error || tasks?.value?.length !== vms) throw new Error(`node ${ref.nodeId.slice(0, 8)} did not load: ${tasks?.error ?? 'no tasks'}`);
  }
}

/** How many nodes poll with a derived session. */
async function sessions(stack) {
  const kinds = await Promise.all(stack.refs.map((ref) => stack.access.forRead(ref.nodeId)));
  return kinds.filter((c) => c?.kind === 'session').length;
}

/**
 * A fresh stack (no derived sessions, no node info) refreshing everything once: what the first look costs,
 * until every node's rows are shown. The polling sessions are derived after that, off the measured path;
 * the next sample starts once they are (and they must all be there).
 */
async function firstRefresh(url, nodes, vms) {
  const stack = await createTreeStack({ url, nodeIds: benchNodeIds(nodes) });
  const t0 = performance.now();
  await stack.scheduler.refresh(undefined, { immediate: true });
  const ms = performance.now() - t0;
  assertLoaded(stack, vms);
  await stack.access.settled();
  const derived = await sessions(stack);
  if (derived !== nodes) throw new Error(`${derived} of ${nodes} polling sessions derived after the first refresh`);
  stack.scheduler.dispose();
  return ms;
}

/** One POST over a keep-alive node:http agent; resolves with the reply's bytes when the whole reply is in. */
function barePost(agent, url, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The floor of the warm refresh on this machine: the very requests of a warm refresh (captured from a
 * stack of its own, session-signed), sent at once by a bare node:http client that reads each reply and
 * does nothing with it. What is left above 1 RTT is the simulator's own work (and the machine's load),
 * which no client can save.
 */
async function bareClientFloor(url, nodes, reps) {
  let recording = false;
  const sent = [];
  const fetch = (u, init) => {
    if (recording) sent.push({ url: u, body: init.body });
    return nodeFetch(u, init);
  };
  const stack = await createTreeStack({ url, nodeIds: benchNodeIds(nodes), fetch });
  await stack.scheduler.refresh(undefined, { immediate: true });
  await stack.access.settled();
  recording = true;
  await stack.scheduler.refresh(undefined, { immediate: true });
  recording = false;
  stack.scheduler.dispose();
  const agent = new http.Agent({ keepAlive: true });
  try {
    const replies = await Promise.all(sent.map((r) => barePost(agent, r.url, r.body)));
    const failed = replies.filter((b) => JSON.parse(b.toString()).errcode !== 0).length;
    if (sent.length !== nodes + 1 || failed > 0) throw new Error(`the bare client's replay: ${sent.length} requests, ${failed} refused`);
    return await timeReps(() => Promise.all(sent.map((r) => barePost(agent, r.url, r.body))), { warmup: 0, reps });
  } finally {
    agent.destroy();
  }
}

export async function measureRefresh({ smoke }) {
  const { nodes, vms, latencyMs, reps, baselineReps } = smoke ? SMOKE : FULL;
  // gpuLatencyMs 0: the injected 300 ms is the only latency (the simulator adds its own GPU time otherwise).
  const sim = await startSimProcess({ scenario: benchScenario({ nodes, vms }), speed: 1, latencyMs, gpuLatencyMs: 0 });
  try {
    await sim.resetCounters();
    const firstSamples = [];
    for (let i = 0; i < (smoke ? 1 : 3); i++) firstSamples.push(await firstRefresh(sim.url, nodes, vms));
    const firstRequests = (await sim.counters()).total / firstSamples.length;
    const floorSamples = await bareClientFloor(sim.url, nodes, reps);
    const stack = await createTreeStack({ url: sim.url, nodeIds: benchNodeIds(nodes) });
    const ours = () => stack.scheduler.refresh(undefined, { immediate: true });
    // Warm-up: loads node info, derives the polling sessions (after the first refresh), lets the client
    // node's cap grow to what it keeps up with.
    await ours();
    await stack.access.settled();
    await ours();
    if ((await sessions(stack)) !== nodes) throw new Error('the warm refresh would not poll with sessions');
    assertLoaded(stack, vms);
    await sim.resetCounters();
    const samples = await timeReps(ours, { warmup: 0, reps });
    const requests = (await sim.counters()).total / reps;
    const cap = stack.scheduler.laneCap(stack.client.baseUrl);
    const baselineSamples = await timeReps(() => sequentially(stack), { warmup: 0, reps: baselineReps });
    assertLoaded(stack, vms);
    stack.scheduler.dispose();
    const label = `${nodes} nodes × ${vms} VMs, ${latencyMs} ms per request`;
    return {
      tree_refresh_50x10_ms: figure({
        label: `Tree refresh, ${label}`, samples, baselineSamples, unit: 'ms', digits: 0,
        baselineName: 'sequential, same client', target: { max: 1.2 * latencyMs, note: '1.2 × RTT' },
        detail: { requests_per_refresh: requests, lane_cap_after: cap, latency_ms: latencyMs },
      }),
      tree_refresh_50x10_floor_ms: figure({
        label: `Floor of the warm refresh: its ${requests} requests sent at once by a bare node:http client (replies read, not parsed)`, samples: floorSamples, unit: 'ms', digits: 0,
        detail: { what: 'the simulator and the machine, without any client work: the least any client could measure here', latency_ms: latencyMs },
      }),
      tree_first_refresh_50x10_ms: figure({
        label: `First tree refresh (no sessions derived yet), ${label}`, samples: firstSamples, unit: 'ms', digits: 0,
        target: { max: 2.5 * latencyMs, note: '2.5 × RTT' },
        detail: { requests: firstRequests, first_wave: 64, sessions_derived_after_rows: nodes },
      }),
    };
  } finally {
    await sim.stop();
  }
}
