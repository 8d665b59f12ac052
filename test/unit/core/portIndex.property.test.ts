// The indexed port checks give the same answers as comparing every pair (the code they replaced), and
// scale: thousands of ports are checked and planned without quadratic work.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { conflicts, type ExistingTask, PortPlanner } from '../../../src/core/portPlanner';
import { protocolsOf, type CustomPortProtocol, type PortRange } from '../../../src/core/validation/customPort';
import { PortIndex } from '../../../src/core/validation/portIndex';
import { claimsOverlap, clashesOf, findClashes, type PortClaim } from '../../../src/core/validation/ports';
import { fieldIssue, type Issue } from '../../../src/core/validation/issue';
import { loadProfile } from '../../../src/core/profileSpec';

// ---- the pairwise versions, as they were --------------------------------------------------------

function naiveFindClashes(claims: readonly PortClaim[]): Issue[] {
  const issues: Issue[] = [];
  const reported = new Set<string>();
  claims.forEach((claim, j) => {
    if (reported.has(claim.field)) return;
    const earlier = claims.slice(0, j).find((c) => c.field !== claim.field && claimsOverlap(c, claim));
    if (!earlier) return;
    reported.add(claim.field);
    issues.push(fieldIssue(claim.field, 'portClash', claim.protocol, Math.max(claim.from, earlier.from), earlier.field));
  });
  return issues;
}

function naiveClashesOf(field: string, claims: readonly PortClaim[]): Issue[] {
  const isOwn = (c: PortClaim): boolean => c.field === field || c.field.startsWith(`${field}[`);
  const issues: Issue[] = [];
  for (const mine of claims.filter(isOwn)) {
    if (issues.some((i) => i.field === mine.field)) continue;
    const other = claims.find((c) => c.field !== mine.field && claimsOverlap(c, mine));
    if (other) issues.push(fieldIssue(mine.field, 'portClash', mine.protocol, Math.max(mine.from, other.from), other.field));
  }
  return issues;
}

class NaivePlanner {
  private readonly claims: PortClaim[] = [];
  reserve(protocol: CustomPortProtocol, range: PortRange): void {
    for (const p of protocolsOf(protocol)) this.claims.push({ field: 'r', protocol: p, ...range });
  }
  isFree(protocol: CustomPortProtocol, range: PortRange): boolean {
    return protocolsOf(protocol).every((p) => !this.claims.some((c) => c.protocol === p && c.from <= range.to && range.from <= c.to));
  }
  take(ranges: readonly PortRange[], width: number, protocol: CustomPortProtocol): PortRange | undefined {
    for (const r of ranges) {
      for (let from = r.from; from + width - 1 <= r.to; from++) {
        const candidate = { from, to: from + width - 1 };
        if (!this.isFree(protocol, candidate)) continue;
        this.reserve(protocol, candidate);
        return candidate;
      }
    }
    return undefined;
  }
}

// ---- generators -----------------------------------------------------------------------------------

const port = fc.integer({ min: 1, max: 200 });
const claim = fc.tuple(fc.constantFrom('tcp', 'udp') as fc.Arbitrary<'tcp' | 'udp'>, port, fc.integer({ min: 0, max: 20 }))
  .map(([protocol, from, w]) => ({ protocol, from, to: Math.min(65535, from + w) }));
/** Claims with field names as the specs make them: single fields, and list entries on one or both protocols. */
const claims = fc.array(fc.tuple(claim, fc.constantFrom('ssh_port', 'vnc_port', 'custom_port', 'new_custom_port'), fc.boolean()), { maxLength: 30 })
  .map((list) => list.flatMap(([c, field, both], i): PortClaim[] => {
    const name = field.endsWith('custom_port') ? `${field}[${i}]` : `${field}#${i}`;
    return both ? [{ ...c, field: name, protocol: 'tcp' }, { ...c, field: name, protocol: 'udp' }] : [{ ...c, field: name }];
  }));

