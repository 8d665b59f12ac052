import assert from 'node:assert/strict';
import { TEST_SEED } from '../auth/vectors';
import { ok } from '../api/recordingFetch';
import { cli, gpuError, NODE, reply, TASK } from './harness';

const env = { DBC_SEED: TEST_SEED, DBC_NODE: NODE };

describe('cli: exit codes and the one-line error', () => {
  it('errcode 0 exits 0', async () => {
    const r = await cli(['vm', 'start', TASK], { env, replies: [ok('ok')] });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${TASK}: start accepted (ok)\n`);
  });

  it('a GPU-side errcode exits 1 with one line naming route, errcode and message', async () => {
    const r = await cli(['vm', 'start', TASK], { env, replies: [gpuError(1, 'task is running')] });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'dbc: tasks.start failed: errcode 1: task is running\n');
    assert.equal(r.stdout, '');
  });

  it('an authority failure (-3) is a GPU-side error too', async () => {
    const r = await cli(['vm', 'list'], { env, replies: [gpuError(-3, 'check authority failed: wallet not rented')] });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'dbc: tasks.list failed: errcode -3: check authority failed: wallet not rented (the wallet does not rent this machine, '
      + 'or on a per-GPU rental not under the rent order sent: dbc node rent-orders --mine lists yours, --rent-order ID sends one)\n');
  });

  it('a client-node rejection (HTTP 400) exits 3', async () => {
    const r = await cli(['vm', 'list'], { env, replies: [reply(400, { errcode: -32701, message: 'create node request failed' })] });
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'dbc: tasks.list failed: errcode -32701: create node request failed (client node, HTTP 400)\n');
  });

  it('a non-JSON libevent status (405) exits 3', async () => {
    const r = await cli(['vm', 'list'], { env, replies: [{ status: 405, text: '<html>Method Not Allowed</html>' }] });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^dbc: tasks\.list failed: HTTP 405: <html>Method Not Allowed<\/html> \(client node\)\n$/);
  });

  it('the client node\'s 30 s timeout exits 4', async () => {
    const r = await cli(['vm', 'stop', TASK], { env, replies: [reply(500, { errcode: -1, message: 'stop task timeout' })] });
    assert.equal(r.code, 4);
    assert.equal(r.stderr, 'dbc: tasks.stop failed: errcode -1: stop task timeout (client node, HTTP 500)\n');
  });

  it('a refused connection exits 4', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const r = await cli(['vm', 'list'], { env, replies: [refused] });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /^dbc: tasks\.list failed: connection refused by http:\/\/127\.0\.0\.1:5002/);
  });

  it('our own timeout (--timeout) exits 4', async () => {
    const hang = (_url: string, init: { signal: AbortSignal }) => new Promise<never>((_resolve, reject) => {
      init.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
    });
    const r = await cli(['vm', 'list', '--timeout', '0.05'], { env, fetch: hang });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /^dbc: tasks\.list failed: no answer from the client node within 50 ms\n$/);
  });

  it('an unparsable 200 reply exits 5', async () => {
    const r = await cli(['vm', 'list'], { env, replies: [{ status: 200, text: '{"errcode":0, "message":[{"desc":"a "quoted" b"}]}' }] });
    assert.equal(r.code, 5);
    assert.match(r.stderr, /^dbc: tasks\.list failed: unparsable reply \(HTTP 200\)/);
    assert.equal(r.stderr.split('\n').length, 2);
  });

  it('the client node\'s "response parse error" exits 5', async () => {
    const r = await cli(['vm', 'list'], { env, replies: [reply(500, { errcode: -1, message: 'response parse error' })] });
    assert.equal(r.code, 5);
  });

  it('usage errors exit 2 and send nothing', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['vm', 'list'], { DBC_SEED: TEST_SEED }, /no GPU node: pass --node ID or set DBC_NODE/],
      [['vm', 'list'], { DBC_NODE: NODE }, /needs a credential/],
      [['vm', 'list', '--node', 'xyz'], { DBC_SEED: TEST_SEED }, /Invalid GPU node id "xyz"/],
      [['vm', 'list', '--timeout', 'soon'], env, /--timeout must be a positive number of seconds/],
      [['vm', 'info', 'bad/id'], env, /Invalid task id "bad\/id"/],
      [['vm', 'list', '--endpoint', 'ftp://x'], env, /must start with http:\/\/ or https:\/\//],
      [['vm', 'list'], { ...env, DBC_SEED: 'nothex' }, /secret seed must be 64 hexadecimal/],
      [['vm', 'start'], env, /missing required argument 'task'/],
      [['vm', 'start', TASK, '--bogus'], env, /unknown option '--bogus'/],
    ];
    for (const [argv, e, pattern] of cases) {
      const r = await cli(argv, { env: e });
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, pattern);
      assert.equal(r.requests.length, 0, argv.join(' '));
    }
  });

  it('a group without a subcommand prints its help on stderr and exits 2', async () => {
    const r = await cli(['snapshot']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Usage: dbc snapshot/);
  });
});
