// One cold activation in a fresh Node process (activation.mjs runs several): loads BUNDLE with the vscode
// stub and calls activate(). Given CRYPTO (the bundled @polkadot/util-crypto), it loads that too and waits
// for cryptoWaitReady() inside activation, as an extension without lazy crypto would (the host figure's
// baseline). Prints one JSON line.
import { createRequire } from 'node:module';
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [bundle, cryptoBundle] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const stub = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lib', 'vscode-stub.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};

const { context } = await import('./lib/extension-context.mjs');

const t0 = performance.now();
const crypto = cryptoBundle ? require(cryptoBundle) : undefined;
const extension = require(bundle);
const t1 = performance.now();
const api = extension.activate(context(path.dirname(bundle)));
if (crypto) await crypto.cryptoWaitReady();
const t2 = performance.now();
if (typeof api?.rows !== 'function') throw new Error('activate() did not return the extension API');
const autoStubbed = [...require(stub).__bench.autoStubbed].sort();
process.stdout.write(`${JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, sinceStartMs: t2, autoStubbed })}\n`);
