import * as assert from 'node:assert/strict';
import { type CreateTaskSpec } from '../../../../src/api/types';
import { type Issue, validateCreateSpec } from '../../../../src/core/validation';
import { PROTOCOL_CREATE, SEED_CREATE } from './docExamples';

type Variant = [title: string, patch: Record<string, unknown>, field: string, code: string, text?: string];

function only(spec: Record<string, unknown>): Issue {
  const issues = validateCreateSpec(spec);
  assert.equal(issues.length, 1, `expected one issue, got ${JSON.stringify(issues.map((i) => i.message))}`);
  return issues[0]!;
}

function without(spec: CreateTaskSpec, ...keys: string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...spec };
  for (const k of keys) delete copy[k];
  return copy;
}

describe('validateCreateSpec', () => {
  describe('accepts the documented examples', () => {
    it('accepts the seed create body, tcp/udp custom ports included', () => {
      assert.deepEqual(validateCreateSpec(SEED_CREATE), []);
    });

    it('accepts the §12 example of the protocol doc', () => {
      assert.deepEqual(validateCreateSpec(PROTOCOL_CREATE), []);
    });

    it('accepts numbers where the wire wants strings', () => {
      const spec = { ...PROTOCOL_CREATE, ssh_port: 5684, vnc_port: 5904, gpu_count: 0, cpu_cores: 8, mem_size: 16, disk_size: 100 };
      assert.deepEqual(validateCreateSpec(spec), []);
    });

    for (const os of ['linux', 'ubuntu', 'ubuntu 18.04', 'Ubuntu 20.04.6 LTS', 'LINUX']) {
      it(`accepts operation_system "${os}" as Linux`, () => {
        assert.deepEqual(validateCreateSpec({ ...PROTOCOL_CREATE, operation_system: os }), []);
      });
    }

    for (const os of ['windows', 'win', 'windows 10', 'Windows Server 2019']) {
      it(`accepts operation_system "${os}" as Windows with an rdp_port`, () => {
        const spec = { ...without(PROTOCOL_CREATE, 'ssh_port'), operation_system: os, rdp_port: '5685', bios_mode: 'uefi' };
        assert.deepEqual(validateCreateSpec(spec), []);
      });
    }

    it('defaults operation_system to Linux', () => {
      assert.deepEqual(validateCreateSpec(without(PROTOCOL_CREATE, 'operation_system')), []);
      assert.equal(only(without(PROTOCOL_CREATE, 'operation_system', 'ssh_port')).field, 'ssh_port');
    });

    it('accepts bios modes case-insensitively, like the node', () => {
      for (const bios of ['legacy', 'uefi', 'pxe', 'UEFI']) {
        assert.deepEqual(validateCreateSpec({ ...PROTOCOL_CREATE, bios_mode: bios }), [], bios);
      }
    });

    it('does not need disk_size for pxe boot', () => {
      assert.deepEqual(validateCreateSpec({ ...without(PROTOCOL_CREATE, 'disk_size'), bios_mode: 'pxe' }), []);
    });

    it('does not need ssh_port when a public IP is set (the node falls back to 22)', () => {
      assert.deepEqual(validateCreateSpec({ ...without(PROTOCOL_CREATE, 'ssh_port'), public_ip: '203.0.113.7' }), []);
    });

    it('accepts the optional fields in their valid forms', () => {
      const spec = {
        ...PROTOCOL_CREATE,
        task_id: 'a1B2c3D4e5F6g7H8i9J0k1',
        interface_model_type: 'e1000',
        public_ip: '203.0.113.9',
        multicast: ['224.0.0.0:1', '239.255.255.255:65535'],
        network_filters: ['in,tcp,22,0.0.0.0/0,accept'],
        rent_order: '123',
        desc: 'train 1 — 第一个 (GPU)',
      };
      assert.deepEqual(validateCreateSpec(spec), []);
    });

    it('ignores blank list entries and blank optional fields', () => {
      const spec = { ...PROTOCOL_CREATE, custom_port: ['tcp,8080', ''], multicast: [], desc: '', interface_model_type: '' };
      assert.deepEqual(validateCreateSpec(spec), []);
    });
  });

  describe('rejects each broken variant with the right field and rule', () => {
    const variants: Variant[] = [
      ['unknown os', { operation_system: 'generic' }, 'operation_system', 'osUnsupported', '"generic"'],
      ['os of the wrong type', { operation_system: 3 }, 'operation_system', 'notText'],
      ['bad bios', { bios_mode: 'efi' }, 'bios_mode', 'biosUnsupported', 'legacy, uefi or pxe'],
      ['missing image', { image_name: '' }, 'image_name', 'required'],
      ['image without .qcow2', { image_name: 'ubuntu.img' }, 'image_name', 'imageExtension', '.qcow2'],
      ['image named only .qcow2', { image_name: '.qcow2' }, 'image_name', 'imageExtension'],
      ['missing vnc', { vnc_port: undefined }, 'vnc_port', 'required'],
      ['vnc below 5900', { vnc_port: '5899' }, 'vnc_port', 'portRange', 'from 5900 to 65535'],
      ['vnc above 65535', { vnc_port: '65536' }, 'vnc_port', 'portRange'],
      ['vnc not digits', { vnc_port: '59o4' }, 'vnc_port', 'portRange', '"59o4"'],
      ['vnc with a leading zero', { vnc_port: '05904' }, 'vnc_port', 'portRange', 'no leading zero'],
      ['ssh zero', { ssh_port: '0' }, 'ssh_port', 'portRange', 'from 1 to 65535'],
      ['ssh negative number', { ssh_port: -22 }, 'ssh_port', 'portRange'],
      ['ssh with spaces', { ssh_port: ' 5684' }, 'ssh_port', 'portRange'],
      ['ssh of the wrong type', { ssh_port: true }, 'ssh_port', 'notScalar', 'boolean'],
      ['gpu negative', { gpu_count: '-1' }, 'gpu_count', 'wholeNonNegative', '0 or more'],
      ['gpu fractional', { gpu_count: 1.5 }, 'gpu_count', 'wholeNonNegative', '"1.5"'],
      ['gpu missing', { gpu_count: undefined }, 'gpu_count', 'required'],
      ['cpu zero', { cpu_cores: '0' }, 'cpu_cores', 'wholePositive', 'greater than 0'],
      ['cpu huge', { cpu_cores: '99999999999' }, 'cpu_cores', 'tooLarge', '2147483647'],
      ['mem not a number', { mem_size: '8G' }, 'mem_size', 'wholePositive', '"8G"'],
      ['disk zero', { disk_size: 0 }, 'disk_size', 'wholePositive'],
      ['disk missing', { disk_size: undefined }, 'disk_size', 'required'],
      ['desc with a quote', { desc: 'say "hi"' }, 'desc', 'unsafeText', 'without escaping'],
      ['desc with a backslash', { desc: 'C:\\data' }, 'desc', 'unsafeText'],
      ['desc with a line break', { desc: 'a\nb' }, 'desc', 'unsafeText'],
      ['short task id', { task_id: 'abc' }, 'task_id', 'taskIdFormat', '20 to 22'],
      ['task id with a dash', { task_id: 'a1B2c3D4e5F6g7H8i9J0-' }, 'task_id', 'taskIdFormat'],
      ['explicit virtio', { interface_model_type: 'virtio' }, 'interface_model_type', 'interfaceModel'],
      ['bad public ip', { public_ip: '300.1.1.1' }, 'public_ip', 'publicIp'],
      ['custom port not a list', { custom_port: 'tcp,80' }, 'custom_port', 'notList'],
      ['custom port entry not a string', { custom_port: [80] }, 'custom_port[0]', 'notText'],
      ['custom port without protocol', { custom_port: ['8080'] }, 'custom_port[0]', 'customPortFormat'],
      ['custom port with two commas', { custom_port: ['tcp,80,81'] }, 'custom_port[0]', 'customPortFormat'],
      ['custom port with sctp', { custom_port: ['sctp,80'] }, 'custom_port[0]', 'customPortProtocol', '"sctp"'],
      ['custom port upper-case protocol', { custom_port: ['TCP,80'] }, 'custom_port[0]', 'customPortProtocol'],
      ['custom port spec A:B-C', { custom_port: ['tcp,1:2-3'] }, 'custom_port[0]', 'customPortSpec'],
      ['custom port spec with a space', { custom_port: ['tcp, 80'] }, 'custom_port[0]', 'customPortSpec'],
      ['custom port zero', { custom_port: ['tcp,0'] }, 'custom_port[0]', 'customPortNumber'],
      ['custom port too big', { custom_port: ['udp,70000'] }, 'custom_port[0]', 'customPortNumber', '70000'],
      ['custom port leading zero', { custom_port: ['tcp,0100'] }, 'custom_port[0]', 'customPortLeadingZero', 'octal'],
      ['custom range reversed', { custom_port: ['tcp,444-333'] }, 'custom_port[0]', 'customPortRangeOrder', '444-333'],
      ['guest range reversed', { custom_port: ['tcp,1-2:9-8'] }, 'custom_port[0]', 'customPortRangeOrder', '9-8'],
      ['unequal widths', { custom_port: ['tcp,555-666:777-880'] }, 'custom_port[0]', 'customPortRangeWidth', '555-666'],
      ['multicast not multicast', { multicast: ['192.168.1.1:5558'] }, 'multicast[0]', 'multicastAddress', '224.0.0.0–239.255.255.255'],
      ['multicast above 239', { multicast: ['240.0.0.1:5558'] }, 'multicast[0]', 'multicastAddress'],
      ['multicast not an ip', { multicast: ['abc:5000'] }, 'multicast[0]', 'multicastFormat', '230.0.0.1:5558'],
      ['multicast without port', { multicast: ['230.0.0.1'] }, 'multicast[0]', 'multicastFormat'],
      ['multicast leading-zero octet', { multicast: ['230.0.0.01:5000'] }, 'multicast[0]', 'multicastFormat'],
      ['multicast port leading zero', { multicast: ['230.0.0.1:05558'] }, 'multicast[0]', 'multicastPort', 'leading zeros'],
      ['multicast port zero', { multicast: ['230.0.0.1:0'] }, 'multicast[0]', 'multicastPort'],
      ['multicast port too big', { multicast: ['230.0.0.1:65536'] }, 'multicast[0]', 'multicastPort'],
      ['network filter not a string', { network_filters: [{}] }, 'network_filters[0]', 'notText'],
      ['ssh = vnc', { ssh_port: '5904' }, 'vnc_port', 'portClash', 'ssh_port'],
      ['custom tcp on the ssh port', { custom_port: ['tcp,5684'] }, 'custom_port[0]', 'portClash', 'tcp host port 5684'],
      ['custom range over the vnc port', { custom_port: ['tcp,5900-5910'] }, 'custom_port[0]', 'portClash', '5904'],
      ['two overlapping custom tcp ranges', { custom_port: ['tcp,8000-8010', 'tcp,8010:80'] }, 'custom_port[1]', 'portClash', 'custom_port[0]'],
      ['tcp/udp overlapping a udp entry', { custom_port: ['udp,7000', 'tcp/udp,6990-7000'] }, 'custom_port[1]', 'portClash', 'udp host port 7000'],
    ];

    for (const [title, patch, field, code, text] of variants) {
      it(`${title} → ${field} ${code}`, () => {
        const issue = only({ ...PROTOCOL_CREATE, ...patch });
        assert.equal(issue.field, field);
        assert.equal(issue.code, code);
        assert.ok(issue.message.includes(field), `message names the field: ${issue.message}`);
        if (text) assert.ok(issue.message.includes(text), `"${text}" in: ${issue.message}`);
      });
    }
  });

  describe('OS-dependent login ports', () => {
    it('requires ssh_port for Linux and names the OS', () => {
      const issue = only(without(PROTOCOL_CREATE, 'ssh_port'));
      assert.equal(issue.field, 'ssh_port');
      assert.equal(issue.message, 'ssh_port is required for a Linux VM.');
    });

    it('requires rdp_port for Windows, not ssh_port', () => {
      const issue = only({ ...without(PROTOCOL_CREATE, 'ssh_port'), operation_system: 'windows' });
      assert.equal(issue.field, 'rdp_port');
      assert.equal(issue.message, 'rdp_port is required for a Windows VM.');
    });

    it('ignores a clash of the login port the OS does not use', () => {
      assert.deepEqual(validateCreateSpec({ ...PROTOCOL_CREATE, rdp_port: '5904' }), []);
    });

    it('still checks the format of the unused login port', () => {
      assert.equal(only({ ...PROTOCOL_CREATE, rdp_port: 'x' }).field, 'rdp_port');
    });

    it('lets a udp custom port share the number of a tcp port', () => {
      assert.deepEqual(validateCreateSpec({ ...PROTOCOL_CREATE, custom_port: ['udp,5684', 'udp,5904'] }), []);
    });
  });

  describe('reports one issue per field, several fields at once', () => {
    it('lists every broken field once, in the node order', () => {
      const issues = validateCreateSpec({ ...PROTOCOL_CREATE, gpu_count: '-1', vnc_port: '1', cpu_cores: 'x', image_name: 'a.img' });
      assert.deepEqual(issues.map((i) => i.field), ['gpu_count', 'image_name', 'vnc_port', 'cpu_cores']);
    });

    it('reports one issue per broken list entry', () => {
      const issues = validateCreateSpec({ ...PROTOCOL_CREATE, custom_port: ['x', 'tcp,8080', 'udp,0'] });
      assert.deepEqual(issues.map((i) => i.field), ['custom_port[0]', 'custom_port[2]']);
    });

    it('rejects a spec that is not an object', () => {
      assert.equal(validateCreateSpec(null as unknown as Record<string, unknown>)[0]!.code, 'notObject');
      assert.equal(validateCreateSpec([] as unknown as Record<string, unknown>)[0]!.code, 'notObject');
    });
  });

  describe('issues are localizable', () => {
    it('carries the template and the args that rebuild the message', () => {
      const issue = only({ ...PROTOCOL_CREATE, vnc_port: '80' });
      assert.equal(issue.template, '{0} must be a port number from {1} to {2} (digits only, no leading zero), got "{3}".');
      assert.deepEqual(issue.args, ['vnc_port', '5900', '65535', '80']);
      assert.equal(issue.message, 'vnc_port must be a port number from 5900 to 65535 (digits only, no leading zero), got "80".');
    });
  });
});
