// M1 with a peer (machine info, no auth) and M2 (the renter's session_id).
import { percent, scaleSize, sizeGb, str } from '../format';
import { SYSTEM_DISK_GB, type NodeState } from '../state';
import { currentBlock } from '../chain/chainView';
import { checkAuthority, sessionOf } from './authority';
import type { GpuCall } from './call';
import { authFailed, fail3, ok, type GpuDoc } from './doc';
import { listedImages } from './images';
import { holdsResources, usedCores, usedDiskGb, usedMemGb } from './resources';

/** The public IP with the first and third octets masked, e.g. `*.51.*.142`. */
function maskIp(ip: string): string {
  const o = ip.split('.');
  return o.length === 4 ? `*.${o[1]}.*.${o[3]}` : ip;
}

function gpuUsed(node: NodeState): number {
  return [...node.tasks.values()].filter((t) => holdsResources(t) && !t.status.endsWith('error'))
    .reduce((n, t) => n + t.gpuCount, 0);
}

export function nodeInfo(c: GpuCall): GpuDoc {
  const n = c.node;
  const memUsed = usedMemGb(n);
  const diskUsed = usedDiskGb(n);
  const images = listedImages(c.sim.state, n, str(c.env.additional, 'image_server'));
  return ok({
    version: n.version, node_type: '1', ip: maskIp(n.ip), os: n.os,
    cpu: { type: n.cpuModel, hz: '2900.000', cores: String(n.cpuCores), used_usage: percent(usedCores(n), n.cpuCores), physical_cpus: '2' },
    gpu: { gpu_count: String(n.gpuCount), gpu_used: String(gpuUsed(n)) },
    mem: { size: sizeGb(n.memGb), free: sizeGb(n.memGb - memUsed), used_usage: percent(memUsed, n.memGb) },
    disk_system: { type: 'SSD', size: sizeGb(SYSTEM_DISK_GB) },
    disk_data: [{ path: '/data', type: 'SSD', size: sizeGb(n.diskGb), free: sizeGb(n.diskGb - diskUsed), used_usage: percent(diskUsed, n.diskGb) }],
    images: images.map((i) => ({ image_name: i.name, image_size: scaleSize(i.sizeGb) })),
  });
}

/** M2: the session fields are not forwarded; only a WalletRenter of a rented machine gets the id. */
export function sessionId(c: GpuCall): GpuDoc {
  const sessions = c.node.sessions.length;
  const auth = checkAuthority(c.node, c.env, { useSession: false, strictNonces: c.sim.options.strictNonces, block: currentBlock(c.sim) });
  if (c.node.sessions.length !== sessions || auth.fetched) c.sim.changed();
  if (!auth.ok) return authFailed(auth.reason);
  if (auth.role !== 'WalletRenter') return fail3('check authority failed');
  const rec = sessionOf(c.node, auth.wallet);
  return rec ? ok({ session_id: rec.sessionId }) : fail3('no session id');
}
