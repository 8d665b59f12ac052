// A client node on another machine, inside a real VS Code: plain http is refused for signed requests and
// the tree offers to secure the connection; "Allow Plain HTTP" (after the modal) lists the VMs; "Use an SSH
// Tunnel…" moves the endpoint to ssh:// and lists them through a real ssh2 login; the permission can be taken
// back. The "other machine" is the simulator itself at an IPv4-mapped IPv6 address, which the policy does not
// count as this machine but which never leaves loopback; the SSH server is the simulator's ssh2 endpoint on
// 127.0.0.1.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { DEMO_NODE_A_ID, DEMO_RENTER_SEED, DEMO_TASK_ID } from '../../../src/sim/demo';
import { generateHostKey, startVmSsh, type VmSshServer } from '../../../src/sim/ssh/vmSsh';
import { generateEd25519Pair } from '../../../src/ssh/core/keys';
import type { DbcTestApi } from '../../../src/services';
import { dbcApi, ScriptedPrompter, setEndpoints, simUrl, waitFor } from '../extension/dbcTestKit';
import { errorMessage } from '../../../src/util/errorMessage';

describe('remote client nodes: plain http refused, SSH tunnel or consent (in a real VS Code)', function () {
  this.timeout(90_000);
  let api: DbcTestApi;
  let port: string;
  let home: string;
  let ssh: VmSshServer | undefined;

  const vmIds = async (endpoint: string): Promise<string[]> => {
    await api.refresh();
    await api.rows('machines');
    await api.rows('machines', `ep:${endpoint}`);
    return (await api.rows('machines', `node:${endpoint}|${DEMO_NODE_A_ID}`)).map((r) => r.id);
  };

  before(async () => {
    api = await dbcApi();
    port = new URL(simUrl()).port;
    home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dbc-remote-endpoint-')));
    await vscode.commands.executeCommand('dbc.wallet.import', { kind: 'seed', seed: DEMO_RENTER_SEED, label: 'demo renter' });
  });

  after(async () => {
    api.setPrompter(undefined);
    api.setRemoteHooks(undefined);
    await setEndpoints([{ url: simUrl(), name: 'dbc-sim', nodes: [DEMO_NODE_A_ID] }]);
    await ssh?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  afterEach(() => api.setPrompter(undefined));

  it('refuses signed requests to plain http on another machine: a warning row offers to secure the connection', async () => {
    const url = `http://[::ffff:7f00:1]:${port}`;
    await setEndpoints([{ url, name: 'lab', nodes: [DEMO_NODE_A_ID] }]);
    const row = await waitFor('the row that offers to secure the connection', async () => {
      await api.refresh();
      await api.rows('machines');
      await api.rows('machines', `ep:${url}`);
      const nodeRows = await api.rows('machines', `node:${url}|${DEMO_NODE_A_ID}`);
      return nodeRows.find((r) => r.contextValue === 'dbc.message;action=secure');
    });
    assert.match(row.label, /is on another machine and is reached over plain http, .*DBC sent nothing/);
    assert.deepStrictEqual(api.takeErrors(), []);
  });

  it('"Allow Plain HTTP" after the modal that names the risk: the VMs are listed', async () => {
    const url = `http://[::ffff:7f00:1]:${port}`;
    const prompter = new ScriptedPrompter().then({ choose: 'allow' });
    api.setPrompter(prompter);
    assert.strictEqual(await vscode.commands.executeCommand('dbc.endpoint.secure', { endpoint: url }), true);
    assert.match(prompter.asked[0]!, /^choose: lab is on another machine and is reached over plain http\.$/);
    const ids = await waitFor('the VMs through plain http', async () => {
      const found = await vmIds(url);
      return found.some((id) => id.endsWith(`|${DEMO_TASK_ID}`)) && found;
    });
    assert.ok(ids.length > 0);
  });

  it('"Secure the Connection…" on an endpoint allowed plain http offers the tunnel or taking the permission back', async () => {
    const url = `http://[::ffff:7f00:1]:${port}`;
    const prompter = new ScriptedPrompter().then({ choose: 'revoke' });
    api.setPrompter(prompter);
    assert.strictEqual(await vscode.commands.executeCommand('dbc.endpoint.secure', { endpoint: url }), false);
    assert.match(prompter.asked[0]!, /^choose: Plain http is allowed for lab, a client node on another machine\.$/);
    let seen: unknown;
    let refreshed = 0;
    const row = await waitFor('the row that offers to secure the connection again', async () => {
      // A refresh marks every read stale; one each probe could keep the node's rows loading forever.
      if (Date.now() - refreshed > 2000) {
        await api.refresh();
        refreshed = Date.now();
      }
      await api.rows('machines');
      const endpointRows = await api.rows('machines', `ep:${url}`);
      const nodeRows = await api.rows('machines', `node:${url}|${DEMO_NODE_A_ID}`);
      seen = { endpointRows, nodeRows };
      return nodeRows.find((r) => r.contextValue === 'dbc.message;action=secure');
    }).catch((err: unknown) => {
      throw new Error(`${errorMessage(err)}; last rows: ${JSON.stringify(seen)}`);
    });
    assert.match(row.label, /DBC sent nothing/);
    assert.deepStrictEqual(api.takeErrors(), []);
  });

  it('"Use an SSH Tunnel…": the endpoint becomes ssh://user@host/<port> and the VMs come through the tunnel', async () => {
    const key = generateEd25519Pair('in-host tunnel');
    const serverHome = path.join(home, 'server');
    fs.mkdirSync(path.join(serverHome, '.ssh'), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(serverHome, '.ssh', 'authorized_keys'), `${key.public}\n`);
    fs.mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(home, '.ssh', 'id_ed25519'), key.private, { mode: 0o600 });
    ssh = await startVmSsh({ port: 0, user: 'me', password: () => 'unused-Pw1', homeDir: serverHome, hostKey: generateHostKey() });
    api.setRemoteHooks({ sshHome: home });
    const plain = `http://[::ffff:7f00:2]:${port}`;
    await setEndpoints([{ url: plain, name: 'lab 2', nodes: [DEMO_NODE_A_ID] }]);
    const prompter = new ScriptedPrompter().then({ choose: 'tunnel' }, { input: `me@127.0.0.1:${ssh.port}` });
    api.setPrompter(prompter);
    assert.strictEqual(await vscode.commands.executeCommand('dbc.endpoint.secure', { endpoint: plain }), true);
    const tunnel = `ssh://me@127.0.0.1:${ssh.port}/${port}`;
    const saved = vscode.workspace.getConfiguration().get<{ url: string; name?: string; nodes: unknown[] }[]>('dbc.endpoints');
    assert.deepStrictEqual(saved?.map((e) => [e.url, e.name, e.nodes.length]), [[tunnel, 'lab 2', 1]]);
    const ids = await waitFor('the VMs through the SSH tunnel', async () => {
      const found = await vmIds(tunnel);
      return found.some((id) => id.endsWith(`|${DEMO_TASK_ID}`)) && found;
    }, 30_000);
    assert.ok(ids.length > 0);
    assert.ok(fs.readFileSync(path.join(home, '.ssh', 'dbc', 'known_hosts'), 'utf8').includes(`[127.0.0.1]:${ssh.port} ssh-ed25519 `), 'the host key was learned into our known_hosts');
    assert.deepStrictEqual(api.takeErrors(), []);
  });
});
