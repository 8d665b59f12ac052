// Generated scenarios for the follower's property tests (logFollower.property.test.ts).
import * as fc from 'fast-check';
import type { Round } from './followSim';
import type { SimCaps } from './simulatedLog';

// Lines: frequent identical ones (the empty line included), ordinary ones, long ones that make a byte cap
// cut a window after a few lines, and now and then one above 1 KiB (an old node can never show it).
const repeated = fc.constantFrom('tick', 'ok', '', '.', 'GPU 0: 100%');
const ordinary = fc.string({ maxLength: 60 });
const long = fc.tuple(fc.integer({ min: 100, max: 700 }), fc.string({ maxLength: 6 })).map(([n, s]) => s + 'x'.repeat(n));
const huge = fc.integer({ min: 1030, max: 1400 }).map((n) => 'h'.repeat(n));
// Lines above 1 KiB only for current nodes: an old node never shows one, nor a window starting on it.
const lineFor = (c: SimCaps): fc.Arbitrary<string> => fc.oneof(
  { weight: 6, arbitrary: repeated }, { weight: 4, arbitrary: ordinary }, { weight: 3, arbitrary: long },
  ...(c.maxBytes > 1400 ? [{ weight: 1, arbitrary: huge }] : []),
);

// Bursty appends: mostly a few lines, sometimes tens, now and then more than a window holds.
const batchOf = (line: fc.Arbitrary<string>): fc.Arbitrary<string[]> => fc.oneof(
  { weight: 6, arbitrary: fc.array(line, { maxLength: 8 }) },
  { weight: 3, arbitrary: fc.array(line, { minLength: 10, maxLength: 60 }) },
  { weight: 1, arbitrary: fc.array(line, { minLength: 90, maxLength: 180 }) },
);

const round = (line: fc.Arbitrary<string>, concurrent: boolean, rotations: boolean): fc.Arbitrary<Round> => fc.record({
  lines: batchOf(line),
  rotate: rotations ? fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) : fc.constant(false),
  during: concurrent ? fc.array(fc.array(line, { maxLength: 3 }), { maxLength: 4 }) : fc.constant([]),
});

/** A few rounds, then idle ones so that the follower reaches the end of the log. */
// Idle polls at the end: enough for the walk (up to MAX_AT_ONCE requests a poll) to reach the end of any log.
const IDLE: Round[] = Array.from({ length: 6 }, () => ({ lines: [] }));

const rounds = (c: SimCaps, concurrent: boolean, rotations: boolean): fc.Arbitrary<Round[]> =>
  fc.array(round(lineFor(c), concurrent, rotations), { minLength: 1, maxLength: 12 }).map((rs) => [...rs, ...IDLE]);

/** Real caps: 100 lines, 1 KiB (old nodes) or 8 KiB (current nodes), the newest lines cut. */
const caps = fc.constantFrom<SimCaps>({ maxLines: 100, maxBytes: 1024 }, { maxLines: 100, maxBytes: 8192 });

/** Caps and the rounds followed under them. */
export const scenario = (concurrent: boolean, rotations = true): fc.Arbitrary<[SimCaps, Round[]]> =>
  caps.chain((c) => fc.tuple(fc.constant(c), rounds(c, concurrent, rotations)));

// Logs of short repeated lines between distinct ones (lines of 16 bytes or more get their id: timestamps
// make real ones distinct): runs of one short text, as progress dots, empty lines or a status line repeat.
const shortText = fc.constantFrom('tick', 'ok', '', '.', 'GPU 0: 100%');
const distinctLine = fc.oneof(
  fc.string({ minLength: 16, maxLength: 60 }),
  fc.tuple(fc.integer({ min: 100, max: 700 }), fc.string({ maxLength: 6 })).map(([n, s]) => s + 'x'.repeat(n)),
);
const segment = fc.oneof(
  { weight: 2, arbitrary: distinctLine.map((l) => [l]) },
  { weight: 3, arbitrary: fc.tuple(shortText, fc.integer({ min: 1, max: 25 })).map(([t, k]) => Array<string>(k).fill(t)) },
);
const runsBatch = fc.oneof(
  { weight: 6, arbitrary: fc.array(segment, { maxLength: 4 }) },
  { weight: 3, arbitrary: fc.array(segment, { minLength: 3, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(segment, { minLength: 12, maxLength: 30 }) },
).map((segments) => segments.flat());

/** Caps and rounds of runs of short repeated lines between distinct lines; the log grows only between polls. */
export const repeatedRuns = (): fc.Arbitrary<[SimCaps, Round[]]> => caps.chain((c) => fc.tuple(
  fc.constant(c),
  fc.array(fc.record({ lines: runsBatch }), { minLength: 1, maxLength: 12 }).map((rs): Round[] => [...rs, ...IDLE]),
));
