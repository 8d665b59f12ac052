import * as assert from 'node:assert/strict';
import { validateModifySpec } from '../../../../src/core/validation';
import { SEED_INCREASE_DISK, SEED_MODIFY } from './docExamples';

describe('validateModifySpec', () => {
  it('accepts the seed modify body', () => {
    assert.deepEqual(validateModifySpec(SEED_MODIFY), []);
  });

  it('accepts any single field', () => {
    for (const [k, v] of Object.entries(SEED_MODIFY)) {
      assert.deepEqual(validateModifySpec({ [k]: v }), [], k);
    }
  });

  it('refuses the seed\'s increase_disk_size: no node reads it', () => {
    const issues = validateModifySpec({ ...SEED_MODIFY, increase_disk_size: SEED_INCREASE_DISK });
    assert.deepEqual(issues.map((i) => [i.field, i.code]), [['increase_disk_size', 'increaseDiskIgnored']]);
    assert.match(issues[0]!.message, /answer ok and change nothing.*dbc vm disk resize/);
  });

  it('accepts an empty new_custom_port list as a change (it clears the list)', () => {
    assert.deepEqual(validateModifySpec({ new_custom_port: [] }), []);
  });

  it('accepts tcp/udp entries, as in create', () => {
    assert.deepEqual(validateModifySpec({ new_custom_port: ['tcp/udp,123'] }), []);
  });

  it('rejects an empty modification, listing what could be changed', () => {
    for (const spec of [{}, { new_ssh_port: '' }, { new_gpu_count: undefined }]) {
      const issues = validateModifySpec(spec);
      assert.equal(issues.length, 1);
      assert.equal(issues[0]!.code, 'modifyEmpty');
      assert.ok(issues[0]!.message.includes('new_ssh_port, new_rdp_port'), issues[0]!.message);
    }
  });

  const variants: [Record<string, unknown>, string, string][] = [
    [{ new_ssh_port: '0' }, 'new_ssh_port', 'portRange'],
    [{ new_ssh_port: '65536' }, 'new_ssh_port', 'portRange'],
    [{ new_rdp_port: 'abc' }, 'new_rdp_port', 'portRange'],
    [{ new_ssh_port: '5586', new_rdp_port: 5586 }, 'new_rdp_port', 'portsEqual'],
    [{ new_vnc_port: '5899' }, 'new_vnc_port', 'portRange'],
    [{ new_vnc_port: '6000', new_ssh_port: '6000' }, 'new_vnc_port', 'portClash'],
    [{ new_custom_port: ['tcp,5586'], new_ssh_port: '5586' }, 'new_custom_port[0]', 'portClash'],
    [{ new_custom_port: ['tcp/udp,1-10:1-9'] }, 'new_custom_port[0]', 'customPortRangeWidth'],
    [{ new_custom_port: 'tcp,80' }, 'new_custom_port', 'notList'],
    [{ new_gpu_count: '-1' }, 'new_gpu_count', 'wholeNonNegative'],
    [{ new_cpu_cores: '0' }, 'new_cpu_cores', 'wholePositive'],
    [{ new_mem_size: 'eight' }, 'new_mem_size', 'wholePositive'],
    [{ new_public_ip: '1.2.3' }, 'new_public_ip', 'publicIp'],
    [{ new_network_filters: [1] }, 'new_network_filters[0]', 'notText'],
  ];
  for (const [spec, field, code] of variants) {
    it(`rejects ${JSON.stringify(spec)} → ${field} ${code}`, () => {
      const issues = validateModifySpec(spec);
      assert.deepEqual(issues.map((i) => [i.field, i.code]), [[field, code]]);
      assert.ok(issues[0]!.message.startsWith(field), issues[0]!.message);
    });
  }

  it('accepts new_gpu_count 0', () => {
    assert.deepEqual(validateModifySpec({ new_gpu_count: '0' }), []);
  });

  it('says which value both login ports share', () => {
    const [issue] = validateModifySpec({ new_ssh_port: '6000', new_rdp_port: '6000' });
    assert.equal(issue!.message, 'new_rdp_port and new_ssh_port must differ, both are 6000.');
  });
});
