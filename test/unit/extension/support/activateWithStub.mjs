// Activates the built extension (dist/extension.js) in plain Node with the bench's vscode stub, in the
// ExtensionMode given as argv[2], and prints the names of what activate() returned as one JSON line.
import { createRequire } from 'node:module';
import Module from 'node:module';
import path from 'node:path';

const [root, mode] = process.argv.slice(2);
const stub = path.join(root, 'scripts/bench/lib/vscode-stub.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};
const require = createRequire(import.meta.url);
const { context } = await import(path.join(root, 'scripts/bench/lib/extension-context.mjs'));
const bundle = path.join(root, 'dist/extension.js');
const api = require(bundle).activate({ ...context(path.dirname(bundle)), extensionMode: Number(mode) });
process.stdout.write(`${JSON.stringify(Object.keys(api).sort())}\n`);
process.exit(0);
