// Cleanup on Ctrl+C / SIGTERM: runs the registered async cleanups once, then exits.
import { killAllTracked } from './processes.mjs';

const cleanups = [];
let exiting = false;

/** Registers `fn` to run (newest first) when the process is interrupted; returns an unregister function. */
export function onInterrupt(fn) {
  cleanups.unshift(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

async function interrupted(signal) {
  if (exiting) process.exit(130); // second Ctrl+C while cleaning up: the exit handler kills the rest
  exiting = true;
  console.log(`\n${signal}: stopping…`);
  for (const fn of [...cleanups]) {
    await Promise.resolve().then(fn).catch((e) => console.error(`cleanup failed: ${e.message}`));
  }
  killAllTracked();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** True once Ctrl+C / SIGTERM cleanup has begun (children ending then is expected). */
export function isInterrupted() {
  return exiting;
}

export function installSignalHandlers() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => interrupted(signal));
}
