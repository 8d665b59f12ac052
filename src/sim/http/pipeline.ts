// One API request through the client node: routing, POST check, path and query checks, body and
// envelope parsing, the local routes, presence checks, node lookup, then forwarding (§2–§5.1).
import type { SimContext } from '../context';
import { atoi, isRecord, str } from '../format';
import type { LogQuery } from '../gpu/call';
import { findImageServer } from '../state';
import { authPresent, hasPeerNodeId, parseEnvelope, parseJsonBody, type Envelope } from './envelope';
import * as local from './clientNode';
import type { Forwarder, RealTimers } from './forward';
import { badRequest, invalidParams, type Reply } from './reply';
import { routeRequest, type RouteMatch } from './router';
import { routeInfo } from './routes';

export type Outcome = { reply: Reply } | { reset: true } | { hang: true };

export interface ApiRequest { method: string; target: string; body: string }

interface Ctx { sim: SimContext; forwarder: Forwarder; match: RouteMatch; logQuery?: LogQuery; forceReboot?: boolean }

/** T11's query rules: flag head|tail (default tail 100), line_num > 100 → 99, ≤ 0 → error. */
function parseLogQuery(query: Map<string, string>): LogQuery | Reply {
  let flag = query.get('flag') ?? '';
  let num = query.get('line_num') ?? '';
  if (flag === '') [flag, num] = ['tail', '100'];
  else if (flag !== 'head' && flag !== 'tail') return invalidParams('head_or_tail is invalid"');
  let lines = atoi(num === '' ? '100' : num);
  if (lines > 100) lines = 99;
  else if (lines <= 0) return invalidParams('invalid line num');
  return { direction: flag === 'head' ? 'head' : 'tail', lines };
}

/** `force_reboot`: true, or any integer other than 0. */
function forced(query: Map<string, string>): boolean {
  const v = query.get('force_reboot') ?? '';
  return v === 'true' || (/^-?\d+$/.test(v) && Number(v) !== 0);
}

const isReply = (v: unknown): v is Reply => isRecord(v) && typeof v.status === 'number';

function imageServerKnown(ctx: Ctx, env: Envelope, required: boolean): Reply | undefined {
  const id = str(env.additional, 'image_server');
  if (!required && id === '') return undefined;
  return findImageServer(ctx.sim.state, id) ? undefined : invalidParams('image_server not exist');
}

function presence(ctx: Ctx, env: Envelope): Reply | undefined {
  const mode = routeInfo(ctx.match.id).presence;
  if (mode === 'none' || authPresent(env, mode !== 'wallet-only')) return undefined;
  return invalidParams(mode === 'session-or-wallet' ? 'session_id and wallet all invalid' : 'wallet_sign and multisig_wallets all invalid');
}

async function toNode(ctx: Ctx, env: Envelope): Promise<Reply> {
  const node = ctx.sim.state.nodes.get(env.peerNodeId ?? '');
  const known = node && node.broadcasting && !ctx.sim.faults.take(['unknown-node'], ctx.match.id, env.peerNodeId);
  if (!node || !known) return badRequest(-32701, 'create node request failed');
  const extra = { ...(ctx.logQuery ? { logQuery: ctx.logQuery } : {}), ...(ctx.forceReboot ? { forceReboot: true } : {}) };
  return ctx.forwarder.forward({ sim: ctx.sim, node, env, match: ctx.match, ...extra });
}

