// Validation of the `additional` of snapshot create (S3): name, description and image server (the node
// always snapshots vda: there is no disk choice).
import { type CreateSnapshotSpec } from '../../api/types';
import { fieldIssue, firstPerField, type Issue } from './issue';
import { checkSafeText, checkText } from './text';
import { typeName } from './values';

export type SnapshotField = keyof CreateSnapshotSpec;

export interface SnapshotContext {
  /** The client node's image-server IDs (I1). When given, `image_server` must be one of them. */
  imageServers?: readonly string[];
}

/** Snapshot names become file names and URL path segments (the node does no URL-decoding). */
const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkSnapshotName(field: string, value: unknown): Issue | undefined {
  const typeIssue = checkText(field, value, true);
  if (typeIssue || typeof value !== 'string') return typeIssue;
  return SNAPSHOT_NAME.test(value) ? undefined : fieldIssue(field, 'snapshotName', value);
}

export function checkImageServer(field: string, value: unknown, context: SnapshotContext = {}): Issue | undefined {
  const typeIssue = checkText(field, value, true);
  if (typeIssue || typeof value !== 'string' || !context.imageServers) return typeIssue;
  const known = context.imageServers;
  if (known.length === 0) return fieldIssue(field, 'imageServerNone');
  return known.includes(value) ? undefined : fieldIssue(field, 'imageServerUnknown', known.join(', '), value);
}

export const SNAPSHOT_FIELDS: readonly SnapshotField[] = ['snapshot_name', 'description', 'image_server'];

export function checkSnapshotField(field: SnapshotField, value: unknown, context: SnapshotContext = {}): Issue[] {
  const one = (issue: Issue | undefined): Issue[] => (issue ? [issue] : []);
  switch (field) {
    case 'snapshot_name': return one(checkSnapshotName(field, value));
    case 'description': return one(checkSafeText(field, value));
    case 'image_server': return one(checkImageServer(field, value, context));
  }
}

/** Every problem of a snapshot spec, at most one per field. Empty means valid. */
export function validateSnapshotSpec(
  spec: CreateSnapshotSpec | Record<string, unknown>,
  context: SnapshotContext = {},
): Issue[] {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return [fieldIssue('additional', 'notObject', typeName(spec))];
  }
  const s = spec as Record<string, unknown>;
  return firstPerField(SNAPSHOT_FIELDS.flatMap((f) => checkSnapshotField(f, s[f], context)));
}
