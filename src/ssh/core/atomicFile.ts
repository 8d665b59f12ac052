// Atomic replacement of a small text file: write a temp file in the same folder, fsync it, rename it
// over the target. Readers see the old or the new content, never a mix; a failure at any step removes
// the temp file and leaves the target untouched. A symlinked target (dotfile managers) is followed so
// the link survives and the file it points to is updated. Only regular, writable files are replaced
// (fileTarget.ts): never a device, a read-only file or the missing end of a dangling symlink.
import { randomBytes } from 'crypto';
import * as path from 'path';
import { errorCode, type FsPort } from './fsPort';
import { checkWritableTarget } from './fileTarget';
import { withFileLock, type LockOptions } from './fileLock';
import { abortableSleep } from '../../util/sleep';

export interface WriteOptions {
  /** Mode for a new file (an existing file keeps its mode). Default 0o600. */
  mode?: number;
  /** Mode for folders created on the way. Default 0o700. */
  dirMode?: number;
  /**
   * How the text maps to bytes. `latin1` reads and writes every byte as one character, so a file that
   * is not valid UTF-8 keeps its bytes through an edit. Default `utf8`.
   */
  encoding?: 'utf8' | 'latin1';
}

/** Replaces `target` (a regular writable file, or none yet) with `data`; see fileTarget.ts for refusals. */
export async function writeFileAtomic(fs: FsPort, target: string, data: string, opts: WriteOptions = {}): Promise<void> {
  const { real, existing } = await checkWritableTarget(fs, target);
  const dir = path.dirname(real);
  await fs.mkdir(dir, { recursive: true, mode: opts.dirMode ?? 0o700 });
  const mode = existing?.mode ?? opts.mode ?? 0o600;
  const tmp = path.join(dir, `.${path.basename(real)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<FsPort['open']>> | undefined;
  try {
    handle = await fs.open(tmp, 'wx', mode);
    await handle.writeFile(data, opts.encoding ?? 'utf8');
    await handle.chmod(mode); // the umask may have narrowed the mode given to open()
    if (existing && process.getuid?.() === 0) await handle.chown(existing.uid, existing.gid); // root keeps the owner
    await handle.sync();
    await handle.close();
    handle = undefined;
    await renameWithRetry(fs, tmp, real);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(tmp).catch(() => undefined);
    throw err;
  }
  await syncDir(fs, dir);
}

// Windows refuses a rename over a file that a scanner or editor briefly holds open.
async function renameWithRetry(fs: FsPort, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (err) {
      const code = errorCode(err);
      if (attempt >= 4 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw err;
      await abortableSleep(25 * (attempt + 1));
    }
  }
}

/** Makes the rename itself durable where the platform allows it (not on Windows). */
async function syncDir(fs: FsPort, dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // best effort
  }
}

/**
 * Read-modify-write under the file's lock. `edit` gets the current text (`undefined` if the file does
 * not exist) and returns the new text, or `undefined` to leave the file as it is.
 */
export async function editFileLocked(
  fs: FsPort,
  target: string,
  edit: (current: string | undefined) => string | undefined,
  opts: WriteOptions & { lock?: LockOptions } = {},
): Promise<boolean> {
  const { real } = await checkWritableTarget(fs, target); // before the lock file is made next to it
  return withFileLock(fs, real, async () => {
    let current: string | undefined;
    try {
      current = await fs.readFile(real, opts.encoding ?? 'utf8');
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') throw err;
    }
    const next = edit(current);
    if (next === undefined || next === current) return false;
    await writeFileAtomic(fs, real, next, opts);
    return true;
  }, opts.lock);
}
