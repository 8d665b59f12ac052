// A GPU node's small services (M3, N1/N2): Free Node Memory drops the host's page cache; Set Monitor
// Servers… shows the node's Zabbix servers and replaces them (at most two host:port).
import * as vscode from 'vscode';
import { checkMonitorServers } from '../core/validation';
import type { NodeRef } from '../config/model/refs';
import type { CommandServices } from '../flows/commandServices';
import { issueText } from '../flows/create/submitCreate';
import { nodeName } from '../tree/model/present';
import { OperationFailed, UserFacingError } from '../ui/model/errors';
import { orCancel } from '../ui/model/prompter';
import { withProgress } from '../ui/progress';
import type { monitorOptions } from './model/options';

const t = vscode.l10n.t;

export async function freeNodeMemory(svc: CommandServices, ref: NodeRef): Promise<string> {
  const name = nodeName(svc.modelContext(), ref);
  const reply = await withProgress(t('Asking {0} to free its page cache…', name), async (signal) => {
    try {
      return await svc.clients.client(ref.endpoint).freeMemory(ref.nodeId, { auth: await svc.access.forWrite(ref.nodeId), signal });
    } catch (err) {
      throw new OperationFailed(t('Freeing the memory of {0} failed', name), err, ref.endpoint);
    }
  });
  await svc.fetcher.nodeInfo(ref);
  void vscode.window.showInformationMessage(t('{0} dropped its page cache ({1}); its free memory shows in the node\'s details.', name, reply));
  return reply;
}

const split = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

/** `{ servers: [...] }` sets them without asking (`[]` removes them all). */
export async function setMonitorServers(svc: CommandServices, ref: NodeRef, o: ReturnType<typeof monitorOptions>): Promise<string[]> {
  const name = nodeName(svc.modelContext(), ref);
  const client = svc.clients.client(ref.endpoint);
  let servers = o.servers;
  if (!servers) {
    const current = await withProgress(t('Reading the monitor servers of {0}…', name), async (signal) => {
      try {
        return await client.listMonitors(ref.nodeId, { auth: await svc.access.forWrite(ref.nodeId), signal });
      } catch (err) {
        throw new OperationFailed(t('Reading the monitor servers of {0} failed', name), err, ref.endpoint);
      }
    });
    servers = split(orCancel(await svc.prompter.input({
      title: t('Monitor Servers of {0}', name), value: current.join(' '), placeholder: 'zabbix.example.com:10051',
      prompt: t('The Zabbix servers this node reports to, as host:port, at most two, separated by spaces (now: {0})', current.join(' ') || t('none')),
      validate: (v) => {
        const issue = checkMonitorServers('servers', split(v))[0];
        return issue ? issueText(issue) : undefined;
      },
    })));
  }
  const issue = checkMonitorServers('servers', servers)[0];
  if (issue) throw new UserFacingError('The monitor servers are not valid: {0}', [issueText(issue)]);
  const list = servers;
  await withProgress(t('Setting the monitor servers of {0}…', name), async (signal) => {
    try {
      await client.setMonitors(ref.nodeId, list, { auth: await svc.access.forWrite(ref.nodeId), signal });
    } catch (err) {
      throw new OperationFailed(t('Setting the monitor servers of {0} failed', name), err, ref.endpoint);
    }
  });
  void vscode.window.showInformationMessage(list.length ? t('{0} now reports to {1}.', name, list.join(', ')) : t('{0} reports to no monitor server now.', name));
  return list;
}
