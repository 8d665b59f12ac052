// Hostile workspace profiles (.dbc/vm.json comes with a repository): prototype keys, deep nesting and
// huge files are reported as problems with their place, never crash the CLI or the editor's checks.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseProfile } from '../../../../src/core/profile';
import { checkProfileText } from '../../../../src/flows/profile/model/profileCheck';
import { cli, NODE } from '../../cli/harness';
import { ok } from '../../api/recordingFetch';
import { TEST_SEED } from '../../auth/vectors';

describe('profiles: hostile files', () => {
  const protoKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

  for (const key of protoKeys) {
    it(`reports a "${key}" key as an unknown field, at its place, and touches no prototype`, () => {
      const text = `{\n  "image": "ubuntu.qcow2", "gpus": 1, "cpus": 8, "memoryGb": 16,\n  "${key}": {"polluted": true},\n  "customPorts": [{"protocol": "tcp", "guest": 80, "${key}": 1}]\n}`;
      const parsed = parseProfile(text);
      assert.equal(parsed.profile, undefined);
      assert.deepEqual(parsed.issues.map((i) => [i.field, i.code, i.position?.line]), [
        [key, 'unknownField', 3], [`customPorts[0].${key}`, 'unknownField', 4],
      ]);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(checkProfileText(text).problems.length, 2);
    });
  }

  it('refuses nesting deeper than 64 levels at the place it starts, without recursing into it', () => {
    const deep = `{"image": "u.qcow2", "multicast": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const parsed = parseProfile(deep);
    assert.equal(parsed.profile, undefined);
    // The object is level 1, so the 64th "[" (column 35 + 63) opens level 65.
    assert.deepEqual(parsed.issues.map((i) => [i.code, i.position?.line, i.position?.column]), [['jsonSyntax', 1, 35 + 63]]);
    assert.match(parsed.issues[0]!.message, /nested more than 64 levels deep/);
    assert.equal(checkProfileText(deep).problems[0]!.template, 'The profile is not valid JSON at line {1}, column {2}: {3}.');
  });

  it('refuses comments and trailing commas like JSON does, naming the place', () => {
    assert.deepEqual(parseProfile('{\n  // mine\n  "image": "u.qcow2"\n}').issues.map((i) => [i.position?.line, i.args[3]]), [[2, 'comments are not allowed in a profile (it is plain JSON)']]);
    assert.deepEqual(parseProfile('{"image": "u.qcow2",}').issues.map((i) => i.position?.column), [21]);
  });

  it('the CLI lists the problems of a hostile profile and sends nothing (exit 2, never 70)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dbc-hostile-profile-'));
    try {
      const file = path.join(dir, 'vm.json');
      for (const text of [
        '{"image": "u.qcow2", "gpus": 1, "cpus": 1, "memoryGb": 1, "constructor": "x", "toString": 1}',
        `{"image": "u.qcow2", "__proto__": {"gpus": 8}, "gpus": 1, "cpus": 1, "memoryGb": 1, "diskGb": 1}`,
        `{"image": ${'['.repeat(100_000)}}`,
      ]) {
        await fs.writeFile(file, text);
        const r = await cli(['vm', 'create', '--profile', file], { env: { DBC_SEED: TEST_SEED, DBC_NODE: NODE }, replies: [ok([])] });
        assert.equal(r.code, 2, r.stderr);
        assert.equal(r.requests.length, 0);
        assert.match(r.stderr, /^dbc: vm create: nothing was sent, because:\n {2}.*vm\.json:1:\d+: /);
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
