// The shareable text a renter gives to someone they delegate a node to ("Share access…"), and its parser.
// It is a bearer credential: whoever holds it controls the renter's VMs on that node until the rental ends.
import { CredentialError } from './errors';
import { verifySignature } from './signer';

export interface SessionBundle {
  node_id: string;
  renter: string;
  session_id: string;
  session_id_sign: string;
  /** Optional client-node URL the renter used. */
  endpoint?: string;
}

const PREFIX = 'dbc-session:';

export function encodeSessionBundle(bundle: SessionBundle): string {
  const json = JSON.stringify({ v: 1, ...bundle });
  return PREFIX + Buffer.from(json, 'utf8').toString('base64url');
}

/** Accepts the `dbc-session:` text or the plain JSON object; checks the signature against the renter. */
export async function decodeSessionBundle(text: string): Promise<SessionBundle> {
  const bundle = parseBundle(text.trim());
  if (!(await verifySignature(bundle.session_id, bundle.session_id_sign, bundle.renter))) {
    throw new CredentialError('session-signature', 'The session_id_sign in this bundle is not the renter\'s signature of its session_id.');
  }
  return bundle;
}

function parseBundle(text: string): SessionBundle {
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith(PREFIX) ? Buffer.from(text.slice(PREFIX.length), 'base64url').toString('utf8') : text);
  } catch {
    throw new CredentialError('session-format', 'This is not a DBC session bundle (expected text starting with "dbc-session:" or a JSON object).');
  }
  const b = raw as Partial<Record<keyof SessionBundle, unknown>>;
  const field = (name: keyof SessionBundle): string => {
    const v = b[name];
    if (typeof v !== 'string' || !v.trim()) throw new CredentialError('session-format', `The session bundle has no "${name}".`);
    return v.trim();
  };
  const bundle: SessionBundle = {
    node_id: field('node_id'), renter: field('renter'), session_id: field('session_id'), session_id_sign: field('session_id_sign'),
  };
  if (typeof b.endpoint === 'string' && b.endpoint) bundle.endpoint = b.endpoint;
  return bundle;
}
