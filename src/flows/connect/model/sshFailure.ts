// What the user reads when the key bootstrap fails, per SshError code, and which actions to offer.
// The core's own messages are English and go to the log; these templates are translated (the l10n
// test reads SSH_FAILURE_TEXT). Pure.
import type { SshErrorCode } from '../../../ssh/core/sshErrors';

export type SshFailureAction = 'resetKnownHost' | 'setPassword' | 'connectWhenReady';

export interface SshFailureText {
  template: string;
  args: string[];
  hint?: string;
  actions: SshFailureAction[];
}

export interface FailureContext {
  vm: string;
  /** `host:port`. */
  endpoint: string;
  user: string;
  /** The node reports another creation time than when we last installed the key. */
  recreated: boolean;
}

export const SSH_FAILURE_TEXT = {
  recreated: 'The SSH host key of {0} changed because the VM was re-created.',
  recreatedHint: 'Reset its known host entry and connect again.',
  changed: 'The SSH host key of {0} ({1}) changed, but the VM was not re-created. Someone may be intercepting the connection.',
  changedHint: 'Do not connect unless you know why the key changed (then remove its line from DBC\'s known_hosts file).',
  revoked: 'The SSH host key of {0} ({1}) is marked as revoked.',
  authFailed: 'The VM {0} refused the login password of {1} that the node reports.',
  authFailedHint: 'Set a new password, then connect again.',
  unreachable: 'SSH on {0} ({1}) does not answer yet.',
  unreachableHint: 'The VM may still be booting.',
  remoteFailed: 'Installing your SSH key on {0} failed (see the log).',
} as const;

/** undefined for a cancel (the command ends silently). */
export function describeSshFailure(code: SshErrorCode, c: FailureContext): SshFailureText | undefined {
  const s = SSH_FAILURE_TEXT;
  switch (code) {
    case 'aborted':
      return undefined;
    case 'host-key-changed':
      return c.recreated
        ? { template: s.recreated, args: [c.vm], hint: s.recreatedHint, actions: ['resetKnownHost'] }
        : { template: s.changed, args: [c.vm, c.endpoint], hint: s.changedHint, actions: [] };
    case 'host-key-revoked':
      return { template: s.revoked, args: [c.vm, c.endpoint], actions: [] };
    case 'auth-failed':
      return { template: s.authFailed, args: [c.vm, c.user], hint: s.authFailedHint, actions: ['setPassword'] };
    case 'connect-failed':
    case 'timeout':
      return { template: s.unreachable, args: [c.vm, c.endpoint], hint: s.unreachableHint, actions: ['connectWhenReady'] };
    case 'remote-failed':
      return { template: s.remoteFailed, args: [c.vm], actions: [] };
  }
}
