// Virtual LANs (L1–L3): Create Network… on a GPU node of a client node (6–10 letters or digits and an
// address range), Delete Network… by its owner once no VM is in it. VMs join a network when they are
// created (the network step of Create VM); the Networks row under each client node lists them.
import * as vscode from 'vscode';
import type { LanNetwork } from '../api/types';
import { checkIpCidr, checkLanName } from '../core/validation';
import type { NodeRef } from '../config/model/refs';
import type { CommandServices } from '../flows/commandServices';
import { issueText } from '../flows/create/submitCreate';
import { pickNode } from '../flows/pickers';
import { OperationFailed, UserCancelled, UserFacingError } from '../ui/model/errors';
import { orCancel } from '../ui/model/prompter';
import { withProgress } from '../ui/progress';
import type { lanOptions } from './model/options';
import type { NetworkTarget } from './targets';

const t = vscode.l10n.t;

async function listNetworks(svc: CommandServices, endpoint: string): Promise<LanNetwork[]> {
  await svc.fetcher.load({ kind: 'networks', endpoint });
  const data = svc.store.endpoint(endpoint).networks;
  if (data?.error !== undefined) throw new OperationFailed(t('Reading the networks of the client node failed'), data.error, endpoint);
  return data?.value ?? [];
}

/** A GPU node of this client node that has a credential (the network is created or deleted through it). */
function nodeUnder(svc: CommandServices, endpoint: string, title: string, preferred?: string): Promise<NodeRef> {
  const usable = (r: NodeRef) => r.endpoint === endpoint && svc.access.identity(r.nodeId) !== undefined;
  const home = preferred && svc.nodeRefs().find((r) => usable(r) && r.nodeId === preferred.toLowerCase());
  return home ? Promise.resolve(home) : pickNode(svc, title, usable);
}

/** `10.<n>.0.0/24` with the first n from 10 that no listed network uses. */
export function freeCidr(networks: readonly LanNetwork[]): string {
  const used = new Set(networks.map((n) => n.ip_cidr.split('.').slice(0, 2).join('.')));
  for (let n = 10; n < 255; n++) if (!used.has(`10.${n}`)) return `10.${n}.0.0/24`;
  return '10.10.0.0/24';
}

export async function createNetwork(svc: CommandServices, endpoint: string, o: ReturnType<typeof lanOptions>): Promise<string> {
  const title = t('Create Network');
  const networks = await listNetworks(svc, endpoint);
  const ref = await nodeUnder(svc, endpoint, t('Create the network on which GPU node?'));
  const taken = new Set(networks.map((n) => n.network_name));
  const name = o.name ?? orCancel(await svc.prompter.input({
    title, prompt: t('Network name: 6 to 10 letters or digits'), placeholder: 'lab0001',
    validate: (v) => {
      const issue = checkLanName('network_name', v.trim());
      return issue ? issueText(issue) : taken.has(v.trim()) ? t('A network of this name exists already.') : undefined;
    },
  })).trim();
  const cidr = o.cidr ?? orCancel(await svc.prompter.input({
    title, prompt: t('Its address range (the VMs get addresses in it)'), value: freeCidr(networks),
    validate: (v) => {
      const issue = checkIpCidr('ip_cidr', v.trim());
      return issue ? issueText(issue) : undefined;
    },
  })).trim();
  const issue = checkLanName('network_name', name) ?? checkIpCidr('ip_cidr', cidr);
  if (issue) throw new UserFacingError('The network is not valid: {0}', [issueText(issue)]);
  await withProgress(t('Creating network {0}…', name), async (signal) => {
    try {
      await svc.clients.client(endpoint).createLan(ref.nodeId, { name, ipCidr: cidr }, { auth: await svc.access.forWrite(ref.nodeId), signal });
    } catch (err) {
      throw new OperationFailed(t('Creating network {0} failed', name), err, endpoint);
    }
  });
  await svc.fetcher.load({ kind: 'networks', endpoint });
  void vscode.window.showInformationMessage(t('Network {0} ({1}) was created; new VMs can join it in Create VM.', name, cidr));
  return name;
}

export async function deleteNetwork(svc: CommandServices, target: NetworkTarget): Promise<void> {
  const { endpoint } = target;
  const networks = await listNetworks(svc, endpoint);
  const name = target.name ?? orCancel(await svc.prompter.pick(networks.map((n) => ({
    label: n.network_name, description: n.ip_cidr, detail: t('{0} VMs', n.members.length), value: n.network_name,
  })), { title: t('Delete which network?') }));
  const network = networks.find((n) => n.network_name === name);
  if (network && network.members.length > 0) {
    throw new UserFacingError('Network {0} still has {1} VMs in it.', [name, network.members.length], 'Delete the VMs in the network first: the node refuses to delete a network in use.');
  }
  const ok = await svc.prompter.confirm({
    message: t('Delete network {0}?', name), detail: t('Only the wallet that created it can delete it.'), action: t('Delete Network'),
  });
  if (!ok) throw new UserCancelled();
  const ref = await nodeUnder(svc, endpoint, t('Delete the network through which GPU node?'), network?.machine_id);
  await withProgress(t('Deleting network {0}…', name), async (signal) => {
    try {
      await svc.clients.client(endpoint).deleteLan(ref.nodeId, name, { auth: await svc.access.forWrite(ref.nodeId), signal });
    } catch (err) {
      throw new OperationFailed(t('Deleting network {0} failed', name), err, endpoint);
    }
  });
  await svc.fetcher.load({ kind: 'networks', endpoint });
}