/** Route-specific order of the client node's checks once the envelope is parsed. */
async function afterEnvelope(ctx: Ctx, env: Envelope): Promise<Reply> {
  const { sim } = ctx;
  const a = env.additional;
  switch (ctx.match.id) {
    case 'M1':
      if (env.peerListEmpty) return local.nodeListReply(sim);
      return imageServerKnown(ctx, env, false) ?? toNode(ctx, env);
    case 'I2':
      if (!hasPeerNodeId(env)) return local.serverImagesReply(sim, a);
      return imageServerKnown(ctx, env, false) ?? toNode(ctx, env);
    case 'I3': {
      const bad = imageServerKnown(ctx, env, true);
      if (bad) return bad;
      if (!hasPeerNodeId(env)) return local.clientUploadReply(sim, a);
      return presence(ctx, env) ?? toNode(ctx, env);
    }
    case 'I7':
      if (!hasPeerNodeId(env)) return local.clientUploadProgressReply(sim, a);
      break;
    case 'I8':
      if (!hasPeerNodeId(env)) return local.clientUploadStopReply(sim, a);
      break;
    case 'L1':
      if (env.peerListEmpty) return local.lanListReply(sim, ctx.match.lanName ?? '');
      return toNode(ctx, env);
    case 'L3':
      // `peer_nodes_list.empty()`, not has_peer_nodeid: [""] goes on (and fails to find the node).
      if (env.peerListEmpty) return invalidParams('peer_nodeid is empty');
      return toNode(ctx, env);
    default:
      break;
  }
  if (!hasPeerNodeId(env)) return invalidParams('peer_nodeid is empty');
  if (ctx.match.id === 'S3' || ctx.match.id === 'I4') {
    const bad = imageServerKnown(ctx, env, true);
    if (bad) return bad;
  }
  return presence(ctx, env) ?? toNode(ctx, env);
}

async function withBody(ctx: Ctx, body: string): Promise<Reply> {
  const info = routeInfo(ctx.match.id);
  if (body === '') return invalidParams('http request body is empty');
  const parsed = parseJsonBody(body, info.jsonOffset);
  if ('error' in parsed) return invalidParams(parsed.error);
  if (!isRecord(parsed.ok)) return invalidParams('invalid json');
  if (ctx.match.id === 'I1') return local.imageServersReply(ctx.sim);
  const env = parseEnvelope(parsed.ok);
  if ('error' in env) return invalidParams(info.parsePrefix + env.error);
  if (ctx.match.id === 'T3') env.ok.additional = rewriteOs(env.ok.additional);
  return afterEnvelope(ctx, env.ok);
}

/** The client node rewrites `"ubuntu"` → `"linux"` and `"win"` → `"windows"` for nodes newer than 0.3.9.7. */
function rewriteOs(additional: Record<string, unknown>): Record<string, unknown> {
  const text = JSON.stringify(additional).split('"ubuntu"').join('"linux"').split('"win"').join('"windows"');
  return JSON.parse(text) as Record<string, unknown>;
}

export interface PipelineDeps { sim: SimContext; forwarder: Forwarder; timers: RealTimers }

/** The target node of a request, read leniently before any validation (for node-scoped faults). */
function peekNodeId(body: string): string | undefined {
  try {
    const doc: unknown = JSON.parse(body);
    const list = isRecord(doc) ? doc.peer_nodes_list : undefined;
    return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : undefined;
  } catch {
    return undefined;
  }
}

export async function handleApiRequest(deps: PipelineDeps, req: ApiRequest): Promise<Outcome> {
  const { sim, forwarder } = deps;
  const routed = routeRequest(req.target, sim.options.snapshotRoutes);
  if ('reply' in routed || 'hang' in routed) {
    sim.counters.count(undefined);
    return routed;
  }
  const match = routed.match;
  sim.counters.count(match.id);
  const nodeId = peekNodeId(req.body);
  const latency = sim.faults.latency(match.id, nodeId);
  if (latency > 0) await deps.timers.wait(latency);
  if (sim.faults.take(['reset'], match.id, nodeId)) return { reset: true };
  if (match.id === 'V') return { reply: local.versionReply(sim) };
  if (req.method !== 'POST') return { reply: badRequest(-32600, 'only support POST request') };
  if (match.pathError) return { reply: invalidParams(match.pathError) };
  const ctx: Ctx = { sim, forwarder, match };
  if (match.id === 'T11') {
    const q = parseLogQuery(match.query);
    if (isReply(q)) return { reply: q };
    ctx.logQuery = q;
  }
  if (match.id === 'T8') ctx.forceReboot = forced(match.query);
  return { reply: await withBody(ctx, req.body) };
}
