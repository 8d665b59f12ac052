// A simulated VM (startVmSsh on a random loopback port, temp home) and a client side (temp HOME with
// our ssh files) driven by the system OpenSSH client. Every ssh call gets `-F <file in temp dir>` and
// a scrubbed environment (no agent), so the machine's own ~/.ssh config, keys and known_hosts are
// never used.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateHostKey, startVmSsh, type VmSshServer } from '../../../../src/sim/ssh/vmSsh';
import { defaultSshPaths, type SshPaths } from '../../../../src/ssh/core/paths';

export const SSH = '/usr/bin/ssh';

export interface SimVm {
  server: VmSshServer;
  home: string;
  hostKey: string;
  setPassword(p: string): void;
  password(): string;
  restart(newHostKey?: string): Promise<void>;
  close(): Promise<void>;
}

export interface SshResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export async function startSimVm(user = 'dbc', password = 'Ab3_/+[]@#^xyz12'): Promise<SimVm> {
  const home = tempDir('dbc-vm-home-');
  let current = password;
  let hostKey = generateHostKey();
  const opts = () => ({ port: 0, user, password: () => current, homeDir: home, hostKey });
  let server = await startVmSsh(opts());
  const vm: SimVm = {
    get server() {
      return server;
    },
    home,
    get hostKey() {
      return hostKey;
    },
    setPassword: (p) => (current = p),
    password: () => current,
    restart: async (newHostKey) => {
      const port = server.port;
      await server.close();
      hostKey = newHostKey ?? hostKey;
      server = await startVmSsh({ ...opts(), port });
    },
    close: async () => {
      await server.close();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
  return vm;
}

export interface ClientSide {
  home: string;
  paths: SshPaths;
  /** Runs the system ssh; `password` is served through SSH_ASKPASS (forced, no tty). */
  ssh(args: string[], opts?: { password?: string; timeoutMs?: number }): Promise<SshResult>;
  cleanup(): void;
}

export function makeClient(): ClientSide {
  const home = tempDir('dbc-client-home-');
  const paths = defaultSshPaths(home);
  return {
    home,
    paths,
    ssh: (args, opts = {}) => runSsh(home, args, opts),
    cleanup: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}

function runSsh(home: string, args: string[], opts: { password?: string; timeoutMs?: number }): Promise<SshResult> {
  const askpass = path.join(home, `askpass-${process.hrtime.bigint()}.sh`);
  const secretFile = `${askpass}.secret`;
  fs.writeFileSync(secretFile, opts.password ?? '', { mode: 0o600 });
  fs.writeFileSync(askpass, `#!/bin/sh\ncat '${secretFile}'\necho\n`, { mode: 0o700 });
  const env = {
    HOME: home,
    PATH: '/usr/bin:/bin',
    DISPLAY: ':0',
    SSH_ASKPASS: askpass,
    SSH_ASKPASS_REQUIRE: opts.password === undefined ? 'never' : 'force',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(SSH, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      fs.rmSync(askpass, { force: true });
      fs.rmSync(secretFile, { force: true });
      resolve({ code, stdout, stderr });
    });
  });
}
