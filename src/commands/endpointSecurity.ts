// "Secure the Connection…": a client node on another machine reached over plain http. A signed request
// captured there can be replayed by anyone on the path (the node does not block a replayed signature),
// so DBC sends none until the user picks the safe way — an SSH tunnel to the client node on that host —
// or, after a modal that names the risk, allows plain http for this endpoint on this machine.
import * as os from 'os';
import * as vscode from 'vscode';
import { endpointSecurity } from '../api/endpointPolicy';
import { endpointLabel, normalizeEndpointUrl, withEndpointUrl } from '../config/model/endpoints';
import type { CommandServices } from '../flows/commandServices';
import { UserCancelled } from '../ui/model/errors';
import { PLAIN_HTTP_RISK } from '../ui/model/errorText';
import { orCancel } from '../ui/model/prompter';

const t = vscode.l10n.t;

/** Resolves to true once the endpoint is safe to use (tunnel set up, or plain http allowed). */
export async function secureEndpoint(svc: CommandServices, url: string): Promise<boolean> {
  svc.settings.reload(); // a change made a moment ago may not have reached the debounced reading yet
  const config = svc.settings.value.endpoints.find((e) => e.url === url);
  const label = config ? endpointLabel(config) : url;
  if (endpointSecurity(url) !== 'insecure-http') {
    void vscode.window.showInformationMessage(t('{0} is already reached safely.', label));
    return true;
  }
  if (svc.consents.allowed(url)) return reconsider(svc, url, label);
  const answer = orCancel(await svc.prompter.choose({
    message: t('{0} is on another machine and is reached over plain http.', label),
    detail: t(PLAIN_HTTP_RISK),
    choices: [{ label: t('Use an SSH Tunnel…'), value: 'tunnel' as const }, { label: t('Allow Plain HTTP for This Client Node'), value: 'allow' as const }],
  }));
  if (answer === 'tunnel') return useTunnel(svc, url);
  await svc.consents.allow(url);
  svc.log.warn(`[security] plain http allowed for ${url}: signed requests to it can be captured and replayed`);
  await svc.refreshAll();
  return true;
}

/**
 * Plain http was allowed for this endpoint earlier: offer the tunnel, or take the permission back (DBC then
 * sends no signed request to it until it is secured). Resolves to true only when the endpoint is safe.
 */
async function reconsider(svc: CommandServices, url: string, label: string): Promise<boolean> {
  const answer = orCancel(await svc.prompter.choose({
    message: t('Plain http is allowed for {0}, a client node on another machine.', label),
    detail: t(PLAIN_HTTP_RISK),
    choices: [{ label: t('Use an SSH Tunnel…'), value: 'tunnel' as const }, { label: t('Stop Allowing Plain HTTP'), value: 'revoke' as const }],
  }));
  if (answer === 'tunnel') {
    const secured = await useTunnel(svc, url);
    await svc.consents.revoke(url);
    return secured;
  }
  await svc.consents.revoke(url);
  svc.log.info(`[security] plain http no longer allowed for ${url}`);
  await svc.refreshAll();
  return false;
}

/** Replaces the endpoint by `ssh://user@host[:port]/<its port>` (name and GPU nodes kept). */
async function useTunnel(svc: CommandServices, url: string): Promise<boolean> {
  const http = new URL(url);
  const nodePort = http.port || '80';
  const login = orCancel(await svc.prompter.input({
    title: t('SSH Tunnel to the Client Node'),
    prompt: t('Your SSH login on the machine of the client node, as user@host or user@host:port. DBC carries the requests to port {0} on that machine.', nodePort),
    value: `${os.userInfo().username}@${http.hostname}`,
    validate: (v) => (tunnelUrl(v, nodePort) ? undefined : t('Enter user@host or user@host:port, e.g. me@{0}', http.hostname)),
  }));
  const ssh = tunnelUrl(login, nodePort);
  if (!ssh) throw new UserCancelled();
  await svc.settings.setEndpoints(withEndpointUrl(svc.settings.value.endpoints, url, ssh));
  svc.log.info(`[security] ${url} is now reached through ${ssh}`);
  await svc.refreshAll();
  return true;
}

function tunnelUrl(login: string, nodePort: string): string | undefined {
  const trimmed = login.trim().replace(/^ssh:\/\//, '');
  if (!/^[^@\s/]+@[^@\s/]+$/.test(trimmed)) return undefined;
  return normalizeEndpointUrl(`ssh://${trimmed}/${nodePort}`);
}
