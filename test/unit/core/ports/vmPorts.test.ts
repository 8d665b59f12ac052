// The port list of a VM: ssh/rdp/vnc from task info, custom ports from the recorded rules, each as
// "guest → ip:host port", with a browser URL only for single TCP ports.
import * as assert from 'assert';
import { vmPorts } from '../../../../src/core/ports/vmPorts';

describe('VM ports', () => {
  it('lists ssh, vnc and every custom rule as guest → ip:host port', () => {
    const list = vmPorts({ ssh_ip: '203.0.113.7', ssh_port: '20022', vnc_port: '5901' }, ['tcp,20888:8888', 'tcp,8080', 'udp,6000-6010', 'tcp,21000-21002:7000-7002']);
    assert.deepStrictEqual(list.map((p) => p.text), [
      'ssh 22 → 203.0.113.7:20022',
      'vnc → 203.0.113.7:5901',
      'tcp 8888 → 203.0.113.7:20888',
      'tcp 8080 → 203.0.113.7:8080',
      'udp 6000-6010 → 203.0.113.7:6000-6010',
      'tcp 7000-7002 → 203.0.113.7:21000-21002',
    ]);
    assert.deepStrictEqual(list.map((p) => p.url), [undefined, undefined, 'http://203.0.113.7:20888', 'http://203.0.113.7:8080', undefined, undefined]);
    assert.deepStrictEqual(list.map((p) => p.guestPort), [22, undefined, 8888, 8080, undefined, undefined]);
  });

  it('shows rdp for a Windows VM and skips what the node skips', () => {
    const list = vmPorts({ ssh_ip: '198.51.100.2', rdp_port: '23000', vnc_port: '5902' }, ['tcp/udp,9000', 'tcp,0x50', 'sctp,9', 'tcp,70000', '']);
    assert.deepStrictEqual(list.map((p) => p.text), ['rdp 3389 → 198.51.100.2:23000', 'vnc → 198.51.100.2:5902']);
  });

  it('needs an address, and brackets an IPv6 one in URLs', () => {
    assert.deepStrictEqual(vmPorts({ ssh_port: '22' }, ['tcp,80']), []);
    assert.strictEqual(vmPorts({ ssh_ip: '2001:db8::5' }, ['tcp,80'])[0]!.url, 'http://[2001:db8::5]:80');
  });
});
