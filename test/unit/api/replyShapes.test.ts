// Every route's reply is checked against its shape before use: a wrongly shaped message is a
// ReplyParseError that names the route and what was wrong, never a crash and never a value that does
// not match the route's type.
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { DbcClient } from '../../../src/api/client';
import { ReplyParseError } from '../../../src/api/errors';
import { recordingFetch } from './recordingFetch';
import { BASE, cases, NODE, session, TASK, type Case } from './routeCases';

const snapshotCases: Case[] = [
  { name: 'listSnapshots', call: (c) => c.listSnapshots(NODE, TASK, { auth: session }), path: '', peers: [], auth: true, reply: [] },
  { name: 'snapshotInfo', call: (c) => c.snapshotInfo(NODE, TASK, 'snap1', { auth: session }), path: '', peers: [], auth: true, reply: { snapshot_name: 'snap1' } },
  { name: 'createSnapshot', call: (c) => c.createSnapshot(NODE, TASK, { snapshot_name: 's' }, { auth: session }), path: '', peers: [], auth: true },
  { name: 'deleteSnapshot', call: (c) => c.deleteSnapshot(NODE, TASK, 's', { auth: session }), path: '', peers: [], auth: true },
];
const all = [...cases, ...snapshotCases];

async function callWith(c: Case, message: unknown): Promise<unknown> {
  const text = JSON.stringify({ errcode: 0, message });
  const { fetch } = recordingFetch([{ status: 200, text: text === undefined ? '{"errcode":0}' : text }]);
  return c.call(new DbcClient({ baseUrl: BASE, fetch, snapshotRouteStyle: 'source' }));
}

const routeOf = (err: ReplyParseError) => err.route;

describe('api/client reply shapes', () => {
  it('accepts every route\'s documented reply', async () => {
    for (const c of all) await callWith(c, c.reply ?? 'ok');
  });

  it('refuses the replies that crashed the CLI, naming the route and the place', async () => {
    const bad: [Case['name'], unknown, RegExp][] = [
      ['listSnapshots', 'ok', /^snapshot\.list: unparsable reply \(HTTP 200\): message: expected a list of a snapshot, got "ok"$/],
      ['createTask', {}, /^tasks\.create: .*message\.task_id: expected an id .*got nothing$/],
      ['createTask', { task_id: '' }, /message\.task_id: expected an id .*got ""$/],
      ['createTask', null, /message: expected a created task, got null$/],
      ['listTasks', [{ task_id: 'a/../b', status: 'running' }], /message\[0\]\.task_id: expected an id/],
      ['listTasks', { tasks: [] }, /message: expected a list of a task, got an object$/],
      ['taskInfo', { task_id: TASK, status: 'running', ssh_port: [] }, /message\.ssh_port: expected a text, got a list$/],
      ['taskLogs default', { task_id: TASK, log_content: 'one line' }, /message\.log_content: expected a list of a text/],
      ['sessionId', { session_id: 42.5 }, /message\.session_id: expected an id/],
      ['imageServers', { image_server: 'ID_1' }, /message\.image_server: expected a list/],
      ['downloadProgress', { status: 'downloading' }, /message\.progress: expected a text, got nothing/],
      ['startTask', { queued: true }, /^tasks\.start: .*message: expected a text, got an object$/],
      ['listNodes', { mining_nodes: [{ name: 'x' }] }, /message\.mining_nodes\[0\]\.node_id: expected a text/],
    ];
    for (const [name, message, text] of bad) {
      const c = all.find((x) => x.name === name)!;
      await assert.rejects(callWith(c, message), (err: unknown) => err instanceof ReplyParseError && text.test(err.message), `${name} ${JSON.stringify(message)}`);
    }
  });

  it('refuses a message nested deeper than any reply of the API without walking it recursively', async () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const { fetch } = recordingFetch([{ status: 200, text: `{"errcode":0,"message":{"task_id":"${TASK}","status":"running","x":${deep}}}` }]);
    await assert.rejects(new DbcClient({ baseUrl: BASE, fetch }).taskInfo(NODE, TASK, { auth: session }), (err: unknown) => err instanceof ReplyParseError);
  });

  it('answers any JSON message on any route with a value of the route\'s shape or a ReplyParseError (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...all), fc.jsonValue({ maxDepth: 4 }), async (c, message) => {
      try {
        await callWith(c, message);
      } catch (err) {
        assert.ok(err instanceof ReplyParseError, `${c.name} threw ${String(err)}`);
        assert.ok(routeOf(err).length > 0 && err.message.includes('unparsable reply (HTTP 200): message'), err.message);
      }
    }), { numRuns: 600 });
  });
});
