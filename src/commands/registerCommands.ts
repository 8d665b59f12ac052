// The flat table id → handler. Each entry says what the command acts on (a resolver of ./targets.ts: the
// clicked row and multi-selection, a programmatic `{ nodeId, taskId }`, or the palette's picker) and
// which options a programmatic caller may add (./model/options.ts), so handlers get typed arguments and
// parse none. Every id of DBC_COMMAND_IDS must have an entry (checked by the compiler), and every
// handler runs through the error wrapper of ui/runCommand.ts. This module is loaded on the first command
// (./lazyCommands.ts registers every id at activation; in the extension it is dist/commands.js).
import * as vscode from 'vscode';
import { connectToVm } from '../flows/connect/connect';
import type { CommandServices } from '../flows/commandServices';
import { notWindows } from '../flows/vmInfo';
import { createSnapshot } from './createSnapshot';
import { chooseCredential, importSession, importWallet, removeCredential, setDefaultCredential } from './credentialCommands';
import { createVmFromImage, deleteImage, downloadImage, showTransferProgress, stopTransfer, uploadImage } from './imageCommands';
import type { DbcCommandId } from './model/commandIds';
import {
  addNodeOptions, chooseCredentialOptions, connectOptions, createOptions, credentialOptions, diskOptions, endpointOptions, forwardOptions, imageOptions,
  lanOptions, logOptions, modifyOptions, monitorOptions, multisigOptions, nameOptions, openPortOptions, passwordOptions, rentOrderOptions, sessionOptions,
  snapshotOptions, walletOptions, type Bag,
} from './model/options';
import { optionsOf } from './model/targets';
import { secureEndpoint } from './endpointSecurity';
import { muteRental, renewRental, rental, showRentals, snapshotRentalVms } from './leaseCommands';
import { importMultisig } from './multisigImport';
import { addEndpoint, addNode, copyNodeId, discoverNodes, removeEndpoint, removeNode, renameNode, showNodeInfo } from './nodeCommands';
import { createFromProfile, newProfile } from './profileCommands';
import { shareAccess } from './shareAccess';
import { deleteSnapshot, listSnapshots, showSnapshotInfo } from './snapshotCommands';
import {
  creatableNode, endpoint, forward, image, network, node, nodeIfGiven, none, pendingWait, profile, row, snapshot, uploadSource, vm, vms, vmsIfGiven,
  type Resolver,
} from './targets';
import { createNetwork, deleteNetwork } from './lanCommands';
import { freeNodeMemory, setMonitorServers } from './nodeTools';
import { chooseRentOrder } from './rentOrderCommands';
import { addDisk, deleteDisk, resizeDisk, showDisks } from './vmDisks';
import { openSettings, refresh, showLog } from './viewCommands';
import { connectRdp, connectWhenReady, copySshCommand, openVnc, stopWaiting } from './vmAccess';
import { createVm } from './vmCreate';
import { copyAddress, copyPassword, copyTaskId, setPassword, showVmInfo } from './vmDetails';
import { lifecycleState, runLifecycle, type LifecycleAction } from './vmLifecycle';
import { followLogs, showLogs, stopFollowingLogs } from './vmLogs';
import { modifyVm } from './vmModify';
import { showGpuMonitor } from './vmGpu';
import { copyForwardUrl, forwardPort, openForward, openPort, stopForward } from './vmPorts';

interface Command {
  run(svc: CommandServices, args: readonly unknown[]): Promise<unknown>;
}

/** A command on a target; `options` reads what a programmatic caller passed along. */
function on<T>(target: Resolver<T>, handler: (svc: CommandServices, target: T) => unknown): Command;
function on<T, O>(target: Resolver<T>, handler: (svc: CommandServices, target: T, options: O) => unknown, options: (bag: Bag) => O): Command;
function on<T, O>(target: Resolver<T>, handler: (svc: CommandServices, target: T, options?: O) => unknown, options?: (bag: Bag) => O): Command {
  return { run: async (svc, args) => handler(svc, await target(svc, args), options?.(optionsOf(args[0]))) };
}

/** A command without a target: only options. */
function withOptions<O>(handler: (svc: CommandServices, options: O) => unknown, options: (bag: Bag) => O): Command {
  return on(none, (svc, _target: undefined, o: O) => handler(svc, o), options);
}

