// Decides when each GPU node (and endpoint) is fetched. Pure and clock-injected (no vscode), so it can be
// unit-tested with a fake clock and benchmarked.
//
// * Periodic work only while visible: hidden views cost zero requests (explicit refresh() still runs).
// * One job per key at a time; a refresh asked for during a run makes exactly one more run afterwards.
// * Keys run in lanes (`lanes`: one per client node, say). A key in a lane of its own (`own`: the
//   endpoint's node list) never waits behind the others. A lane's first wave — the jobs started before any
//   of its jobs has ended — may hold four times `concurrency` (at most `maxConcurrency`), so a first look at
//   up to 64 GPU nodes takes one round trip (a DBC client node keeps up to 1,024 requests open:
//   rest_api_service.h MAX_SESSION_COUNT). From then on the lane's cap of jobs in flight adapts: it starts
//   at `concurrency`, grows by one for each job that ends in about the time of the fastest one seen (the
//   node keeps up), never past `maxConcurrency`, and halves when a job times out. Queued keys start by
//   `priority` (visible or expanded nodes first), then in request order.
// * Requests are debounced: a burst of refresh() calls within `debounceMs` becomes one run per key.
// * After a run the key is due again after `transitionalMs` when something is changing on its own
//   (a VM creating, starting…), after `backgroundMs` otherwise (0 = never), and with exponential
//   back-off up to `maxBackoffMs` after failures.

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** `timeout`: an error because no answer came in time (the lane's cap halves). */
export type RefreshOutcome = 'stable' | 'transitional' | 'error' | 'timeout' | 'skipped';

export type RefreshJob = (key: string, signal: AbortSignal) => Promise<RefreshOutcome>;

/** Where a key runs: its lane, and whether it has that lane to itself. */
export interface LaneOf {
  lane: string;
  own?: boolean;
}

export interface SchedulerOptions {
  /** A lane's first cap of jobs in flight (it adapts; see the top of this file). */
  concurrency: number;
  /** How far a lane's cap may grow (default: `concurrency`, a fixed cap). */
  maxConcurrency?: number;
  /** 0 disables the slow background refresh. */
  backgroundMs: number;
  transitionalMs: number;
  debounceMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  concurrency: 16, maxConcurrency: 64, backgroundMs: 60_000, transitionalMs: 5_000, debounceMs: 250, maxBackoffMs: 10 * 60_000,
};

/**
 * Lanes for the tree's keys (config/model/refs.ts): one per client node; its own node list (`ep:…`) in a
 * lane of its own, the GPU nodes behind it (`node:<endpoint>|<id>`) sharing the adaptive cap.
 */
export function refreshLane(key: string): LaneOf {
  if (key.startsWith('ep:')) return { lane: key.slice(3), own: true };
  const m = /^node:(.*)\|[0-9a-f]{64}$/.exec(key);
  return { lane: m ? m[1]! : '' };
}

/** A lane's first wave may hold this many times `concurrency` jobs (at most `maxConcurrency`). */
const FIRST_WAVE = 4;

/** A job that ends within this factor of the lane's fastest counts as "about one round trip". */
const NEAR_FASTEST = 1.5;

interface Lane {
  cap: number;
  inFlight: number;
  /** The fastest job seen, ms (it creeps up slowly, so a lane that got slower for good can grow again). */
  fastestMs: number | undefined;
  /** No job of this lane has ended yet: its first wave may hold up to maxConcurrency jobs. */
  firstWave: boolean;
}

interface KeyState {
  dueAt?: number;
  startedAt?: number;
  running?: AbortController;
  queued: boolean;
  rerun: boolean;
  failures: number;
  lastOutcome?: RefreshOutcome;
  /** Resolved when the next run that starts after they were added ends. */
  waiting: (() => void)[];
  /** Resolved when the current run ends. */
  current: (() => void)[];
}

export interface SchedulerStats {
  /** Jobs started since construction. */
  runs: number;
  inFlight: number;
  queued: number;
}

export class RefreshScheduler {
  private readonly keys = new Map<string, KeyState>();
  private readonly queue: string[] = [];
  private readonly debounced = new Set<string>();
  private debounceTimer: unknown;
  private dueTimer: unknown;
  private visible = false;
  private disposed = false;
  private inFlight = 0;
  private runs = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly lanes = new Map<string, Lane>();

  /** `lanes` and `priority` (lower starts first) describe keys; by default all share one lane. */
  constructor(
    private readonly job: RefreshJob,
    private options: SchedulerOptions = DEFAULT_SCHEDULER_OPTIONS,
    private readonly clock: Clock = systemClock,
    private readonly describe: { lanes?: (key: string) => LaneOf; priority?: (key: string) => number } = {},
  ) {}

  /** The current cap of a lane (for tests and the log). */
  laneCap(lane = ''): number {
    return this.lanes.get(lane)?.cap ?? this.options.concurrency;
  }

  private laneOf(key: string): LaneOf {
    return this.describe.lanes?.(key) ?? { lane: '' };
  }

  private lane(name: string): Lane {
    let lane = this.lanes.get(name);
    if (!lane) {
      lane = { cap: this.options.concurrency, inFlight: 0, fastestMs: undefined, firstWave: true };
      this.lanes.set(name, lane);
    }
    return lane;
  }

  get stats(): SchedulerStats {
    return { runs: this.runs, inFlight: this.inFlight, queued: this.queue.length };
  }

  get isVisible(): boolean {
    return this.visible;
  }

  /** The last outcome per key (for tests and the status of the view). */
  outcome(key: string): RefreshOutcome | undefined {
    return this.keys.get(key)?.lastOutcome;
  }

  setOptions(options: Partial<SchedulerOptions>): void {
    this.options = { ...this.options, ...options };
    this.arm();
    this.pump();
  }

  /** The keys to keep fresh. New keys are due at once; removed keys are cancelled. */
  setKeys(keys: readonly string[]): void {
    const wanted = new Set(keys);
    for (const [key, state] of this.keys) {
      if (wanted.has(key)) continue;
      state.running?.abort();
      this.keys.delete(key);
      this.debounced.delete(key);
      const i = this.queue.indexOf(key);
      if (i >= 0) this.queue.splice(i, 1);
      for (const w of [...state.waiting, ...state.current]) w();
    }
    for (const key of wanted) {
      if (!this.keys.has(key)) this.keys.set(key, { dueAt: this.clock.now(), queued: false, rerun: false, failures: 0, waiting: [], current: [] });
    }
    this.arm();
    this.checkIdle();
  }

  /** Visible views get periodic refreshes; becoming visible runs whatever is due (stale) now. */
  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    this.arm();
  }

  /**
   * Refreshes `keys` (all keys when omitted), debounced unless `immediate`. Resolves once each of them
   * has completed a run that started after this call (unknown keys resolve at once).
   */
  refresh(keys?: readonly string[], opts: { immediate?: boolean } = {}): Promise<void> {
    if (this.disposed) return Promise.resolve();
    const targets = (keys ?? [...this.keys.keys()]).filter((k) => this.keys.has(k));
    const done = Promise.all(targets.map((k) => new Promise<void>((resolve) => this.keys.get(k)!.waiting.push(resolve)))).then(() => undefined);
    for (const k of targets) this.debounced.add(k);
    if (opts.immediate) this.flushDebounced();
    else if (this.debounceTimer === undefined && targets.length > 0) {
      this.debounceTimer = this.clock.setTimeout(() => this.flushDebounced(), this.options.debounceMs);
    }
    return done;
  }

  /** Resolves when nothing is queued, debounced or running. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    this.clock.clearTimeout(this.dueTimer);
    this.clock.clearTimeout(this.debounceTimer);
    for (const state of this.keys.values()) {
      state.running?.abort();
      for (const w of [...state.waiting, ...state.current]) w();
    }
    this.keys.clear();
    this.queue.length = 0;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private flushDebounced(): void {
    if (this.debounceTimer !== undefined) this.clock.clearTimeout(this.debounceTimer);
    this.debounceTimer = undefined;
    const keys = [...this.debounced];
    this.debounced.clear();
    for (const k of keys) this.enqueue(k);
    this.pump();
    this.checkIdle();
  }

  private enqueue(key: string): void {
    const state = this.keys.get(key);
    if (!state) return;
    if (state.running) state.rerun = true;
    else if (!state.queued) {
      state.queued = true;
      this.queue.push(key);
    }
  }

  /** Starts every queued key whose lane has room, by priority then request order. */
  private pump(): void {
    if (this.disposed || this.queue.length === 0) return;
    const priority = this.describe.priority;
    const order = priority ? [...this.queue].sort((a, b) => priority(a) - priority(b)) : [...this.queue];
    for (const key of order) {
      const where = this.laneOf(key);
      const lane = this.lane(where.lane);
      if (!where.own && lane.inFlight >= this.room(lane)) continue;
      this.queue.splice(this.queue.indexOf(key), 1);
      this.start(key, where);
    }
  }

  /** How many jobs a lane may have in flight now. */
  private room(lane: Lane): number {
    if (!lane.firstWave) return lane.cap;
    const { concurrency, maxConcurrency = concurrency } = this.options;
    return Math.max(lane.cap, Math.min(maxConcurrency, FIRST_WAVE * concurrency));
  }

  private start(key: string, where: LaneOf): void {
    const state = this.keys.get(key);
    if (!state) return;
    if (!where.own) this.lane(where.lane).inFlight++;
    state.startedAt = this.clock.now();
    state.queued = false;
    state.running = new AbortController();
    state.current = state.waiting;
    state.waiting = [];
    state.dueAt = undefined;
    this.inFlight++;
    this.runs++;
    const signal = state.running.signal;
    let outcome: Promise<RefreshOutcome>;
    try {
      outcome = this.job(key, signal);
    } catch {
      outcome = Promise.resolve('error');
    }
    void outcome.catch((): RefreshOutcome => 'error').then((o) => this.finish(key, state, o, where));
  }

  /** Ends a lane's first wave; grows its cap while jobs end in about the time of the fastest; halves it on a timeout. */
  private adapt(where: LaneOf, ms: number, outcome: RefreshOutcome): void {
    if (where.own) return;
    const lane = this.lane(where.lane);
    lane.inFlight--;
    lane.firstWave = false;
    const { concurrency, maxConcurrency } = this.options;
    if (outcome === 'timeout') {
      lane.cap = Math.max(1, Math.floor(lane.cap / 2));
      return;
    }
    if (outcome === 'skipped' || outcome === 'error') return;
    lane.fastestMs = lane.fastestMs === undefined ? ms : Math.min(lane.fastestMs * 1.01, ms);
    if (ms <= NEAR_FASTEST * lane.fastestMs + 5) lane.cap = Math.min(Math.max(maxConcurrency ?? concurrency, concurrency), lane.cap + 1);
  }

  private finish(key: string, state: KeyState, outcome: RefreshOutcome, where: LaneOf): void {
    this.inFlight--;
    this.adapt(where, this.clock.now() - (state.startedAt ?? this.clock.now()), outcome);
    state.running = undefined;
    for (const w of state.current.splice(0)) w();
    if (this.keys.get(key) === state && !this.disposed) {
      state.lastOutcome = outcome;
      state.failures = outcome === 'error' || outcome === 'timeout' ? state.failures + 1 : 0;
      state.dueAt = this.nextDue(state);
      if (state.rerun) {
        state.rerun = false;
        this.enqueue(key);
      }
    }
    this.pump();
    this.arm();
    this.checkIdle();
  }

  private nextDue(state: KeyState): number | undefined {
    const { backgroundMs, transitionalMs, maxBackoffMs } = this.options;
    const now = this.clock.now();
    switch (state.lastOutcome) {
      case 'transitional': return now + transitionalMs;
      case 'error':
      case 'timeout': return backgroundMs > 0 ? now + Math.min(maxBackoffMs, backgroundMs * 2 ** (state.failures - 1)) : undefined;
      default: return backgroundMs > 0 ? now + backgroundMs : undefined;
    }
  }

  /** Sets one timer for the earliest due key; only while visible. */
  private arm(): void {
    this.clock.clearTimeout(this.dueTimer);
    this.dueTimer = undefined;
    if (!this.visible || this.disposed) return;
    let earliest: number | undefined;
    for (const s of this.keys.values()) {
      if (s.dueAt === undefined || s.running || s.queued) continue;
      earliest = earliest === undefined ? s.dueAt : Math.min(earliest, s.dueAt);
    }
    if (earliest === undefined) return;
    this.dueTimer = this.clock.setTimeout(() => this.onDue(), Math.max(0, earliest - this.clock.now()));
  }

  private onDue(): void {
    this.dueTimer = undefined;
    const now = this.clock.now();
    for (const [key, s] of this.keys) if (s.dueAt !== undefined && s.dueAt <= now && !s.running && !s.queued) this.enqueue(key);
    this.pump();
    this.arm();
  }

  private isIdle(): boolean {
    return this.inFlight === 0 && this.queue.length === 0 && this.debounced.size === 0;
  }

  private checkIdle(): void {
    if (this.isIdle()) for (const w of this.idleWaiters.splice(0)) w();
  }
}
