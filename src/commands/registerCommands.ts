// The flat table id → handler. Every id of DBC_COMMAND_IDS must have a handler (checked by the compiler)
// and every handler runs through the error wrapper of ui/runCommand.ts.
import type * as vscode from 'vscode';
import { registerCommand } from '../ui/runCommand';
import { DBC_COMMAND_IDS, type DbcCommandId } from './model/commandIds';
import type { CommandServices } from '../flows/commandServices';
import { chooseCredential, importSession, importWallet, removeCredential, setDefaultCredential } from './credentialCommands';
import { importMultisig } from './multisigImport';
import { createVmFromImage, deleteImage, downloadImage, showTransferProgress, stopTransfer, uploadImage } from './imageCommands';
import { addEndpoint, addNode, copyNodeId, discoverNodes, removeEndpoint, removeNode, renameNode, showNodeInfo } from './nodeCommands';
import { shareAccess } from './shareAccess';
import { createFromProfile, newProfile } from './profileCommands';
import { createSnapshot } from './createSnapshot';
import { deleteSnapshot, listSnapshots, showSnapshotInfo } from './snapshotCommands';
import { openSettings, refresh, showLog } from './viewCommands';
import { connectVm } from './vmConnect';
import { createVm } from './vmCreate';
import { connectRdp, connectWhenReady, copySshCommand, openVnc, stopWaiting } from './vmAccess';
import { copyAddress, copyPassword, copyTaskId, setPassword, showVmInfo } from './vmDetails';
import { runLifecycle } from './vmLifecycle';
import { followLogs, showLogs, stopFollowingLogs } from './vmLogs';
import { modifyVm } from './vmModify';

type CommandHandler = (svc: CommandServices, args: readonly unknown[]) => unknown;

const HANDLERS: Record<DbcCommandId, CommandHandler> = {
  'dbc.views.refresh': refresh,
  'dbc.log.show': showLog,
  'dbc.settings.open': openSettings,
  'dbc.endpoint.add': addEndpoint,
  'dbc.endpoint.remove': removeEndpoint,
  'dbc.node.add': addNode,
  'dbc.node.discover': discoverNodes,
  'dbc.node.remove': removeNode,
  'dbc.node.rename': renameNode,
  'dbc.node.info': showNodeInfo,
  'dbc.node.copyId': copyNodeId,
  'dbc.node.chooseCredential': chooseCredential,
  'dbc.node.shareAccess': shareAccess,
  'dbc.wallet.import': importWallet,
  'dbc.multisig.import': importMultisig,
  'dbc.session.import': importSession,
  'dbc.credential.remove': removeCredential,
  'dbc.credential.setDefault': setDefaultCredential,
  'dbc.vm.create': createVm,
  'dbc.vm.info': showVmInfo,
  'dbc.vm.start': (svc, args) => runLifecycle(svc, 'start', args),
  'dbc.vm.wake': (svc, args) => runLifecycle(svc, 'wake', args),
  'dbc.vm.stop': (svc, args) => runLifecycle(svc, 'stop', args),
  'dbc.vm.shutdown': (svc, args) => runLifecycle(svc, 'shutdown', args),
  'dbc.vm.poweroff': (svc, args) => runLifecycle(svc, 'poweroff', args),
  'dbc.vm.restart': (svc, args) => runLifecycle(svc, 'restart', args),
  'dbc.vm.forceRestart': (svc, args) => runLifecycle(svc, 'forceRestart', args),
  'dbc.vm.reset': (svc, args) => runLifecycle(svc, 'reset', args),
  'dbc.vm.delete': (svc, args) => runLifecycle(svc, 'delete', args),
  'dbc.vm.setPassword': setPassword,
  'dbc.vm.modify': modifyVm,
  'dbc.vm.showLogs': showLogs,
  'dbc.vm.followLogs': followLogs,
  'dbc.vm.stopFollowingLogs': stopFollowingLogs,
  'dbc.vm.connect': connectVm,
  'dbc.vm.connectWhenReady': connectWhenReady,
  'dbc.vm.stopWaiting': stopWaiting,
  'dbc.vm.connectRdp': connectRdp,
  'dbc.vm.openVnc': openVnc,
  'dbc.vm.copySshCommand': copySshCommand,
  'dbc.vm.copyAddress': copyAddress,
  'dbc.vm.copyPassword': copyPassword,
  'dbc.vm.copyId': copyTaskId,
  'dbc.snapshot.create': createSnapshot,
  'dbc.snapshot.list': listSnapshots,
  'dbc.snapshot.info': showSnapshotInfo,
  'dbc.snapshot.delete': deleteSnapshot,
  'dbc.image.upload': uploadImage,
  'dbc.image.download': downloadImage,
  'dbc.image.progress': showTransferProgress,
  'dbc.image.stopTransfer': stopTransfer,
  'dbc.image.delete': deleteImage,
  'dbc.image.createVm': createVmFromImage,
  'dbc.profile.new': newProfile,
  'dbc.profile.createVm': createFromProfile,
};

export function registerCommands(svc: CommandServices): vscode.Disposable[] {
  return DBC_COMMAND_IDS.map((id) => registerCommand(svc, id, (...args: unknown[]) => HANDLERS[id](svc, args)));
}