/** From the palette, only GPU nodes with a credential (the node acts for a renter). */
const hasCredential = (svc: CommandServices, ref: { nodeId: string }): boolean => svc.access.identity(ref.nodeId) !== undefined;

function lifecycle(action: LifecycleAction): Command {
  return on(vms(lifecycleState(action), vscode.l10n.t('Which VMs?')), (svc, refs) => runLifecycle(svc, action, refs));
}

/** Built at activation, so the pickers' titles are translated. */
function commands(): Record<DbcCommandId, Command> {
  const t = vscode.l10n.t;
  return {
    'dbc.views.refresh': on(row, refresh),
    'dbc.log.show': on(none, showLog),
    'dbc.settings.open': on(none, openSettings),
    'dbc.endpoint.add': withOptions(addEndpoint, endpointOptions),
    'dbc.endpoint.remove': on(endpoint(t('Remove which client node?')), removeEndpoint),
    'dbc.endpoint.secure': on(endpoint(t('Secure the connection to which client node?')), secureEndpoint),
    'dbc.node.add': on(endpoint(t('Add the GPU node under which client node?')), addNode, addNodeOptions),
    'dbc.node.discover': on(endpoint(t('Discover GPU nodes through which client node?')), discoverNodes),
    'dbc.node.remove': on(node(t('Remove which GPU node from the list?')), removeNode),
    'dbc.node.rename': on(node(t('Rename which GPU node?')), renameNode, nameOptions),
    'dbc.node.info': on(node(t('Show the details of which GPU node?')), showNodeInfo),
    'dbc.node.copyId': on(node(t('Copy the id of which GPU node?')), copyNodeId),
    'dbc.node.chooseCredential': on(node(t('Choose the credential of which GPU node?')), chooseCredential, chooseCredentialOptions),
    'dbc.node.shareAccess': on(node(t('Share access to which GPU node?'), (svc, r) => svc.access.identity(r.nodeId)?.kind !== 'session'), shareAccess),
    'dbc.node.chooseRentOrder': on(node(t('Choose the rent order of which GPU node?'), hasCredential), chooseRentOrder, rentOrderOptions),
    'dbc.node.freeMemory': on(node(t('Free the memory of which GPU node?'), hasCredential), freeNodeMemory),
    'dbc.node.setMonitors': on(node(t('Set the monitor servers of which GPU node?'), hasCredential), setMonitorServers, monitorOptions),
    'dbc.wallet.import': withOptions(importWallet, walletOptions),
    'dbc.multisig.import': withOptions(importMultisig, multisigOptions),
    'dbc.session.import': on(nodeIfGiven, importSession, sessionOptions),
    'dbc.credential.remove': withOptions(removeCredential, credentialOptions),
    'dbc.credential.setDefault': withOptions(setDefaultCredential, credentialOptions),
    'dbc.vm.create': on(creatableNode(t('Create the VM on which GPU node?')), createVm, createOptions),
    'dbc.vm.info': on(vm(undefined, t('Show the details of which VM?')), showVmInfo),
    'dbc.vm.start': lifecycle('start'),
    'dbc.vm.wake': lifecycle('wake'),
    'dbc.vm.stop': lifecycle('stop'),
    'dbc.vm.shutdown': lifecycle('shutdown'),
    'dbc.vm.poweroff': lifecycle('poweroff'),
    'dbc.vm.restart': lifecycle('restart'),
    'dbc.vm.forceRestart': lifecycle('forceRestart'),
    'dbc.vm.reset': lifecycle('reset'),
    'dbc.vm.delete': lifecycle('delete'),
    'dbc.vm.setPassword': on(vm('setPassword', t('Set the password of which VM?')), setPassword, passwordOptions),
    'dbc.vm.modify': on(vm('modify', t('Modify which VM?')), modifyVm, modifyOptions),
    'dbc.vm.showLogs': on(vm('logs', t('Show the log of which VM?')), showLogs, logOptions),
    'dbc.vm.followLogs': on(vm('logs', t('Follow the log of which VM?')), followLogs),
    'dbc.vm.stopFollowingLogs': on(vmsIfGiven, stopFollowingLogs),
    'dbc.vm.connect': on(vm('connect', t('Connect to which VM?'), notWindows), connectToVm, connectOptions),
    'dbc.vm.connectWhenReady': on(vm(undefined, t('Connect to which VM when it is ready?'), notWindows), connectWhenReady),
    'dbc.vm.stopWaiting': on(pendingWait(t('Stop waiting for which VM?')), stopWaiting),
    'dbc.vm.connectRdp': on(vm('connect', t('Connect to which Windows VM?')), connectRdp),
    'dbc.vm.openVnc': on(vm('connect', t('Open the VNC console of which VM?')), openVnc),
    'dbc.vm.copySshCommand': on(vm(undefined, t('Copy the SSH command of which VM?')), copySshCommand),
    'dbc.vm.copyAddress': on(vm(undefined, t('Copy the address of which VM?')), copyAddress),
    'dbc.vm.copyPassword': on(vm(undefined, t('Copy the login password of which VM?')), copyPassword),
    'dbc.vm.copyId': on(vm(undefined, t('Copy the id of which VM?')), copyTaskId),
    'dbc.vm.showGpuMonitor': on(vm('connect', t('Show the GPUs of which VM?'), notWindows), showGpuMonitor),
    'dbc.vm.openPort': on(vm('connect', t('Open a port of which VM?')), openPort, openPortOptions),
    'dbc.vm.forwardPort': on(vm('connect', t('Forward a port of which VM?'), notWindows), forwardPort, forwardOptions),
    'dbc.forward.openInBrowser': on(forward(t('Open which forwarded port?')), openForward),
    'dbc.forward.copyUrl': on(forward(t('Copy the URL of which forwarded port?')), copyForwardUrl),
    'dbc.forward.stop': on(forward(t('Stop forwarding which port?')), stopForward),
    'dbc.vm.disks': on(vm(undefined, t('Show the disks of which VM?')), showDisks),
    'dbc.vm.resizeDisk': on(vm(undefined, t('Resize a disk of which VM?')), resizeDisk, diskOptions),
    'dbc.vm.addDisk': on(vm(undefined, t('Add a disk to which VM?')), addDisk, diskOptions),
    'dbc.vm.deleteDisk': on(vm(undefined, t('Delete a disk of which VM?')), deleteDisk, diskOptions),
    'dbc.snapshot.create': on(vm(undefined, t('Snapshot which VM?')), createSnapshot, snapshotOptions),
    'dbc.snapshot.list': on(vm(undefined, t('List the snapshots of which VM?')), listSnapshots),
    'dbc.snapshot.info': on(snapshot(t('Show the details of which snapshot?')), showSnapshotInfo),
    'dbc.snapshot.delete': on(snapshot(t('Delete which snapshot?')), deleteSnapshot),
    'dbc.lan.create': on(endpoint(t('Create the network through which client node?')), createNetwork, lanOptions),
    'dbc.lan.delete': on(network(t('Delete a network of which client node?')), deleteNetwork),
    'dbc.image.upload': on(uploadSource(t('Upload an image from where?')), uploadImage, imageOptions),
    'dbc.image.download': on(image(t('Download onto which GPU node?')), downloadImage, imageOptions),
    'dbc.image.progress': on(image(t('Show the progress of which transfer?')), showTransferProgress, imageOptions),
    'dbc.image.stopTransfer': on(image(t('Stop which transfer?')), stopTransfer, imageOptions),
    'dbc.image.delete': on(image(t('Delete an image on which GPU node?'), { serverRows: 'refuse' }), deleteImage, imageOptions),
    'dbc.image.createVm': on(image(t('Create the VM on which GPU node?')), createVmFromImage, imageOptions),
    'dbc.profile.new': on(node(t('Which GPU node is the profile for?')), newProfile),
    'dbc.profile.createVm': on(profile(t('Create a VM from which profile?')), createFromProfile),
    'dbc.lease.snapshotVms': on(rental(t('Snapshot the VMs of which rental?')), snapshotRentalVms),
    'dbc.lease.renew': on(rental(t('Renew which rental?')), renewRental),
    'dbc.lease.mute': on(rental(t('Stop the warnings of which rental?')), muteRental),
    'dbc.lease.show': on(none, showRentals),
  };
}

let table: Record<DbcCommandId, Command> | undefined;

/** Runs the handler of `id` (./lazyCommands.ts registered it at activation and loaded this module on first use). */
export function runHandler(svc: CommandServices, id: DbcCommandId, args: readonly unknown[]): Promise<unknown> {
  table ??= commands();
  return table[id].run(svc, args);
}
