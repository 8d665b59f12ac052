// "Save as profile…" / New VM Profile: the scaffold from Create VM's choices, and the check Create VM
// from Profile runs on a profile's text (problems with line and column, "auto" ports planned).
import * as assert from 'assert';
import type { CreateDraft } from '../../../src/flows/create/model/createDraft';
import { draftProfile, profileText } from '../../../src/flows/profile/model/profileScaffold';
import { checkProfileText, specDraft } from '../../../src/flows/profile/model/profileCheck';
import { isProfilePath } from '../../../src/flows/profile/model/profilePaths';

const NODE = '9ca18c3054f7c35c894ba78289f6ffa7b422e6945c5e7ef1442ff35420be5369';

const draft: CreateDraft = {
  image_name: 'ubuntu.qcow2', operation_system: 'linux', gpu_count: '1', cpu_cores: '8', mem_size: '16', disk_size: '100',
  ssh_port: '5602', vnc_port: '5902', customText: '8888 6000-6010/udp tcp,8080:80', custom_port: ['tcp,20001:8888', 'udp,20000-20010:6000-6010', 'tcp,8080:80'], desc: 'train-1',
};

describe('VM profile scaffold', () => {
  it('writes the choices with readable names, "auto" ports and the node', () => {
    assert.deepStrictEqual(draftProfile(draft, NODE), {
      node: NODE, image: 'ubuntu.qcow2', os: 'linux', gpus: 1, cpus: 8, memoryGb: 16, diskGb: 100, sshPort: 'auto', vncPort: 'auto',
      customPorts: [{ protocol: 'tcp', guest: 8888, host: 'auto' }, { protocol: 'udp', guest: '6000-6010', host: 'auto' }, 'tcp,8080:80'],
      description: 'train-1',
    });
  });

  it('writes a Windows profile with uefi and an rdp port', () => {
    const p = draftProfile({ ...draft, operation_system: 'windows', customText: '', custom_port: [] }) as unknown as Record<string, unknown>;
    assert.strictEqual(p['bios'], 'uefi');
    assert.strictEqual(p['rdpPort'], 'auto');
    assert.strictEqual(p['sshPort'], undefined);
    assert.strictEqual(p['customPorts'], undefined);
  });

  it('round-trips: the scaffold passes the same check as Create VM from Profile and the CLI', () => {
    const checked = checkProfileText(profileText(draftProfile(draft, NODE)), [{ task_id: 'x', ssh_port: '5600', vnc_port: '5900' }]);
    assert.deepStrictEqual(checked.problems, []);
    assert.strictEqual(checked.node, NODE);
    assert.strictEqual((checked.spec as unknown as Record<string, unknown>)['ssh_port'], '5601');
    assert.match(JSON.stringify(checked.spec), /tcp,8080:80/);
  });
});

describe('profile check', () => {
  it('reports problems with their line and column', () => {
    const text = '{\n  "image": "ubuntu.qcow2",\n  "gpus": 1,\n  "cpus": 0,\n  "memoryGb": 8,\n  "vncPort": 80\n}\n';
    const problems = checkProfileText(text).problems.sort((a, b) => a.line - b.line);
    assert.deepStrictEqual(problems.map((p) => [p.field, p.line, p.column]), [['diskGb', 1, 1], ['cpus', 4, 11], ['vncPort', 6, 14]]);
    assert.match(problems[1]!.message, /cpus/);
  });

  it('reports a JSON syntax error where it is', () => {
    const problems = checkProfileText('{\n  "image": "a.qcow2",\n  "gpus": 1,,\n}').problems;
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0]!.line, 3);
  });

  it('reports a port another VM of the node uses', () => {
    const text = JSON.stringify({ image: 'u.qcow2', gpus: 1, cpus: 2, memoryGb: 4, diskGb: 10, sshPort: 5600 });
    assert.match(checkProfileText(text, [{ task_id: 'busy', ssh_port: '5600' }]).problems[0]?.message ?? '', /busy/);
  });

  it('summarises a spec like the Create VM summary', () => {
    const d = specDraft({ image_name: 'win.qcow2', operation_system: 'windows', gpu_count: '1', cpu_cores: '4', mem_size: '8', disk_size: '50', rdp_port: '5600', vnc_port: '5900' });
    assert.strictEqual(d.operation_system, 'windows');
    assert.strictEqual(d.rdp_port, '5600');
  });

  it('recognises profile paths on both separators', () => {
    for (const p of ['/w/.dbc/vm.json', 'C:\\w\\.dbc\\gpu.vm.json', '.dbc/a.vm.json']) assert.ok(isProfilePath(p), p);
    for (const p of ['/w/vm.json', '/w/.dbc/other.json', '/w/.dbc/x/vm.json', '/w/dbc/vm.json']) assert.ok(!isProfilePath(p), p);
  });
});
