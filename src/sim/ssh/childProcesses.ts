// Processes started for SSH sessions. Each runs in its own process group (detached) so that closing
// a channel or the server also ends what the command itself started (e.g. `sleep` under `sh -c`).
import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';

export class ChildProcesses {
  private readonly live = new Set<ChildProcess>();

  spawn(file: string, args: string[], opts: SpawnOptions): ChildProcess {
    const child = spawn(file, args, { ...opts, detached: process.platform !== 'win32', stdio: 'pipe' });
    this.live.add(child);
    child.once('exit', () => this.live.delete(child));
    child.once('error', () => this.live.delete(child));
    return child;
  }

  kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGHUP'): void {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
    } catch {
      child.kill(signal);
    }
  }

  /** Kills every live process group and waits (briefly) for them to exit. */
  async killAll(): Promise<void> {
    const waits = [...this.live].map((child) => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      setTimeout(resolve, 2000);
      this.kill(child, 'SIGKILL');
    }));
    await Promise.all(waits);
  }
}
