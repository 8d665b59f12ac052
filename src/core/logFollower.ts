// Following a task's operation log (T11 tail windows), editor-free: used by `dbc vm logs --follow`, the
// benchmark, and the extension's "Follow" output channel.
//
//   followLog({ fetchWindow, onEvent, signal?, isGone?, onError?, sleep?, timing?, caps? }): Promise<FollowEnd>
//     fetchWindow(lineCount, signal) → the tail window's lines (lineCount is 1–100).
//     onEvent({ lines, gap?, source }): lines to append, after a gap marker when `gap` is set (its
//       `label` is localizable); `source` says which fetched window (and where in it) they come from.
//     isGone(error) → true when a failed fetch means the VM no longer exists: following stops ('gone').
//     onError(error): any other failure; return to poll again after the usual delay, throw to stop.
//     Resolves 'aborted' once `signal` aborts, or 'gone'.
//
//   followTaskLog(fetchLog, { onLines, onGap, … }): the same over a client-like fetch returning
//     `{ log_content }` (DbcClient.taskLogs bound to a node, task and credential).
//
// Each window is placed by logStitch.ts. A window the byte cap cut short of the end of the log (nodes read
// forward from N lines back and stop at 1 or 8 KiB) is followed at once by a catch-up request sized to start
// on the last line printed, with that as the stitcher's `maxOverlap` hint. A catch-up that misses (the log
// grew meanwhile) prints nothing and is asked again with more overlap, so catch-ups never open a gap; only a
// full window after a delay can. Otherwise the follower waits nextPollDelay (logPolling.ts): fast while
// lines arrive, backing off when idle. Caps are learned: 1 KiB (old nodes) until a window holds more, then
// 8 KiB.
import { isNotExist } from '../api/errors';
import { nextPollDelay, type PollTiming } from './logPolling';
import { type GapMarker, INITIAL_STITCH_STATE, stitch, type StitchResult, type StitchState } from './logStitch';
import { catchUpLineCount, contentBytes, CURRENT_NODE_CAPS, DEFAULT_LINE_COUNT, type LogCaps, looksCut, OLD_NODE_CAPS } from './logWindow';

export type FollowEnd = 'aborted' | 'gone';

export interface FollowEvent {
  /** Sanitized log lines to print, after `gap` when it is set. */
  lines: string[];
  gap?: GapMarker;
  /** The lines are lines [offset, offset + lines.length) of the window of fetch number `window` (from 0). */
  source: { window: number; offset: number };
}

export interface FollowHooks {
  signal?: AbortSignal;
  isGone?: (error: unknown) => boolean | Promise<boolean>;
  onError?: (error: unknown) => void | Promise<void>;
  /** Default: a timer that ends early when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  timing?: Partial<PollTiming>;
  /** The node's caps if known; by default learned from the windows. */
  caps?: LogCaps;
}

export interface FollowOptions extends FollowHooks {
  fetchWindow: (lineCount: number, signal?: AbortSignal) => Promise<readonly string[]>;
  onEvent: (event: FollowEvent) => void;
}

/** Catch-up requests in a row, at most, before the usual delay (a node whose log never stops growing). */
export const MAX_AT_ONCE = 20;

interface Request {
  lines: number;
  /** A catch-up request: for what the byte cap cut off the end of the previous window. */
  catchUp?: boolean;
}

/** Largest extra overlap of a catch-up request (it doubles after each miss and halves after each hit). */
const MAX_MARGIN = 31;

interface Placed {
  window: readonly string[];
  /** The line count the window was asked with. */
  lines: number;
  result: StitchResult;
  seq: number;
}

/** The stitching state of one follow: which window to ask for next and what to print for a window. */
export class LogFollowState {
  private state: StitchState = INITIAL_STITCH_STATE;
  private caps: LogCaps;
  private readonly learnCaps: boolean;
  /** The last window printed from: catch-up requests are sized from it. */
  private basis: Placed | undefined;
  /** A full window cut short that matched nothing: older lines, or new ones behind a gap (see take). */
  private island: Placed | undefined;
  private margin = 0;

  constructor(caps?: LogCaps) {
    this.caps = caps ?? OLD_NODE_CAPS;
    this.learnCaps = caps === undefined;
  }

