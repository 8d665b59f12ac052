import assert from 'node:assert/strict';
import { MULTISIG_FILE_TEXT, MultisigFileError, parseMultisigFile, secretValue } from '../../../src/core/multisigFile';

const wallets = ['5Dy8', '5HgV', '5G6B'];
const parse = (data: unknown) => parseMultisigFile(typeof data === 'string' ? data : JSON.stringify(data), 'team.json');

function rejects(data: unknown, template: string, args: string[]) {
  assert.throws(() => parse(data), (err: unknown) => {
    assert.ok(err instanceof MultisigFileError);
    assert.equal(err.template, template);
    assert.deepEqual(err.args, args);
    return true;
  });
}

describe('core: the multisig file shared by the CLI and the extension', () => {
  it('reads wallets, threshold and every kind of member', () => {
    const file = parse({
      wallets: [' 5Dy8 ', '5HgV', '5G6B'], threshold: '2',
      signers: [{ seed_env: 'A' }, { mnemonic: 'word word' }, { keystore: 'c.json', password_env: 'P' }, { keystore: 'd.json' }],
    });
    assert.deepEqual(file.wallets, wallets);
    assert.equal(file.threshold, 2);
    assert.deepEqual(file.members, [
      { form: 'seed', secret: { env: 'A' } },
      { form: 'mnemonic', secret: { inline: 'word word' } },
      { form: 'keystore', file: 'c.json', password: { env: 'P' } },
      { form: 'keystore', file: 'd.json', password: undefined },
    ]);
    assert.equal(file.inlineSecrets, true);
  });

  it('tells inline secrets (seeds, mnemonics, keystore passwords) from environment references', () => {
    assert.equal(parse({ wallets, threshold: 1, signers: [{ seed_env: 'A' }, { keystore: 'k', password_env: 'P' }] }).inlineSecrets, false);
    assert.equal(parse({ wallets, threshold: 1, signers: [{ keystore: 'k', password: 'pw' }] }).inlineSecrets, true);
  });

  it('names the file and the member in every refusal', () => {
    rejects('{not json', MULTISIG_FILE_TEXT.notJson, ['team.json']);
    rejects([], MULTISIG_FILE_TEXT.notObject, ['team.json']);
    rejects({ threshold: 2, signers: [{ seed_env: 'A' }] }, MULTISIG_FILE_TEXT.wallets, ['team.json']);
    rejects({ wallets: ['5Dy8', ' '], threshold: 2, signers: [{ seed_env: 'A' }] }, MULTISIG_FILE_TEXT.wallets, ['team.json']);
    rejects({ wallets, threshold: 0, signers: [{ seed_env: 'A' }] }, MULTISIG_FILE_TEXT.threshold, ['team.json']);
    rejects({ wallets, threshold: 1.5, signers: [{ seed_env: 'A' }] }, MULTISIG_FILE_TEXT.threshold, ['team.json']);
    rejects({ wallets, threshold: 2 }, MULTISIG_FILE_TEXT.signers, ['team.json']);
    rejects({ wallets, threshold: 2, signers: ['A'] }, MULTISIG_FILE_TEXT.signerObject, ['team.json', '0']);
    rejects({ wallets, threshold: 2, signers: [{ seed_env: 'A' }, { seed_env: 'B', mnemonic: 'x' }] }, MULTISIG_FILE_TEXT.signerKind, ['team.json', '1']);
    rejects({ wallets, threshold: 2, signers: [{ password_env: 'P' }] }, MULTISIG_FILE_TEXT.signerKind, ['team.json', '0']);
    rejects({ wallets, threshold: 2, signers: [{ seed: '' }] }, MULTISIG_FILE_TEXT.field, ['team.json', '0', 'seed']);
    rejects({ wallets, threshold: 2, signers: [{ keystore: 'k', password_env: 3 }] }, MULTISIG_FILE_TEXT.field, ['team.json', '0', 'password_env']);
  });

  it('does not take inherited keys for members', () => {
    rejects(`{"wallets":["5Dy8"],"threshold":1,"signers":[{"__proto__":{"seed":"x"}}]}`, MULTISIG_FILE_TEXT.signerKind, ['team.json', '0']);
  });

  it('reads a secret inline or from a set environment variable', () => {
    assert.equal(secretValue({ inline: 's' }, {}, 'team.json', 0), 's');
    assert.equal(secretValue({ env: 'A' }, { A: 'from-env' }, 'team.json', 0), 'from-env');
    assert.throws(() => secretValue({ env: 'A' }, { A: ' ' }, 'team.json', 2), (err: unknown) =>
      err instanceof MultisigFileError && err.message === 'team.json: signers[2]: the environment variable A is not set.');
  });
});
