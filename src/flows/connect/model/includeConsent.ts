// The one fenced Include line in the ssh config Remote-SSH reads: added only after the user agreed in
// a modal that shows the exact lines and the file. "Never" is remembered per file; "Not now" is not.
// Pure: the glue stores the remembered list in globalState.
import { ensureInclude } from '../../../ssh/core/includeLine';

export type IncludeStep = 'present' | 'ask' | 'skip';
export type IncludeAnswer = 'add' | 'notNow' | 'never';

export interface IncludeState {
  /** The file already carries our fenced Include of our config. */
  included: boolean;
  /** `remote.SSH.configFile` points at our file itself: nothing to include. */
  readsOurFile: boolean;
  /** The user chose "never" for this file. */
  declinedForever: boolean;
}

export function includeStep(s: IncludeState): IncludeStep {
  if (s.included || s.readsOurFile) return 'present';
  return s.declinedForever ? 'skip' : 'ask';
}

/** The remembered "never" list after an answer about `file`. */
export function afterAnswer(declined: readonly string[], file: string, answer: IncludeAnswer): string[] {
  const others = declined.filter((f) => f !== file);
  return answer === 'never' ? [...others, file] : answer === 'add' ? others : [...declined];
}

/** The exact lines we add at the top of the file (what the consent dialog shows). */
export function includeLines(ourConfig: string): string {
  return ensureInclude('', ourConfig).trimEnd();
}
