// Operating system and boot mode, read the way real nodes read them (protocol §8.1 #5, #6).
import { fieldIssue, type Issue } from './issue';
import { checkText } from './text';
import { readScalar } from './values';

export type OsKind = 'linux' | 'windows';

/**
 * The OS family a node derives from `operation_system`: lower-cased, containing "linux" or "ubuntu"
 * means Linux, containing "win" means Windows; anything else (e.g. "generic") is rejected.
 */
export function osKindOf(operationSystem: string): OsKind | undefined {
  const os = operationSystem.toLowerCase();
  if (os.includes('linux') || os.includes('ubuntu')) return 'linux';
  return os.includes('win') ? 'windows' : undefined;
}

/** The OS family of a create spec; an absent value means Linux (the node's default). */
export function specOsKind(operationSystem: unknown): OsKind | undefined {
  const v = readScalar(operationSystem);
  if (v.kind === 'absent') return 'linux';
  return v.kind === 'text' ? osKindOf(v.text) : undefined;
}

export function checkOperationSystem(field: string, value: unknown): Issue | undefined {
  const typeIssue = checkText(field, value);
  if (typeIssue || typeof value !== 'string' || value.trim() === '') return typeIssue;
  return osKindOf(value) ? undefined : fieldIssue(field, 'osUnsupported', value);
}

export const BIOS_MODES = ['legacy', 'uefi', 'pxe'] as const;
export type BiosMode = (typeof BIOS_MODES)[number];

/** The boot mode as the node reads it (lower-cased, default legacy), or undefined when invalid. */
export function biosModeOf(value: unknown): BiosMode | undefined {
  const v = readScalar(value);
  if (v.kind === 'absent') return 'legacy';
  if (v.kind !== 'text') return undefined;
  const mode = v.text.toLowerCase();
  return (BIOS_MODES as readonly string[]).includes(mode) ? (mode as BiosMode) : undefined;
}

export function checkBiosMode(field: string, value: unknown): Issue | undefined {
  const typeIssue = checkText(field, value);
  if (typeIssue || typeof value !== 'string' || value.trim() === '') return typeIssue;
  return biosModeOf(value) ? undefined : fieldIssue(field, 'biosUnsupported', value);
}
