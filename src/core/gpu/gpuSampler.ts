// Samples the GPUs of VMs while someone looks: each VM is read only while at least one viewer wants it
// (the tree while visible, a GPU monitor panel while visible), every `intervalMs`, one read at a time,
// with a slower pace after failures. Readings keep a short history (for the monitor's charts) and are
// announced through `onSample`. Editor-free: the reader (nvidia-smi over a pooled SSH connection) and
// the timers are injected.
import { errorMessage } from '../../util/errorMessage';
import type { GpuStatus } from './gpuStatus';

export type SampleStatus = GpuStatus | { kind: 'unreachable'; detail: string };

export interface GpuSample {
  /** Epoch ms when the reading was taken. */
  at: number;
  status: SampleStatus;
}

export interface SamplerTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SamplerOptions {
  /** Reads one VM; a rejection becomes an `unreachable` sample. */
  read(key: string): Promise<GpuStatus>;
  onSample(key: string, sample: GpuSample): void;
  intervalMs: number;
  /** How much history to keep per VM (default 10 minutes). */
  historyMs?: number;
  /** Longest pause after repeated failures (default 60 s). */
  maxBackoffMs?: number;
  timers?: SamplerTimers;
}

interface Feed {
  viewers: Set<string>;
  history: GpuSample[];
  timer?: unknown;
  reading: boolean;
  failures: number;
}

const realTimers: SamplerTimers = { now: () => Date.now(), setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

export class GpuSampler {
  private readonly feeds = new Map<string, Feed>();
  private readonly timers: SamplerTimers;
  private intervalMs: number;
  private disposed = false;

  constructor(private readonly opts: SamplerOptions) {
    this.timers = opts.timers ?? realTimers;
    this.intervalMs = opts.intervalMs;
  }

  /** `viewer` wants readings of `key`: the first viewer starts sampling at once. */
  watch(key: string, viewer: string): void {
    const feed = this.feed(key);
    const first = feed.viewers.size === 0;
    feed.viewers.add(viewer);
    if (first && !feed.reading && feed.timer === undefined) this.schedule(key, feed, 0);
  }

  /** `viewer` no longer looks; without viewers the VM is not read any more (its history stays). */
  unwatch(key: string, viewer: string): void {
    const feed = this.feeds.get(key);
    if (!feed) return;
    feed.viewers.delete(viewer);
    if (feed.viewers.size === 0) this.cancel(feed);
  }

  /** Drops every viewer of a viewer id (e.g. the tree became hidden). */
  unwatchAll(viewer: string): void {
    for (const key of this.feeds.keys()) this.unwatch(key, viewer);
  }

  /** The VM stopped or is gone: stop reading and forget its history. */
  forget(key: string): void {
    const feed = this.feeds.get(key);
    if (feed) this.cancel(feed);
    this.feeds.delete(key);
  }

  isSampling(key: string): boolean {
    return (this.feeds.get(key)?.viewers.size ?? 0) > 0;
  }

  history(key: string): readonly GpuSample[] {
    return this.feeds.get(key)?.history ?? [];
  }

  latest(key: string): GpuSample | undefined {
    return this.feeds.get(key)?.history.at(-1);
  }

  /** A new pace from the next reading on. */
  setInterval(ms: number): void {
    this.intervalMs = ms;
  }

  dispose(): void {
    this.disposed = true;
    for (const feed of this.feeds.values()) this.cancel(feed);
    this.feeds.clear();
  }

  private feed(key: string): Feed {
    let feed = this.feeds.get(key);
    if (!feed) {
      feed = { viewers: new Set(), history: [], reading: false, failures: 0 };
      this.feeds.set(key, feed);
    }
    return feed;
  }

  private cancel(feed: Feed): void {
    if (feed.timer !== undefined) this.timers.clearTimeout(feed.timer);
    feed.timer = undefined;
  }

  private schedule(key: string, feed: Feed, delayMs: number): void {
    feed.timer = this.timers.setTimeout(() => {
      feed.timer = undefined;
      void this.sample(key, feed);
    }, delayMs);
  }

  private async sample(key: string, feed: Feed): Promise<void> {
    feed.reading = true;
    let status: SampleStatus;
    try {
      status = await this.opts.read(key);
    } catch (err) {
      status = { kind: 'unreachable', detail: errorMessage(err) };
    }
    feed.reading = false;
    if (this.disposed || this.feeds.get(key) !== feed) return;
    const failed = status.kind !== 'ok' && status.kind !== 'no-gpu';
    feed.failures = failed ? feed.failures + 1 : 0;
    const sample = { at: this.timers.now(), status };
    this.remember(feed, sample);
    this.opts.onSample(key, sample);
    if (feed.viewers.size > 0 && feed.timer === undefined) this.schedule(key, feed, this.nextDelay(feed));
  }

  private remember(feed: Feed, sample: GpuSample): void {
    feed.history.push(sample);
    const oldest = sample.at - (this.opts.historyMs ?? 10 * 60_000);
    while (feed.history.length > 0 && feed.history[0]!.at < oldest) feed.history.shift();
  }

  /** The interval, doubled for every failure in a row up to the cap (a missing nvidia-smi is not retried fast). */
  private nextDelay(feed: Feed): number {
    if (feed.failures === 0) return this.intervalMs;
    const cap = Math.max(this.intervalMs, this.opts.maxBackoffMs ?? 60_000);
    return Math.min(cap, this.intervalMs * 2 ** feed.failures);
  }
}
