// Turns any failure into what the user reads: why it failed and what to do, per error family
// (protocol §6). Pure: takes the translation function, so unit tests check every family in English.
import {
  isCancellation, isOutcomeUnknown, isUnauthenticated, isUnencodableReply, ClientNodeError, GpuNodeError, ReplyParseError, TransportError,
} from '../../api/errors';
import { InsecureEndpointError } from '../../api/endpointPolicy';
import { RequestError } from '../../api/requestError';
import { CredentialError } from '../../auth/errors';
import { SshConfigConflict } from '../../ssh/core/sshConfigConflict';
import { UnsafeTargetError } from '../../ssh/core/fileTarget';
import type { Translate } from './translate';
import { OperationFailed, UserCancelled, UserFacingError } from './errors';
import { errorMessage } from '../../util/errorMessage';

export type ErrorKind = 'cancel' | 'authority' | 'refused' | 'outcome-unknown' | 'client-node' | 'gpu-node' | 'credential' | 'input' | 'other';

export interface ErrorText {
  kind: ErrorKind;
  /** Why it failed, one sentence (the node's own message included where there is one). */
  why: string;
  /** What to do, or '' when there is nothing useful to say. */
  hint: string;
  /** The node may have acted although we got no answer: refresh instead of retrying blindly. */
  outcomeUnknown: boolean;
}

export const CREDENTIAL_TEXT: Record<string, string> = {
  'seed-format': 'The secret seed must be 64 hexadecimal characters (32 bytes), optionally prefixed with 0x.',
  'mnemonic-invalid': 'The mnemonic is not a valid BIP39 phrase (check the words and their order).',
  'keystore-format': 'This file is not a polkadot-js keystore export.',
  'keystore-type': 'DBC needs an sr25519 key; this keystore holds another key type.',
  'keystore-password': 'The keystore password is wrong.',
  'multisig-threshold': 'The threshold must be a whole number from 1 to the number of members.',
  'multisig-members': 'The multisig member list contains the same wallet twice.',
  'multisig-signers': 'Not enough member wallets to sign: import at least as many member wallets as the threshold.',
  'session-format': 'A shared session needs a session_id and a 128-hex session_id_sign.',
  'session-signature': 'The session_id_sign is not the renter\'s signature of this session_id.',
};

export const AUTHORITY_TEXT: Record<string, [string, string]> = {
  'machine is not be rented': ['This machine is not rented.', 'Rent it on the DBC chain first, or remove it from the list.'],
  'wallet not rented': ['This wallet does not rent the machine.', 'Choose the credential of the wallet that rents it (for a per-GPU rental also its rent order: "Choose Rent Order…"), or ask the renter to share access.'],
  'session_id is invalid': ['The shared access is not valid.', 'Ask the renter for a new access bundle.'],
  'machine has already expired': ['The rental of this machine has ended.', 'Renew the rental on the DBC chain.'],
  'nonce check failed': ['The node did not accept the signature.', 'Import the wallet again, or choose another credential for this node.'],
};

/** The risk of plain http to another machine, in the modal that offers an SSH tunnel or consent. */
export const PLAIN_HTTP_RISK = 'Anyone on the network path can capture a signed request and send it again — to any route, for example to delete your VMs — for as long as you rent: the node does not block a replayed signature. A shared session sent this way works for them the same way. An SSH tunnel carries the requests to the client node through your own SSH login, so it needs no open port at all.';

/**
 * A GPU node puts descriptions and log lines into its replies without escaping: a `"` or `\` there makes
 * the reply unreadable (`response parse error`) until the text is gone. Why and what to do, per route.
 */
export const UNENCODABLE_TEXT: Record<string, [string, string]> = {
  'tasks.list': [
    'The node cannot send its VM list: a VM description on it holds a double quote (") or a backslash (\\), which the node does not escape.',
    'Delete that VM (dbc vm delete TASK_ID, or DBC: Delete VM with its id); no VM list can be read until it is gone.',
  ],
  'tasks.info': [
    'The node cannot send the details of this VM: its description holds a double quote (") or a backslash (\\), which the node does not escape.',
    'The VM works; its details cannot be read until it is deleted.',
  ],
  'tasks.create': [
    'The node could not send its answer: the description holds a double quote (") or a backslash (\\), which the node does not escape.',
    'The VM was probably created all the same: refresh before creating it again.',
  ],
  'tasks.logs': [
    'A line in this part of the VM log holds a double quote (") or a backslash (\\), which the node does not escape, so this window cannot be read.',
    'Read fewer lines (Last lines… or First lines…) to see the lines around it.',
  ],
};

