// A scalable clock: simulated time runs `speed` times faster than wall time, so a 6-minute create
// takes 360 ms at speed 1000. Speed 0 freezes time: it then moves only through advance() (tests).
// Timers are kept in one sorted list driven by a single real timer.

export type TimerId = number;

export interface Clock {
  /** Simulated epoch milliseconds (starts at the wall time of construction). */
  now(): number;
  speed(): number;
  setSpeed(speed: number): void;
  setTimer(delaySimMs: number, fn: () => void): TimerId;
  clearTimer(id: TimerId): void;
  sleep(simMs: number): Promise<void>;
  /** Jumps simulated time forward, firing every timer that falls due. */
  advance(simMs: number): void;
  dispose(): void;
}

interface Entry { id: TimerId; due: number; fn: () => void }

const MAX_REAL_DELAY = 2 ** 31 - 1;

export class ScaledClock implements Clock {
  private baseSim: number;
  private baseReal: number;
  private rate: number;
  private entries: Entry[] = [];
  private nextId = 1;
  private real: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(speed = 1, private readonly onError: (e: unknown) => void = () => undefined) {
    if (!(speed >= 0)) throw new Error(`speed must be >= 0 (got ${speed})`);
    this.rate = speed;
    this.baseReal = performance.now();
    this.baseSim = Date.now();
  }

  now(): number {
    return this.baseSim + (performance.now() - this.baseReal) * this.rate;
  }

  speed(): number {
    return this.rate;
  }

  setSpeed(speed: number): void {
    if (!(speed >= 0)) throw new Error(`speed must be >= 0 (got ${speed})`);
    this.rebase();
    this.rate = speed;
    this.arm();
  }

  setTimer(delaySimMs: number, fn: () => void): TimerId {
    const entry = { id: this.nextId++, due: this.now() + Math.max(0, delaySimMs), fn };
    const at = this.entries.findIndex((e) => e.due > entry.due);
    if (at < 0) this.entries.push(entry);
    else this.entries.splice(at, 0, entry);
    if (at === 0 || this.entries.length === 1) this.arm();
    return entry.id;
  }

  clearTimer(id: TimerId): void {
    const at = this.entries.findIndex((e) => e.id === id);
    if (at >= 0) this.entries.splice(at, 1);
  }

  sleep(simMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(simMs, resolve));
  }

  advance(simMs: number): void {
    this.baseSim += Math.max(0, simMs);
    this.fire();
  }

  dispose(): void {
    this.disposed = true;
    this.entries = [];
    if (this.real) clearTimeout(this.real);
  }

  private rebase(): void {
    this.baseSim = this.now();
    this.baseReal = performance.now();
  }

  private arm(): void {
    if (this.real) clearTimeout(this.real);
    this.real = undefined;
    if (this.disposed || this.entries.length === 0) return;
    const ahead = this.entries[0].due - this.now();
    if (ahead > 0 && this.rate === 0) return; // frozen: only advance() reaches it
    const delay = ahead <= 0 ? 0 : ahead / this.rate;
    this.real = setTimeout(() => this.fire(), Math.min(MAX_REAL_DELAY, Math.max(0, Math.ceil(delay))));
    this.real.unref();
  }

  private fire(): void {
    while (!this.disposed && this.entries.length > 0 && this.entries[0].due <= this.now()) {
      const entry = this.entries.shift() as Entry;
      try {
        entry.fn();
      } catch (e) {
        this.onError(e);
      }
    }
    this.arm();
  }
}
