// The options a programmatic caller may pass along with the target (in the same plain object, e.g.
// `executeCommand('dbc.vm.create', { nodeId, spec })`), read into typed objects where commands are
// registered, so handlers never look at raw arguments. A tree row or the palette gives `{}`: every
// option absent. Pure.
import type { LogFlag, } from '../../api/types';
import { nodeIdsInText } from '../../config/model/endpoints';
import { isRecord } from '../../util/isRecord';

export type Bag = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
/** An object (an array too: the validators refuse it with a clear message). */
const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined);

export const endpointOptions = (o: Bag) => ({ url: str(o['url']), name: str(o['name']) });

/** `{ nodeId }`, `{ nodeIds: [...] }` or `{ text }` (ids found in pasted text); an empty list asks. */
export function addNodeOptions(o: Bag) {
  const ids = str(o['nodeId']) !== undefined ? [o['nodeId'] as string] : strings(o['nodeIds']) ?? (str(o['text']) !== undefined ? nodeIdsInText(o['text'] as string) : []);
  return { ids, name: str(o['name']) };
}

export const nameOptions = (o: Bag) => ({ name: str(o['name']) });

/** `{ credentialId }`; `{ credentialId: undefined }` chooses "use the default", no key at all asks. */
export const chooseCredentialOptions = (o: Bag) => ({ choice: 'credentialId' in o ? { id: str(o['credentialId']) } : undefined });

/** `{ rentOrder: '1042' }` stores that order; `{ rentOrder: '' }` or `null` goes back to Automatic; no key asks. */
export const rentOrderOptions = (o: Bag) => ({ given: 'rentOrder' in o ? { id: str(o['rentOrder'])?.trim() || undefined } : undefined });

export const credentialOptions = (o: Bag) => ({ credentialId: str(o['credentialId']) });

/** `{ kind | form: 'seed' | 'mnemonic' | 'keystore', seed | mnemonic | json | path, password, label }`. */
export const walletOptions = (o: Bag) => ({
  form: str(o['kind']) ?? str(o['form']), seed: str(o['seed']), mnemonic: str(o['mnemonic']), json: str(o['json']), path: str(o['path']),
  password: str(o['password']), label: str(o['label']),
});
export type WalletOptions = ReturnType<typeof walletOptions>;

export const sessionOptions = (o: Bag) => ({
  bundle: str(o['bundle']), sessionId: str(o['sessionId']), sessionIdSign: str(o['sessionIdSign']), nodeId: str(o['nodeId']),
  renter: str(o['renter']), label: str(o['label']),
});

/** The CLI's multisig shape `{ wallets, threshold, signerIds | signers: [{ seed | mnemonic }] }`, or `{ file }`. */
export function multisigOptions(o: Bag) {
  const signers = Array.isArray(o['signers']) ? o['signers'].map((s) => (isRecord(s) ? { seed: str(s['seed']), mnemonic: str(s['mnemonic']) } : {})) : undefined;
  return {
    wallets: strings(o['wallets']), threshold: Number(o['threshold']), signerIds: strings(o['signerIds']), signers, file: str(o['file']), label: str(o['label']),
  };
}
export type MultisigOptions = ReturnType<typeof multisigOptions>;

export interface CreateOptions {
  /** Create without a question. */
  spec?: Record<string, unknown>;
  /** Preset the image. */
  image?: string;
}

export const createOptions = (o: Bag): CreateOptions => ({ spec: record(o['spec']), image: str(o['image']) });

export const passwordOptions = (o: Bag) => ({ username: str(o['username']), password: str(o['password']) });

/** `{ spec }` modifies without a question; `{ stopFirst }` answers "stop the VM first?". */
export const modifyOptions = (o: Bag) => ({ spec: record(o['spec']), stopFirst: typeof o['stopFirst'] === 'boolean' ? o['stopFirst'] : undefined });

/**
 * Show Logs from code (any plain object, even just `{ nodeId, taskId }`) does not ask: `{ follow: true }`
 * follows, otherwise the tail (`flag: 'head'` the head) of `lines` lines; rows and the palette ask.
 */
export function logOptions(o: Bag): { given?: 'follow' | { flag: LogFlag; lines?: number } } {
  if (o['follow'] === true) return { given: 'follow' };
  if (Object.keys(o).length === 0) return {};
  return { given: { flag: o['flag'] === 'head' ? 'head' : 'tail', lines: typeof o['lines'] === 'number' ? o['lines'] : undefined } };
}

export const connectOptions = (o: Bag) => ({ folder: str(o['folder']), reuseWindow: o['reuseWindow'] === true });

export const snapshotOptions = (o: Bag) => ({
  imageServer: str(o['imageServer']), name: str(o['name']), description: str(o['description']),
});

/** Disks: `{ disk, sizeGb, mountDir }` answer the questions (`sizeGb`: GB to add, or the new disk's size). */
export const diskOptions = (o: Bag) => ({
  disk: str(o['disk']), sizeGb: typeof o['sizeGb'] === 'number' ? o['sizeGb'] : undefined, mountDir: str(o['mountDir']),
});

/** Monitor servers: `{ servers: ['host:port'] }` sets them without asking. */
export const monitorOptions = (o: Bag) => ({ servers: strings(o['servers']) });

/** Networks: `{ name, cidr }` answer the questions of Create Network… (`name` also of Delete Network…). */
export const lanOptions = (o: Bag) => ({ name: str(o['name']), cidr: str(o['cidr']) });

const direction = (v: unknown): 'upload' | 'download' | undefined => (v === 'upload' || v === 'download' ? v : undefined);

/** Images: `{ filename, imageServer, localDir, direction, image }`; `{ watch: false }` returns without watching a transfer. */
export const imageOptions = (o: Bag) => ({
  filename: str(o['filename']), imageServer: str(o['imageServer']), localDir: str(o['localDir']), watch: o['watch'] !== false,
  direction: direction(o['direction']), image: str(o['image']),
});
export type ImageOptions = ReturnType<typeof imageOptions>;

const port = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535 ? v : undefined);

/** Forward Port… from code: `{ remotePort, localPort?, open? }` forwards without asking. */
export const forwardOptions = (o: Bag) => ({ remotePort: port(o['remotePort']), localPort: port(o['localPort']), open: o['open'] === true });

/** Open Port in Browser… from code: `{ guestPort }` opens that mapped port without asking. */
export const openPortOptions = (o: Bag) => ({ guestPort: port(o['guestPort']) });
