// The stored shapes of credentials, with validating readers: anything malformed reads as absent.
import { isRecord } from '../util/isRecord';

export type WalletForm = 'seed' | 'mnemonic' | 'keystore';

export type CredentialMeta =
  | { id: string; kind: 'wallet'; label: string; address: string; form: WalletForm; createdAt: number }
  | { id: string; kind: 'multisig'; label: string; address: string; wallets: string[]; threshold: number; signerIds: string[]; createdAt: number }
  | { id: string; kind: 'session'; label: string; address: string; nodeId: string; sessionIdPrefix: string; endpoint?: string; createdAt: number };

/** What the views show of a node's credential (no id, nothing secret). */
export type CredentialSummary = Pick<CredentialMeta, 'kind' | 'label' | 'address'>;

export type SecretMaterial =
  | { form: 'seed'; seed: string }
  | { form: 'mnemonic'; mnemonic: string }
  | { form: 'keystore'; json: string; password: string }
  | { form: 'session'; sessionId: string; sessionIdSign: string };

const str = (v: unknown): v is string => typeof v === 'string';
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every(str);

export function parseMeta(raw: unknown): CredentialMeta | undefined {
  if (!isRecord(raw) || !str(raw['id']) || !str(raw['label']) || !str(raw['address'])) return undefined;
  const base = { id: raw['id'], label: raw['label'], address: raw['address'], createdAt: typeof raw['createdAt'] === 'number' ? raw['createdAt'] : 0 };
  switch (raw['kind']) {
    case 'wallet':
      return raw['form'] === 'seed' || raw['form'] === 'mnemonic' || raw['form'] === 'keystore' ? { ...base, kind: 'wallet', form: raw['form'] } : undefined;
    case 'multisig':
      return strings(raw['wallets']) && strings(raw['signerIds']) && typeof raw['threshold'] === 'number'
        ? { ...base, kind: 'multisig', wallets: raw['wallets'], signerIds: raw['signerIds'], threshold: raw['threshold'] } : undefined;
    case 'session':
      if (!str(raw['nodeId']) || !/^[0-9a-f]{64}$/.test(raw['nodeId'])) return undefined;
      return {
        ...base, kind: 'session', nodeId: raw['nodeId'], sessionIdPrefix: str(raw['sessionIdPrefix']) ? raw['sessionIdPrefix'] : '',
        ...(str(raw['endpoint']) ? { endpoint: raw['endpoint'] } : {}),
      };
    default:
      return undefined;
  }
}

export function parseSecret(text: string): SecretMaterial | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(raw)) return undefined;
  switch (raw['form']) {
    case 'seed': return str(raw['seed']) ? { form: 'seed', seed: raw['seed'] } : undefined;
    case 'mnemonic': return str(raw['mnemonic']) ? { form: 'mnemonic', mnemonic: raw['mnemonic'] } : undefined;
    case 'keystore': return str(raw['json']) && str(raw['password']) ? { form: 'keystore', json: raw['json'], password: raw['password'] } : undefined;
    case 'session': return str(raw['sessionId']) && str(raw['sessionIdSign']) ? { form: 'session', sessionId: raw['sessionId'], sessionIdSign: raw['sessionIdSign'] } : undefined;
    default: return undefined;
  }
}
