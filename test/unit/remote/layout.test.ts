// Where the connect flow writes: our files, and the config Remote-SSH reads; .rdp files and vnc URLs.
import * as assert from 'assert';
import * as path from 'path';
import { rdpFileText, vncUrl } from '../../../src/remote/model/rdpFile';
import { expandHome, samePath, sshLayout } from '../../../src/remote/model/sshLayout';

describe('remote: ssh layout', () => {
  const home = path.resolve('/home/u');

  it('uses ~/.ssh/dbc/config and puts the Include in ~/.ssh/config by default', () => {
    const l = sshLayout({ home });
    assert.strictEqual(l.paths.config, path.join(home, '.ssh', 'dbc', 'config'));
    assert.strictEqual(l.paths.userConfig, path.join(home, '.ssh', 'config'));
    assert.strictEqual(l.remoteSshConfig, l.paths.userConfig);
    assert.strictEqual(l.paths.knownHosts, path.join(home, '.ssh', 'dbc', 'known_hosts'));
  });

  it('honours dbc.ssh.configFile and remote.SSH.configFile (with ~)', () => {
    const l = sshLayout({ home, configFile: '~/dbc-hosts', remoteSshConfigFile: ' ~/.ssh/remote-config ' });
    assert.strictEqual(l.paths.config, path.join(home, 'dbc-hosts'));
    assert.strictEqual(l.remoteSshConfig, path.join(home, '.ssh', 'remote-config'));
    assert.strictEqual(l.paths.userConfig, path.join(home, '.ssh', 'config'), 'a plain ssh still reads ~/.ssh/config');
    assert.strictEqual(expandHome('~', home), home);
  });

  it('compares paths case-insensitively except on Linux', () => {
    assert.ok(samePath('/a/B', '/a/B/', 'linux'));
    assert.ok(!samePath('/a/B', '/a/b', 'linux'));
    assert.ok(samePath('/a/B', '/a/b', 'darwin'));
  });
});

describe('remote: RDP and VNC', () => {
  it('writes an .rdp file without a password', () => {
    assert.strictEqual(rdpFileText('10.0.0.5', 5689, 'Administrator'), 'full address:s:10.0.0.5:5689\r\nusername:s:Administrator\r\nprompt for credentials:i:1\r\nscreen mode id:i:2\r\n');
    assert.throws(() => rdpFileText('10.0.0.5\r\nalternate shell:s:x', 1, 'a'));
  });

  it('builds vnc:// URLs', () => {
    assert.strictEqual(vncUrl('127.0.0.1', 5901), 'vnc://127.0.0.1:5901');
  });
});
