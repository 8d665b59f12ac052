// The second half of "connect when ready": once the node says `running`, wait until the VM's SSH port
// accepts a TCP connection and sshd sends its banner (the first half is createWatch.ts). Pure and
// clock-injected: the caller supplies the probes and how to sleep.

export type SshWaitOutcome = 'ready' | 'timeout' | 'cancelled';

export interface SshWaitOptions {
  host: string;
  port: number;
  probeTcp(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<boolean>;
  probeBanner(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<boolean>;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  now(): number;
  signal: AbortSignal;
  intervalMs: number;
  timeoutMs: number;
  /** Per probe. Default 3 s for TCP, 5 s for the banner. */
  probeTimeoutMs?: number;
}

export async function waitForSsh(o: SshWaitOptions): Promise<SshWaitOutcome> {
  const started = o.now();
  const probeMs = o.probeTimeoutMs ?? 3000;
  for (;;) {
    if (o.signal.aborted) return 'cancelled';
    if ((await o.probeTcp(o.host, o.port, probeMs, o.signal)) && (await o.probeBanner(o.host, o.port, probeMs + 2000, o.signal))) return 'ready';
    if (o.signal.aborted) return 'cancelled';
    if (o.now() - started >= o.timeoutMs) return 'timeout';
    try {
      await o.sleep(o.intervalMs, o.signal);
    } catch {
      return 'cancelled';
    }
  }
}
