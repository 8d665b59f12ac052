// M3 free memory and N1/N2 monitor servers on the GPU node (node_request_service.cpp
// `node_free_memory`, `monitor_server_list`, `monitor_server_set`; node_monitor_service.cpp).
import { utilSplit } from '../format';
import type { AuthedCall } from './call';
import { fail1, ok, type GpuDoc } from './doc';

/** M3: `echo 3 > /proc/sys/vm/drop_caches`, then `ok`. Any role that passed the authority check. */
export function freeMemory(c: AuthedCall): GpuDoc {
  c.node.cacheDroppedAt = c.sim.clock.now();
  c.sim.changed();
  return ok();
}

/** N1: the Zabbix servers set for the caller's wallet: `{"servers":["ip:port"]}`. */
export function listMonitors(c: AuthedCall): GpuDoc {
  return ok({ servers: c.node.monitors[c.wallet] ?? [] });
}

/**
 * N2 `setMonitorServer`: `servers` absent changes nothing; not an array, more than two, or an entry
 * that is not `host:port` (`util::split` on `:`, empty pieces dropped) is refused with errcode 1; non-strings are skipped.
 */
export function setMonitors(c: AuthedCall): GpuDoc {
  const a = c.env.additional;
  if (!('servers' in a)) return ok();
  const v = a['servers'];
  if (!Array.isArray(v)) return fail1('servers must be an array');
  if (v.length > 2) return fail1('can not enter more than two servers');
  const servers: string[] = [];
  for (const item of v) {
    if (typeof item !== 'string') continue;
    const parts = utilSplit(item, ':');
    if (parts.length !== 2) return fail1('server not match format ip:port');
    servers.push(`${parts[0]}:${parts[1]}`); // stored as host and port, listed as `host:port`
  }
  c.node.monitors[c.wallet] = servers;
  c.sim.changed();
  return ok();
}
