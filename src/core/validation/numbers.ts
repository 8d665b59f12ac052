import { fieldIssue, type Issue } from './issue';
import { parseDigits, readScalar } from './values';

/** The node reads counts with C `atoi` into an int. */
export const MAX_COUNT = 2147483647;

export interface WholeRule {
  /** 0 for "≥ 0" fields (gpu_count), 1 for "> 0" fields (cpu_cores, mem_size, disk_size). */
  min: 0 | 1;
  required: boolean;
}

/** A whole-number field such as `gpu_count` or `mem_size`. */
export function checkWhole(field: string, value: unknown, rule: WholeRule): Issue | undefined {
  const v = readScalar(value);
  if (v.kind === 'absent') return rule.required ? fieldIssue(field, 'required') : undefined;
  if (v.kind === 'invalid') return fieldIssue(field, 'notScalar', v.type);
  const n = parseDigits(v.text);
  if (n === undefined || n < rule.min) {
    return fieldIssue(field, rule.min === 0 ? 'wholeNonNegative' : 'wholePositive', v.text);
  }
  return n > MAX_COUNT ? fieldIssue(field, 'tooLarge', MAX_COUNT, v.text) : undefined;
}

/** Canonical decimal text of a valid whole number ("08" → "8"); other text is returned unchanged. */
export function canonicalWhole(text: string): string {
  const n = parseDigits(text);
  return n === undefined || n > MAX_COUNT ? text : String(n);
}
