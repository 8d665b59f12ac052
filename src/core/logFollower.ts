// Following a task's operation log (T11 tail windows), editor-free: used by `dbc vm logs --follow`, the
// benchmark, and the extension's "Follow" output channel.
//
//   followLog({ fetchWindow, onEvent, signal?, isGone?, onError?, sleep?, timing?, caps? }): Promise<FollowEnd>
//     fetchWindow(lineCount, signal) → the tail window's lines (lineCount is 1–100).
//     onEvent({ lines, gap?, source }): lines to append, after a marker when `gap` is set (its `label` is
//       localizable); `source` says which fetched window (and where in it) they come from.
//     isGone(error) → true when a failed fetch means the VM no longer exists: following stops ('gone').
//     onError(error): any other failure; return to poll again after the usual delay, throw to stop.
//     Resolves 'aborted' once `signal` aborts, or 'gone'.
//
//   followTaskLog(fetchLog, { onLines, onGap, … }): the same over a client-like fetch returning
//     `{ log_content }` (DbcClient.taskLogs bound to a node, task and credential).
//
// A node answers `line_num=N` with the lines from N back, read forward until its byte cap (1 or 8 KiB), so
// a large window misses the newest lines. Each poll therefore asks first for the newest lines — as many as
// fit under the cap — and reaches further back only while it has not found where the printed lines end
// (logPollMap.ts places every window of a poll by distance from the end of the log). It prints only once
// that place is found on a line that cannot match by chance (16 bytes or more, seen once: never on repeated
// short lines, however many), or once it has looked back as far as the node lets it (100 lines): then the
// lines it saw go behind a gap marker. A window cut by the byte cap is placed where it was asked for when
// the log held that many lines before and the cap explains where it ends. The first request of a poll
// reaches back to the last such long printed line when that fits, so an idle poll usually costs one request.
// The earliest agreeing place is taken, so an old line is never printed again. A line the node cannot put
// in its reply (a `"` or `\`: HTTP 500 `response parse error`) fails every window that holds it: the
// follower steps to windows after it and says so with a marker. Between polls it waits nextPollDelay
// (logPolling.ts): fast while lines arrive, backing off to 8 s when idle.
import { ClientNodeError, isNotExist } from '../api/errors';
import { nextPollDelay, type PollTiming } from './logPolling';
import { DISTINCT_BYTES, HIDDEN, MAX_DISTANCE, PollMap, type Seen, UNREADABLE } from './logPollMap';
import { blockedMarker, type GapMarker, gapMarker, restartedMarker } from './logMarkers';
import { contentBytes, CURRENT_NODE_CAPS, type LogCaps, OLD_NODE_CAPS, sanitizeLogLine, utf8Length } from './logWindow';

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
  /** Lines of the log as it is when following starts to show first (1–100, default 100). */
  firstLines?: number;
}

export interface FollowOptions extends FollowHooks {
  fetchWindow: (lineCount: number, signal?: AbortSignal) => Promise<readonly string[]>;
  onEvent: (event: FollowEvent) => void;
}

/** Requests in one poll, at most: reaching 100 lines back through windows of one or two long lines under a 1 KiB cap. */
export const MAX_PER_POLL = 120;
/** Printed lines kept to find where the next poll's lines start. */
const RUN_KEPT = 300;
/** Lines a window shares with the lines already seen, to notice the log moving between two requests. */
const OVERLAP = 3;

/** The reply to one request: the window's lines, a failure already reported, or a window the node cannot send. */
export type Fetched = readonly string[] | 'failed' | 'blocked';

/** Whether a failed log read is the client node failing to parse the GPU node's reply (a line with `"` or `\`). */
export function isUnencodableLine(error: unknown): boolean {
  return error instanceof ClientNodeError && /response parse error/i.test(error.nodeMessage);
}

/** What a poll learned about its own requests. */
interface Walk {
  /** A window could not be sent (a line with `"` or `\\`), and whether it was one reaching further back. */
  blocked: boolean;
  backBlocked: boolean;
  /** Lines in the last window. */
  lastLength: number;
  /** Lines to step back past what was seen (halved when a window did not reach back to it). */
  step?: number;
  /** The first window was cut and the log may be shorter than it asked: ask this many instead. */
  probe?: number;
  /** A window was placed by content or by a guess (the log may have grown in between), and whether a
   * second look at the newest lines agreed with the map since. */
  risky?: boolean;
  confirmed?: boolean;
  /** A window from a step back too far, kept until the lines between are seen. */
  pending?: { ask: number; lines: readonly string[]; seq: number };
  /** The confirm window came back cut: ask this many. */
  confirmSize?: number;
  /** The log moved under this poll's requests this many times (the poll starts over each time). */
  restarts: number;
}

