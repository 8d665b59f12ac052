import * as assert from 'node:assert/strict';
import {
  allowedActions, isActionAllowed, isTransitional, stateLabel, statusLabel, taskOsKind, VM_ACTIONS, VM_STATES,
  type VmAction, vmStateOf,
} from '../../../src/core/taskState';

describe('taskState', () => {
  describe('vmStateOf', () => {
    const table: [string, string][] = [
      ['running', 'running'], ['closed', 'stopped'], ['pmsuspend', 'sleeping'], ['creating', 'creating'],
      ['starting', 'transitioning'], ['being shutdown', 'transitioning'], ['being poweroff', 'transitioning'],
      ['restarting', 'transitioning'], ['resetting', 'transitioning'], ['deleting', 'transitioning'],
      ['disk resizing', 'transitioning'], ['disk adding', 'transitioning'], ['disk deleting', 'transitioning'],
      ['snapshot creating', 'transitioning'],
      ['create error', 'error'], ['start error', 'error'], ['shutdown error', 'error'], ['poweroff error', 'error'],
      ['restart error', 'error'], ['reset error', 'error'], ['delete error', 'error'], ['resize disk error', 'error'],
      ['add disk error', 'error'], ['delete disk error', 'error'], ['create snapshot error', 'error'], ['error', 'error'],
      ['none', 'unknown'],
    ];
    for (const [status, state] of table) {
      it(`maps "${status}" to ${state}`, () => assert.equal(vmStateOf(status), state));
    }

    it('tolerates case and spacing', () => {
      assert.equal(vmStateOf('  Running '), 'running');
      assert.equal(vmStateOf('BEING   SHUTDOWN'), 'transitioning');
    });

    it('classifies unknown strings by shape and falls back to unknown', () => {
      assert.equal(vmStateOf('migrate error'), 'error');
      assert.equal(vmStateOf('upgrade failed'), 'error');
      assert.equal(vmStateOf('migrating'), 'transitioning');
      assert.equal(vmStateOf('banana'), 'unknown');
      assert.equal(vmStateOf(''), 'unknown');
      assert.equal(vmStateOf(undefined), 'unknown');
    });
  });

  it('isTransitional is true for creating and busy statuses only', () => {
    assert.ok(isTransitional('creating'));
    assert.ok(isTransitional('restarting'));
    assert.ok(!isTransitional('running'));
    assert.ok(!isTransitional('start error'));
    assert.ok(!isTransitional('closed'));
  });

  describe('labels', () => {
    it('labels every state', () => {
      for (const s of VM_STATES) assert.ok(stateLabel(s).message.length > 0, s);
      assert.equal(stateLabel('transitioning').message, 'Busy');
    });

    it('labels statuses precisely and shows unknown ones verbatim', () => {
      assert.equal(statusLabel('being shutdown').message, 'Shutting down');
      assert.equal(statusLabel('start error').message, 'Start failed');
      assert.equal(statusLabel('closed').message, 'Stopped');
      const other = statusLabel('migrating');
      assert.equal(other.message, 'migrating (status not known to this extension)');
      assert.deepEqual(other.args, ['migrating']);
      assert.equal(statusLabel(undefined).message, 'Unknown');
    });
  });

  describe('allowed actions (§9 "allowed when")', () => {
    const expect = (status: string, allowed: VmAction[]): void => {
      const set = allowedActions(status);
      for (const a of VM_ACTIONS) assert.equal(set.has(a), allowed.includes(a), `${status}: ${a}`);
    };

    it('running: everything but start and snapshot', () => {
      expect('running', ['stop', 'shutdown', 'poweroff', 'restart', 'forceRestart', 'reset', 'delete', 'modify', 'setPassword', 'logs', 'connect']);
    });

    it('closed: start, restart, delete, modify, snapshot, logs; no reset, password or connect', () => {
      expect('closed', ['start', 'restart', 'forceRestart', 'delete', 'modify', 'snapshot', 'logs']);
    });

    it('pmsuspend: wake with start, power off, but no restart or reset', () => {
      expect('pmsuspend', ['start', 'stop', 'shutdown', 'poweroff', 'delete', 'modify', 'logs']);
    });

    it('creating: only delete and logs', () => expect('creating', ['delete', 'logs']));
    it('deleting: only logs', () => expect('deleting', ['logs']));
    it('create error: start, restart, delete and logs (the domain usually exists, shut off)', () => expect('create error', ['start', 'restart', 'delete', 'logs']));

    it('other errors allow recovery but never connect, password or snapshot', () => {
      for (const s of ['start error', 'restart error', 'poweroff error', 'banana failed']) {
        assert.ok(isActionAllowed('start', s) && isActionAllowed('delete', s) && isActionAllowed('modify', s), s);
        assert.ok(!isActionAllowed('connect', s) && !isActionAllowed('setPassword', s) && !isActionAllowed('snapshot', s), s);
      }
    });

    it('logs are allowed in every status', () => {
      for (const s of ['running', 'closed', 'creating', 'being poweroff', 'reset error', 'whatever', '']) {
        assert.ok(isActionAllowed('logs', s), s);
      }
    });

    it('connect only when running', () => {
      for (const s of ['closed', 'pmsuspend', 'starting', 'none', 'mystery']) assert.ok(!isActionAllowed('connect', s), s);
    });
  });

  describe('taskOsKind', () => {
    it('reads os the way the node does (contains "win")', () => {
      assert.equal(taskOsKind({ os: 'windows 10' }), 'windows');
      assert.equal(taskOsKind({ os: 'Windows' }), 'windows');
      assert.equal(taskOsKind({ os: 'ubuntu 18.04' }), 'linux');
      assert.equal(taskOsKind({ os: 'linux' }), 'linux');
    });

    it('falls back to the reported login port', () => {
      assert.equal(taskOsKind({ rdp_port: '5685' }), 'windows');
      assert.equal(taskOsKind({ ssh_port: '5684' }), 'linux');
      assert.equal(taskOsKind({}), 'linux');
    });
  });
});
