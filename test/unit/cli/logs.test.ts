import assert from 'node:assert/strict';
import type { FetchLike } from '../../../src/api/transport';
import { TEST_SEED } from '../auth/vectors';
import { ok } from '../api/recordingFetch';
import { BASE, cli, gpuError, NODE, TASK } from './harness';

const env = { DBC_SEED: TEST_SEED, DBC_NODE: NODE };
type Answer = { status: number; text: string };

const win = (...lines: string[]) => ok({ task_id: TASK, log_content: lines });

/**
 * A node answering logs requests as vm_client.cpp does (the last line_num lines, read forward until the
 * 8 KiB cap); the whole log is `rounds[i]` during poll i (the CLI's sleep moves to the next), or every
 * logs request of that poll gets that answer; after the last round, Ctrl+C. Info requests get `info`.
 */
function nodeLog(rounds: (string[] | Answer)[], controller: AbortController, info: Answer[] = []) {
  let round = 0;
  const fetch: FetchLike = async (url) => {
    if (!url.includes('/tasks/logs/')) {
      const next = info.shift();
      if (!next) throw new Error('unexpected request');
      return { status: next.status, text: async () => next.text };
    }
    const n = Number(/line_num=(\d+)/.exec(url)?.[1]);
    const log = rounds[Math.min(round, rounds.length - 1)]!;
    const answer = Array.isArray(log) ? win(...log.slice(Math.max(0, log.length - (n > 100 ? 99 : n)))) : log;
    return { status: answer.status, text: async () => answer.text };
  };
  const sleep = async () => {
    if (++round >= rounds.length) controller.abort();
  };
  return { fetch, sleep };
}

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
    const many = Array.from({ length: 150 }, (_, i) => `line ${i}`);
    const n = nodeLog([['a', 'b', 'c'], ['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'c', 'd', 'e', ...many]], controller);
    const r = await cli(['vm', 'logs', TASK, '--follow'], { env, fetch: n.fetch, signal: controller.signal, sleep: n.sleep });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 5), ['a', 'b', 'c', 'd', 'e']);
    assert.match(lines[5]!, /some log lines may be missing here/);
    assert.deepEqual(lines.slice(6), many.slice(50));
  });

  it('--follow shows only the last -n lines of the log as it was, then every new line', async () => {
    const controller = new AbortController();
    const n = nodeLog([['a', 'b', 'c'], ['a', 'b', 'c', 'd']], controller);
    const r = await cli(['vm', 'logs', TASK, '-f', '-n', '1'], { env, fetch: n.fetch, signal: controller.signal, sleep: n.sleep });
    assert.equal(r.stdout, 'c\nd\n');
  });

  it('--follow backs off while idle and speeds up when lines arrive', async () => {
    const controller = new AbortController();
    const n = nodeLog([['a'], ['a'], ['a'], ['a'], ['a', 'b'], ['a', 'b'], ['a', 'b']], controller);
    const delays: number[] = [];
    const sleep = async (ms: number) => {
      delays.push(ms);
      await n.sleep();
    };
    await cli(['vm', 'logs', TASK, '-f', '--min-interval', '1', '--max-interval', '5'], { env, fetch: n.fetch, signal: controller.signal, sleep });
    assert.deepEqual(delays.slice(0, 6), [1000, 2000, 4000, 5000, 1000, 2000]);
  });

  it('--follow --json prints one JSON object per line', async () => {
    const controller = new AbortController();
    const n = nodeLog([['a'], ['a', 'b']], controller);
    const r = await cli(['vm', 'logs', TASK, '-f', '--json'], { env, fetch: n.fetch, signal: controller.signal, sleep: n.sleep });
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l)), [{ line: 'a' }, { line: 'b' }]);
  });

  it('--follow stops with exit 0 when the VM is deleted', async () => {
    const controller = new AbortController();
    const n = nodeLog([['a'], gpuError(1, 'task not exist')], controller, [gpuError(-3, 'task_id not exist')]);
    const r = await cli(['vm', 'logs', TASK, '-f'], { env, fetch: n.fetch, signal: controller.signal, sleep: n.sleep });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'a\n');
    assert.match(r.stderr, /no longer exists; stopped following/);
    assert.equal(controller.signal.aborted, false);
  });

  it('--follow keeps going through a client-node timeout, but stops on an authority failure (exit 1)', async () => {
    const controller = new AbortController();
    const timeout = { status: 500, text: '{"errcode":-1,"message":"task logs timeout"}' };
    const n = nodeLog([['a'], timeout, ['a', 'b'], gpuError(-3, 'check authority failed: machine has already expired')], controller);
    const r = await cli(['vm', 'logs', TASK, '-f'], { env, fetch: n.fetch, signal: controller.signal, sleep: n.sleep });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'a\nb\n');
    assert.match(r.stderr, /task logs timeout \(client node, HTTP 500\); still following/);
    assert.match(r.stderr, /tasks\.logs failed: errcode -3: check authority failed: machine has already expired\n$/);
  });
});