/** `resync`: the place found may be off among repeated lines: the printed lines restart from what this poll saw. */
type Step = { ask: number; kind: 'probe' | 'back' | 'fill' | 'confirm' } | { print: number; marker?: GapMarker; resync?: boolean };

/** Times a poll starts over because the log moved under its requests, before it waits for the next poll. */
const MAX_RESTARTS = 3;

/** Where printing stands, across polls. */
export class LogFollowState {
  private run: string[] = [];
  private started = false;
  private caps: LogCaps;
  private readonly learnCaps: boolean;
  private lineBytes = 60;
  private seq = 0;
  /** Lines the log is known to hold (see PollMap.minLength). */
  private minLength = 0;
  /** The distance the last fill request was for. */
  private lastHole: number | undefined;

  constructor(caps?: LogCaps, private readonly firstLines = MAX_DISTANCE) {
    this.caps = caps ?? OLD_NODE_CAPS;
    this.learnCaps = caps === undefined;
  }

  /** One poll: the windows it asks for (through `fetch`) and the events to print; returns the lines printed. */
  async poll(fetch: (lineCount: number, seq: number) => Promise<Fetched>, emit: (e: FollowEvent) => void): Promise<number | 'failed'> {
    let map = new PollMap(this.minLength);
    this.lastHole = undefined;
    const walk: Walk = { blocked: false, backBlocked: false, lastLength: 0, restarts: 0 };
    for (let requests = 0; requests < MAX_PER_POLL; requests++) {
      const step = this.decide(map, walk);
      if ('print' in step) return this.print(map, step.print, step.marker, emit, 1, step.resync);
      const seq = this.seq++;
      const reply = await fetch(step.ask, seq);
      if (reply === 'failed') return 'failed';
      if (reply === 'blocked') {
        walk.blocked = true;
        if (step.kind === 'back') walk.backBlocked = true;
        if (map.farthest === 0) {
          if (step.ask <= 1) return 0; // the newest line cannot be sent: wait for more
          walk.probe = Math.floor(step.ask / 2); // smaller windows nearer the end, then back past the line
          continue;
        }
        map.markUnreadable(step.ask, step.ask, true);
        continue;
      }
      this.learn(reply);
      const cut = reply.length < Math.min(step.ask, MAX_DISTANCE);
      if (step.kind === 'confirm' && cut) {
        walk.confirmSize = Math.max(1, reply.length - 1); // only a window with every line asked for proves anything
        continue;
      }
      const placed = map.add(step.ask, reply, seq, cut, this.caps.maxBytes);
      if (reply.length > 0) walk.lastLength = reply.length;
      // A step back that did not reach what was seen is halved (lines further back are longer); after one
      // that did, the next is what this window held, less the overlap.
      if (step.kind === 'back') walk.step = placed === 'unverified' ? Math.max(1, Math.floor((walk.step ?? 2) / 2)) : Math.max(1, reply.length - OVERLAP);
      // A window that stepped too far is kept: once the lines between are seen, it overlaps them.
      if (step.kind === 'back' && placed === 'unverified') {
        // One line past what was seen and still not placeable (identical lines): no further back.
        if (step.ask === map.farthest + 1) walk.backBlocked = true;
        walk.pending = { ask: step.ask, lines: reply, seq };
      }
      else if (placed === 'placed' && walk.pending) {
        const { ask, lines, seq: from } = walk.pending;
        if (map.overlaps(ask, lines) && map.add(ask, lines, from, true, this.caps.maxBytes) === 'placed') walk.step = Math.max(1, lines.length - OVERLAP);
        walk.pending = undefined;
      }
      if (placed === 'empty') return 0; // an empty log, or its newest line is above the byte cap
      // Asked further back, it starts nearer: the log starts there, or it grew (the confirm step tells).
      if (placed === 'start' && step.kind === 'back') map.logLength = map.shiftedTo;
      if ((placed === 'start' || placed === 'guessed') && step.kind !== 'confirm') walk.risky = true;
      if (placed === 'unverified' && step.kind === 'probe') walk.probe = Math.max(1, Math.min(reply.length, step.ask) - 1);
      if (placed === 'reset') walk.risky = false;
      if (step.kind === 'confirm' && placed === 'placed') walk.confirmed = true;
      if ((placed === 'unverified' && step.kind === 'fill') || (step.kind === 'confirm' && placed !== 'placed')) {
        // The log moved between two requests: look again from the end.
        if (++walk.restarts > MAX_RESTARTS) return 0;
        map = new PollMap(this.minLength);
        walk.risky = false;
        walk.pending = undefined;
      }
    }
    return this.printSome(map, walk, emit);
  }

