import * as assert from 'assert';
import { quotePosix, quotePowerShell } from '../../../src/ssh/core/shellQuote';
import { sshArgsForTarget, sshCommandForAlias, sshCommandForTarget } from '../../../src/ssh/core/sshCommand';

describe('ssh sshCommand', () => {
  it('prints ssh -p PORT user@ip, leaving out port 22', () => {
    assert.strictEqual(sshCommandForTarget({ host: '203.0.113.7', port: 5684, user: 'dbc' }), 'ssh -p 5684 dbc@203.0.113.7');
    assert.strictEqual(sshCommandForTarget({ host: 'vm.example', port: 22, user: 'dbc' }), 'ssh dbc@vm.example');
  });

  it('prints ssh <alias> and ssh -F <file> <alias>, quoting paths', () => {
    assert.strictEqual(sshCommandForAlias('dbc-5ba8c1c0-abc'), 'ssh dbc-5ba8c1c0-abc');
    assert.strictEqual(
      sshCommandForAlias('dbc-5ba8c1c0-abc', { configFile: "/home/o'neil/my ssh/config" }),
      `ssh -F '/home/o'\\''neil/my ssh/config' dbc-5ba8c1c0-abc`,
    );
    assert.strictEqual(
      sshCommandForAlias('dbc-5ba8c1c0-abc', { configFile: 'C:/Users/Jo Doe/.ssh/dbc/config', shell: 'powershell' }),
      `ssh -F 'C:/Users/Jo Doe/.ssh/dbc/config' dbc-5ba8c1c0-abc`,
    );
  });

  it('refuses values ssh would read as options', () => {
    assert.throws(() => sshArgsForTarget({ host: '-oProxyCommand=x', port: 22, user: 'dbc' }));
    assert.throws(() => sshArgsForTarget({ host: 'h', port: 22, user: '-l' }));
    assert.throws(() => sshArgsForTarget({ host: 'h', port: 0, user: 'dbc' }));
  });

  it('quotes for POSIX sh and PowerShell', () => {
    assert.strictEqual(quotePosix('plain-1.2'), 'plain-1.2');
    assert.strictEqual(quotePosix(''), "''");
    assert.strictEqual(quotePosix('a b$c'), "'a b$c'");
    assert.strictEqual(quotePosix("it's"), `'it'\\''s'`);
    assert.strictEqual(quotePowerShell("it's $x"), `'it''s $x'`);
    assert.strictEqual(quotePowerShell('@x'), `'@x'`);
  });
});
