import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  conflicts, DEFAULT_PORT_RANGES, type ExistingTask, planPorts, PortPlanner, taskPortClaims,
} from '../../../src/core/portPlanner';
import { parseCustomPort, validateCreateSpec } from '../../../src/core/validation';

const TASKS: ExistingTask[] = [
  { task_id: 'taskA', ssh_port: '5600', vnc_port: '5900', custom_port: ['tcp,20000-20009', 'udp,20010'] },
  { task_id: 'taskB', rdp_port: '5601', vnc_port: '5901' },
  { task_id: 'taskC', ssh_port: 'garbage', vnc_port: undefined },
];

describe('portPlanner', () => {
  it('reads the host ports of tasks, custom ports included, skipping junk', () => {
    assert.deepEqual(taskPortClaims(TASKS[0]!).map((c) => `${c.field}:${c.protocol}:${c.from}-${c.to}`), [
      'ssh_port:tcp:5600-5600', 'vnc_port:tcp:5900-5900', 'custom_port[0]:tcp:20000-20009', 'custom_port[1]:udp:20010-20010',
    ]);
    assert.deepEqual(taskPortClaims(TASKS[2]!), []);
  });

  it('proposes the first free ports of the default ranges', () => {
    const plan = planPorts({ os: 'linux', custom: [{ protocol: 'tcp', guest: { from: 8080, to: 8080 } }] }, TASKS);
    assert.deepEqual(plan, { ssh_port: '5602', vnc_port: '5902', custom_port: ['tcp,20010:8080'], issues: [] });
  });

  it('uses rdp_port for Windows', () => {
    const plan = planPorts({ os: 'windows' }, TASKS);
    assert.equal(plan.rdp_port, '5602');
    assert.equal(plan.ssh_port, undefined);
  });

  it('finds a free run of the requested width for a range, on both protocols for tcp/udp', () => {
    const plan = planPorts({ os: 'linux', custom: [{ protocol: 'tcp/udp', guest: { from: 6000, to: 6004 } }] }, TASKS);
    // tcp 20000–20009 and udp 20010 are taken: the first run of 5 free on both starts at 20011.
    assert.deepEqual(plan.custom_port, ['tcp/udp,20011-20015:6000-6004']);
  });

  it('keeps fixed ports and never proposes them, nor a port proposed earlier', () => {
    const plan = planPorts({
      os: 'linux', login: 5602, vnc: 5902,
      custom: [
        { protocol: 'tcp', guest: { from: 80, to: 80 } },
        { protocol: 'tcp', guest: { from: 443, to: 443 }, host: { from: 20011, to: 20011 } },
        { protocol: 'tcp', guest: { from: 22, to: 22 } },
      ],
    }, TASKS);
    assert.equal(plan.ssh_port, '5602');
    assert.equal(plan.vnc_port, '5902');
    assert.deepEqual(plan.custom_port, ['tcp,20010:80', 'tcp,20011:443', 'tcp,20012:22']);
  });

  it('falls back to the next range, then reports that nothing is free, naming the ranges', () => {
    const options = { loginRanges: [{ from: 5602, to: 5602 }, { from: 7000, to: 7000 }], vncRanges: [{ from: 5900, to: 5901 }] };
    const plan = planPorts({ os: 'linux' }, TASKS, { ...options, reserved: [5602] });
    assert.equal(plan.ssh_port, '7000');
    assert.equal(plan.vnc_port, undefined);
    assert.deepEqual(plan.issues.map((i) => i.message), ['vnc_port: no free port is left in 5900–5901.']);
    const full = planPorts({ os: 'linux', custom: [{ protocol: 'udp', guest: { from: 1, to: 3 } }] }, [], { customRanges: [{ from: 1, to: 2 }] });
    assert.equal(full.issues[0]!.message, 'custom_port[0]: no run of 3 free udp host ports is left in 1–2.');
  });

  it('a planner hands out distinct ports across calls', () => {
    const planner = new PortPlanner(TASKS);
    const ports = Array.from({ length: 50 }, () => planner.takeLoginPort());
    assert.equal(new Set(ports).size, 50);
    assert.ok(ports.every((p) => p !== undefined && p >= 5602 && p <= 5899));
    assert.deepEqual(planner.ownerOf('tcp', 20005), { taskId: 'taskA', field: 'custom_port[0]' });
    assert.equal(planner.ownerOf('udp', 20005), undefined);
  });

  it('never proposes a used or already proposed port (property)', () => {
    const port = fc.integer({ min: 5600, max: 5999 });
    const task = fc.record({ ssh_port: port.map(String), vnc_port: fc.integer({ min: 5900, max: 5999 }).map(String) });
    fc.assert(fc.property(fc.array(task, { maxLength: 60 }), fc.integer({ min: 1, max: 20 }), (raw, n) => {
      const tasks = raw.map((t, i) => ({ task_id: `t${i}`, ...t }));
      const used = new Set(tasks.flatMap((t) => [Number(t.ssh_port), Number(t.vnc_port)]));
      const planner = new PortPlanner(tasks, { vncRanges: [{ from: 5900, to: 5999 }] });
      const proposed = Array.from({ length: n }, (_, i) => (i % 2 ? planner.takeVncPort() : planner.takeLoginPort()));
      const got = proposed.filter((p): p is number => p !== undefined);
      assert.equal(new Set(got).size, got.length);
      for (const p of got) assert.ok(!used.has(p), `proposed ${p}, which a task uses`);
    }));
  });

  it('produces specs that validate and do not conflict (property)', () => {
    const width = fc.integer({ min: 1, max: 20 });
    fc.assert(fc.property(fc.array(width, { maxLength: 5 }), (widths) => {
      const custom = widths.map((w) => ({ protocol: 'tcp' as const, guest: { from: 1000, to: 999 + w } }));
      const plan = planPorts({ os: 'linux', custom }, TASKS);
      assert.deepEqual(plan.issues, []);
      const { issues: _none, ...ports } = plan;
      const spec = { image_name: 'u.qcow2', gpu_count: '1', cpu_cores: '2', mem_size: '4', disk_size: '10', ...ports, vnc_port: ports.vnc_port! };
      assert.deepEqual(validateCreateSpec(spec), []);
      assert.deepEqual(conflicts(spec, TASKS), []);
      for (const [i, entry] of plan.custom_port.entries()) {
        const r = parseCustomPort(entry);
        assert.ok(r.ok && r.rule.host.to - r.rule.host.from + 1 === widths[i]);
      }
    }));
  });

  it('default ranges are documented in the export', () => {
    assert.deepEqual(DEFAULT_PORT_RANGES.login[0], { from: 5600, to: 5899 });
  });
});