  /**
   * Out of requests for this poll: print what certainly follows the printed lines, up to the first line
   * not seen; the next poll goes on from there.
   */
  private printSome(map: PollMap, walk: Walk, emit: (e: FollowEvent) => void): number {
    const anchor = this.started && (!walk.risky || walk.confirmed) ? map.anchors(this.run)[0] : undefined;
    if (!anchor?.safe) return 0;
    let to = anchor.newLines;
    while (to >= 1 && map.slot(to) !== undefined) to--;
    return anchor.newLines > to ? this.print(map, anchor.newLines, undefined, emit, to + 1) : 0;
  }

  private learn(window: readonly string[]): void {
    // The node adds a line while the content without that line's quotes and comma stays under the cap.
    if (this.learnCaps && contentBytes(window) - 3 >= this.caps.maxBytes) this.caps = CURRENT_NODE_CAPS;
    for (const l of window) this.lineBytes = 0.95 * this.lineBytes + 0.05 * utf8Length(l);
  }

  /** Lines that fit under the byte cap, going by the lines seen so far. */
  private fitting(): number {
    return Math.max(2, Math.min(MAX_DISTANCE, Math.floor((this.caps.maxBytes * 0.75) / (this.lineBytes + 3))));
  }

  /**
   * The first window of a poll: what fits under the cap, or more when the printed lines end in repeated
   * ones — back to the last line that can place them (long, printed once), so that an idle poll needs
   * one request.
   */
  private probeSize(): number {
    const fit = this.fitting();
    const counts = new Map<string, number>();
    for (const t of this.run) counts.set(t, (counts.get(t) ?? 0) + 1);
    let bytes = 0;
    for (let i = this.run.length - 1, k = 1; i >= 0 && k <= MAX_DISTANCE; i--, k++) {
      const t = this.run[i]!;
      bytes += utf8Length(t) + 3;
      if (bytes > this.caps.maxBytes * 0.75) break;
      if (t.length >= DISTINCT_BYTES && counts.get(t) === 1) return Math.max(fit, k);
    }
    return fit;
  }

  private decide(map: PollMap, walk: Walk): Step {
    if (map.farthest === 0) return { ask: Math.min(walk.probe ?? this.probeSize(), MAX_DISTANCE), kind: 'probe' };
    const reach = this.started ? map.limit : Math.min(map.limit, this.firstLines);
    const reachedBack = map.farthest >= reach || walk.backBlocked;
    const anchor = this.started ? map.anchors(this.run)[0] : undefined;
    if (anchor && (anchor.safe || reachedBack)) return this.confirmOr(map, walk, this.fillOr(map, anchor.newLines, undefined, !anchor.safe));
    if (anchor) map.trustLength(this.minLength); // not replaced: windows as far back as it was long land where asked
    if (!reachedBack) {
      walk.step ??= Math.max(1, this.fitting() - OVERLAP);
      // With a window kept from a step too far: start just inside it, so that the next one overlaps both.
      const pendingBottom = walk.pending && walk.pending.ask - walk.pending.lines.length + 1;
      const back = pendingBottom !== undefined && pendingBottom > map.farthest + 1
        ? Math.min(walk.pending!.ask - 1, pendingBottom + OVERLAP - 1) : map.farthest + walk.step;
      return { ask: Math.min(reach, back), kind: 'back' };
    }
    if (!this.started) return this.confirmOr(map, walk, this.fillOr(map, Math.min(map.farthest, this.firstLines), walk.blocked ? blockedMarker() : undefined));
    const marker = walk.blocked ? blockedMarker() : map.logLength !== undefined && map.logLength < this.minLength
      ? restartedMarker() : gapMarker();
    return this.confirmOr(map, walk, this.fillOr(map, map.farthest, marker));
  }

  /** Before printing from a map with a window placed by content or guess: one more look at the newest lines. */
  private confirmOr(map: PollMap, walk: Walk, step: Step): Step {
    if (!('print' in step) || !walk.risky || walk.confirmed) return step;
    return { ask: walk.confirmSize ?? Math.max(1, Math.min(map.nearEnd, this.fitting())), kind: 'confirm' };
  }

