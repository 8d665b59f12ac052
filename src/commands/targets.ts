// What a command acts on, resolved once where commands are registered: the clicked row (with the
// multi-selection), a programmatic object such as `{ nodeId, taskId }`, or — from the palette — the
// answer to a picker. Each resolver gives its handler a typed target; registerCommands.ts says which
// resolver a command uses.
import * as vscode from 'vscode';
import type { NodeRef, VmRef } from '../config/model/refs';
import type { CommandServices } from '../flows/commandServices';
import { pickCreatableNode, pickEndpoint, pickNode, pickVm, pickVms } from '../flows/pickers';
import { findProfiles } from '../flows/profile/profileFiles';
import { vmName } from '../flows/vmInfo';
import { snapshotDescription } from '../tree/model/format';
import { nodeName } from '../tree/model/present';
import type { Element } from '../tree/model/elements';
import type { VmAction } from '../tree/model/vmState';
import { UserFacingError } from '../ui/model/errors';
import { orCancel } from '../ui/model/prompter';
import { endpointOf, imageRowOf, isElement, nodeRefOf, optionsOf, vmRefsOf, type ImageRow } from './model/targets';

const t = vscode.l10n.t;

export type Resolver<T> = (svc: CommandServices, args: readonly unknown[]) => Promise<T>;
type Filter<R> = (svc: CommandServices, ref: R) => boolean;

/** Commands that act on nothing in particular. */
export const none: Resolver<undefined> = async () => undefined;

/** The clicked row, if any (Refresh refreshes that row, or everything). */
export const row: Resolver<Element | undefined> = async (_svc, [first]) => (isElement(first) ? first : undefined);

/** The clicked VM with the multi-selection, or the VMs given; from the palette the VMs that allow `action`. */
export function vms(action: VmAction, title: string): Resolver<VmRef[]> {
  return async (svc, args) => vmRefsOf(svc, args) ?? pickVms(svc, action, title);
}

/** One VM; from the palette one of those that allow `action` (any VM when undefined) and pass `filter`. */
export function vm(action: VmAction | undefined, title: string, filter?: Filter<VmRef>): Resolver<VmRef> {
  return async (svc, args) => vmRefsOf(svc, args)?.[0] ?? pickVm(svc, action, title, filter && ((r) => filter(svc, r)));
}

/** The VMs given, if any; never asks. */
export const vmsIfGiven: Resolver<VmRef[] | undefined> = async (svc, args) => vmRefsOf(svc, args);

/** A GPU node (of a node, VM, snapshot, image or message row, or `{ endpoint?, nodeId }`); else asks. */
export function node(title: string, filter?: Filter<NodeRef>): Resolver<NodeRef> {
  return async (svc, [first]) => nodeRefOf(svc, first) ?? pickNode(svc, title, filter && ((r) => filter(svc, r)));
}

/** The GPU node given; else asks among those a VM can be created on now (pickers.ts pickCreatableNode). */
export function creatableNode(title: string): Resolver<NodeRef> {
  return async (svc, [first]) => nodeRefOf(svc, first) ?? pickCreatableNode(svc, title);
}

/** The GPU node given, if any; never asks. */
export const nodeIfGiven: Resolver<NodeRef | undefined> = async (svc, [first]) => nodeRefOf(svc, first);

/** A client node (an endpoint or message row, `{ endpoint }`, `{ url }` or a URL); else asks. */
export function endpoint(title: string): Resolver<string> {
  return async (svc, [first]) => endpointOf(first) ?? pickEndpoint(svc, title);
}

export interface SnapshotTarget {
  ref: VmRef;
  snapshot: string;
}

/** A snapshot row, or `{ …VM, name }`; else a VM and then one of its snapshots. */
export function snapshot(title: string): Resolver<SnapshotTarget> {
  const ofVm = vm(undefined, title);
  return async (svc, args) => {
    const first = args[0];
    if (isElement(first) && first.kind === 'snapshot') return { ref: first.ref, snapshot: first.name };
    const ref = await ofVm(svc, args);
    const given = optionsOf(first)['name'];
    if (typeof given === 'string') return { ref, snapshot: given };
    await svc.fetcher.load({ kind: 'snapshots', ref });
    const list = svc.store.peekNode(ref)?.snapshots.get(ref.taskId)?.value ?? [];
    if (list.length === 0) throw new UserFacingError('{0} has no snapshots.', [vmName(svc, ref)]);
    const name = orCancel(await svc.prompter.pick(list.map((s) => ({ label: s.snapshot_name, description: snapshotDescription(t, s), value: s.snapshot_name })), { title }));
    return { ref, snapshot: name };
  };
}

export interface NetworkTarget {
  /** The client node that lists the network. */
  endpoint: string;
  /** The clicked network, or `{ name }`; asked for when absent. */
  name?: string;
}

