// The GPU node's request handling: authorize as each route requires, then run its handler.
import type { RouteId } from '../http/routes';
import { currentBlock } from '../chain/chainView';
import { checkAuthority } from './authority';
import type { AuthedCall, GpuCall } from './call';
import { authFailed, fail3, type GpuDoc } from './doc';
import { deleteImage, downloadImage, listImages, stopTransfer, transferProgress, uploadImage } from './images';
import { modifyTask, setPassword } from './modify';
import { nodeInfo, sessionId } from './nodeInfo';
import { rentOrders } from './rentOrders';
import { addDisk, deleteDisk, listDisks, resizeDisk } from './disks';
import { createLan, deleteLan, listLan } from './lanRoutes';
import { freeMemory, listMonitors, setMonitors } from './nodeServices';
import { createSnapshot, deleteSnapshot, listSnapshots } from './snapshots';
import { deleteTask, vmAction } from './taskActions';
import { createTask } from './taskCreate';
import { getTask, listTasks, taskLogs } from './taskQueries';

type Handler = (c: AuthedCall) => GpuDoc | Promise<GpuDoc>;

const AUTHED: Partial<Record<RouteId, Handler>> = {
  T1: listTasks, T2: getTask, T3: createTask, T4: vmAction, T5: vmAction, T6: vmAction, T7: vmAction,
  T8: vmAction, T9: vmAction, T10: deleteTask, T11: taskLogs, T12: modifyTask, T13: setPassword,
  S1: listSnapshots, S2: listSnapshots, S3: createSnapshot, S4: deleteSnapshot,
  I3: uploadImage, I4: downloadImage, I5: (c) => transferProgress(c, 'download'), I6: (c) => stopTransfer(c, 'download'),
  I7: (c) => transferProgress(c, 'upload'), I8: (c) => stopTransfer(c, 'upload'), I9: deleteImage,
  M3: freeMemory, D1: listDisks, D2: resizeDisk, D3: addDisk, D4: deleteDisk, L2: createLan, L3: deleteLan,
  N1: listMonitors, N2: setMonitors,
};

/** Routes that refuse a committee Verifier: `check authority failed: ` with the (empty) reason of its success. */
const RENTERS_ONLY = new Set<RouteId>(['D1', 'D2', 'D3', 'D4', 'L2', 'L3', 'N1', 'N2']);

const SNAPSHOT_ROUTES = new Set<RouteId>(['S1', 'S2', 'S3', 'S4']);

export async function handleGpu(c: GpuCall): Promise<GpuDoc> {
  const id = c.match.id;
  if (id === 'M1') return nodeInfo(c);
  if (id === 'M2') return sessionId(c);
  if (id === 'R1') return rentOrders(c);
  if (id === 'L1') return listLan(c); // its check_authority is commented out in the node
  const sessions = c.node.sessions.length;
  const auth = checkAuthority(c.node, c.env, { strictNonces: c.sim.options.strictNonces, block: currentBlock(c.sim) });
  // a first WalletRenter login created a session id, or the named order was fetched into the cache
  if (c.node.sessions.length !== sessions || auth.fetched) c.sim.changed();
  if (id === 'I2') return listImages(c); // auth is optional here, but the nonce is still consumed
  if (!auth.ok) return authFailed(auth.reason);
  if (SNAPSHOT_ROUTES.has(id) && auth.role === 'Verifier') return fail3('check authority failed');
  if (RENTERS_ONLY.has(id) && auth.role === 'Verifier') return authFailed('');
  const handler = AUTHED[id];
  if (!handler) return fail3(`route ${id} is not handled by the GPU node`);
  return handler({ ...c, role: auth.role, wallet: auth.wallet });
}
