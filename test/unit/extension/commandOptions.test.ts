// What a programmatic caller may pass along with the target, read once where commands are registered:
// rows and the palette give {} (everything asked), plain objects give typed options.
import * as assert from 'assert';
import { addNodeOptions, chooseCredentialOptions, imageOptions, logOptions, modifyOptions, multisigOptions } from '../../../src/commands/model/options';

const A = 'a'.repeat(64);

describe('command options', () => {
  it('Show Logs asks only rows and the palette: any plain object takes the tail, or follows, or the head', () => {
    assert.deepStrictEqual(logOptions({}), {});
    assert.deepStrictEqual(logOptions({ nodeId: A, taskId: 't' }), { given: { flag: 'tail', lines: undefined } });
    assert.deepStrictEqual(logOptions({ nodeId: A, taskId: 't', flag: 'head', lines: 5 }), { given: { flag: 'head', lines: 5 } });
    assert.deepStrictEqual(logOptions({ follow: true }), { given: 'follow' });
  });

  it('reads node ids from nodeId, nodeIds or pasted text, in that order', () => {
    assert.deepStrictEqual(addNodeOptions({ nodeId: A, text: 'x' }).ids, [A]);
    assert.deepStrictEqual(addNodeOptions({ nodeIds: [A, 3] }).ids, [A]);
    assert.deepStrictEqual(addNodeOptions({ text: `id ${A.toUpperCase()}, again ${A}` }).ids, [A]);
    assert.deepStrictEqual(addNodeOptions({}).ids, []);
  });

  it('tells "use the default credential" (credentialId: undefined) from "ask" (no key)', () => {
    assert.deepStrictEqual(chooseCredentialOptions({}), { choice: undefined });
    assert.deepStrictEqual(chooseCredentialOptions({ credentialId: undefined }), { choice: { id: undefined } });
    assert.deepStrictEqual(chooseCredentialOptions({ credentialId: 'c1' }), { choice: { id: 'c1' } });
  });

  it('keeps only well-typed values', () => {
    assert.deepStrictEqual(modifyOptions({ spec: 'x', stopFirst: 'yes' }), { spec: undefined, stopFirst: undefined });
    assert.strictEqual(imageOptions({ watch: false }).watch, false);
    assert.strictEqual(imageOptions({}).watch, true);
    assert.strictEqual(imageOptions({ direction: 'sideways' }).direction, undefined);
    assert.deepStrictEqual(multisigOptions({ wallets: ['w1', 2], threshold: '2', signers: [{ seed: 's' }, 'junk'] }).signers, [{ seed: 's', mnemonic: undefined }, {}]);
  });
});
