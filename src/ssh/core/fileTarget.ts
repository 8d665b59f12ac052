// What may be replaced by an atomic write: a regular file we are allowed to write, or nothing yet.
// Renaming a temp file over the target ignores the target's own permissions and type, so without these
// checks a write would turn `/dev/null` into a regular file (as root), rewrite a read-only file, or
// create the file a dangling symlink points to. Each refusal says what the target is and what to do.
import * as path from 'path';
import { errorCode, type FsPort } from './fsPort';

export type UnsafeTargetReason = 'not-regular' | 'read-only' | 'dangling-symlink' | 'hard-linked' | 'not-writable';

export class UnsafeTargetError extends Error {
  constructor(
    readonly file: string,
    readonly reason: UnsafeTargetReason,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'UnsafeTargetError';
  }
}

export interface WritableTarget {
  /** The path to write: the target with symlinks resolved. */
  real: string;
  /** Present when the file exists. */
  existing?: { mode: number; uid: number; gid: number };
}

/** Resolves `target` and checks that replacing it is safe; throws UnsafeTargetError otherwise. */
export async function checkWritableTarget(fs: FsPort, target: string): Promise<WritableTarget> {
  const absolute = path.resolve(target);
  let link;
  try {
    link = await fs.lstat(absolute);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return { real: absolute };
    throw err;
  }
  let real = absolute;
  if (link.isSymbolicLink()) {
    try {
      real = await fs.realpath(absolute);
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') throw err;
      throw new UnsafeTargetError(absolute, 'dangling-symlink', 'is a symbolic link to a file that does not exist; create that file or remove the link, then try again.');
    }
  }
  const st = await fs.stat(real);
  if (!st.isFile()) {
    throw new UnsafeTargetError(absolute, 'not-regular', `is ${kindOf(st)}, not a regular file; dbc only writes regular files. Choose another file.`);
  }
  if ((st.mode & 0o222) === 0) {
    throw new UnsafeTargetError(absolute, 'read-only', `is read-only (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}); dbc leaves it alone. Make it writable (chmod u+w) if dbc should edit it.`);
  }
  if (st.nlink > 1) {
    throw new UnsafeTargetError(absolute, 'hard-linked', `has ${st.nlink} hard links; replacing it would leave the other names with the old text. Choose another file.`);
  }
  try {
    await fs.access(real, 2 /* W_OK */);
  } catch {
    throw new UnsafeTargetError(absolute, 'not-writable', 'is not writable by this user; dbc leaves it alone.');
  }
  return { real, existing: { mode: st.mode & 0o777, uid: st.uid, gid: st.gid } };
}

function kindOf(st: { isDirectory(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}