describe('conflicts', () => {
  const base = { image_name: 'u.qcow2', gpu_count: '1', cpu_cores: '2', mem_size: '4', disk_size: '10' };

  it('names the field, the port, the task and the task\'s field', () => {
    const issues = conflicts({ ...base, ssh_port: '5901', vnc_port: '5950' }, TASKS);
    assert.deepEqual(issues.map((i) => i.message), ['ssh_port: tcp host port 5901 is already used by task taskB (vnc_port).']);
  });

  it('checks custom port ranges per protocol', () => {
    const spec = { ...base, ssh_port: '5700', vnc_port: '5950', custom_port: ['udp,20005', 'tcp,20005-20012', 'tcp/udp,20010'] };
    assert.deepEqual(conflicts(spec, TASKS).map((i) => [i.field, i.args[2], i.args[3]]), [
      ['custom_port[1]', '20005', 'taskA'],
      ['custom_port[2]', '20010', 'taskA'],
    ]);
  });

  it('checks only the login port the OS uses', () => {
    assert.deepEqual(conflicts({ ...base, ssh_port: '5700', rdp_port: '5600', vnc_port: '5950' }, TASKS), []);
    assert.equal(conflicts({ ...base, operation_system: 'windows', rdp_port: '5600', vnc_port: '5950' }, TASKS).length, 1);
  });

  it('checks modify specs and ignores the task being modified', () => {
    assert.equal(conflicts({ new_vnc_port: '5900' }, TASKS)[0]!.field, 'new_vnc_port');
    assert.deepEqual(conflicts({ new_vnc_port: '5900', new_ssh_port: '5600' }, TASKS, { ignoreTaskId: 'taskA' }), []);
  });

  it('finds nothing on an empty node', () => {
    assert.deepEqual(conflicts({ ...base, ssh_port: '5600', vnc_port: '5900' }, []), []);
  });
});
