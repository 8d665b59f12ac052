// Virtual-LAN and monitor-server inputs, checked before anything is sent with the node's own rules
// (VxlanManager.cpp check_network_name and CreateNetworkServer; node_monitor_service.cpp setMonitorServer).
import * as assert from 'node:assert/strict';
import { checkIpCidr, checkLanName, checkMonitorServers } from '../../../../src/core/validation';

const code = (issue: { code: string } | undefined): string | undefined => issue?.code;

describe('LAN and monitor validation', () => {
  it('a network name is 6 to 10 letters or digits', () => {
    for (const ok of ['lab001', 'LAB0001', 'abcdefghij', '1234567890']) assert.equal(checkLanName('name', ok), undefined, ok);
    for (const bad of ['lab01', 'abcdefghijk', 'lab-001', 'lab_0001', 'lab 0001', 'läb00001']) assert.equal(code(checkLanName('name', bad)), 'lanName', bad);
    assert.ok(checkLanName('name', ''), 'required where a name must be given');
    assert.equal(checkLanName('network_name', '', false), undefined, 'optional at create');
  });

  it('a range is an IPv4 a.b.c.d/n off libvirt\'s default network', () => {
    for (const ok of ['10.10.0.0/24', '172.16.0.0/16', '10.0.0.0/8']) assert.equal(checkIpCidr('cidr', ok), undefined, ok);
    for (const bad of ['10.10.0.0', '10.10.0.0/33', '10.10.0/24', 'fd00::/64', '10.10.0.0/', '/24']) assert.equal(code(checkIpCidr('cidr', bad)), 'ipCidr', bad);
    assert.equal(code(checkIpCidr('cidr', '192.168.122.0/24')), 'ipCidrDefaultNet');
  });

  it('at most two host:port monitor servers', () => {
    assert.deepEqual(checkMonitorServers('servers', ['10.0.0.1:10051', 'zbx.example.com:10051']), []);
    assert.deepEqual(checkMonitorServers('servers', ['1.1.1.1:1', '2.2.2.2:2', '3.3.3.3:3']).map((i) => i.code), ['monitorCount']);
    for (const bad of ['10.0.0.1', '10.0.0.1:', ':10051', 'a::1', '10.0.0.1:70000', '10.0.0.1:0']) {
      assert.deepEqual(checkMonitorServers('servers', [bad]).map((i) => [i.code, i.field]), [['monitorServer', 'servers[0]']], bad);
    }
  });
});
