// Choose Rent Order…: which rent order a GPU node's requests carry. The wallet's renting orders on the
// node (from its rent cache), "Automatic" (the only one, or none for a whole-machine rental) or an id
// typed by hand (an order the node has not cached yet). Only the id is stored, per node, in settings.
import * as vscode from 'vscode';
import { withNodeRentOrder } from '../config/model/endpoints';
import { isRentOrderId } from '../core/rentOrders';
import type { NodeRef } from '../config/model/refs';
import type { CommandServices } from '../flows/commandServices';
import { nodeName } from '../tree/model/present';
import { OperationFailed, UserFacingError } from '../ui/model/errors';
import { orCancel } from '../ui/model/prompter';
import { withProgress } from '../ui/progress';
import type { rentOrderOptions } from './model/options';

const t = vscode.l10n.t;
const AUTO = '\u0000auto';
const TYPED = '\u0000typed';

async function askOrder(svc: CommandServices, ref: NodeRef): Promise<string | undefined> {
  const name = nodeName(svc.modelContext(), ref);
  const wallet = (await svc.access.forWrite(ref.nodeId)).address;
  const orders = await withProgress(t('Reading the rent orders of {0}…', name), async (signal) => {
    try {
      return await svc.rentOrders.ordersOf(ref, wallet, signal);
    } catch (err) {
      throw new OperationFailed(t('Reading the rent orders of {0} failed', name), err, ref.endpoint);
    }
  });
  const chosen = svc.settings.value.endpoints.find((e) => e.url === ref.endpoint)?.nodes.find((n) => n.id === ref.nodeId)?.rentOrder;
  const answer = orCancel(await svc.prompter.pick([
    ...orders.map((o) => ({
      label: o.id, description: t('GPUs {0}', o.gpu_index.join(', ') || '-'), detail: t('ends at block {0} · {1}', o.rent_end, o.rent_status),
      value: o.id, picked: o.id === chosen,
    })),
    {
      label: t('Automatic'), value: AUTO, picked: !chosen,
      description: orders.length === 0 ? t('no per-GPU order of this wallet on the node: a whole-machine rental sends none') : t('the wallet\'s only renting order on the node'),
    },
    { label: t('Enter a rent order id…'), description: t('an order the node has not listed yet'), value: TYPED },
  ], { title: t('Rent order for {0} (wallet {1})', name, wallet) }));
  if (answer === AUTO) return undefined;
  if (answer !== TYPED) return answer;
  return orCancel(await svc.prompter.input({
    title: t('Rent order for {0}', name), prompt: t('The number of your rent order on the DBC chain'), value: chosen ?? '',
    validate: (v) => (isRentOrderId(v.trim()) ? undefined : t('A rent order id is digits only.')),
  })).trim();
}

/** `{ rentOrder: '1042' }` stores that order, `{ rentOrder: '' }` (or null) goes back to Automatic; otherwise asks. */
export async function chooseRentOrder(svc: CommandServices, ref: NodeRef, o: ReturnType<typeof rentOrderOptions>): Promise<string | undefined> {
  const id = o.given ? o.given.id : await askOrder(svc, ref);
  if (id !== undefined && !isRentOrderId(id)) throw new UserFacingError('"{0}" is not a rent order id: it is the number of the order on the DBC chain, digits only.', [id]);
  await svc.settings.setEndpoints(withNodeRentOrder(svc.settings.value.endpoints, ref.endpoint, ref.nodeId, id));
  svc.rentOrders.forget(ref);
  await svc.refreshNodes([ref], { immediate: true });
  return id;
}
