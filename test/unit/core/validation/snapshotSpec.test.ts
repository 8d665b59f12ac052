import * as assert from 'node:assert/strict';
import { validateSnapshotSpec } from '../../../../src/core/validation';
import { SEED_SNAPSHOT } from './docExamples';

describe('validateSnapshotSpec', () => {
  it('accepts the seed snapshot body (with the required image server)', () => {
    assert.deepEqual(validateSnapshotSpec(SEED_SNAPSHOT), []);
    assert.deepEqual(validateSnapshotSpec(SEED_SNAPSHOT, { imageServers: ['ID_1', 'ID_2'] }), []);
  });

  it('accepts the minimal form: name and server', () => {
    assert.deepEqual(validateSnapshotSpec({ snapshot_name: 'snap1', image_server: 'ID_1' }), []);
  });

  it('requires image_server, as the client node does', () => {
    const { image_server: _drop, ...rest } = SEED_SNAPSHOT;
    assert.deepEqual(validateSnapshotSpec(rest).map((i) => [i.field, i.code]), [['image_server', 'required']]);
  });

  const variants: [Record<string, unknown>, string, string, string?][] = [
    [{ snapshot_name: '' }, 'snapshot_name', 'required'],
    [{ snapshot_name: 'my snap' }, 'snapshot_name', 'snapshotName', 'letters, digits, dots (.), underscores (_) and hyphens (-)'],
    [{ snapshot_name: 'a/b' }, 'snapshot_name', 'snapshotName'],
    [{ snapshot_name: '-x' }, 'snapshot_name', 'snapshotName'],
    [{ snapshot_name: 'x'.repeat(65) }, 'snapshot_name', 'snapshotName'],
    [{ snapshot_name: 5 }, 'snapshot_name', 'notText'],
    [{ description: 'a "b"' }, 'description', 'unsafeText'],
  ];
  for (const [patch, field, code, text] of variants) {
    it(`rejects ${JSON.stringify(patch).slice(0, 60)} → ${field} ${code}`, () => {
      const issues = validateSnapshotSpec({ ...SEED_SNAPSHOT, ...patch });
      assert.deepEqual(issues.map((i) => [i.field, i.code]), [[field, code]]);
      if (text) assert.ok(issues[0]!.message.includes(text), issues[0]!.message);
    });
  }

  it('checks the server against the known list and names them', () => {
    const [issue] = validateSnapshotSpec({ ...SEED_SNAPSHOT, image_server: 'ID_9' }, { imageServers: ['ID_1', 'ID_2'] });
    assert.equal(issue!.message, 'image_server must be one of the image servers of the client node (ID_1, ID_2), got "ID_9".');
  });

  it('says when the client node has no image server at all', () => {
    const [issue] = validateSnapshotSpec(SEED_SNAPSHOT, { imageServers: [] });
    assert.equal(issue!.code, 'imageServerNone');
  });
});
