// What a GPU-side handler receives: the node it runs on, the decoded request and the caller.
import type { SimContext } from '../context';
import type { Envelope } from '../http/envelope';
import type { RouteMatch } from '../http/router';
import type { NodeState } from '../state';
import type { Role } from './authority';

export interface GpuFlags {
  /** Foreign VMs keep running: create/start/restart fail after the ~20 s wait. */
  foreignVms: boolean;
  /** The transition started by this request ends in its error status. */
  vmError: boolean;
}

export interface LogQuery { direction: 'head' | 'tail'; lines: number }

export interface GpuCall {
  sim: SimContext;
  node: NodeState;
  env: Envelope;
  match: RouteMatch;
  flags: GpuFlags;
  logQuery?: LogQuery;
  forceReboot?: boolean;
}

/** A call whose caller passed `check_authority`. */
export interface AuthedCall extends GpuCall {
  role: Role;
  wallet: string;
}
