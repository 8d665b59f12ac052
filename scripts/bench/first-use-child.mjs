// What the first use of each lazy bundle costs, in a fresh process with the production bundles of DIR:
// loads extension.js (vscode stub) and activates it, recording which of DIR's lazy bundles were loaded by
// then (the shared chunks extension.js requires are part of activation); runs a first and a second command
// (Show Log: the first loads dist/commands.js); imports a wallet through the extension's own command twice (the first loads dist/crypto.js and compiles
// the sr25519 WebAssembly, the second pays neither) and counts how often each bundle was evaluated; then
// the first and a second ed25519 key pair through dist/ssh.js (what the first SSH connect pays before its
// key step). Prints one JSON line.
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [dir, seedA, seedB] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const stub = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lib', 'vscode-stub.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};
/** Evaluations of each bundle of DIR (a cached require does not count). */
const evaluated = {};
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  if (path.dirname(filename) === dir) evaluated[path.basename(filename)] = (evaluated[path.basename(filename)] ?? 0) + 1;
  return compile.call(this, content, filename);
};

const { context } = await import('./lib/extension-context.mjs');
const extension = require(path.join(dir, 'extension.js'));
extension.activate(context(dir));
const atActivation = Object.keys(evaluated).filter((f) => f !== 'extension.js' && !/^chunk-\w+\.js$/.test(f));
const commands = require(stub).__bench.registeredCommands;
const showLog = async () => {
  const t0 = performance.now();
  await commands.get('dbc.log.show')();
  return performance.now() - t0;
};
const firstCommandMs = await showLog();
const secondCommandMs = await showLog();
const importWallet = async (seed, label) => {
  const t0 = performance.now();
  await commands.get('dbc.wallet.import')({ kind: 'seed', seed, label });
  return performance.now() - t0;
};
const firstCryptoMs = await importWallet(seedA, 'first');
const secondCryptoMs = await importWallet(seedB, 'second');
const keyPair = () => {
  const t0 = performance.now();
  const { utils } = require(path.join(dir, 'ssh.js'));
  const pair = utils.generateKeyPairSync('ed25519');
  if (!pair.public) throw new Error('no key pair');
  return performance.now() - t0;
};
const firstSshMs = keyPair();
const secondSshMs = keyPair();
process.stdout.write(`${JSON.stringify({ atActivation, evaluated, firstCommandMs, secondCommandMs, firstCryptoMs, secondCryptoMs, firstSshMs, secondSshMs })}\n`);
