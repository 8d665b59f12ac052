// Which Remote-SSH implementation is used or offered, per editor build.
import * as assert from 'assert';
import { detectRemoteSsh, editorBuild, nativeRemoteSsh, REMOTE_SSH_EXTENSIONS as E } from '../../../src/remote/model/remoteSsh';

describe('remote: editor build', () => {
  const cases: [string, string, ReturnType<typeof editorBuild>][] = [
    ['Visual Studio Code', 'vscode', 'vscode'],
    ['Visual Studio Code - Insiders', 'vscode-insiders', 'vscode'],
    ['VSCodium', 'vscodium', 'vscodium'],
    ['VSCodium - Insiders', 'vscodium-insiders', 'vscodium'],
    ['Cursor', 'cursor', 'cursor'],
    ['Windsurf', 'windsurf', 'windsurf'],
    ['Antigravity', 'antigravity', 'antigravity'],
    ['code-server', 'code-oss', 'other'],
    ['Code - OSS', 'code-oss', 'other'],
  ];
  for (const [appName, scheme, build] of cases) {
    it(`${appName} (${scheme}) is ${build}`, () => assert.strictEqual(editorBuild(appName, scheme), build));
  }

  it('offers Microsoft\'s extension only to Microsoft builds, open-remote-ssh to Open VSX builds', () => {
    assert.strictEqual(nativeRemoteSsh('vscode').id, 'ms-vscode-remote.remote-ssh');
    assert.strictEqual(nativeRemoteSsh('vscodium').id, 'jeanp413.open-remote-ssh');
    assert.strictEqual(nativeRemoteSsh('other').id, 'jeanp413.open-remote-ssh');
    assert.strictEqual(nativeRemoteSsh('cursor').id, 'anysphere.remote-ssh');
    assert.strictEqual(nativeRemoteSsh('windsurf').id, 'codeium.windsurf-remote-openssh');
    assert.strictEqual(nativeRemoteSsh('antigravity').id, 'google.antigravity-remote-openssh');
  });
});

describe('remote: Remote-SSH detection matrix', () => {
  const only = (...ids: string[]) => (id: string) => ids.includes(id);
  const all = Object.values(E).map((e) => e.id);

  it('finds nothing when none is installed', () => {
    for (const build of ['vscode', 'vscodium', 'cursor', 'windsurf', 'antigravity', 'other'] as const) assert.strictEqual(detectRemoteSsh(build, only()), undefined);
  });

  it('finds any single implementation on any build (they all handle ssh-remote+)', () => {
    for (const ext of Object.values(E)) {
      for (const build of ['vscode', 'vscodium', 'other'] as const) assert.strictEqual(detectRemoteSsh(build, only(ext.id))?.id, ext.id);
    }
  });

  it('prefers the build\'s own implementation when several are installed', () => {
    assert.strictEqual(detectRemoteSsh('vscode', only(...all))?.id, E.microsoft.id);
    assert.strictEqual(detectRemoteSsh('cursor', only(...all))?.id, E.cursor.id);
    assert.strictEqual(detectRemoteSsh('vscodium', only(...all))?.id, E.openRemoteSsh.id);
    assert.strictEqual(detectRemoteSsh('windsurf', only(E.microsoft.id, E.windsurf.id))?.id, E.windsurf.id);
  });

  it('otherwise follows Coder\'s order: open-remote-ssh, Windsurf, Cursor, Microsoft, Antigravity', () => {
    assert.strictEqual(detectRemoteSsh('other', only(E.microsoft.id, E.cursor.id))?.id, E.cursor.id);
    assert.strictEqual(detectRemoteSsh('vscode', only(E.antigravity.id, E.windsurf.id))?.id, E.windsurf.id);
  });
});
