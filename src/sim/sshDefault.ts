// The real SSH endpoint implementation (ssh2 based), owned by src/sim/ssh.
import type { SshBackend } from './sshHost';
import { generateHostKey, startVmSsh } from './ssh/vmSsh';

export const defaultSshBackend: SshBackend = { start: startVmSsh, generateHostKey };
