// Drives the stitcher over a simulated log and records, per poll, what the ground truth says.
import {
  INITIAL_STITCH_STATE, type StitchResult, type StitchState, stitch,
} from '../../../../src/core/logStitch';
import { catchUpLineCount, nextLineCount } from '../../../../src/core/logWindow';
import { type SimCaps, type SimLine, SimulatedLog } from './simulatedLog';

export type Step =
  | { kind: 'append'; lines: string[]; requested: number }
  | { kind: 'restart'; lines: string[]; requested: number };

export interface PollRecord {
  window: SimLine[];
  result: StitchResult;
  /** Lines of the window that are not newer than the last emitted line (the true overlap). */
  known: number;
  /** Lines of the window that were emitted before (0: the window shares nothing with the output). */
  shared: number;
  /** Lines of the window emitted since the last gap marker. */
  sharedWithRun: number;
  /** The node used more lines for this window than for the previous one. */
  grew: boolean;
  /** Every line of the window is older than the lines emitted since the last gap marker. */
  beforeRun: boolean;
  /** The lines the stitcher appended, as ids. */
  freshIds: number[];
  /** Whether the appended lines are exactly the window's lines not emitted before. */
  exact: boolean;
  first: boolean;
}

export interface FollowRun {
  log: SimulatedLog;
  polls: PollRecord[];
  /** Every emitted line id, in emission order. */
  emitted: number[];
}

export class Follower {
  state: StitchState = INITIAL_STITCH_STATE;
  readonly polls: PollRecord[] = [];
  readonly emitted: number[] = [];
  private lastId = -1;
  private readonly seen = new Set<number>();
  private runIds = new Set<number>();
  private lastCount: number | undefined;

  constructor(readonly log: SimulatedLog, readonly caps: SimCaps) {}

  poll(requested: number): SimLine[] {
    const window = this.log.window(requested, this.caps);
    const first = !this.state.started;
    const result = stitch(this.state, { lines: window.map((l) => l.text), requested }, { caps: this.caps });
    this.state = result.state;
    const known = window.filter((l) => l.id <= this.lastId).length;
    const shared = window.filter((l) => this.seen.has(l.id)).length;
    const sharedWithRun = window.filter((l) => this.runIds.has(l.id)).length;
    const runStart = Math.min(...this.runIds);
    const beforeRun = window.length > 0 && window.every((l) => l.id < runStart);
    const count = Math.min(requested, this.caps.maxLines);
    const grew = this.lastCount !== undefined && count > this.lastCount;
    this.lastCount = count;
    const freshIds = window.slice(result.overlap).map((l) => l.id);
    const trulyNew = window.filter((l) => l.id > this.lastId).map((l) => l.id);
    const exact = JSON.stringify(freshIds) === JSON.stringify(trulyNew);
    this.polls.push({ window, result, known, shared, sharedWithRun, grew, beforeRun, freshIds, exact, first });
    this.emitted.push(...freshIds);
    for (const id of freshIds) this.seen.add(id);
    if (result.gap) this.runIds = new Set();
    for (const id of freshIds) this.runIds.add(id);
    if (freshIds.length > 0) this.lastId = Math.max(this.lastId, ...freshIds);
    return window;
  }

    /** A poll with an adaptive line count (nextLineCount); polls again at once when the count shrank. */
  pollAdaptive(count: number, rounds = 8): number {
    let n = count;
    for (let i = 0; i < rounds; i++) {
      const window = this.poll(n);
      const next = nextLineCount(window.map((l) => l.text), n, this.caps);
      if (next >= n) return next;
      n = next;
    }
    return n;
  }

  /** A poll, then catch-up polls while the window looks cut by the byte cap (current nodes). */
  pollWithCatchUp(requested: number, rounds = 8): void {
    let window = this.poll(requested);
    let asked = requested;
    for (let i = 0; i < rounds; i++) {
      const next = catchUpLineCount(window.map((l) => l.text), asked, this.caps);
      if (next === undefined) return;
      asked = next;
      window = this.poll(next);
    }
  }
}

export function follow(steps: readonly Step[], caps: SimCaps, unique = false): FollowRun {
  const log = new SimulatedLog(unique);
  const follower = new Follower(log, caps);
  for (const step of steps) {
    if (step.kind === 'restart') log.restart(step.lines);
    else log.append(step.lines);
    follower.poll(step.requested);
  }
  return { log, polls: follower.polls, emitted: follower.emitted };
}
