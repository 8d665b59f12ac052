// What the extension uses of ssh2. In the extension this is a bundle of its own (dist/ssh.js, see
// esbuild.js), loaded through ssh2Lib.ts on the first SSH connection or key operation.
export { Client, utils } from 'ssh2';
