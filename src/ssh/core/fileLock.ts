// A cross-process lock next to the file it protects: `<file>.dbc-lock`, created with O_EXCL.
// Whoever creates it holds the lock; others retry with jitter. A lock older than `staleMs` is taken
// to belong to a crashed process and removed (holders keep it for milliseconds, so a generous stale
// time makes stealing a live lock practically impossible).
import * as path from 'path';
import { errorCode, type FsPort } from './fsPort';
import { abortableSleep } from '../../util/sleep';

export interface LockOptions {
  timeoutMs?: number;
  staleMs?: number;
  retryMs?: number;
}

export class LockTimeoutError extends Error {
  constructor(readonly lockPath: string) {
    super(`Timed out waiting for the lock ${lockPath}. If no other DBC process is running, delete it.`);
    this.name = 'LockTimeoutError';
  }
}

export function lockPathFor(target: string): string {
  return `${target}.dbc-lock`;
}

export async function withFileLock<T>(fs: FsPort, target: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const lockPath = lockPathFor(target);
  await acquire(fs, lockPath, opts);
  try {
    return await fn();
  } finally {
    await fs.unlink(lockPath).catch(() => undefined);
  }
}

async function acquire(fs: FsPort, lockPath: string, opts: LockOptions): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const staleMs = opts.staleMs ?? 30_000;
  const retryMs = opts.retryMs ?? 15;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await tryCreate(fs, lockPath)) return;
    if (await isStale(fs, lockPath, staleMs)) {
      await fs.unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(lockPath);
    await abortableSleep(retryMs + Math.random() * retryMs * 2);
  }
}

async function tryCreate(fs: FsPort, lockPath: string): Promise<boolean> {
  try {
    const handle = await fs.open(lockPath, 'wx', 0o600);
    try {
      await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (err) {
    const code = errorCode(err);
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT') {
      await fs.mkdir(path.dirname(lockPath), { recursive: true, mode: 0o700 });
      return false;
    }
    throw err;
  }
}

async function isStale(fs: FsPort, lockPath: string, staleMs: number): Promise<boolean> {
  try {
    const st = await fs.stat(lockPath);
    return Date.now() - st.mtimeMs > staleMs;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false;
    throw err;
  }
}
