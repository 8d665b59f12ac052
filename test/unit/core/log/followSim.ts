// Drives the real follower (core/logFollower.ts) over a SimulatedLog: rounds of appends (or a rotation)
// between its delays, and optionally lines appended before each request it makes at once. Every window is
// recorded with its line ids, and each event says which window its lines come from, so every printed line
// is known exactly, even among identical texts.
import { followLog } from '../../../../src/core/logFollower';
import { sanitizeLogLine } from '../../../../src/core/logWindow';
import { type SimCaps, type SimLine, SimulatedLog, type Uniqueness } from './simulatedLog';

export interface Round {
  /** Lines appended before the next delayed poll. */
  lines: string[];
  /** The log is replaced by a new file first (rotated, or truncated and written again). */
  rotate?: boolean;
  /** Batches appended before the requests made at once in this round, one batch per request. */
  during?: string[][];
}

export interface FollowRecord {
  /** Printed line ids, in print order. */
  printed: number[];
  /** Indexes into `printed` that a gap marker precedes. */
  gapsBefore: Set<number>;
  /** The tail windows served, in order. */
  windows: SimLine[][];
  /** Which file (0, 1, … one per rotation) each line id belongs to. */
  generation: Map<number, number>;
  log: SimulatedLog;
  requests: number;
}

interface Served {
  flag: 'head' | 'tail';
  lines: SimLine[];
}

class Scenario {
  readonly log: SimulatedLog;
  readonly generation = new Map<number, number>();
  private gen = 0;
  private during: string[][] = [];

  constructor(unique: Uniqueness, strictJson: boolean) {
    this.log = new SimulatedLog(unique, strictJson);
  }

  apply(round: Round): void {
    if (round.rotate) {
      this.gen++;
      this.log.restart([]);
    }
    this.append(round.lines);
    this.during = [...(round.during ?? [])];
  }

  /** Before a request made at once: the next batch of this round's concurrent lines. */
  grow(): void {
    this.append(this.during.shift() ?? []);
  }

  private append(lines: string[]): void {
    this.log.append(lines);
    for (const l of this.log.lines.slice(this.log.lines.length - lines.length)) this.generation.set(l.id, this.gen);
  }
}

export async function followSim(
  rounds: readonly Round[], caps: SimCaps, unique: Uniqueness = false, trace?: (line: string) => void, strictJson = false,
): Promise<FollowRecord> {
  const scenario = new Scenario(unique, strictJson);
  const served: Served[] = [];
  const printed: number[] = [];
  const gapsBefore = new Set<number>();
  const controller = new AbortController();
  let round = 0;
  let afterDelay = true;
  scenario.apply(rounds[0] ?? { lines: [] });
  await followLog({
    signal: controller.signal,
    fetchWindow: async (n) => {
      if (!afterDelay) scenario.grow();
      afterDelay = false;
      const flag = 'tail';
      let lines: SimLine[];
      try {
        lines = scenario.log.window(n, caps);
      } catch (error) {
        served.push({ flag, lines: [] }); // the follower counts failed requests too
        trace?.(`#${served.length - 1} ${flag} ${n} → ${String(error)}`);
        throw error;
      }
      served.push({ flag, lines });
      trace?.(`#${served.length - 1} ${flag} ${n} → [${lines.map((l) => l.id).join(' ')}] (log ${scenario.log.lines[0]?.id}…${scenario.log.lines.at(-1)?.id})`);
      return lines.map((l) => l.text);
    },
    onEvent: (e) => {
      const window = served[e.source.window]!;
      if (window.flag !== 'tail') throw new Error('lines printed from a head window');
      const ids = window.lines.slice(e.source.offset, e.source.offset + e.lines.length);
      if (ids.length !== e.lines.length || ids.some((l, i) => sanitizeLogLine(l.text) !== e.lines[i])) throw new Error('event source does not match its lines');
      trace?.(`   print${e.gap ? ` [${e.gap.kind}]` : ''} ${ids.map((l) => l.id).join(' ')}`);
      if (e.gap) gapsBefore.add(printed.length);
      printed.push(...ids.map((l) => l.id));
    },
    sleep: async () => {
      afterDelay = true;
      trace?.('-- sleep');
      if (++round >= rounds.length) controller.abort();
      else scenario.apply(rounds[round]!);
    },
  });
  const windows = served.filter((s) => s.flag === 'tail').map((s) => s.lines);
  return { printed, gapsBefore, windows, generation: scenario.generation, log: scenario.log, requests: served.length };
}
