// The admin API over HTTP: JSON in, JSON out, under /__sim/ (outside /api/v1). See docs/simulator.md.
import type { Admin, NodePatch, RentOrderPatch } from '../admin';
import { isRecord } from '../format';
import type { Reply } from './reply';
import { errorMessage } from '../../util/errorMessage';

const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value, null, 2) });
const bad = (message: string): Reply => json(400, { error: message });
const notFound = (message: string): Reply => json(404, { error: message });

function body(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const v: unknown = JSON.parse(text);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function faults(admin: Admin, method: string, b: Record<string, unknown>): Reply {
  if (method === 'GET') return json(200, { faults: admin.faults() });
  const specs = Array.isArray(b.faults) ? b.faults : [b];
  return json(200, { added: specs.map((s) => admin.addFault(s)) });
}

function clearFaults(admin: Admin, b: Record<string, unknown>): Reply {
  const filter = { ...(typeof b.id === 'number' ? { id: b.id } : {}), ...(typeof b.kind === 'string' ? { kind: b.kind } : {}) };
  return json(200, { cleared: admin.clearFaults(filter) });
}

function taskRoute(admin: Admin, taskId: string, verb: string, b: Record<string, unknown>): Reply {
  if (verb === 'log') {
    const lines = b.lines;
    if (!Array.isArray(lines) || !lines.every((l) => typeof l === 'string')) return bad('body must be {"lines": ["…"]}');
    return admin.appendLog(taskId, lines) ? json(200, { appended: lines.length }) : notFound(`no task ${taskId}`);
  }
  if (verb === 'suspend') {
    const r = admin.suspend(taskId);
    return r === 'ok' ? json(200, { status: 'pmsuspend' }) : r === 'not found' ? notFound(`no task ${taskId}`) : bad('task is not running');
  }
  if (verb === 'guest') {
    const r = admin.guest(taskId, b);
    return r ? json(200, r) : notFound(`no task ${taskId}`);
  }
  return notFound(`unknown task action ${verb}`);
}

function dispatch(admin: Admin, method: string, segs: string[], b: Record<string, unknown>): Reply {
  const [head, id, verb] = segs;
  const post = method === 'POST';
  if (head === 'state' && (post || method === 'GET')) return json(200, admin.state());
  if (head === 'counters' && (post || method === 'GET')) return json(200, admin.counters());
  if (head === 'reset-counters' && post) return json(200, admin.resetCounters());
  if (head === 'speed' && post) {
    return typeof b.speed === 'number' && b.speed >= 0 ? json(200, { speed: admin.setSpeed(b.speed) }) : bad('body must be {"speed": <number >= 0>}');
  }
  if (head === 'advance' && post) {
    if (typeof b.ms !== 'number' || b.ms < 0) return bad('body must be {"ms": <number >= 0>}');
    admin.advance(b.ms);
    return json(200, { advanced_ms: b.ms });
  }
  if (head === 'faults' && segs.length === 1 && (post || method === 'GET')) return faults(admin, method, b);
  if (head === 'faults' && id === 'clear' && post) return clearFaults(admin, b);
  if (head === 'faults' && id && method === 'DELETE') return json(200, { cleared: admin.clearFaults({ id: Number(id) }) });
  if (head === 'tasks' && id && verb && post) return taskRoute(admin, decodeURIComponent(id), verb, b);
  if (head === 'chain' && post && b.block !== undefined) {
    return typeof b.block === 'number' ? json(200, { block: admin.setBlock(b.block) }) : bad('body must be {"block": <number>}');
  }
  if (head === 'chain' && (post || method === 'GET')) return json(200, { block: admin.block() });
  if (head === 'prune' && post) return json(200, admin.prune());
  if (head === 'nodes' && id && verb === 'rent_orders' && post) {
    const record = admin.putRentOrder(id, b as unknown as RentOrderPatch);
    return record ? json(200, { rent_order: record }) : notFound(`no node ${id}`);
  }
  if (head === 'nodes' && id && !verb && post) {
    return admin.updateNode(id, b as NodePatch) ? json(200, { updated: id }) : notFound(`no node ${id}`);
  }
  if (head === 'save' && post) {
    admin.save();
    return json(200, { saved: true });
  }
  return notFound(`unknown admin route ${method} /__sim/${segs.join('/')}`);
}

export function handleAdmin(admin: Admin, method: string, target: string, text: string): Reply {
  const path = target.split('?')[0].replace(/^\/__sim\/?/, '');
  const segs = path.split('/').filter((s) => s !== '');
  const b = body(text);
  if (!b) return bad('the body must be a JSON object');
  try {
    return dispatch(admin, method, segs, b);
  } catch (e) {
    return bad(errorMessage(e));
  }
}