describe('port index (property: same answers as the pairwise checks)', () => {
  it('finds the first two overlapping claims, the next free and the next taken port', () => {
    fc.assert(fc.property(fc.array(claim, { maxLength: 40 }), claim, (added, q) => {
      const index = new PortIndex();
      added.forEach((c, n) => index.add(c.from, c.to, n));
      const overlapping = added.map((c, n) => [c, n] as const).filter(([c]) => c.from <= q.to && q.from <= c.to).map(([, n]) => n);
      assert.deepEqual(index.firstTwo(q.from, q.to).filter((n) => n !== 0x7fffffff), overlapping.slice(0, 2));
      const covered = (p: number) => added.some((c) => c.from <= p && p <= c.to);
      const range = Array.from({ length: q.to - q.from + 1 }, (_, i) => q.from + i);
      assert.equal(index.nextFree(q.from, q.to), range.find((p) => !covered(p)));
      assert.equal(index.nextTaken(q.from, q.to), range.find(covered));
    }), { numRuns: 500 });
  });

  it('findClashes and clashesOf report what comparing every pair reported', () => {
    fc.assert(fc.property(claims, fc.constantFrom('ssh_port', 'custom_port', 'new_custom_port'), (list, field) => {
      const tagged = list.map((c) => ({ ...c, field: c.field.replace(/#\d+$/, '') }));
      assert.deepEqual(findClashes(tagged), naiveFindClashes(tagged));
      assert.deepEqual(clashesOf(field, tagged), naiveClashesOf(field, tagged));
    }), { numRuns: 500 });
  });

  it('the planner proposes what trying every port in turn proposed', () => {
    const request = fc.tuple(fc.constantFrom('tcp', 'udp', 'tcp/udp') as fc.Arbitrary<CustomPortProtocol>, fc.integer({ min: 1, max: 6 }));
    fc.assert(fc.property(fc.array(claim, { maxLength: 20 }), fc.array(request, { maxLength: 25 }), (taken, asks) => {
      const ranges = [{ from: 1, to: 60 }, { from: 100, to: 140 }];
      const planner = new PortPlanner([], { customRanges: ranges });
      const naive = new NaivePlanner();
      for (const c of taken) {
        planner.reserve(c.protocol, c);
        naive.reserve(c.protocol, c);
      }
      for (const [protocol, width] of asks) assert.deepEqual(planner.takeCustomRange(width, protocol), naive.take(ranges, width, protocol));
    }), { numRuns: 300 });
  });
});

describe('port checks at scale', () => {
  it('plans 3,000 "auto" custom ports of a profile against 200 VMs (seconds on pairwise checks; one pass here)', () => {
    const tasks: ExistingTask[] = Array.from({ length: 200 }, (_, i) => ({
      task_id: `t${i}`, ssh_port: String(5600 + i), vnc_port: String(5900 + i), custom_port: [`tcp,${20000 + i * 7}`, `udp,${20001 + i * 7}-${20003 + i * 7}`],
    }));
    const profile = {
      image: 'ubuntu.qcow2', gpus: 1, cpus: 8, memoryGb: 16, diskGb: 100,
      customPorts: Array.from({ length: 3000 }, (_, i) => ({ protocol: i % 3 === 0 ? 'tcp/udp' : 'tcp', guest: 1000 + i })),
    };
    const loaded = loadProfile(JSON.stringify(profile, null, 2), tasks);
    assert.deepEqual(loaded.issues, []);
    const spec = loaded.spec!;
    assert.equal(spec.custom_port!.length, 3000);
    assert.deepEqual(conflicts(spec, tasks), []);
    assert.deepEqual(findClashes(spec.custom_port!.flatMap((e, i) => {
      const m = /^(tcp\/udp|tcp|udp),(\d+)/.exec(e)!;
      return protocolsOf(m[1] as CustomPortProtocol).map((protocol) => ({ field: `custom_port[${i}]`, protocol, from: Number(m[2]), to: Number(m[2]) }));
    })), []);
  });
});
