// The dbc.ssh.* settings, read with safe defaults.
import * as assert from 'assert';
import { readSettings, SETTING } from '../../../src/config/model/settingsModel';

describe('remote: settings', () => {
  it('reads the ssh settings with safe defaults', () => {
    const d = readSettings(() => undefined);
    assert.deepStrictEqual([d.sshConfigFile, d.sshIdentityFile, d.sshRemoteFolder, d.connectWhenReady], ['', '', '', 'ask']);
    const values: Record<string, unknown> = { [SETTING.connectWhenReady]: 'always', [SETTING.sshRemoteFolder]: ' /home/dbc ', [SETTING.sshIdentityFile]: 42 };
    const s = readSettings((k) => values[k]);
    assert.deepStrictEqual([s.connectWhenReady, s.sshRemoteFolder, s.sshIdentityFile], ['always', '/home/dbc', '']);
    assert.strictEqual(readSettings((k) => (k === SETTING.connectWhenReady ? 'sometimes' : undefined)).connectWhenReady, 'ask');
  });
});
