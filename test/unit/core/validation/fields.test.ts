import * as assert from 'node:assert/strict';
import { validateField } from '../../../../src/core/validation';

const codes = (field: Parameters<typeof validateField>[0], value: unknown, spec?: Record<string, unknown>): string[][] =>
  validateField(field, value, { spec }).map((i) => [i.field, i.code]);

describe('validateField', () => {
  it('checks a single input without the rest of the spec', () => {
    assert.deepEqual(codes('vnc_port', '5904'), []);
    assert.deepEqual(codes('vnc_port', '80'), [['vnc_port', 'portRange']]);
    assert.deepEqual(codes('image_name', 'a.qcow2'), []);
    assert.deepEqual(codes('gpu_count', ''), [['gpu_count', 'required']]);
  });

  it('makes ssh_port required only for Linux', () => {
    assert.deepEqual(codes('ssh_port', '', { operation_system: 'ubuntu' }), [['ssh_port', 'requiredForOs']]);
    assert.deepEqual(codes('ssh_port', '', { operation_system: 'windows' }), []);
    assert.deepEqual(codes('rdp_port', '', { operation_system: 'windows' }), [['rdp_port', 'requiredForOs']]);
  });

  it('reports a clash on the input being checked, whichever was typed first', () => {
    assert.deepEqual(codes('ssh_port', '5904', { vnc_port: '5904' }), [['ssh_port', 'portClash']]);
    assert.deepEqual(codes('vnc_port', '5904', { ssh_port: '5904' }), [['vnc_port', 'portClash']]);
    const [issue] = validateField('ssh_port', '5904', { spec: { vnc_port: '5904' } });
    assert.equal(issue!.message, 'ssh_port uses tcp host port 5904, which vnc_port also uses.');
  });

  it('checks list inputs entry by entry, clashes included', () => {
    assert.deepEqual(codes('custom_port', ['tcp,80', 'x', 'tcp,5684'], { ssh_port: '5684' }), [['custom_port[1]', 'customPortFormat']]);
    assert.deepEqual(codes('custom_port', ['tcp,80', 'tcp,5684'], { ssh_port: '5684' }), [['custom_port[1]', 'portClash']]);
    assert.deepEqual(codes('multicast', ['230.0.0.1:1', '10.0.0.1:1']), [['multicast[1]', 'multicastAddress']]);
  });

  it('checks modify inputs, including equal login ports', () => {
    assert.deepEqual(codes('new_rdp_port', '6000', { new_ssh_port: '6000' }), [['new_rdp_port', 'portsEqual']]);
    assert.deepEqual(codes('new_vnc_port', '6000', { new_ssh_port: '6000' }), [['new_vnc_port', 'portClash']]);
    assert.deepEqual(codes('new_cpu_cores', '0'), [['new_cpu_cores', 'wholePositive']]);
  });

  it('checks snapshot inputs against the known servers', () => {
    assert.deepEqual(validateField('image_server', 'ID_3', { imageServers: ['ID_1'] }).map((i) => i.code), ['imageServerUnknown']);
    assert.deepEqual(validateField('snapshot_name', 'ok-name_1.0').map((i) => i.code), []);
  });
});
