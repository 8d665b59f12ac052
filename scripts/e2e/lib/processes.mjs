// Child processes we start, each in its own process group so that grandchildren (e.g. code-server's
// extension host, recipe pitfall 10) can be ended by that group id. Only our own children are ever killed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';

const live = new Set();

/**
 * Spawns `cmd args` detached (own process group), stdout+stderr appended to `logFile`,
 * each stdout/stderr line passed to `onLine(line, stream)`. Returns a handle with `exited` (a promise).
 */
export function spawnTracked(cmd, args, { env = process.env, cwd, logFile, onLine } = {}) {
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const handle = { child, pid: child.pid, exit: null };
  live.add(handle);
  handle.exited = new Promise((resolve) => {
    const done = (exit) => {
      live.delete(handle);
      handle.exit = exit;
      resolve(exit);
    };
    child.once('exit', (code, signal) => done({ code, signal }));
    child.once('error', (error) => done({ code: null, signal: null, error }));
  });
  if (logFile) pipeToFile(child, logFile);
  if (onLine) forwardLines(child, onLine);
  return handle;
}

function pipeToFile(child, logFile) {
  const log = fs.createWriteStream(logFile);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  child.once('close', () => log.end());
}

function forwardLines(child, onLine) {
  for (const [stream, name] of [[child.stdout, 'stdout'], [child.stderr, 'stderr']]) {
    readline.createInterface({ input: stream }).on('line', (line) => onLine(line, name));
  }
}

function killGroup(handle, signal) {
  if (!handle.pid) return;
  try {
    process.kill(-handle.pid, signal);
  } catch {
    // ESRCH: the whole group is already gone
  }
}

/**
 * Asks the process to stop (`signal` to its pid), waits up to `graceMs`, then SIGKILLs whatever is left
 * of its process group, including grandchildren that outlived it.
 */
export async function stopTracked(handle, { signal = 'SIGTERM', graceMs = 5000 } = {}) {
  if (!handle) return;
  if (!handle.exit && handle.pid) {
    try {
      process.kill(handle.pid, signal);
    } catch {
      // already gone
    }
    const timer = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([handle.exited, timer]);
  }
  killGroup(handle, 'SIGKILL');
  await Promise.race([handle.exited, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
}

/** Last resort (also on process exit): SIGKILL every group we started that may still be alive. */
export function killAllTracked() {
  for (const handle of live) killGroup(handle, 'SIGKILL');
}

process.on('exit', killAllTracked);
