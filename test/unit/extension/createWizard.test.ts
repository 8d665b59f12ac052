// Create VM as a pure state machine: the steps, their defaults from the node, Back, live validation,
// port proposals, the summary loop with "Edit field…" and "Save as profile…".
import * as assert from 'assert';
import type { CreateDraft, CreateFacts } from '../../../src/flows/create/model/createDraft';
import { draftProblems, draftSpec, proposePorts, sizeGb, summaryLine } from '../../../src/flows/create/model/createDraft';
import { runCreateFlow } from '../../../src/flows/create/model/createFlow';
import { createSteps, TYPED_IMAGE } from '../../../src/flows/create/model/createSteps';
import { editStep, runWizard } from '../../../src/flows/create/model/wizard';
import { englishT } from '../../../src/ui/model/translate';
import type { StepQuestion } from '../../../src/ui/model/prompter';
import { accept, back, dismiss, pick, script, type } from './support/scriptedAsk';

const facts = (over: Partial<CreateFacts> = {}): CreateFacts => ({
  nodeName: 'gpu-a', images: [{ name: 'ubuntu.qcow2', size: '10G' }, { name: 'windows10.qcow2', size: '30G' }],
  gpuTotal: 8, gpuFree: 3, cpuCores: 64, memGb: 251, diskFreeGb: 3000,
  tasks: [{ task_id: 'old1', ssh_port: '5600', vnc_port: '5900' }, { task_id: 'old2', ssh_port: '5601', vnc_port: '5901', custom_port: ['tcp,20000'] }],
  ...over,
});

const LINUX_ANSWERS = [pick('ubuntu.qcow2'), pick('Linux'), pick('1'), type('8'), type('16'), type('100'), accept, accept, type(''), type('train-1')];

function inputOf(q: StepQuestion<unknown>): Extract<StepQuestion<unknown>, { kind: 'input' }> {
  if (q.kind !== 'input') throw new Error('not an input');
  return q;
}

