// The lease actions, from a node or VM row, a lease warning, the status bar or the palette:
// Snapshot VMs… (the rental's VMs, one at a time through Create Snapshot), Renew… (the DBC wallet,
// where a rental is extended with rentMachine.reletMachine), Don't warn for this rental, Show Rentals.
import * as vscode from 'vscode';
import type { VmRef } from '../config/model/refs';
import type { CommandServices } from '../flows/commandServices';
import { vmName } from '../flows/vmInfo';
import { vmLease, type NodeLease } from '../tree/model/leaseModel';
import { capitalize, leaseRowText, rentalName } from '../tree/model/leaseText';
import { nodeName } from '../tree/model/present';
import { UserFacingError } from '../ui/model/errors';
import { orCancel } from '../ui/model/prompter';
import { errorMessage } from '../util/errorMessage';
import { LEASE_COMMANDS, leaseTarget, type LeaseAction } from '../watch/model/leaseActions';
import { nodeRefOf, optionsOf, vmRefsOf } from './model/targets';
import type { Resolver } from './targets';

const t = vscode.l10n.t;

function describe(svc: CommandServices, l: NodeLease): { label: string; description: string } {
  return { label: `${nodeName(svc.modelContext(), l.ref)} · ${rentalName(t, l)}`, description: leaseRowText(t, l) };
}

/** The VMs of the node that run on this rental (their task info names its order; a whole-machine rental: none). */
async function rentalVms(svc: CommandServices, l: NodeLease): Promise<VmRef[]> {
  await svc.fetcher.load({ kind: 'tasks', ref: l.ref });
  const tasks = svc.store.peekNode(l.ref)?.tasks?.value ?? [];
  const all = svc.guard.leasesOf(l.ref);
  const refs = tasks.map((task) => ({ ...l.ref, taskId: task.task_id }));
  const owned = await Promise.all(refs.map(async (ref) => {
    const info = await svc.fetcher.taskInfo(ref).catch((err: unknown) => {
      svc.log.warn(`[lease] ${ref.taskId}: ${errorMessage(err)}`);
      return undefined;
    });
    return vmLease(all, info)?.key === l.key ? [ref] : [];
  }));
  return owned.flat();
}

export async function snapshotRentalVms(svc: CommandServices, l: NodeLease): Promise<void> {
  const vms = await rentalVms(svc, l);
  if (vms.length === 0) throw new UserFacingError('No VM of {0} on {1} is listed.', [rentalName(t, l), nodeName(svc.modelContext(), l.ref)]);
  const vm = vms.length === 1 ? vms[0]! : orCancel(await svc.prompter.pick(vms.map((r) => ({ label: vmName(svc, r), description: r.taskId, value: r })), {
    title: t('Snapshot which VM of {0}?', rentalName(t, l)),
  }));
  await vscode.commands.executeCommand('dbc.snapshot.create', vm);
}

/** Copies what the wallet asks for and opens it; the rental is extended on the chain, not through the node. */
export async function renewRental(svc: CommandServices, l: NodeLease): Promise<void> {
  const url = svc.settings.value.leaseRenewUrl;
  const id = l.lease.rentOrder ?? l.ref.nodeId;
  await vscode.env.clipboard.writeText(id);
  const how = l.lease.rentOrder
    ? t('In the DBC wallet: Developer → Extrinsics → rentMachine → reletMachine(rent_id {0}, relet_duration in blocks: 14400 a day). The order id is on the clipboard.', id)
    : t('In the DBC wallet: Developer → Extrinsics → rentMachine → reletMachine(machine_id, days). The node id is on the clipboard.');
  await svc.remote.opener().openExternal(vscode.Uri.parse(url));
  void vscode.window.showInformationMessage(how);
}

export async function muteRental(svc: CommandServices, l: NodeLease): Promise<void> {
  await svc.guard.mute(l);
  void vscode.window.showInformationMessage(t('No more warnings for {0} on {1}.', rentalName(t, l), nodeName(svc.modelContext(), l.ref)));
}

/** The status bar's list: pick a rental, then what to do with it. */
export async function showRentals(svc: CommandServices): Promise<void> {
  const l = await pickLease(svc, svc.guard.leases(), t('Your rentals'));
  const items: { label: string; value: LeaseAction }[] = [
    { label: t('Snapshot VMs…'), value: 'snapshot' },
    { label: t('Renew…'), value: 'renew' },
    ...(svc.guard.isMuted(l) ? [] : [{ label: t('Don\'t warn for this rental'), value: 'mute' as const }]),
  ];
  const action = orCancel(await svc.prompter.pick(items, { title: capitalize(rentalName(t, l)) }));
  await vscode.commands.executeCommand(LEASE_COMMANDS[action], leaseTarget(l));
}

/**
 * A rental: of a VM row (the one its task info names), of a node row (a choice when there are several),
 * `{ endpoint?, nodeId, rentOrder }` ('' for the whole-machine one), or a choice among all of them.
 */
export function rental(title: string): Resolver<NodeLease> {
  return async (svc, [first]) => {
    const ref = nodeRefOf(svc, first);
    if (!ref) return pickLease(svc, svc.guard.leases(), title);
    const leases = svc.guard.leasesOf(ref);
    const vm = vmRefsOf(svc, [first])?.[0];
    if (vm) {
      const found = vmLease(leases, await svc.fetcher.taskInfo(vm));
      if (!found) throw new UserFacingError('No rental of your credential is known for {0}.', [vmName(svc, vm)]);
      return found;
    }
    const order = optionsOf(first)['rentOrder'];
    if (typeof order === 'string') {
      const found = leases.find((l) => (l.lease.rentOrder ?? '') === order);
      if (!found) throw new UserFacingError('No rental {0} of your credential is known on {1}.', [order || t('whole-machine rental'), nodeName(svc.modelContext(), ref)]);
      return found;
    }
    return pickLease(svc, leases, title);
  };
}

export async function pickLease(svc: CommandServices, leases: NodeLease[], title: string): Promise<NodeLease> {
  if (leases.length === 0) throw new UserFacingError('No rentals of your credentials are known yet: open the DBC view to read them from your nodes.', []);
  if (leases.length === 1) return leases[0]!;
  return orCancel(await svc.prompter.pick(leases.map((l) => ({ ...describe(svc, l), value: l })), { title }));
}
