import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ExistingTask } from '../../../../src/core/portPlanner';
import { parseProfile, positionOf, PROFILE_FIELDS, PROFILE_SCHEMA_PATH } from '../../../../src/core/profile';
import { loadProfile, profileField } from '../../../../src/core/profileSpec';
import { validateCreateSpec } from '../../../../src/core/validation';

const NODE = '58fb618aa482c41114eb3cfdaefd3ba183172da9e25251449d045043fbd37f45';

/** The example of the brief, with fixed ports. */
const EXAMPLE = {
  $schema: 'https://example.test/vm-profile.schema.json',
  node: NODE,
  image: 'ubuntu.qcow2',
  os: 'linux',
  bios: 'legacy',
  gpus: 1,
  cpus: 8,
  memoryGb: 16,
  diskGb: 100,
  sshPort: 5684,
  vncPort: 5904,
  customPorts: ['tcp,8080'],
  multicast: [],
  description: 'train-1',
};

const TASKS: ExistingTask[] = [
  { task_id: 'busy1', ssh_port: '5600', vnc_port: '5900', custom_port: ['tcp,20000-20004'] },
  { task_id: 'busy2', ssh_port: '5601', vnc_port: '5901' },
];

const load = (profile: unknown, tasks: ExistingTask[] = []): ReturnType<typeof loadProfile> =>
  loadProfile(JSON.stringify(profile, null, 2), tasks);

const fields = (r: ReturnType<typeof loadProfile>): string[][] => r.issues.map((i) => [i.field, i.code]);

