// L1–L3 on the GPU node (node_request_service.cpp `list_lan`, `create_lan`, `delete_lan`).
import { str } from '../format';
import type { AuthedCall, GpuCall } from './call';
import { fail3, ok, type GpuDoc } from './doc';
import { createNetwork, deleteNetwork, networkView } from './lan';

const MAX_LISTED = 31;

/** L1 via a GPU node: no authority check; all networks (at most 31) as a bare array, or one by name. */
export function listLan(c: GpuCall): GpuDoc {
  const name = c.match.lanName ?? '';
  if (name === '') return ok(c.sim.state.networks.slice(0, MAX_LISTED).map(networkView));
  const network = c.sim.state.networks.find((n) => n.name === name);
  return network ? ok(networkView(network)) : fail3('network name not exist');
}

/** L2: `additional {"network_name","ip_cidr"}`; renters only; errors -3. */
export function createLan(c: AuthedCall): GpuDoc {
  const a = c.env.additional;
  const error = createNetwork(c.sim.state.networks, c.node.nodeId, str(a, 'network_name'), str(a, 'ip_cidr'), c.wallet, c.sim.clock.now());
  if (error) return fail3(error);
  c.sim.changed();
  return ok();
}

/** L3: only the wallet that created it, only when no VM is in it; errors -3. */
export function deleteLan(c: AuthedCall): GpuDoc {
  const error = deleteNetwork(c.sim.state.networks, c.match.lanName ?? '', c.wallet);
  if (error) return fail3(error);
  c.sim.changed();
  return ok();
}