/** A network row, a networks or client-node row, `{ endpoint, name }`; else a client node is asked for. */
export function network(title: string): Resolver<NetworkTarget> {
  return async (svc, [first]) => {
    if (isElement(first) && first.kind === 'network') return { endpoint: first.endpoint, name: first.name };
    const name = optionsOf(first)['name'];
    return { endpoint: endpointOf(first) ?? (await pickEndpoint(svc, title)), name: typeof name === 'string' ? name : undefined };
  };
}

/** A VM that connect-when-ready waits for: the one given, the only one, or a choice among them. */
export function pendingWait(title: string): Resolver<VmRef> {
  return async (svc, args) => {
    const given = vmRefsOf(svc, args)?.[0];
    if (given) return given;
    const pending = svc.readyWatches.pending();
    if (pending.length === 0) throw new UserFacingError('DBC is not waiting for any VM.');
    if (pending.length === 1) return pending[0]!.ref;
    return orCancel(await svc.prompter.pick(pending.map((p) => ({ label: p.name, detail: p.ref.taskId, value: p.ref })), { title }));
  };
}

export interface ImageTarget {
  /** The GPU node the image is on (or goes to). */
  node: NodeRef;
  /** The clicked image row, if any. */
  image?: ImageRow;
}

/**
 * A GPU node and the clicked image row, if any: a node image row is on its node; for an image server's
 * row, or from the palette, a node is asked for (a server's row: a node under the same client node).
 */
export function image(title: string, opts: { serverRows?: 'refuse' } = {}): Resolver<ImageTarget> {
  return async (svc, [first]) => {
    const row = imageRowOf(first);
    if (row?.server !== undefined && opts.serverRows === 'refuse') {
      throw new UserFacingError('Images on an image server cannot be deleted from here; only image files on a GPU node can.');
    }
    const ref = nodeRefOf(svc, first) ?? (await pickNode(svc, title, (r) => !row || r.endpoint === row.endpoint));
    return { node: ref, image: row };
  };
}

/** Where an upload starts: a GPU node, or the client node itself (a file in its /data). */
export type UploadSource = { node: NodeRef } | { client: string };

/** The clicked node or node image, `{ nodeId }`, `{ fromClient: true, endpoint? }`, or a choice. */
export function uploadSource(title: string): Resolver<{ source: UploadSource; image?: ImageRow }> {
  return async (svc, [first]) => {
    const image = imageRowOf(first);
    const found = nodeRefOf(svc, first);
    if (found) return { source: { node: found }, image };
    const opts = optionsOf(first);
    if (opts['fromClient'] === true) return { source: { client: typeof opts['endpoint'] === 'string' ? opts['endpoint'] : await pickEndpoint(svc, t('Which client node?')) }, image };
    const ctx = svc.modelContext();
    const source = orCancel(await svc.prompter.pick<UploadSource>([
      ...svc.nodeRefs().map((ref) => ({ label: nodeName(ctx, ref), description: t('GPU node'), value: { node: ref } })),
      ...svc.settings.value.endpoints.map((e) => ({ label: t('The client node itself'), description: e.url, detail: t('a file in the client node\'s /data'), value: { client: e.url } })),
    ], { title }));
    return { source, image };
  };
}

/** A workspace VM profile: the file of a CodeLens or the Explorer, `{ file }`, the only one, or a choice. */
export function profile(title: string): Resolver<vscode.Uri> {
  return async (svc, [first]) => {
    if (first instanceof vscode.Uri) return first;
    const file = optionsOf(first)['file'];
    if (typeof file === 'string') return vscode.Uri.file(file);
    const active = vscode.window.activeTextEditor?.document.uri;
    const found = await findProfiles();
    if (found.length === 0) throw new UserFacingError('There is no VM profile in this workspace.', [], 'Create one with "DBC: New VM Profile…".');
    if (found.length === 1) return found[0]!;
    const preferred = found.find((u) => u.toString() === active?.toString());
    return orCancel(await svc.prompter.pick(found.map((u) => ({ label: vscode.workspace.asRelativePath(u), value: u, picked: u === preferred })), { title }));
  };
}

export interface ForwardTarget {
  ref: VmRef;
  remotePort: number;
}

/** A forwarded-port row, or `{ …VM, remotePort }`; else one of the active forwards. */
export function forward(title: string): Resolver<ForwardTarget> {
  return async (svc, args) => {
    const first = args[0];
    if (isElement(first) && first.kind === 'forward') return { ref: first.ref, remotePort: first.remotePort };
    const given = vmRefsOf(svc, args)?.[0];
    const port = optionsOf(first)['remotePort'];
    if (given && typeof port === 'number') return { ref: given, remotePort: port };
    const active = svc.nodeRefs().flatMap((n) => (svc.store.peekNode(n)?.tasks?.value ?? []).map((task) => ({ ...n, taskId: task.task_id })))
      .flatMap((ref) => svc.forwards.list(ref));
    if (active.length === 0) throw new UserFacingError('No port is forwarded right now.');
    return orCancel(await svc.prompter.pick(active.map((f) => ({
      label: t('Port {0}', f.remotePort), description: `${vmName(svc, f.ref)} → ${f.url}`, value: { ref: f.ref, remotePort: f.remotePort },
    })), { title }));
  };
}