describe('Create VM wizard (pure state machine)', () => {
  it('asks the ten steps in order with a step counter, and proposes ports free on the node', async () => {
    const s = script(...LINUX_ANSWERS);
    const draft = await runWizard(createSteps(englishT, facts()), {}, s.ask);
    assert.deepStrictEqual(s.asked.map((a) => a.split(' ')[0]), ['1/10', '2/10', '3/10', '4/10', '5/10', '6/10', '7/10', '8/10', '9/10', '10/10']);
    assert.strictEqual(s.positions[0]!.back, false);
    assert.ok(s.positions.slice(1).every((p) => p.back), 'Back is offered from the second step on');
    assert.deepStrictEqual(draftSpec(draft!), {
      image_name: 'ubuntu.qcow2', operation_system: 'linux', bios_mode: 'legacy', gpu_count: '1', cpu_cores: '8', mem_size: '16',
      disk_size: '100', ssh_port: '5602', vnc_port: '5902', desc: 'train-1',
    });
  });

  it('goes back one step and keeps the earlier answers as defaults', async () => {
    const s = script(pick('ubuntu.qcow2'), pick('Linux'), pick('2'), type('4'), back, back, pick('1'), accept, type('8'), type('50'), accept, accept, type(''), type(''));
    const draft = await runWizard(createSteps(englishT, facts()), {}, s.ask);
    assert.deepStrictEqual(s.asked.slice(3, 7).map((a) => a.split(':')[0]), ['4/10 input', '5/10 input', '4/10 input', '3/10 pick']);
    assert.strictEqual(draft!.gpu_count, '1');
    assert.strictEqual(draft!.cpu_cores, '4', 'the CPU answered before going back is the default');
  });

  it('cancels when a question is dismissed', async () => {
    const s = script(pick('ubuntu.qcow2'), dismiss);
    assert.strictEqual(await runWizard(createSteps(englishT, facts()), {}, s.ask), undefined);
  });

  it('asks for the image name only when "Enter an image name…" is chosen, and counts that step', async () => {
    const s = script(pick('Enter an image name…'), type('mine.qcow2'), accept, ...LINUX_ANSWERS.slice(2));
    const draft = await runWizard(createSteps(englishT, facts()), {}, s.ask);
    assert.strictEqual(draft!.image_name, 'mine.qcow2');
    assert.ok(s.asked[1]!.startsWith('2/11 input: Image file name'), s.asked[1]);
  });

  it('validates each answer live with the core rules, the node\'s size and the node\'s ports', async () => {
    const steps = createSteps(englishT, facts());
    const draft: CreateDraft = { image_name: 'ubuntu.qcow2', operation_system: 'linux', gpu_count: '1' };
    const cpu = inputOf(steps.find((x) => x.id === 'cpus')!.question(draft));
    assert.match(cpu.validate!('0') ?? '', /cpu_cores/);
    assert.match(cpu.validate!('65') ?? '', /64 at most/);
    assert.strictEqual(cpu.validate!('64'), undefined);
    const login = inputOf(steps.find((x) => x.id === 'login')!.question(draft));
    assert.match(login.validate!('5601') ?? '', /old2/, 'a port another VM uses is refused, naming that VM');
    const vnc = inputOf(steps.find((x) => x.id === 'vnc')!.question({ ...draft, ssh_port: '5950' }));
    assert.match(vnc.validate!('5950') ?? '', /ssh_port/, 'a port of this VM cannot be used twice');
    assert.match(vnc.validate!('5800') ?? '', /5900/);
  });

  it('plans host ports for extra guest ports and keeps full rules as written', async () => {
    const steps = createSteps(englishT, facts());
    const ports = steps.find((x) => x.id === 'ports')!;
    const d: CreateDraft = { operation_system: 'linux', ssh_port: '5602', vnc_port: '5902' };
    assert.match(inputOf(ports.question(d)).validate!('88x') ?? '', /not a port/);
    const next = ports.apply(d, '8888 6000-6010/udp tcp,8080:80');
    assert.deepStrictEqual(next.custom_port, ['tcp,20001:8888', 'udp,20000-20010:6000-6010', 'tcp,8080:80']);
    assert.match(summaryLine(englishT, next), /tcp 20001 → 8888 · udp 20000-20010 → 6000-6010/);
  });

  it('switches the login port with the OS, and a Windows VM boots with uefi', async () => {
    const s = script(pick('windows10.qcow2'), accept, pick('1'), type('8'), type('16'), type('100'), accept, accept, type(''), type(''));
    const draft = await runWizard(createSteps(englishT, facts()), {}, s.ask);
    assert.match(s.asked[6]!, /Remote Desktop/);
    const spec = draftSpec(draft!);
    assert.strictEqual(spec['operation_system'], 'windows');
    assert.strictEqual(spec['bios_mode'], 'uefi');
    assert.strictEqual(spec['rdp_port'], '5602');
    assert.strictEqual(spec['ssh_port'], undefined);
  });

  it('offers the free GPU counts, most first, with the last choice picked', () => {
    const q = createSteps(englishT, facts()).find((x) => x.id === 'gpus')!.question({ gpu_count: '2' });
    assert.strictEqual(q.kind, 'pick');
    if (q.kind !== 'pick') return;
    assert.deepStrictEqual(q.items.map((i) => i.label), ['3', '2', '1', '0']);
    assert.strictEqual(q.items.find((i) => i.picked)?.label, '2');
  });

  it('on a per-GPU rental proposes exactly the leased GPUs and the leased share of CPU cores and memory', async () => {
    const lease = facts({ lease: { order: '1042', gpus: 2 }, cpuCores: 64, memGb: 256 });
    const steps = createSteps(englishT, lease);
    const gpus = steps.find((x) => x.id === 'gpus')!.question({ gpu_count: '1' });
    assert.ok(gpus.kind === 'pick');
    assert.deepStrictEqual(gpus.items.map((i) => [i.label, i.picked]), [['2', true]], 'only the leased count');
    assert.match(gpus.placeholder ?? '', /Rent order 1042 leases 2/);
    const s = script(pick('ubuntu.qcow2'), pick('Linux'), pick('2'), accept, accept, type('100'), accept, accept, type(''), type('lease-vm'));
    const draft = await runWizard(steps, { cpu_cores: '32' }, s.ask);
    assert.deepStrictEqual([draft!.gpu_count, draft!.cpu_cores, draft!.mem_size], ['2', '16', '64'], '64 cores and 256 GB scaled by 2/8; a remembered 32 cores is capped');
    const cpu = inputOf(steps.find((x) => x.id === 'cpus')!.question({}));
    assert.strictEqual(cpu.validate!('17'), 'Your rent order leases 16 at most.');
    assert.strictEqual(cpu.validate!('16'), undefined);
  });

  it('asks which virtual LAN to join only when the client node lists networks (none by default)', async () => {
    const none = script(...LINUX_ANSWERS);
    await runWizard(createSteps(englishT, facts({ networks: [] })), {}, none.ask);
    assert.strictEqual(none.asked.length, 10, 'no network step without networks');
    const withLan = facts({ networks: [{ name: 'lab0001', cidr: '10.10.0.0/24', members: 1 }] });
    const s = script(...LINUX_ANSWERS.slice(0, 9), accept, type('train-1'));
    const draft = await runWizard(createSteps(englishT, withLan), {}, s.ask);
    assert.match(s.asked[9]!, /^10\/11 pick: Join a virtual LAN/);
    assert.strictEqual(draft!.network_name, undefined, '"No network" is the default');
    const joined = await editStep(createSteps(englishT, withLan), 'network', draft!, script(pick('lab0001')).ask);
    assert.strictEqual(draftSpec(joined!)['network_name'], 'lab0001');
    assert.match(summaryLine(englishT, joined!), /network lab0001$/);
  });

  it('re-asks the login port after an edit changes the OS', async () => {
    const steps = createSteps(englishT, facts());
    const s = script(...LINUX_ANSWERS);
    const draft = (await runWizard(steps, {}, s.ask))!;
    const edit = script(pick('Windows'), accept);
    const edited = await editStep(steps, 'os', draft, edit.ask);
    assert.deepStrictEqual(edit.asked.map((a) => a.replace(/^\S+ /, '')), ['pick: Operating system of ubuntu.qcow2', 'input: Host port for Remote Desktop (a free one is proposed)']);
    assert.strictEqual(edited!.rdp_port, '5602');
    assert.strictEqual(edited!.ssh_port, undefined);
    assert.strictEqual(await editStep(steps, 'os', draft, script(back).ask), draft, 'Back from an edit keeps the draft');
  });
});

