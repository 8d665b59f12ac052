import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { expandCustomPorts, formatCustomPort, parseCustomPort } from '../../../../src/core/validation';

describe('custom_port grammar', () => {
  const cases: [string, [number, number, number, number]][] = [
    ['tcp,123', [123, 123, 123, 123]],
    ['udp,111:222', [111, 111, 222, 222]],
    ['tcp,333-444', [333, 444, 333, 444]],
    ['udp,555-666:777-888', [555, 666, 777, 888]],
    ['tcp/udp,1-1:65535-65535', [1, 1, 65535, 65535]],
  ];
  for (const [entry, [hf, ht, gf, gt]] of cases) {
    it(`parses ${entry}`, () => {
      const r = parseCustomPort(entry);
      assert.ok(r.ok);
      assert.deepEqual(r.rule.host, { from: hf, to: ht });
      assert.deepEqual(r.rule.guest, { from: gf, to: gt });
    });
  }

  it('formats back to the canonical text', () => {
    for (const entry of ['tcp,123', 'udp,111:222', 'tcp,333-444', 'udp,555-666:777-888']) {
      const r = parseCustomPort(entry);
      assert.ok(r.ok);
      assert.equal(formatCustomPort(r.rule), entry);
    }
  });

  it('expands tcp/udp entries and keeps the others verbatim', () => {
    assert.deepEqual(expandCustomPorts(['tcp/udp,1:2', 'udp,3', 'junk']), ['tcp,1:2', 'udp,1:2', 'udp,3', 'junk']);
  });

  it('round-trips every valid rule (property)', () => {
    const port = fc.integer({ min: 1, max: 65535 });
    fc.assert(fc.property(fc.constantFrom('tcp', 'udp', 'tcp/udp'), port, port, fc.integer({ min: 0, max: 500 }), (proto, a, c, w) => {
      const hostTo = Math.min(65535, a + w);
      const width = hostTo - a;
      const guestFrom = Math.min(c, 65535 - width);
      const entry = `${proto},${a}-${hostTo}:${guestFrom}-${guestFrom + width}`;
      const r = parseCustomPort(entry);
      assert.ok(r.ok, entry);
      const again = parseCustomPort(formatCustomPort(r.rule));
      assert.ok(again.ok);
      assert.deepEqual(again.rule, r.rule);
    }));
  });

  it('never throws and always names the field on failure (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (entry) => {
      const r = parseCustomPort(entry, 'custom_port[3]');
      if (!r.ok) assert.ok(r.issue.message.startsWith('custom_port[3]'));
    }));
  });
});
