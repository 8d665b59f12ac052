// What Create VM needs to know about a GPU node before asking anything: its images (node info and the
// renter's image list), free GPUs, sizes, and the host ports of every VM on it (from their details,
// fetched once and cached, so the port planner avoids stopped VMs too).
import type { ExistingTask } from '../../core/portPlanner';
import { nodeName } from '../../tree/model/present';
import type { NodeRef } from '../../config/model/refs';
import type { CommandServices } from '../commandServices';
import { sizeGb, type CreateFacts } from './model/createDraft';

/** The node's VMs with their ports; VMs whose details cannot be read are left out. */
export async function existingTasks(svc: CommandServices, ref: NodeRef): Promise<ExistingTask[]> {
  if (!svc.store.peekNode(ref)?.tasks?.value) await svc.refreshNodes([ref], { immediate: true });
  const tasks = svc.store.peekNode(ref)?.tasks?.value ?? [];
  const infos = await Promise.all(tasks.map((task) => svc.fetcher.taskInfo({ ...ref, taskId: task.task_id }, 10 * 60_000).catch(() => undefined)));
  return infos.filter((i): i is NonNullable<typeof i> => i !== undefined);
}

function images(svc: CommandServices, ref: NodeRef): { name: string; size?: string }[] {
  const data = svc.store.peekNode(ref);
  const all = [...(data?.info?.value?.images ?? []), ...(data?.images?.value ?? [])];
  const seen = new Map<string, string | undefined>();
  for (const i of all) if (i.image_name && !seen.has(i.image_name)) seen.set(i.image_name, i.image_size);
  return [...seen].map(([name, size]) => ({ name, size }));
}

/** A per-GPU rental of the node: its rent order and leased GPU count (none for a whole machine). */
async function leaseOf(svc: CommandServices, ref: NodeRef): Promise<CreateFacts['lease']> {
  const wallet = svc.access.identity(ref.nodeId)?.address;
  if (!wallet) return undefined;
  const view = await svc.rentOrders.current(ref, wallet).catch(() => undefined);
  return view?.id && view.entry ? { order: view.id, gpus: view.entry.gpu_index.length } : undefined;
}

async function networksOf(svc: CommandServices, ref: NodeRef): Promise<CreateFacts['networks']> {
  await svc.fetcher.load({ kind: 'networks', endpoint: ref.endpoint });
  return (svc.store.endpoint(ref.endpoint).networks?.value ?? []).map((n) => ({ name: n.network_name, cidr: n.ip_cidr, members: n.members.length }));
}

export async function readFacts(svc: CommandServices, ref: NodeRef): Promise<CreateFacts> {
  const [tasks, lease, networks] = await Promise.all([
    existingTasks(svc, ref), leaseOf(svc, ref), networksOf(svc, ref), svc.fetcher.nodeInfo(ref), svc.fetcher.load({ kind: 'nodeImages', ref }),
  ]);
  const info = svc.store.peekNode(ref)?.info?.value;
  const total = Number(info?.gpu?.gpu_count ?? 0) || 0;
  const free = Math.max(0, total - (Number(info?.gpu?.gpu_used ?? 0) || 0));
  const data = info?.disk_data?.find((d) => d.path === '/data') ?? info?.disk_data?.[0];
  return {
    nodeName: nodeName(svc.modelContext(), ref),
    images: images(svc, ref),
    gpuTotal: total,
    gpuFree: free,
    cpuCores: Number(info?.cpu?.cores) || undefined,
    memGb: sizeGb(info?.mem?.size),
    diskFreeGb: sizeGb(data?.free),
    tasks,
    lease,
    networks,
  };
}
