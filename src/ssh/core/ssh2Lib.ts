// ssh2, loaded on first use (key generation or parsing, a password login), never at extension activation.
import type * as Ssh2 from './ssh2Bundle';

let lib: typeof Ssh2 | undefined;

export function ssh2(): typeof Ssh2 {
  // A plain require so that esbuild.js can point it at dist/ssh.js; it runs once, on the first call.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lib ??= require('./ssh2Bundle') as typeof Ssh2;
  return lib;
}
