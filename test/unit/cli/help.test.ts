import assert from 'node:assert/strict';
import type { Command } from 'commander';
import { buildProgram } from '../../../src/cli/main';
import { cli } from './harness';

function paths(cmd: Command, prefix: string[] = []): string[][] {
  return cmd.commands.flatMap((c) => [[...prefix, c.name()], ...paths(c, [...prefix, c.name()])]);
}

describe('cli: --help on every level', () => {
  const program = buildProgram({ io: { stdout: { write: () => true }, stderr: { write: () => true }, env: {} }, exitCode: 0 });
  const all = paths(program);

  it('has the fixed command tree', () => {
    const names = all.map((p) => p.join(' '));
    for (const required of [
      'address', 'nonce', 'sign', 'verify', 'node list', 'node info', 'session-id',
      'vm list', 'vm info', 'vm create', 'vm start', 'vm stop', 'vm shutdown', 'vm poweroff', 'vm restart', 'vm reset', 'vm delete',
      'vm logs', 'vm modify', 'vm passwd', 'snapshot list', 'snapshot info', 'snapshot create', 'snapshot delete',
      'image servers', 'image list', 'image upload', 'image download', 'image progress', 'image stop', 'image delete',
      'ssh config', 'ssh bootstrap',
    ]) assert.ok(names.includes(required), required);
  });

  it('dbc --help exits 0 and documents exit codes and credentials', async () => {
    const r = await cli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Exit codes: 0 ok, 1 GPU node error/);
    assert.match(r.stdout, /DBC_SESSION_ID and DBC_SESSION_ID_SIGN/);
  });

  for (const p of all) {
    it(`dbc ${p.join(' ')} --help shows usage and examples`, async () => {
      const r = await cli([...p, '--help']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Usage: dbc ${p.join(' ')}`));
      assert.match(r.stdout, /\nExamples:\n {2}\$ .*\bdbc /);
    });
  }
});