export const WALLET_HINT = 'Check that the wallet rents this machine and that the rental has not ended, or choose another credential for this node.';
export const REFRESH_HINT = 'The node may still be working — refreshing.';
/** Early in a create the node has not defined the VM yet and answers every action with `task not exist`. */
export const TASK_NOT_EXIST_HINT = 'A VM that is still being created cannot be acted on until the node has defined it; try again in a minute. If it was deleted, refresh.';

function urlIn(text: string): string | undefined {
  return /https?:\/\/[^\s:/]+(:\d+)?/.exec(text)?.[0];
}

function authorityText(err: unknown, t: Translate): ErrorText {
  const reason = err instanceof GpuNodeError ? (err.authorityReason ?? '') : '';
  const known = AUTHORITY_TEXT[reason];
  const nodeText = err instanceof GpuNodeError ? err.nodeMessage : (err as ClientNodeError).nodeMessage;
  const why = known ? t(known[0]) : t('The node refused the credential: {0}', nodeText);
  return { kind: 'authority', why, hint: t(known ? known[1] : WALLET_HINT), outcomeUnknown: false };
}

function clientNodeText(err: ClientNodeError, t: Translate): ErrorText {
  const base = { kind: 'client-node' as const, outcomeUnknown: false };
  switch (err.kind) {
    case 'node-timeout':
      return { ...base, kind: 'outcome-unknown', why: t('The GPU node did not answer within 30 seconds ({0}).', err.nodeMessage), hint: t(REFRESH_HINT), outcomeUnknown: true };
    case 'bad-gpu-reply':
      return { ...base, kind: 'outcome-unknown', why: t('The answer of the GPU node could not be read ({0}).', err.nodeMessage), hint: t(REFRESH_HINT), outcomeUnknown: true };
    case 'forward-failed':
      return /create node request failed/.test(err.nodeMessage)
        ? { ...base, why: t('The client node does not know this GPU node: it has not heard from it in the last minutes.'), hint: t('Check the node id; a node that just started may need a few minutes to be seen.') }
        : { ...base, why: t('The client node could not forward the request: {0}', err.nodeMessage), hint: t('Try again in a minute.') };
    case 'not-found':
    case 'invalid-request':
      return { ...base, why: t('The client node does not support this request: {0}', err.nodeMessage), hint: t('The client node may be an older version; update it.') };
    case 'invalid-params':
      return { ...base, why: t('The client node rejected the request: {0}', err.nodeMessage), hint: t('Check the values you entered.') };
    case 'http-status':
      return { ...base, why: t('The client node answered with HTTP status {0}.', err.httpStatus), hint: t('Check the client node\'s own log.') };
  }
}

function transportText(err: TransportError, t: Translate, endpoint: string | undefined): ErrorText {
  const url = endpoint ?? urlIn(err.message) ?? '?';
  switch (err.kind) {
    case 'refused':
      return { kind: 'refused', why: t('The connection to {0} was refused.', url), hint: t('Is the DBC client node running at {0}?', url), outcomeUnknown: false };
    case 'unreachable':
      return { kind: 'refused', why: t('{0} cannot be reached.', url), hint: t('Check the client-node address in the settings and your network.'), outcomeUnknown: false };
    case 'timeout':
      return { kind: 'outcome-unknown', why: t('No answer from the client node at {0} in time.', url), hint: t(REFRESH_HINT), outcomeUnknown: true };
    case 'reset':
      return { kind: 'outcome-unknown', why: t('The connection to {0} was closed before an answer arrived.', url), hint: t(REFRESH_HINT), outcomeUnknown: true };
    case 'aborted':
      return { kind: 'cancel', why: '', hint: '', outcomeUnknown: false };
    case 'wrong-protocol':
      return { kind: 'refused', why: t('{0} speaks https, not http.', url), hint: t('Change the endpoint to https:// in the setting dbc.endpoints.'), outcomeUnknown: false };
    case 'other':
      return { kind: 'refused', why: t('The request to {0} failed: {1}', url, err.message), hint: t('Is the DBC client node running at {0}?', url), outcomeUnknown: false };
  }
}

