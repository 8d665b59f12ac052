// Keeps one SSH endpoint per running Linux VM (src/sim/ssh/vmSsh.ts): opened when the VM reaches
// `running`, closed when it leaves it, reopened when its ssh port changes. Bind failures are logged.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Guest } from './ssh/guest/guestWorld';
import type { VmSshOptions, VmSshServer } from './ssh/vmSsh';
import type { Task } from './state';
import { errorMessage } from '../util/errorMessage';

export interface SshBackend {
  start(opts: VmSshOptions): Promise<VmSshServer>;
  generateHostKey(): string;
}

interface Endpoint {
  port: number;
  ready: Promise<VmSshServer | undefined>;
}

export class SshHost {
  private readonly endpoints = new Map<string, Endpoint>();

  constructor(private readonly backend: SshBackend | undefined, private readonly dataDir: string,
    private readonly log: (line: string) => void, private readonly guestFor?: (taskId: string) => Guest) {}

  /** Whether a VM's endpoint is open (or opening). */
  isOpen(taskId: string): boolean {
    return this.endpoints.has(taskId);
  }

  sync(task: Task): void {
    const want = this.backend !== undefined && task.osKind === 'linux' && task.vm === 'running' && task.status === 'running';
    const port = Number(task.sshPort);
    const current = this.endpoints.get(task.taskId);
    if (current && (!want || current.port !== port)) void this.close(task.taskId);
    if (want && !this.endpoints.has(task.taskId)) this.open(task, port);
  }

  async closeAll(): Promise<void> {
    const ids = [...this.endpoints.keys()];
    await Promise.all(ids.map((id) => this.close(id)));
  }

  private open(task: Task, port: number): void {
    const backend = this.backend as SshBackend;
    const homeDir = join(this.dataDir, task.taskId, 'home');
    task.hostKey ??= backend.generateHostKey();
    const opts: VmSshOptions = { port, user: task.userName, password: () => task.loginPassword, homeDir, hostKey: task.hostKey, guest: this.guestFor?.(task.taskId) };
    const endpoint: Endpoint = { port, ready: Promise.resolve(undefined) };
    endpoint.ready = (async () => {
      mkdirSync(homeDir, { recursive: true });
      const server = await backend.start(opts);
      this.log(`ssh: VM ${task.taskId} listening on 127.0.0.1:${server.port} (user ${task.userName})`);
      return server;
    })().catch((e: unknown) => {
      this.log(`ssh: VM ${task.taskId} could not listen on 127.0.0.1:${port}: ${errorMessage(e)}`);
      if (this.endpoints.get(task.taskId) === endpoint) this.endpoints.delete(task.taskId);
      return undefined;
    });
    this.endpoints.set(task.taskId, endpoint);
  }

  private async close(taskId: string): Promise<void> {
    const endpoint = this.endpoints.get(taskId);
    this.endpoints.delete(taskId);
    const server = await endpoint?.ready;
    if (server) {
      await server.close();
      this.log(`ssh: VM ${taskId} endpoint closed`);
    }
  }
}
