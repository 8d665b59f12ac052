// Keeps one SSH endpoint per running Linux VM (src/sim/ssh/vmSsh.ts): opened when the VM reaches
// `running`, closed when it leaves it, reopened when its ssh port changes. Bind failures are logged.
// Every VM of every simulated node shares 127.0.0.1, and so does whatever else runs on this machine
// (another simulator, a demo): `portHolder` tells create and start whether a VM's port is taken.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { holdsResources } from './gpu/resources';
import type { Guest } from './ssh/guest/guestWorld';
import type { VmSshOptions, VmSshServer } from './ssh/vmSsh';
import type { Task } from './state';
import { errorMessage } from '../util/errorMessage';

export interface SshBackend {
  start(opts: VmSshOptions): Promise<VmSshServer>;
  generateHostKey(): string;
  /** Whether something on this machine already listens on 127.0.0.1:`port`; omitted = never (fakes). */
  portInUse?(port: number): Promise<boolean>;
}

interface Endpoint {
  port: number;
  ready: Promise<VmSshServer | undefined>;
  guest?: Guest;
}

export class SshHost {
  private readonly endpoints = new Map<string, Endpoint>();

  constructor(private readonly backend: SshBackend | undefined, private readonly dataDir: string,
    private readonly log: (line: string) => void, private readonly guestFor?: (taskId: string) => Guest,
    private readonly tasks: () => Iterable<Task> = () => []) {}

  /**
   * Who holds host port `port`, which task `taskId` wants for its SSH endpoint: another VM of this
   * simulator that runs or is on its way to running (on any node), or another process on this machine.
   * Undefined when the endpoint could open there (or when there are no endpoints).
   */
  async portHolder(port: number, taskId = ''): Promise<string | undefined> {
    if (!this.backend || !Number.isInteger(port) || port <= 0 || port > 65535) return undefined;
    if (this.endpoints.get(taskId)?.port === port) return undefined; // its own open endpoint
    const sibling = [...this.tasks()].find((t) => t.taskId !== taskId && t.osKind === 'linux'
      && Number(t.sshPort) === port && holdsResources(t));
    if (sibling) return `VM ${sibling.taskId} of this simulator`;
    return await this.backend.portInUse?.(port) ? 'another process on this machine' : undefined;
  }

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
    else if (want) this.endpoints.get(task.taskId)?.guest?.publish(task.customPort);
  }

  async closeAll(): Promise<void> {
    const ids = [...this.endpoints.keys()];
    await Promise.all(ids.map((id) => this.close(id)));
  }

  private open(task: Task, port: number): void {
    const backend = this.backend as SshBackend;
    const homeDir = join(this.dataDir, task.taskId, 'home');
    task.hostKey ??= backend.generateHostKey();
    const guest = this.guestFor?.(task.taskId);
    const opts: VmSshOptions = { port, user: task.userName, password: () => task.loginPassword, homeDir, hostKey: task.hostKey, guest };
    const endpoint: Endpoint = { port, ready: Promise.resolve(undefined), guest };
    endpoint.ready = (async () => {
      mkdirSync(homeDir, { recursive: true });
      const server = await backend.start(opts);
      this.log(`ssh: VM ${task.taskId} listening on 127.0.0.1:${server.port} (user ${task.userName})`);
      guest?.publish(task.customPort);
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
