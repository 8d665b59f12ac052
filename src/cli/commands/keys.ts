// Offline wallet helpers: address, nonce, sign, verify. They never touch the network.
import type { Command } from 'commander';
import { createNonce } from '../../auth/nonce';
import { verifySignature } from '../../auth/signer';
import { action, examples, type Runtime } from '../action';
import { walletSigner } from '../auth';
import type { CliContext } from '../context';
import { ExitCode } from '../exitCodes';

interface KeyOpts {
  seed?: string;
  mnemonic?: string;
}

export function registerKeyCommands(program: Command, rt: Runtime): void {
  const address = program.command('address')
    .description('print the SS58 address (prefix 42) of a wallet')
    .option('--seed <hex>', 'the 32-byte secret seed, 64 hex characters (default: env DBC_SEED)')
    .option('--mnemonic <words>', 'a BIP39 mnemonic (default: env DBC_MNEMONIC)')
    .action(action<KeyOpts>(rt, async (ctx, _args, opts) => {
      warnSecretOnArgv(ctx, opts);
      const signer = await walletSigner({ ...ctx.opts, ...opts }, ctx.env, ctx.cwd);
      if (ctx.printer.json) ctx.printer.printJson({ address: signer.address, public_key: signer.publicKeyHex });
      else ctx.printer.line(signer.address);
    }));
  examples(address, ['DBC_SEED=9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60 dbc address', 'DBC_MNEMONIC="bottom drive …" dbc address']);

  examples(program.command('nonce')
    .description('print a fresh nonce (Base58Check of a UUID, as the official sign_tool makes them)')
    .action(action(rt, async (ctx) => {
      const nonce = await createNonce();
      if (ctx.printer.json) ctx.printer.printJson({ nonce });
      else ctx.printer.line(nonce);
    })), ['dbc nonce']);

  const sign = program.command('sign')
    .description('sign MESSAGE (its UTF-8 bytes, sr25519) and print the 128-hex signature without 0x')
    .argument('<message>', 'the text to sign, e.g. a nonce or a session_id')
    .option('--seed <hex>', 'the 32-byte secret seed, 64 hex characters (default: env DBC_SEED)')
    .option('--mnemonic <words>', 'a BIP39 mnemonic (default: env DBC_MNEMONIC)')
    .action(action<KeyOpts>(rt, async (ctx, [message], opts) => {
      warnSecretOnArgv(ctx, opts);
      const signer = await walletSigner({ ...ctx.opts, ...opts }, ctx.env, ctx.cwd);
      const signature = await signer.sign(message!);
      if (ctx.printer.json) ctx.printer.printJson({ wallet: signer.address, message, sign: signature });
      else ctx.printer.line(signature);
    }));
  examples(sign, ['N=$(dbc nonce); DBC_SEED="$SEED" dbc sign "$N"']);

  const verify = program.command('verify')
    .description('check an sr25519 signature as a GPU node does; prints valid (exit 0) or invalid (exit 1)')
    .argument('<message>', 'the signed text')
    .argument('<sign>', 'the signature, 128 hex characters without 0x')
    .argument('<wallet>', 'the SS58 address or 64-hex public key of the signer')
    .action(action(rt, async (ctx, [message, signature, wallet]) => {
      const valid = await verifySignature(message!, signature!, wallet!);
      if (ctx.printer.json) ctx.printer.printJson({ valid });
      else ctx.printer.line(valid ? 'valid' : 'invalid');
      return valid ? ExitCode.ok : ExitCode.invalidSignature;
    }));
  examples(verify, ['dbc verify 5q7KRn4d8EmX… 2460725b2f5e… 5Dy8ULx1De6u3WE9ixpy1VKK2CVssvsjQT15qcmQsG662Zj4']);
}

/** A seed or mnemonic given as an argument is visible to every user of the machine while dbc runs. */
function warnSecretOnArgv(ctx: CliContext, opts: KeyOpts): void {
  const flag = opts.seed !== undefined ? '--seed' : opts.mnemonic !== undefined ? '--mnemonic' : undefined;
  if (!flag) return;
  const env = flag === '--seed' ? 'DBC_SEED' : 'DBC_MNEMONIC';
  ctx.printer.note(`dbc: warning: ${flag} on the command line can be read by other users of this machine (ps, /proc) and stays in your shell history; set ${env} in the environment instead`);
}
