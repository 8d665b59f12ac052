// Forwarding to a GPU node: the client node's 30 s timer, the GPU's handling time, reply faults,
// and the relay of the GPU document (which the client node re-parses before answering 200).
import type { SimContext } from '../context';
import type { Fault } from '../faults';
import type { GpuCall } from '../gpu/call';
import { serializeDoc, type GpuDoc } from '../gpu/doc';
import { handleGpu } from '../gpu/dispatch';
import { clientError, relayed, badRequest, type Reply } from './reply';
import { routeInfo, TRANSITION_ROUTES } from './routes';

/** `MAX_SESSION_COUNT`: pending forwarded requests per client node. */
const MAX_PENDING = 1024;

export type Cancellable = Promise<void> & { cancel(): void };

export interface RealTimers {
  /** Resolves after `ms` real milliseconds, unless cancelled (or the simulator closes). */
  wait(ms: number): Cancellable;
}

type Forwardable = Omit<GpuCall, 'flags'>;

function timeoutReply(c: Forwardable): Reply {
  return clientError(500, -1, routeInfo(c.match.id).timeout);
}

function parseErrorReply(c: Forwardable): Reply {
  return clientError(500, -1, routeInfo(c.match.id).parseError);
}

export class Forwarder {
  private pending = 0;

  constructor(private readonly sim: SimContext, private readonly timers: RealTimers) {}

  async forward(c: Forwardable): Promise<Reply> {
    if (this.pending >= MAX_PENDING) return badRequest(-32701, 'create request session failed');
    this.pending++;
    try {
      return await this.exchange(c);
    } finally {
      this.pending--;
    }
  }

  private take(kind: Fault['kind'], c: Forwardable): boolean {
    return this.sim.faults.take([kind], c.match.id, c.node.nodeId) !== undefined;
  }

  private async exchange(c: Forwardable): Promise<Reply> {
    const timeoutMs = this.sim.options.clientTimeoutMs;
    // The request never reaches the GPU node (or its reply is dropped before the node acts).
    if (this.take('timeout', c)) {
      await this.timers.wait(timeoutMs);
      return timeoutReply(c);
    }
    const id = c.match.id;
    const flags = {
      foreignVms: ['T3', 'T4', 'T8'].includes(id) && this.take('foreign-vms', c),
      vmError: TRANSITION_ROUTES.has(id) && this.take('vm-error', c),
    };
    const applied = this.take('timeout-applied', c);
    const gpu = this.runGpu({ ...c, flags });
    const expiry = this.timers.wait(timeoutMs);
    if (applied) {
      // The GPU node acts, but its reply is lost: the client still sees the timeout.
      await Promise.all([gpu, expiry]);
      return timeoutReply(c);
    }
    const doc = await Promise.race([gpu, expiry.then(() => undefined)]);
    expiry.cancel();
    if (!doc) return timeoutReply(c);
    return this.relay(c, doc);
  }

  private async runGpu(c: GpuCall): Promise<GpuDoc | undefined> {
    if (this.sim.options.gpuLatencyMs > 0) await this.sim.clock.sleep(this.sim.options.gpuLatencyMs);
    try {
      return await handleGpu(c);
    } catch (e) {
      this.sim.log(`GPU handler ${c.match.id} crashed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return undefined;
    }
  }

  private relay(c: Forwardable, doc: GpuDoc): Reply {
    if (this.take('parse-error', c)) return parseErrorReply(c);
    this.take('unescaped-json', c); // always so now: kept so that older scenarios and scripts still load
    // The GPU node builds its replies by concatenating strings without escaping (node_request_service.cpp);
    // a `"` or `\` in a description or a log line makes the client node's parse fail.
    const text = serializeDoc(doc, false);
    try {
      JSON.parse(text);
    } catch {
      return parseErrorReply(c);
    }
    return relayed(text);
  }
}