describe('VM profile', () => {
  it('turns the documented example into the §12 create spec', () => {
    const r = load(EXAMPLE);
    assert.deepEqual(r.issues, []);
    assert.equal(r.node, NODE);
    assert.deepEqual(r.spec, {
      image_name: 'ubuntu.qcow2', operation_system: 'linux', bios_mode: 'legacy', gpu_count: '1', cpu_cores: '8',
      mem_size: '16', disk_size: '100', ssh_port: '5684', vnc_port: '5904', custom_port: ['tcp,8080'], desc: 'train-1',
    });
    assert.deepEqual(validateCreateSpec(r.spec!), []);
  });

  it('resolves "auto" ports against the node\'s tasks', () => {
    const r = load({ ...EXAMPLE, sshPort: 'auto', vncPort: 'auto', customPorts: ['tcp,8080', { protocol: 'tcp', guest: 8888 }, { protocol: 'udp', guest: '6000-6002' }] }, TASKS);
    assert.deepEqual(r.issues, []);
    assert.equal(r.spec!.ssh_port, '5602');
    assert.equal(r.spec!.vnc_port, '5902');
    assert.deepEqual(r.spec!.custom_port, ['tcp,8080', 'tcp,20005:8888', 'udp,20000-20002:6000-6002']);
  });

  it('defaults the login and VNC ports to auto, and uses rdp for Windows', () => {
    const { sshPort: _s, vncPort: _v, ...rest } = EXAMPLE;
    const linux = load(rest, TASKS);
    assert.equal(linux.spec!.ssh_port, '5602');
    const windows = load({ ...rest, os: 'windows 10', bios: 'uefi' }, TASKS);
    assert.deepEqual(windows.issues, []);
    assert.equal(windows.spec!.rdp_port, '5602');
    assert.equal(windows.spec!.ssh_port, undefined);
  });

  it('keeps an object custom port with a fixed host', () => {
    const r = load({ ...EXAMPLE, customPorts: [{ protocol: 'tcp/udp', guest: '7000-7009', host: '17000-17009' }] });
    assert.deepEqual(r.spec!.custom_port, ['tcp/udp,17000-17009:7000-7009']);
  });

  it('maps the optional fields to their wire names', () => {
    const r = load({
      ...EXAMPLE, name: 'my-vm', publicIp: '203.0.113.7', dataFile: 'd.qcow2', network: 'lab0001',
      networkFilters: ['in,tcp,22,0.0.0.0/0,accept'], interfaceModel: 'e1000', rentOrder: '12', multicast: ['230.0.0.1:5558'],
    });
    assert.deepEqual(r.issues, []);
    assert.deepEqual(
      [r.spec!.custom_image_name, r.spec!.public_ip, r.spec!.data_file_name, r.spec!.network_name, r.spec!.network_filters, r.spec!.interface_model_type, r.spec!.rent_order, r.spec!.multicast],
      ['my-vm', '203.0.113.7', 'd.qcow2', 'lab0001', ['in,tcp,22,0.0.0.0/0,accept'], 'e1000', '12', ['230.0.0.1:5558']],
    );
  });

  describe('reports precise problems under the profile\'s names, with positions', () => {
    it('JSON syntax errors with line and column', () => {
      const r = loadProfile('{\n  "image": "u.qcow2",\n  "gpus": 1,\n}\n');
      assert.equal(r.issues.length, 1);
      assert.equal(r.issues[0]!.message, 'The profile is not valid JSON at line 4, column 1: a property name in double quotes was expected.');
      assert.deepEqual(r.issues[0]!.position, { line: 4, column: 1, offset: 37 });
    });

    it('a profile that is not an object', () => {
      assert.equal(loadProfile('[1]').issues[0]!.message, 'The profile must be a JSON object, got a value of type array.');
    });

    it('unknown fields, with a suggestion when one is close', () => {
      const r = load({ ...EXAMPLE, memoryGB: 16, colour: 'red' });
      assert.deepEqual(r.issues.map((i) => i.message), [
        'memoryGB is not a profile field; did you mean memoryGb?',
        'colour is not a profile field.',
      ]);
      assert.equal(r.issues[0]!.position?.line, 18);
    });

    it('duplicate keys', () => {
      const r = loadProfile('{"image": "a.qcow2", "gpus": 1, "cpus": 2, "memoryGb": 4, "diskGb": 5, "gpus": 2}');
      assert.deepEqual(fields(r), [['gpus', 'duplicateKey']]);
    });

    it('wrong JSON types', () => {
      const r = load({ ...EXAMPLE, gpus: '1', sshPort: '22', customPorts: [80, { protocol: 'tcp' }], multicast: 'x', node: 'abc' });
      assert.deepEqual(fields(r), [
        ['node', 'nodeId'], ['gpus', 'notNumber'], ['sshPort', 'portOrAuto'],
        ['customPorts[0]', 'customPortEntry'], ['customPorts[1].guest', 'required'], ['multicast', 'notList'],
      ]);
      assert.equal(r.issues[2]!.message, 'sshPort must be a port number or "auto", got "22".');
    });

    it('create rules, named by profile field', () => {
      const r = load({ ...EXAMPLE, image: 'u.img', vncPort: 80, cpus: 0, gpus: 1.5, description: 'a "quoted" note', customPorts: ['tcp,1-3:4-5'] });
      assert.deepEqual(fields(r), [
        ['gpus', 'wholeNonNegative'], ['description', 'unsafeText'], ['image', 'imageExtension'], ['vncPort', 'portRange'],
        ['cpus', 'wholePositive'], ['customPorts[0]', 'customPortRangeWidth'],
      ]);
      assert.equal(r.issues[3]!.message, 'vncPort must be a port number from 5900 to 65535 (digits only, no leading zero), got "80".');
      assert.equal(r.spec, undefined);
    });

    it('required fields', () => {
      const r = load({ image: 'u.qcow2' });
      assert.deepEqual(r.issues.map((i) => i.message), ['gpus is required.', 'cpus is required.', 'memoryGb is required.', 'diskGb is required.']);
    });

    it('clashes inside the profile name both profile fields', () => {
      const r = load({ ...EXAMPLE, sshPort: 5904 });
      assert.deepEqual(r.issues.map((i) => i.message), ['vncPort uses tcp host port 5904, which sshPort also uses.']);
    });

    it('fixed ports that a task already uses', () => {
      const r = load({ ...EXAMPLE, sshPort: 5601 }, TASKS);
      assert.deepEqual(r.issues.map((i) => i.message), ['sshPort: tcp host port 5601 is already used by task busy2 (ssh_port).']);
      assert.equal(r.issues[0]!.position?.line, 11);
    });

    it('no free port left for "auto"', () => {
      const r = loadProfile(JSON.stringify({ ...EXAMPLE, vncPort: 'auto' }), [], );
      assert.deepEqual(r.issues, []);
      const full = loadProfile(JSON.stringify({ ...EXAMPLE, vncPort: 'auto' }), TASKS, { vncRanges: [{ from: 5900, to: 5901 }] });
      assert.deepEqual(full.issues.map((i) => i.message), ['vncPort: no free port is left in 5900–5901.']);
    });

    it('object custom ports with a bad guest side', () => {
      const r = load({ ...EXAMPLE, customPorts: [{ protocol: 'sctp', guest: 80 }, { protocol: 'tcp', guest: '9-1' }] });
      assert.deepEqual(fields(r), [['customPorts[0]', 'customPortProtocol'], ['customPorts[1]', 'customPortRangeOrder']]);
    });
  });

  it('finds the position of a field or of its nearest enclosing value', () => {
    const root = { line: 1, column: 1, offset: 0 };
    const list = { line: 3, column: 5, offset: 20 };
    const positions = new Map([['', root], ['customPorts', list]]);
    assert.equal(positionOf(positions, 'customPorts[2].guest'), list);
    assert.equal(positionOf(positions, 'vncPort'), root);
    assert.equal(positionOf(new Map(), 'a.b[1]'), undefined);
  });

  it('maps wire field names to profile names', () => {
    assert.equal(profileField('custom_port[3]'), 'customPorts[3]');
    assert.equal(profileField('mem_size'), 'memoryGb');
    assert.equal(profileField('unknown_thing'), 'unknown_thing');
  });

  describe('the JSON schema', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../..', PROFILE_SCHEMA_PATH), 'utf8')) as {
      properties: Record<string, { description?: string }>;
      required: string[];
      examples: unknown[];
      additionalProperties: boolean;
    };

    it('documents exactly the fields the parser knows, each with a description', () => {
      assert.deepEqual(Object.keys(schema.properties).sort(), [...PROFILE_FIELDS].sort());
      for (const [k, v] of Object.entries(schema.properties)) assert.ok(v.description, `${k} has a description`);
      assert.equal(schema.additionalProperties, false);
    });

    it('requires what the create rules require (diskGb only without pxe)', () => {
      assert.deepEqual(schema.required, ['image', 'gpus', 'cpus', 'memoryGb']);
      const r = load({ image: 'u.qcow2', gpus: 0, cpus: 1, memoryGb: 1, bios: 'pxe' });
      assert.deepEqual(r.issues, []);
    });

    it('has examples that load without problems', () => {
      for (const example of schema.examples) assert.deepEqual(load(example).issues, []);
      assert.deepEqual(parseProfile(JSON.stringify(schema.examples[0])).issues, []);
    });
  });
});
