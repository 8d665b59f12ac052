// A manual clock for the RefreshScheduler (its Clock interface): simulated time moves only in runUntil(),
// which fires due timers in order and lets the work they start finish (real I/O included) before moving on.

export class FakeClock {
  constructor(start = Date.UTC(2025, 0, 1)) {
    this.t = start;
    this.timers = new Map();
    this.nextId = 1;
  }

  now() {
    return this.t;
  }

  setTimeout(callback, ms) {
    const id = this.nextId++;
    this.timers.set(id, { due: this.t + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(id) {
    this.timers.delete(id);
  }

  earliest() {
    let best;
    for (const [id, timer] of this.timers) if (!best || timer.due < best.timer.due) best = { id, timer };
    return best;
  }

  /** Advances to `end`, firing timers as they fall due; after each, awaits `settle()` (e.g. scheduler.idle()). */
  async runUntil(end, settle) {
    for (let next = this.earliest(); next && next.timer.due <= end; next = this.earliest()) {
      this.timers.delete(next.id);
      this.t = Math.max(this.t, next.timer.due);
      next.timer.callback();
      await settle();
    }
    this.t = end;
  }
}
