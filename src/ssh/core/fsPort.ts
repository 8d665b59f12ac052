// The file-system calls the SSH core needs, as a subset of `fs.promises`. Production code uses the
// real module; tests pass a wrapper that fails on purpose (e.g. a `sync` that throws) to check that
// a failed write leaves nothing half-written behind.
import { promises as fsp } from 'fs';

export type FsPort = Pick<
  typeof fsp,
  'readFile' | 'open' | 'rename' | 'unlink' | 'stat' | 'lstat' | 'mkdir' | 'chmod' | 'readdir' | 'realpath' | 'access'
>;

export const nodeFs: FsPort = fsp;

export function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/** Reads a UTF-8 file, or returns `undefined` when it does not exist. */
export async function readTextIfExists(fs: FsPort, path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * readTextIfExists for a file that may be anything the user named: `undefined` unless it is a regular
 * file (reading a named pipe would wait forever, a device could be endless).
 */
export async function readRegularText(fs: FsPort, path: string): Promise<string | undefined> {
  try {
    if (!(await fs.stat(path)).isFile()) return undefined;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw err;
  }
  return readTextIfExists(fs, path);
}