export function describeError(err: unknown, t: Translate, endpoint?: string): ErrorText {
  if (err instanceof OperationFailed) return describeError(err.cause, t, err.endpoint ?? endpoint);
  if (err instanceof UserCancelled || isCancellation(err)) return { kind: 'cancel', why: '', hint: '', outcomeUnknown: false };
  if (isUnauthenticated(err)) return authorityText(err, t);
  if (isUnencodableReply(err) && UNENCODABLE_TEXT[err.route]) {
    const [why, hint] = UNENCODABLE_TEXT[err.route]!;
    return { kind: 'gpu-node', why: t(why), hint: t(hint), outcomeUnknown: err.route === 'tasks.create' };
  }
  if (err instanceof ClientNodeError) return clientNodeText(err, t);
  if (err instanceof TransportError) return transportText(err, t, endpoint);
  if (err instanceof GpuNodeError) {
    const hint = /^task not exist/.test(err.nodeMessage) ? t(TASK_NOT_EXIST_HINT) : '';
    return { kind: 'gpu-node', why: t('The GPU node answered: {0}', err.nodeMessage), hint, outcomeUnknown: isOutcomeUnknown(err) };
  }
  if (err instanceof ReplyParseError) {
    const url = endpoint ?? '?';
    return {
      kind: 'outcome-unknown', why: t('The answer from {0} is not a DBC reply (HTTP {1}).', url, err.httpStatus),
      hint: `${t(REFRESH_HINT)} ${t('Is {0} really a DBC client node?', url)}`, outcomeUnknown: true,
    };
  }
  if (err instanceof CredentialError) {
    const template = CREDENTIAL_TEXT[err.code];
    return { kind: 'credential', why: template ? t(template) : err.message, hint: '', outcomeUnknown: false };
  }
  if (err instanceof UserFacingError) {
    return { kind: 'input', why: t(err.template, ...err.args), hint: err.hintTemplate ? t(err.hintTemplate) : '', outcomeUnknown: false };
  }
  if (err instanceof InsecureEndpointError) {
    return {
      kind: 'input', why: t('{0} is on another machine and is reached over plain http, where a signed request can be captured and replayed: DBC sent nothing.', err.endpoint),
      hint: t('Secure the connection: an SSH tunnel (ssh://user@host), https, or allow plain http for this client node.'), outcomeUnknown: false,
    };
  }
  if (err instanceof RequestError) return { kind: 'input', why: err.message, hint: '', outcomeUnknown: false };
  if (err instanceof SshConfigConflict || err instanceof UnsafeTargetError) return fileText(err, t);
  return { kind: 'other', why: errorMessage(err), hint: '', outcomeUnknown: false };
}

export const UNSAFE_TARGET_TEXT: Record<UnsafeTargetError['reason'], string> = {
  'not-regular': '{0} is not a regular file; DBC only writes regular files.',
  'read-only': '{0} is read-only; DBC leaves it alone.',
  'dangling-symlink': '{0} is a symbolic link to a file that does not exist.',
  'hard-linked': '{0} has several hard links; replacing it would leave the other names with the old text.',
  'not-writable': '{0} is not writable by this user; DBC leaves it alone.',
};

/** A user file DBC refused to edit (ssh config): which file, which line, what to do. */
function fileText(err: SshConfigConflict | UnsafeTargetError, t: Translate): ErrorText {
  if (err instanceof UnsafeTargetError) {
    return { kind: 'input', why: t(UNSAFE_TARGET_TEXT[err.reason], err.file), hint: t('Choose another file in the setting dbc.ssh.configFile, or fix this one.'), outcomeUnknown: false };
  }
  const where = `${err.file ?? '?'}:${err.line}`;
  return err.reason === 'foreign'
    ? { kind: 'input', why: t('{0} has a "Host {1}" block that DBC did not write; DBC never replaces it.', where, err.alias), hint: t('Remove or rename that block, then try again.'), outcomeUnknown: false }
    : { kind: 'input', why: t('{0}: the DBC block for {1} has no end line.', where, err.alias), hint: t('Fix or remove it by hand, then try again.'), outcomeUnknown: false };
}

/** The one-line text of an error row or a notification: why, then what to do. */
export function errorLine(text: ErrorText): string {
  return text.hint ? `${text.why} ${text.hint}` : text.why;
}