describe('Create VM summary loop', () => {
  it('creates after the summary, editing a field on the way, and can save a profile first', async () => {
    const saved: CreateDraft[] = [];
    const s = script(...LINUX_ANSWERS, pick('Edit field…'), pick('CPU cores'), type('12'), pick('Save as profile…'), pick('Create'));
    const draft = await runCreateFlow({ t: englishT, facts: facts(), ask: s.ask, saveProfile: async (d) => void saved.push(d) }, {});
    assert.strictEqual(draft!.cpu_cores, '12');
    assert.strictEqual(saved.length, 1);
    assert.ok(s.asked.includes('11/11 pick: Review the new VM'), s.asked.join('\n'));
    // the total is right from the first question: the summary is step 11 of 11 throughout
    assert.deepStrictEqual([...new Set(s.asked.map((a) => a.split(' ')[0]!.split('/')[1]))], ['11'], s.asked.join('\n'));
    assert.strictEqual(s.left(), 0);
  });

  it('Back from the summary returns to the last step', async () => {
    const s = script(...LINUX_ANSWERS, back, type('renamed'), pick('Create'));
    const draft = await runCreateFlow({ t: englishT, facts: facts(), ask: s.ask }, {});
    assert.strictEqual(draft!.desc, 'renamed');
  });

  it('replaces Create by the first problem while the draft cannot be sent', async () => {
    const f = facts();
    const clash: CreateDraft = { image_name: 'ubuntu.qcow2', operation_system: 'linux', gpu_count: '1', cpu_cores: '2', mem_size: '2', disk_size: '2', ssh_port: '5600', vnc_port: '5903' };
    assert.match(draftProblems(englishT, clash, f)[0] ?? '', /old1/);
  });

  it('starts from the last choices on the node', async () => {
    const s = script(accept, accept, accept, accept, accept, accept, accept, accept, accept, accept, pick('Create'));
    const draft = await runCreateFlow({ t: englishT, facts: facts(), ask: s.ask }, { image_name: 'ubuntu.qcow2', gpu_count: '2', cpu_cores: '6', mem_size: '12', disk_size: '40', customText: '8888' });
    assert.deepStrictEqual([draft!.gpu_count, draft!.cpu_cores, draft!.mem_size, draft!.disk_size], ['2', '6', '12', '40']);
    assert.deepStrictEqual(draft!.custom_port, ['tcp,20001:8888']);
  });
});

describe('Create VM helpers', () => {
  it('proposes login and VNC ports that avoid the node and the draft', () => {
    assert.deepStrictEqual(proposePorts({ operation_system: 'linux' }, facts().tasks), { login: '5602', vnc: '5902' });
    assert.deepStrictEqual(proposePorts({ operation_system: 'linux', vnc_port: '5602' }, facts().tasks), { login: '5603', vnc: '5602' });
  });

  it('reads node sizes in GB', () => {
    assert.strictEqual(sizeGb('251.57G'), 251);
    assert.strictEqual(sizeGb('3.49T'), 3573);
    assert.strictEqual(sizeGb('512M'), 0);
    assert.strictEqual(sizeGb(undefined), undefined);
  });

  it('keeps the typed-image marker out of the spec', () => {
    const d = createSteps(englishT, facts()).find((x) => x.id === 'image')!.apply({}, TYPED_IMAGE);
    assert.strictEqual(d.typedImage, true);
    assert.strictEqual(draftSpec(d)['image_name'], undefined);
  });
});
