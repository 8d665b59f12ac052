import assert from 'node:assert/strict';
import type { FetchLike } from '../../../src/api/transport';
import { TEST_SEED } from '../auth/vectors';
import { ok } from '../api/recordingFetch';
import { BASE, cli, gpuError, NODE, TASK } from './harness';

const env = { DBC_SEED: TEST_SEED, DBC_NODE: NODE };
type Answer = { status: number; text: string };

/** Answers logs requests from `windows` (then aborts the run, like Ctrl+C), info requests from `info`. */
function scripted(windows: Answer[], controller: AbortController, info: Answer[] = []) {
  const urls: string[] = [];
  const fetch: FetchLike = async (url) => {
    urls.push(url.replace(`${BASE}/api/v1`, ''));
    const queue = url.includes('/tasks/logs/') ? windows : info;
    const next = queue.shift();
    if (!next) {
      controller.abort();
      throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    }
    return { status: next.status, text: async () => next.text };
  };
  return { fetch, urls };
}
const win = (...lines: string[]) => ok({ task_id: TASK, log_content: lines });

describe('cli: vm logs', () => {
  it('prints one tail window by default, -n and --head map to the query', async () => {
    const r = await cli(['vm', 'logs', TASK, '-n', '2'], { env, replies: [win('one', 'two')] });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'one\ntwo\n');
    assert.equal(r.requests[0]!.url, `${BASE}/api/v1/tasks/logs/${TASK}?flag=tail&line_num=2`);
    const head = await cli(['vm', 'logs', TASK, '--head'], { env, replies: [win('first')] });
    assert.equal(head.requests[0]!.url, `${BASE}/api/v1/tasks/logs/${TASK}?flag=head&line_num=100`);
  });

  it('strips terminal escapes from log lines; --json prints the message', async () => {
    const r = await cli(['vm', 'logs', TASK], { env, replies: [win('\u001b[31mred\u001b[0m text')] });
    assert.equal(r.stdout, 'red text\n');
    const j = await cli(['vm', 'logs', TASK, '--json'], { env, replies: [win('a')] });
    assert.deepEqual(JSON.parse(j.stdout), { task_id: TASK, log_content: ['a'] });
  });

  it('bad -n, or --head with --tail or --follow: exit 2, nothing sent', async () => {
    for (const argv of [['-n', '0'], ['-n', '101'], ['-n', 'x'], ['--head', '--tail'], ['--head', '--follow']]) {
      const r = await cli(['vm', 'logs', TASK, ...argv], { env });
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.requests.length, 0);
    }
  });

  it('--follow prints only new lines, marks a gap, and stops on Ctrl+C with exit 0', async () => {
    const controller = new AbortController();
    const s = scripted([win('a', 'b', 'c'), win('b', 'c', 'd', 'e'), win('b', 'c', 'd', 'e'), win('x', 'y')], controller);
    const r = await cli(['vm', 'logs', TASK, '--follow'], { env, fetch: s.fetch, signal: controller.signal });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 5), ['a', 'b', 'c', 'd', 'e']);
    assert.match(lines[5]!, /some log lines may be missing here|log was restarted/);
    assert.deepEqual(lines.slice(6), ['x', 'y']);
  });

  it('--follow reads full windows but shows only the last -n lines of the first one', async () => {
    const controller = new AbortController();
    const s = scripted([win('a', 'b', 'c'), win('a', 'b', 'c', 'd')], controller);
    const r = await cli(['vm', 'logs', TASK, '-f', '-n', '1'], { env, fetch: s.fetch, signal: controller.signal });
    assert.equal(r.stdout, 'c\nd\n');
    assert.deepEqual(s.urls.slice(0, 2), [`/tasks/logs/${TASK}?flag=tail&line_num=100`, `/tasks/logs/${TASK}?flag=tail&line_num=100`]);
  });

  it('--follow backs off while idle and speeds up when lines arrive', async () => {
    const controller = new AbortController();
    const s = scripted([win('a'), win('a'), win('a'), win('a'), win('a', 'b'), win('a', 'b')], controller);
    const delays: number[] = [];
    await cli(['vm', 'logs', TASK, '-f', '--min-interval', '1', '--max-interval', '5'], { env, fetch: s.fetch, signal: controller.signal, sleep: async (ms) => void delays.push(ms) });
    assert.deepEqual(delays, [1000, 2000, 4000, 5000, 1000, 2000]);
  });

  it('--follow --json prints one JSON object per line', async () => {
    const controller = new AbortController();
    const s = scripted([win('a'), win('a', 'b')], controller);
    const r = await cli(['vm', 'logs', TASK, '-f', '--json'], { env, fetch: s.fetch, signal: controller.signal });
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l)), [{ line: 'a' }, { line: 'b' }]);
  });

  it('--follow stops with exit 0 when the VM is deleted', async () => {
    const controller = new AbortController();
    const s = scripted([win('a'), gpuError(1, 'task not exist')], controller, [gpuError(-3, 'task_id not exist')]);
    const r = await cli(['vm', 'logs', TASK, '-f'], { env, fetch: s.fetch, signal: controller.signal });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'a\n');
    assert.match(r.stderr, /no longer exists; stopped following/);
    assert.equal(controller.signal.aborted, false);
  });

  it('--follow keeps going through a client-node timeout, but stops on an authority failure (exit 1)', async () => {
    const controller = new AbortController();
    const timeout = { status: 500, text: '{"errcode":-1,"message":"task logs timeout"}' };
    const s = scripted([win('a'), timeout, win('a', 'b'), gpuError(-3, 'check authority failed: machine has already expired')], controller);
    const r = await cli(['vm', 'logs', TASK, '-f'], { env, fetch: s.fetch, signal: controller.signal });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'a\nb\n');
    assert.match(r.stderr, /task logs timeout \(client node, HTTP 500\); still following/);
    assert.match(r.stderr, /tasks\.logs failed: errcode -3: check authority failed: machine has already expired\n$/);
  });
});
