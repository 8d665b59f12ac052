// Session channels of the simulated VM: `exec` runs `/bin/sh -c <command>` (unless the guest answers it
// in-process, e.g. `nvidia-smi`), `shell` an interactive bash (or sh), `subsystem sftp` the system's
// sftp-server when one is installed.
//
// There is no pty library, so `pty-req` is accepted but nothing gets a terminal: programs see pipes
// (`bash -i` warns "no job control"; full-screen programs won't work). Good enough for Remote-SSH,
// which drives the remote side through exec and plain pipes.
import { type ChildProcess } from 'child_process';
import { existsSync } from 'fs';
import { type AcceptConnection, type RejectConnection, type ServerChannel, type Session } from 'ssh2';
import { type ChildProcesses } from './childProcesses';
import type { Guest } from './guest/guestWorld';

export interface SessionContext {
  user: string;
  homeDir: string;
  procs: ChildProcesses;
  /** `client-ip client-port server-ip server-port`, for SSH_CONNECTION. */
  connection: string;
  /** Answers the commands the simulated guest has (nvidia-smi) without a process. */
  guest?: Guest;
}

type Accept = (() => void) | undefined;
type Reject = RejectConnection | undefined;

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const SFTP_SERVERS = ['/usr/lib/openssh/sftp-server', '/usr/libexec/openssh/sftp-server', '/usr/lib/ssh/sftp-server', '/usr/libexec/sftp-server'];
const CLIENT_ENV = /^(LANG|LC_[A-Z]+|TERM|COLORTERM|TZ)$/;

export function handleSession(accept: AcceptConnection<Session>, ctx: SessionContext): void {
  const session = accept();
  const clientEnv: Record<string, string> = {};
  let running: ChildProcess | undefined;
  const start = (open: AcceptConnection<ServerChannel>, file: string, args: string[]): void => {
    running = runInChannel(open(), file, args, { ...clientEnv, ...baseEnv(ctx) }, ctx);
  };

  session.on('pty', (ok: Accept, _no: Reject, info: { term?: string }) => {
    if (info.term) clientEnv.TERM = info.term;
    ok?.();
  });
  session.on('window-change', (ok: Accept) => ok?.());
  session.on('env', (ok: Accept, no: Reject, info: { key: string; val: string }) => {
    if (!CLIENT_ENV.test(info.key)) return no?.();
    clientEnv[info.key] = info.val;
    ok?.();
  });
  session.on('exec', (open, _no, info) => {
    const answer = ctx.guest?.exec(info.command);
    if (answer) return replyInProcess(open(), answer);
    start(open, '/bin/sh', ['-c', info.command]);
  });
  session.on('shell', (open) => start(open, ...interactiveShell()));
  session.on('subsystem', (open, no, info) => {
    const server = info.name === 'sftp' ? SFTP_SERVERS.find((p) => existsSync(p)) : undefined;
    if (!server) return no();
    start(open, server, []);
  });
  session.on('signal', (ok: Accept, no: Reject, info: { name: string }) => {
    if (!running || !/^[A-Z0-9]+$/.test(info.name)) return no?.();
    ctx.procs.kill(running, `SIG${info.name}` as NodeJS.Signals);
    ok?.();
  });
}

function replyInProcess(channel: ServerChannel, answer: { stdout: string; stderr: string; code: number }): void {
  channel.on('data', () => undefined); // input is not read, as by a command that ignores stdin
  if (answer.stdout) channel.write(answer.stdout);
  if (answer.stderr) channel.stderr.write(answer.stderr);
  channel.exit(answer.code);
  channel.end();
}

function interactiveShell(): [string, string[]] {
  return existsSync('/bin/bash') ? ['/bin/bash', ['-i']] : ['/bin/sh', ['-i']];
}

function baseEnv(ctx: SessionContext): Record<string, string> {
  // Not the simulator's own environment: it may hold secrets, and a VM would not have it.
  return {
    HOME: ctx.homeDir,
    USER: ctx.user,
    LOGNAME: ctx.user,
    SHELL: '/bin/sh',
    PATH,
    SSH_CONNECTION: ctx.connection,
  };
}

function runInChannel(channel: ServerChannel, file: string, args: string[], env: Record<string, string>, ctx: SessionContext): ChildProcess {
  const child = ctx.procs.spawn(file, args, { cwd: ctx.homeDir, env });
  child.stdout?.pipe(channel, { end: false });
  child.stderr?.pipe(channel.stderr, { end: false });
  if (child.stdin) {
    channel.pipe(child.stdin);
    child.stdin.on('error', () => undefined); // the command may exit without reading its input
  }
  let finished = false;
  const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (finished) return;
    finished = true;
    if (signal) channel.exit(signal.replace(/^SIG/, ''), false, '');
    else channel.exit(code ?? 255);
    channel.end();
  };
  child.once('close', finish);
  child.once('error', (err) => {
    channel.stderr.write(`${file}: ${err.message}\n`);
    finish(127, null);
  });
  // The client went away first: hang up on the command, as sshd does.
  channel.once('close', () => {
    if (!finished) ctx.procs.kill(child, 'SIGHUP');
  });
  return child;
}
