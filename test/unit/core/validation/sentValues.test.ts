// Values the node mishandles are refused before anything is sent: network filters it would skip, turn
// into a null rule or narrow to one address; file names it would resolve outside /data; public IPs that
// are not unicast IPv4.
import * as assert from 'node:assert/strict';
import { validateCreateSpec, validateModifySpec } from '../../../../src/core/validation';
import { checkNetworkFilter } from '../../../../src/core/validation/networkFilter';

const BASE = { image_name: 'ubuntu.qcow2', ssh_port: '5684', vnc_port: '5904', gpu_count: '1', cpu_cores: '8', mem_size: '16', disk_size: '100' };
const codes = (spec: Record<string, unknown>) => validateCreateSpec(spec).map((i) => [i.field, i.code]);

describe('values the node mishandles are refused before sending', () => {
  it('network filters: five fields, known direction, protocol and action, ports for tcp/udp only, 0.0.0.0/0 or one address', () => {
    for (const ok of ['in,tcp,22,0.0.0.0/0,accept', 'out,all,all,0.0.0.0/0,accept', 'in,all,all,0.0.0.0/0,drop', 'inout,udp,6000-6010,203.0.113.7,accept',
      'in,icmp,all,198.51.100.1/32,drop', 'in,dns(udp),all,0.0.0.0/0,accept']) {
      assert.equal(checkNetworkFilter('f', ok), undefined, ok);
    }
    const bad: [string, string][] = [
      ['in,tcp,22,0.0.0.0/0', 'networkFilterFormat'], ['in,tcp,22,0.0.0.0/0,accept,x', 'networkFilterFormat'], ['up,tcp,22,0.0.0.0/0,accept', 'networkFilterDirection'],
      ['in,sctp,22,0.0.0.0/0,accept', 'networkFilterProtocol'], ['in,tcp,0,0.0.0.0/0,accept', 'networkFilterPorts'], ['in,tcp,9-1,0.0.0.0/0,accept', 'networkFilterPorts'],
      ['in,tcp,022,0.0.0.0/0,accept', 'networkFilterPorts'], ['in,ssh,2222,0.0.0.0/0,accept', 'networkFilterPortsFixed'], ['in,tcp,22,10.0.0.0/8,accept', 'networkFilterAddress'],
      ['in,tcp,22,::1,accept', 'networkFilterAddress'], ['in,tcp,22,host.example,accept', 'networkFilterAddress'], ['in,tcp,22,0.0.0.0/0,reject', 'networkFilterAction'],
      ['in,tcp,22,0.0.0.0/0,accept"<x/>', 'networkFilterAction'],
    ];
    for (const [entry, code] of bad) assert.equal(checkNetworkFilter('f', entry)?.code, code, entry);
    assert.deepEqual(codes({ ...BASE, network_filters: ['in,tcp,22,0.0.0.0/0,accept', 'in,tcp,22,10.0.0.0/8,accept'] }), [['network_filters[1]', 'networkFilterAddress']]);
    assert.deepEqual(validateModifySpec({ new_network_filters: ['nope'] }).map((i) => i.field), ['new_network_filters[0]']);
  });

  it('image and data file names: plain file names in /data, no separators, "..", quotes or control characters', () => {
    for (const image of ['../../etc/x.qcow2', 'a/b.qcow2', 'a\\b.qcow2', 'x".qcow2', "x'.qcow2", 'x\n.qcow2', 'x\u0000.qcow2', '..qcow2']) {
      assert.deepEqual(codes({ ...BASE, image_name: image }), [['image_name', 'fileName']], JSON.stringify(image));
    }
    assert.deepEqual(codes({ ...BASE, image_name: 'ubuntu-22.04_v2.qcow2' }), []);
    assert.deepEqual(codes({ ...BASE, data_file_name: '../../etc/shadow' }), [['data_file_name', 'fileName']]);
    assert.deepEqual(codes({ ...BASE, data_file_name: 'data-1.qcow2' }), []);
  });

  it('public IPs: unicast IPv4 only', () => {
    for (const ip of ['0.0.0.0', '255.255.255.255', '127.0.0.1', '224.0.0.1', '240.0.0.1', '::1', '2001:db8::1', '010.1.1.1', '1.2.3']) {
      assert.deepEqual(codes({ ...BASE, public_ip: ip }), [['public_ip', 'publicIp']], ip);
    }
    for (const ip of ['203.0.113.9', '10.1.2.3', '1.1.1.1']) assert.deepEqual(codes({ ...BASE, public_ip: ip }), [], ip);
    assert.deepEqual(validateModifySpec({ new_public_ip: '255.255.255.255' }).map((i) => i.code), ['publicIp']);
  });
});
