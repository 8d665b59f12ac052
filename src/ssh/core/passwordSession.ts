// One ssh2 connection logged in with the VM password (sshClient.ts checks the host key). Used once per
// VM, to install the user's public key.
import { connectVerified, type SshEndpoint, type VerifiedSession } from './sshClient';

export { execCollect, watchAbort, type ExecResult, type HostKeyOutcome } from './sshClient';

export interface PasswordLogin extends SshEndpoint {
  password: string;
}

export type PasswordSession = VerifiedSession;

export function connectWithPassword(login: PasswordLogin): Promise<PasswordSession> {
  return connectVerified(login, { kind: 'password', password: login.password });
}
