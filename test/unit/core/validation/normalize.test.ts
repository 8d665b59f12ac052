import * as assert from 'node:assert/strict';
import {
  normalizeCreateSpec, normalizeModifySpec, normalizeSnapshotSpec, validateCreateSpec,
} from '../../../../src/core/validation';
import { PROTOCOL_CREATE, SEED_CREATE, SEED_MODIFY, SEED_SNAPSHOT } from './docExamples';

describe('normalizeCreateSpec', () => {
  it('expands the seed tcp/udp custom ports into tcp and udp entries', () => {
    const wire = normalizeCreateSpec(SEED_CREATE);
    assert.deepEqual(wire.custom_port, [
      'tcp,123', 'udp,123', 'tcp,111:222', 'udp,111:222', 'tcp,333-444', 'udp,333-444',
      'tcp,555-666:777-888', 'udp,555-666:777-888',
    ]);
  });

  it('keeps the §12 body as it is (already wire-ready)', () => {
    assert.deepEqual(normalizeCreateSpec(PROTOCOL_CREATE), PROTOCOL_CREATE);
  });

  it('turns numbers into decimal strings and drops blank optional fields and empty lists', () => {
    const wire = normalizeCreateSpec({
      image_name: 'u.qcow2', vnc_port: 5904, ssh_port: 5684, gpu_count: 0, cpu_cores: 8, mem_size: 16, disk_size: 100,
      desc: '', multicast: [], custom_port: ['', 'tcp,80'], task_id: undefined, public_ip: '  ',
    });
    assert.deepEqual(wire, {
      image_name: 'u.qcow2', gpu_count: '0', ssh_port: '5684', vnc_port: '5904', cpu_cores: '8', mem_size: '16',
      disk_size: '100', custom_port: ['tcp,80'],
    });
  });

  it('writes every scalar as a string, so the node never reads a number as absent', () => {
    const wire = normalizeCreateSpec({ ...PROTOCOL_CREATE, gpu_count: 2, cpu_cores: 4 });
    for (const [k, v] of Object.entries(wire)) {
      assert.ok(typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string')), k);
    }
  });

  it('orders keys like the node reads them and keeps unknown extra keys as strings', () => {
    const wire = normalizeCreateSpec({ extra: 7, ...PROTOCOL_CREATE } as Record<string, unknown>);
    assert.deepEqual(Object.keys(wire).slice(0, 3), ['gpu_count', 'desc', 'operation_system']);
    assert.equal(wire.extra, '7');
  });

  it('produces a spec that still validates', () => {
    assert.deepEqual(validateCreateSpec(normalizeCreateSpec(SEED_CREATE)), []);
  });
});

describe('normalizeModifySpec', () => {
  it('stringifies and keeps the seed body', () => {
    assert.deepEqual(normalizeModifySpec(SEED_MODIFY), SEED_MODIFY);
    assert.deepEqual(normalizeModifySpec({ new_cpu_cores: 4 }), { new_cpu_cores: '4' });
  });

  it('keeps an empty new_custom_port (it clears the list) and expands tcp/udp', () => {
    assert.deepEqual(normalizeModifySpec({ new_custom_port: [] }), { new_custom_port: [] });
    assert.deepEqual(normalizeModifySpec({ new_custom_port: ['tcp/udp,9000'] }), { new_custom_port: ['tcp,9000', 'udp,9000'] });
  });
});

describe('normalizeSnapshotSpec', () => {
  it('keeps name, description and image server', () => {
    assert.deepEqual(normalizeSnapshotSpec(SEED_SNAPSHOT), { snapshot_name: 'snap2', description: 'finish hello world', image_server: 'ID_1' });
  });

  it('drops an empty description', () => {
    assert.deepEqual(normalizeSnapshotSpec({ snapshot_name: 's', image_server: 'ID_1', description: '' }), { snapshot_name: 's', image_server: 'ID_1' });
  });
});
