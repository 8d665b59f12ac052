// The chain's height between readings. Each chain_getBlock is one reading; in between, the block is
// extrapolated at the rate the chain was seen to advance: 6 s a block until two spans of at least 30 s
// in a row agree on another rate (a chain that stalls, or a simulator running faster than real time). A
// reading far from what the learned rate predicted (the chain jumped, or went back) forgets the rate.
import { BLOCK_MS } from './blocks';
import type { BlockReading } from './lease';

const MIN_SPAN_MS = 30_000;
/** Two spans agree when their rates differ by at most this fraction. */
const AGREEMENT = 0.25;
const FASTEST_MS_PER_BLOCK = BLOCK_MS / 1000;
const SLOWEST_MS_PER_BLOCK = BLOCK_MS * 10;

export class BlockClock {
  private readings: BlockReading[] = [];
  private learned: number | undefined;

  /** The newest reading. */
  get latest(): BlockReading | undefined {
    return this.readings.at(-1);
  }

  /** Wall milliseconds per block: learned, else the chain's nominal 6 s. */
  get msPerBlock(): number {
    return this.learned ?? BLOCK_MS;
  }

  observe(reading: BlockReading): void {
    const last = this.latest;
    if (last && (reading.block < last.block || (this.learned !== undefined && this.missed(last, reading)))) {
      this.readings = [];
      this.learned = undefined;
    }
    this.readings = [...this.readings.filter((r) => r.seenAtMs < reading.seenAtMs), reading].slice(-8);
    const recent = this.rateBefore(reading);
    const base = recent && this.readings.find((r) => r === recent.from);
    const earlier = base && this.rateBefore(base);
    if (recent && earlier && Math.abs(recent.rate - earlier.rate) <= AGREEMENT * earlier.rate) {
      this.learned = Math.min(SLOWEST_MS_PER_BLOCK, Math.max(FASTEST_MS_PER_BLOCK, recent.rate));
    }
  }

  /** Wall ms per block from the newest reading at least 30 s before `reading` to it. */
  private rateBefore(reading: BlockReading): { rate: number; from: BlockReading } | undefined {
    const from = [...this.readings].reverse().find((r) => reading.seenAtMs - r.seenAtMs >= MIN_SPAN_MS);
    if (!from || reading.block <= from.block) return undefined;
    return { rate: (reading.seenAtMs - from.seenAtMs) / (reading.block - from.block), from };
  }

  /** The block at `atMs` (fractional), or undefined before any reading. */
  blockAt(atMs: number): number | undefined {
    const last = this.latest;
    return last ? last.block + (atMs - last.seenAtMs) / this.msPerBlock : undefined;
  }

  /** Wall ms from `atMs` until the chain reaches `block` (0 when it already has). */
  msUntilBlock(block: number, atMs: number): number | undefined {
    const now = this.blockAt(atMs);
    return now === undefined ? undefined : Math.max(0, (block - now) * this.msPerBlock);
  }

  forget(): void {
    this.readings = [];
    this.learned = undefined;
  }

  /** A reading more than 10 blocks and half the elapsed blocks away from the learned prediction. */
  private missed(last: BlockReading, next: BlockReading): boolean {
    const elapsed = (next.seenAtMs - last.seenAtMs) / this.msPerBlock;
    const predicted = last.block + elapsed;
    return Math.abs(next.block - predicted) > Math.max(10, elapsed / 2);
  }
}
