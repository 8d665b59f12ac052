// Loads a production build of the extension (DIR) in plain Node with the bench's vscode stub, activates it
// and runs its first command (Show Log), recording which of DIR's files were evaluated, and when. Prints
// one JSON line: the lazy files evaluated by activation and by the first command, files evaluated twice,
// the failures the commands reported.
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const [root, dir] = process.argv.slice(2);
const stub = path.join(root, 'scripts/bench/lib/vscode-stub.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};
const evaluated = [];
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  if (path.dirname(filename) === dir) evaluated.push(path.basename(filename));
  return compile.call(this, content, filename);
};
const lazy = () => evaluated.filter((f) => f !== 'extension.js' && !/^chunk-\w+\.js$/.test(f));

const require = createRequire(import.meta.url);
const { context } = await import(path.join(root, 'scripts/bench/lib/extension-context.mjs'));
// ExtensionMode.Test, so that the API's takeErrors() returns the failures a command reported.
const api = require(path.join(dir, 'extension.js')).activate({ ...context(dir), extensionMode: 3 });
const lazyAtActivation = lazy();
const commands = require(stub).__bench.registeredCommands;
await commands.get('dbc.log.show')();
await commands.get('dbc.log.show')();
const lazyAfterFirstCommand = lazy();
const evaluatedTwice = evaluated.filter((f, i) => evaluated.indexOf(f) !== i);
process.stdout.write(`${JSON.stringify({ lazyAtActivation, lazyAfterFirstCommand, evaluatedTwice, errors: api.takeErrors() })}\n`);
process.exit(0);