  /** Places `window` (the reply to `request`); returns the event to print and the catch-up to ask for at once, if any. */
  take(request: Request, window: readonly string[], seq: number): { event?: FollowEvent; catchUp?: Request } {
    // The node adds a line while the content without that line's quotes and comma stays under the cap.
    if (this.learnCaps && contentBytes(window) - 3 >= this.caps.maxBytes) this.caps = CURRENT_NODE_CAPS;
    const placed: Placed = { window, lines: request.lines, seq, result: stitch(this.state, { lines: window, requested: request.lines }, { caps: this.caps }) };
    if (!request.catchUp) {
      this.island = undefined;
      this.margin = 0;
      // A full window starts up to 100 lines back: after catch-ups it may lie wholly before what was printed
      // among lines it cannot be matched with. Whether it is old or new shows when the walk reaches the end.
      if (placed.result.gap && this.state.started && looksCut(window, request.lines, this.caps)) {
        this.island = placed;
        return { catchUp: this.catchUp(placed) };
      }
      return this.print(placed);
    }
    if (!placed.result.gap && window.length > 0) {
      this.island = undefined;
      this.margin = Math.floor(this.margin / 2);
      return this.print(placed);
    }
    // The catch-up does not continue what was printed (or is empty: a line above the byte cap starts it):
    // the log grew past where it should have started, or the island is new. Ask again with more overlap;
    // when that cannot help, print the island behind its gap.
    if (this.margin < MAX_MARGIN) {
      this.margin = this.margin * 2 + 1;
      const from = this.island ?? this.basis;
      return { catchUp: from && this.catchUp(from) };
    }
    this.margin = 0;
    const island = this.island;
    this.island = undefined;
    return island ? this.print(island) : {};
  }

  private print(placed: Placed): { event?: FollowEvent; catchUp?: Request } {
    const { result, window, seq } = placed;
    this.state = result.state;
    if (window.length > 0) this.basis = placed;
    const event = result.lines.length > 0 || result.gap
      ? { lines: result.lines, gap: result.gap, source: { window: seq, offset: window.length - result.lines.length } }
      : undefined;
    return { event, catchUp: this.basis && this.catchUp(this.basis) };
  }

  /** A request for what the byte cap cut off the end of `from`, starting `margin` lines before its last line. */
  private catchUp(from: Placed): Request | undefined {
    const lines = catchUpLineCount(from.window, from.lines, this.caps);
    if (lines === undefined) return undefined;
    return { lines: lines + Math.min(this.margin, DEFAULT_LINE_COUNT - lines), catchUp: true };
  }
}

export async function followLog(o: FollowOptions): Promise<FollowEnd> {
  const follow = new LogFollowState(o.caps);
  const sleep = o.sleep ?? timerSleep;
  let request: Request = { lines: DEFAULT_LINE_COUNT };
  let delay: number | undefined;
  let appended = 0;
  let atOnce = 0;
  for (let seq = 0; !o.signal?.aborted; seq++) {
    const window = await fetchOrFail(o, request.lines);
    if (window === 'gone') return 'gone';
    if (o.signal?.aborted) break;
    const step = window ? follow.take(request, window, seq) : {};
    if (step.event) {
      o.onEvent(step.event);
      appended += step.event.lines.length + (step.event.gap ? 1 : 0);
    }
    if (step.catchUp && ++atOnce < MAX_AT_ONCE) {
      request = step.catchUp;
      continue;
    }
    request = { lines: DEFAULT_LINE_COUNT };
    delay = nextPollDelay(delay, appended, o.timing);
    appended = 0;
    atOnce = 0;
    await sleep(delay, o.signal);
  }
  return 'aborted';
}

/** The window, undefined after a failure to retry, 'gone' when the VM is. */
async function fetchOrFail(o: FollowOptions, lines: number): Promise<readonly string[] | undefined | 'gone'> {
  try {
    return await o.fetchWindow(lines, o.signal);
  } catch (error) {
    if (o.signal?.aborted) return undefined;
    if (await o.isGone?.(error)) return 'gone';
    if (!o.onError) throw error;
    await o.onError(error);
    return undefined;
  }
}

function timerSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * For `isGone`: a log read that failed with "… not exist" means the VM is gone only if task info says so
 * too (the node also answers so for a log that does not exist yet). Any other answer: not gone, poll on.
 */
export async function goneAfterCheck(error: unknown, readInfo: () => Promise<unknown>): Promise<boolean> {
  if (!isNotExist(error)) return false;
  try {
    await readInfo();
    return false;
  } catch (e) {
    return isNotExist(e);
  }
}

export interface TaskLogHooks extends FollowHooks {
  onLines: (lines: string[]) => void;
  onGap: (gap: GapMarker) => void;
}

export type FetchTaskLog = (lineCount: number, signal?: AbortSignal) => Promise<{ log_content: readonly string[] }>;

/** followLog for a client-like fetch (see the top of this file). */
export function followTaskLog(fetchLog: FetchTaskLog, hooks: TaskLogHooks): Promise<FollowEnd> {
  const { onLines, onGap, ...rest } = hooks;
  return followLog({
    ...rest,
    fetchWindow: async (lineCount, signal) => (await fetchLog(lineCount, signal)).log_content,
    onEvent: (e) => {
      if (e.gap) onGap(e.gap);
      if (e.lines.length > 0) onLines(e.lines);
    },
  });
}
