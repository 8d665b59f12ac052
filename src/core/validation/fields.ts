// Field-level checks, so a multi-step UI can validate each input as it is typed.
import { checkCreateField, createPortClaims, type CreateField, isCreateField } from './createSpec';
import { type Issue } from './issue';
import { checkModifyField, isModifyField, type ModifyField, modifyPortClaims } from './modifySpec';
import { clashesOf } from './ports';
import { checkSnapshotField, type SnapshotContext, type SnapshotField, SNAPSHOT_FIELDS } from './snapshotSpec';

export type SpecField = CreateField | ModifyField | SnapshotField;

export interface FieldContext extends SnapshotContext {
  /**
   * The values entered so far in the same create or modify spec. Rules that depend on other fields use
   * them: whether `ssh_port` or `rdp_port` is required (OS, public IP), port clashes, equal login ports.
   */
  spec?: Record<string, unknown>;
}

/**
 * The issues of one field (empty when valid). Scalar fields give at most one issue; list fields give one
 * per bad entry, named `<field>[i]`.
 */
export function validateField(field: SpecField, value: unknown, context: FieldContext = {}): Issue[] {
  const spec = { ...(context.spec ?? {}), [field]: value };
  if (isCreateField(field)) {
    const issues = checkCreateField(field, value, spec);
    return issues.length > 0 ? issues : clashesOf(field, createPortClaims(spec));
  }
  if (isModifyField(field)) {
    const issues = checkModifyField(field, value, spec);
    return issues.length > 0 ? issues : clashesOf(field, modifyPortClaims(spec));
  }
  if ((SNAPSHOT_FIELDS as readonly string[]).includes(field)) {
    return checkSnapshotField(field, value, context);
  }
  return [];
}
