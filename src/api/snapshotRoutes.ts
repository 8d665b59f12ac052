// Snapshot routes come in two styles: verb first (`/snapshot/list/<task>`, what current nodes route,
// docs/dbc-protocol.md §3.1 and §13 Q9) and task first (`/snapshot/<task>`, what the user document
// shows). The client probes once per endpoint with the read-only list route and remembers the answer.
import { ClientNodeError, GpuNodeError } from './errors';

export type SnapshotRouteStyle = 'source' | 'seed';

export type SnapshotOp = { op: 'list'; task: string } | { op: 'info' | 'delete'; task: string; name: string } | { op: 'create'; task: string };

export function snapshotPath(style: SnapshotRouteStyle, s: SnapshotOp): string {
  if (style === 'source') {
    switch (s.op) {
      case 'list': return `/snapshot/list/${s.task}`;
      case 'info': return `/snapshot/list/${s.task}/${s.name}`;
      case 'create': return `/snapshot/create/${s.task}`;
      case 'delete': return `/snapshot/delete/${s.task}/${s.name}`;
    }
  }
  switch (s.op) {
    case 'list': return `/snapshot/${s.task}`;
    case 'info': return `/snapshot/${s.task}/${s.name}`;
    case 'create': return `/snapshot/${s.task}/create`;
    case 'delete': return `/snapshot/${s.task}/delete/${s.name}`;
  }
}

/**
 * What a verb-first list probe tells about the endpoint. A current node always answers a list with
 * errcode 0 and an array (an unknown task gives `[]`). A routing error from the client node, or a
 * GPU answer that is not a list, means the node reads the path task-first. An authority failure
 * says nothing about routing: the caller rethrows it and probes again next time.
 */
export function classifyProbe(result: { value: unknown } | { error: unknown }): SnapshotRouteStyle | 'inconclusive' {
  if ('value' in result) return Array.isArray(result.value) ? 'source' : 'seed';
  const err = result.error;
  if (err instanceof ClientNodeError) {
    const routing = err.kind === 'invalid-request' || err.kind === 'not-found' || /Unhandled request/.test(err.nodeMessage);
    return routing ? 'seed' : 'inconclusive';
  }
  if (err instanceof GpuNodeError) return err.isAuthority ? 'inconclusive' : 'seed';
  return 'inconclusive';
}
