// Decides when each GPU node (and endpoint) is fetched. Pure and clock-injected (no vscode), so it can be
// unit-tested with a fake clock and benchmarked.
//
// * Periodic work only while visible: hidden views cost zero requests (explicit refresh() still runs).
// * One job per key at a time; a refresh asked for during a run makes exactly one more run afterwards.
// * At most `concurrency` jobs in flight; the rest queue in request order.
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

export type RefreshOutcome = 'stable' | 'transitional' | 'error' | 'skipped';

export type RefreshJob = (key: string, signal: AbortSignal) => Promise<RefreshOutcome>;

export interface SchedulerOptions {
  concurrency: number;
  /** 0 disables the slow background refresh. */
  backgroundMs: number;
  transitionalMs: number;
  debounceMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  concurrency: 8, backgroundMs: 60_000, transitionalMs: 5_000, debounceMs: 250, maxBackoffMs: 10 * 60_000,
};

interface KeyState {
  dueAt?: number;
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

  constructor(
    private readonly job: RefreshJob,
    private options: SchedulerOptions = DEFAULT_SCHEDULER_OPTIONS,
    private readonly clock: Clock = systemClock,
  ) {}

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

  private pump(): void {
    while (!this.disposed && this.inFlight < this.options.concurrency && this.queue.length > 0) {
      this.start(this.queue.shift()!);
    }
  }

  private start(key: string): void {
    const state = this.keys.get(key);
    if (!state) return;
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
    void outcome.catch((): RefreshOutcome => 'error').then((o) => this.finish(key, state, o));
  }

  private finish(key: string, state: KeyState, outcome: RefreshOutcome): void {
    this.inFlight--;
    state.running = undefined;
    for (const w of state.current.splice(0)) w();
    if (this.keys.get(key) === state && !this.disposed) {
      state.lastOutcome = outcome;
      state.failures = outcome === 'error' ? state.failures + 1 : 0;
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
      case 'error': return backgroundMs > 0 ? now + Math.min(maxBackoffMs, backgroundMs * 2 ** (state.failures - 1)) : undefined;
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
