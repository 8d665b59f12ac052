// The markers a followed log shows where lines are missing.
import { label, type Localizable } from './messages';

export interface GapMarker {
  /**
   * `gap`: lines may be missing here; `restarted`: the log was rotated or truncated and starts over;
   * `blocked`: a line the node cannot send (a `"` or `\\` in it) hides the lines around it.
   */
  kind: 'gap' | 'restarted' | 'blocked';
  label: Localizable;
}

export function gapMarker(): GapMarker {
  return { kind: 'gap', label: label('logGap') };
}

export function restartedMarker(): GapMarker {
  return { kind: 'restarted', label: label('logRestarted') };
}

export function blockedMarker(): GapMarker {
  return { kind: 'blocked', label: label('logBlocked') };
}
