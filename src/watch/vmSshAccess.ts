// The editor's key logins to VMs, shared by GPU monitoring and port forwards: which VMs have the key DBC
// installed (their key-only Host block, for the endpoint the node reports now), and one pooled SSH
// connection per VM, closed when idle. The VM password is never used here.
import type { TaskInfo } from '../api/types';
import { vmKey, type VmRef } from '../config/model/refs';
import type { SshSetup } from '../remote/remoteServices';
import { sshTargetOf } from '../remote/model/sshTarget';
import { SshConnectionPool, type Lease } from '../ssh/core/connectionPool';
import type { KeyLogin } from '../ssh/core/keySession';

/** The key login and the ssh config reading it needs load on the first GPU reading, not at activation. */
const keySession = () => import('../ssh/core/keySession');

export type KeyState =
  | { kind: 'key'; login: KeyLogin & { vm: VmRef } }
  /** Running, but no key is installed for its current endpoint: connect once. */
  | { kind: 'no-key' }
  /** No SSH endpoint (a Windows VM, or no address yet). */
  | { kind: 'no-ssh' };

export interface VmSshHost {
  taskInfo(ref: VmRef, maxAgeMs: number): Promise<TaskInfo>;
  ssh(): SshSetup;
  /** How long an unused connection stays open. */
  idleMs(): number;
}

/** The VM has no key DBC could log in with. */
export class NoKeyError extends Error {
  constructor(readonly state: Exclude<KeyState, { kind: 'key' }>) {
    super(state.kind === 'no-ssh' ? 'The VM has no SSH endpoint.' : 'No SSH key is installed on the VM yet.');
    this.name = 'NoKeyError';
  }
}

const KEY_TTL_MS = 30_000;

export class VmSshAccess {
  readonly pool: SshConnectionPool;
  private readonly keys = new Map<string, { at: number; state: Promise<KeyState>; settled?: KeyState }>();

  constructor(private readonly host: VmSshHost) {
    this.pool = new SshConnectionPool(() => host.idleMs());
  }

  /** Whether (and how) DBC can log in to the VM; cached for half a minute. */
  keyState(ref: VmRef): Promise<KeyState> {
    const key = vmKey(ref);
    const cached = this.keys.get(key);
    if (cached && Date.now() - cached.at < KEY_TTL_MS) return cached.state;
    const entry: { at: number; state: Promise<KeyState>; settled?: KeyState } = { at: Date.now(), state: this.resolve(ref) };
    entry.state.then((s) => (entry.settled = s), () => this.keys.delete(key));
    this.keys.set(key, entry);
    return entry.state;
  }

  /** The last key state found, without asking (for the tree). */
  peekKeyState(ref: VmRef): KeyState | undefined {
    return this.keys.get(vmKey(ref))?.settled;
  }

  /** Forgets what was found (after a connect installed a key, or the VM changed). */
  forgetKey(ref: VmRef): void {
    this.keys.delete(vmKey(ref));
  }

  /** The VM's pooled connection; rejects with NoKeyError when no key is installed. */
  async lease(ref: VmRef): Promise<Lease> {
    const state = await this.keyState(ref);
    if (state.kind !== 'key') throw new NoKeyError(state);
    return this.pool.acquire(vmKey(ref), async () => (await keySession()).connectWithKey(state.login));
  }

  close(ref: VmRef): void {
    this.pool.close(vmKey(ref));
  }

  dispose(): void {
    this.pool.closeAll();
  }

  private async resolve(ref: VmRef): Promise<KeyState> {
    const info = await this.host.taskInfo(ref, 60_000);
    const target = sshTargetOf(info);
    if (!target || info.rdp_port) return { kind: 'no-ssh' };
    const ssh = this.host.ssh();
    const vm = { nodeId: ref.nodeId, taskId: ref.taskId };
    const identityFile = await (await keySession()).installedKey(vm, target, ssh.env, ssh.home);
    if (!identityFile) return { kind: 'no-key' };
    const agentSocket = process.env['SSH_AUTH_SOCK'] || undefined;
    return { kind: 'key', login: { ...target, vm: ref, identityFile, env: ssh.env, timeoutMs: 20_000, ...(agentSocket ? { agentSocket } : {}) } };
  }
}