  /** Print distances `from` … 1 once all are known, else ask for the farthest unknown one (with overlap). */
  private fillOr(map: PollMap, from: number, marker: GapMarker | undefined, resync = false): Step {
    let hole: number | undefined;
    for (let d = from; d >= 1; d--) {
      if (map.slot(d) === undefined) {
        hole = d;
        break;
      }
    }
    if (hole === undefined) return { print: from, marker, resync };
    // With overlap first; when that window ended before the hole (the byte cap), from the hole itself.
    let ask = this.lastHole === hole ? hole : Math.min(map.limit, hole + OVERLAP);
    this.lastHole = hole;
    while (ask > hole && map.slot(ask) === UNREADABLE) ask--;
    return { ask, kind: 'fill' };
  }

  /** What this poll saw from its farthest line to just before distance `from` (HIDDEN where it saw none). */
  private seenBefore(map: PollMap, from: number): string[] {
    const seen: string[] = [];
    for (let d = map.farthest; d > from; d--) {
      const s = map.slot(d);
      seen.push(s === undefined || s === UNREADABLE ? HIDDEN : s.text);
    }
    return seen;
  }

  private print(map: PollMap, from: number, marker: GapMarker | undefined, emit: (e: FollowEvent) => void, to = 1, resync = false): number {
    this.minLength = marker?.kind === 'restarted' ? (map.logLength ?? 0)
      : marker?.kind === 'gap' ? map.provenLength // the printed lines were not found: the log may be another one
      : Math.max(this.minLength, map.minLength);
    // Placed right after the printed lines, these show that the log holds those too.
    if (!marker && this.started) this.minLength = Math.max(this.minLength, Math.min(MAX_DISTANCE, from + this.run.length));
    let pending = marker;
    let group: { seen: Seen; lines: string[] } | undefined;
    let printed = 0;
    const flush = (): void => {
      if (!group) return;
      emit({ lines: group.lines, gap: pending, source: { window: group.seen.window, offset: group.seen.index - group.lines.length + 1 } });
      pending = undefined;
      group = undefined;
    };
    if (marker) this.run = [];
    // The lines before the new ones as this poll saw them, in step with the log (the old printed ones may not be).
    if (resync) this.run = this.seenBefore(map, from);
    for (let d = from; d >= to; d--) {
      const s = map.slot(d);
      if (s === undefined || s === UNREADABLE) {
        flush();
        if (this.started || printed > 0) {
          if (s === UNREADABLE) pending ??= map.blocked.has(d) ? blockedMarker() : gapMarker();
          this.run.push(HIDDEN); // keeps the printed lines in step with the log
        }
        continue;
      }
      if (group && (group.seen.window !== s.window || group.seen.index + 1 !== s.index)) flush();
      group = group ? { seen: s, lines: [...group.lines, sanitizeLogLine(s.text)] } : { seen: s, lines: [sanitizeLogLine(s.text)] };
      this.run.push(s.text);
      printed++;
    }
    flush();
    if (pending && marker) emit({ lines: [], gap: pending, source: { window: this.seq - 1, offset: 0 } });
    if (this.run.length > RUN_KEPT) this.run = this.run.slice(-RUN_KEPT);
    this.started = true;
    return printed + (marker ? 1 : 0);
  }
}

export async function followLog(o: FollowOptions): Promise<FollowEnd> {
  const follow = new LogFollowState(o.caps, o.firstLines);
  const sleep = o.sleep ?? timerSleep;
  let delay: number | undefined;
  let gone = false;
  const fetch = async (lines: number): Promise<Fetched> => {
    const r = await fetchOrFail(o, lines);
    if (r === 'gone') gone = true;
    return r === 'gone' || r === undefined ? 'failed' : r;
  };
  while (!o.signal?.aborted) {
    const appended = await follow.poll(fetch, (e) => {
      if (!o.signal?.aborted) o.onEvent(e);
    });
    if (gone) return 'gone';
    if (o.signal?.aborted) break;
    delay = nextPollDelay(delay, appended === 'failed' ? 0 : appended, o.timing);
    await sleep(delay, o.signal);
  }
  return 'aborted';
}

/** The window, 'blocked' (a line the node cannot send), undefined after a failure to retry, 'gone' when the VM is. */
async function fetchOrFail(o: FollowOptions, lines: number): Promise<readonly string[] | 'blocked' | undefined | 'gone'> {
  try {
    return await o.fetchWindow(lines, o.signal);
  } catch (error) {
    if (o.signal?.aborted) return undefined;
    if (isUnencodableLine(error)) return 'blocked';
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
