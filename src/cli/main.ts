// The `dbc` command line: program assembly and the entry point. `run()` is the whole program,
// usable in-process (tests pass buffers, env and a fetch); only the entry below touches `process`.
import { Command, CommanderError, Option } from 'commander';
import { type Runtime } from './action';
import { AUTH_KINDS } from './auth';
import { DEFAULT_ENDPOINT } from './context';
import { registerImageCommands } from './commands/image';
import { registerKeyCommands } from './commands/keys';
import { registerLanCommands } from './commands/lan';
import { registerNodeCommands } from './commands/node';
import { registerSnapshotCommands } from './commands/snapshot';
import { registerSshCommands } from './commands/ssh';
import { registerVmCommands } from './commands/vm';
import { ExitCode } from './exitCodes';
import type { CliIo } from './io';
import { describeFailure } from './output';
import { sanitizeNodeText } from '../api/nodeText';

export type { CliIo } from './io';
export { ExitCode } from './exitCodes';

const VERSION = '0.1.0';

export function buildProgram(rt: Runtime): Command {
  const program = new Command('dbc');
  program
    .description('Manage GPU VMs rented on the DeepBrain Chain network through a DBC client node.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => rt.io.stdout.write(s),
      writeErr: (s) => rt.io.stderr.write(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'dbc: ')),
    })
    .showHelpAfterError('(add --help for usage)')
    .option('--endpoint <url>', `the client node: http(s)://host:port or ssh://user@host[:port][/node-port] for an SSH tunnel (env DBC_ENDPOINT, default ${DEFAULT_ENDPOINT})`)
    .option('--allow-insecure-http', 'send signed requests over plain http to another machine (env DBC_ALLOW_INSECURE_HTTP=1); they can be replayed by anyone on the path')
    .option('--ssh-identity <file>', 'the private key for an ssh:// endpoint (env DBC_SSH_IDENTITY; default ~/.ssh/id_ed25519, id_ecdsa, id_rsa and the ssh-agent)')
    .option('--node <id>', 'the GPU node id, 64 hex characters (env DBC_NODE)')
    .option('--json', 'print the reply as JSON (for scripts)')
    .option('--timeout <seconds>', 'HTTP timeout per request (default 40)')
    .option('--chain <url>', 'the DBC chain\'s JSON-RPC endpoint, for lease times (env DBC_CHAIN_RPC, default https://httpinfo.dbcwallet.io)')
    .option('--rent-order <id>', 'the rent order of a per-GPU rental, sent with every request (env DBC_RENT_ORDER; default: your only renting order on the node)')
    .option('--multisig <file>', 'authenticate with a multisig file (see docs/cli.md)')
    .option('--keystore <file>', 'authenticate with a polkadot-js keystore; password in env DBC_KEYSTORE_PASSWORD')
    .addOption(new Option('--auth <kind>', 'which configured credential to use when several are').choices(AUTH_KINDS));
  program.addHelpText('after', HELP_FOOTER);
  registerKeyCommands(program, rt);
  registerNodeCommands(program, rt);
  registerVmCommands(program, rt);
  registerSnapshotCommands(program, rt);
  registerImageCommands(program, rt);
  registerLanCommands(program, rt);
  registerSshCommands(program, rt);
  return program;
}

const HELP_FOOTER = `
Credentials for API calls come from the environment, never from arguments:
  DBC_SEED or DBC_MNEMONIC                     the renter's wallet
  DBC_SESSION_ID and DBC_SESSION_ID_SIGN       a session delegated by the renter (dbc session-id)
  --keystore FILE with DBC_KEYSTORE_PASSWORD   a polkadot-js keystore export
  --multisig FILE                              a multisig account (format in docs/cli.md)

Exit codes: 0 ok, 1 GPU node error (errcode ≠ 0), 2 usage or validation (nothing sent),
3 rejected by the client node, 4 no answer or timeout, 5 unparsable reply, 130 interrupted.

Examples:
  $ export DBC_NODE=58fb618aa482c41114eb3cfdaefd3ba183172da9e25251449d045043fbd37f45 DBC_SEED=…
  $ dbc vm list
  $ dbc vm create --image ubuntu.qcow2 --ssh-port 5684 --vnc-port 5904 --gpus 1 --cpus 8 --mem 16 --disk 100 --wait
  $ dbc vm logs Gz3SL4zw1wKGNxKCkCS5eZ --follow
`;

/** Runs `dbc` with `argv` (without the node and script paths) and returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const rt: Runtime = { io, exitCode: ExitCode.ok };
  const program = buildProgram(rt);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return rt.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return commanderExitCode(err);
    const failure = describeFailure(err);
    io.stderr.write(`dbc: ${sanitizeNodeText(failure.text, { newlines: true })}\n`);
    return failure.exitCode;
  }
}

/** Help and version exit 0; every other commander complaint is a usage error (already printed). */
function commanderExitCode(err: CommanderError): number {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCode.ok;
  return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
}

function main(): void {
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    if (++interrupts > 1) process.exit(ExitCode.interrupted);
    controller.abort();
  });
  // `dbc vm logs -f | head` closes the pipe early: that is a normal end, not a crash.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? ExitCode.ok : ExitCode.internal));
  const io: CliIo = {
    stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal, readStdin,
  };
  void run(process.argv.slice(2), io).then((code) => {
    // Exit once stdout is flushed (a pipe may still hold output), even if a socket lingers.
    process.stdout.write('', () => process.exit(code));
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

if (require.main === module) main();
