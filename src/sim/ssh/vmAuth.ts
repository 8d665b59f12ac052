// Login checks of the simulated VM: the current password of its user, or a public key listed in
// `<home>/.ssh/authorized_keys` (re-read on every attempt, as sshd does), with the signature verified.
import { createHash, timingSafeEqual } from 'crypto';
import { readFileSync } from 'fs';
import * as path from 'path';
import { utils, type AuthContext, type ParsedKey, type PublicKeyAuthContext } from 'ssh2';

export interface AuthPolicy {
  user: string;
  password(): string;
  homeDir: string;
}

export function authenticate(ctx: AuthContext, policy: AuthPolicy): void {
  if (ctx.username !== policy.user) return ctx.reject(['password', 'publickey']);
  switch (ctx.method) {
    case 'password':
      return sameSecret(ctx.password, policy.password()) ? ctx.accept() : ctx.reject(['password', 'publickey']);
    case 'publickey':
      return checkPublicKey(ctx, policy.homeDir);
    case 'none':
    case 'hostbased':
    case 'keyboard-interactive':
      return ctx.reject(['password', 'publickey']);
  }
}

function checkPublicKey(ctx: PublicKeyAuthContext, homeDir: string): void {
  const key = authorizedKeys(homeDir).find((k) => k.getPublicSSH().equals(ctx.key.data));
  if (!key) return ctx.reject(['password', 'publickey']);
  // Without a signature the client only asks whether this key would do (then signs).
  if (!ctx.signature) return ctx.accept();
  const ok = ctx.blob !== undefined && key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true;
  return ok ? ctx.accept() : ctx.reject(['password', 'publickey']);
}

/** Parses authorized_keys; lines with options before the key type are read from the key type on. */
export function authorizedKeys(homeDir: string): ParsedKey[] {
  let text: string;
  try {
    text = readFileSync(path.join(homeDir, '.ssh', 'authorized_keys'), 'utf8');
  } catch {
    return [];
  }
  return text.split(/\r?\n/).flatMap((line) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return [];
    const start = trimmed.search(/(^|\s)(ssh-|ecdsa-|sk-)/);
    const parsed = utils.parseKey(start > 0 ? trimmed.slice(start).trim() : trimmed);
    return parsed instanceof Error || parsed.isPrivateKey() ? [] : [parsed];
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && expected !== '';
}
