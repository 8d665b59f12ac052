// Codicon + theme colour per row kind and VM state, in one table (house style §3.8). Pure: the adapter
// turns these ids into ThemeIcon/ThemeColor.
import type { VmState } from './vmState';

export interface IconSpec {
  id: string;
  color?: string;
}

export const VM_STATE_ICONS: Record<VmState, IconSpec> = {
  running: { id: 'vm-running', color: 'debugIcon.startForeground' },
  stopped: { id: 'vm-outline', color: 'disabledForeground' },
  sleeping: { id: 'debug-pause', color: 'debugIcon.pauseForeground' },
  creating: { id: 'loading~spin', color: 'charts.blue' },
  transitioning: { id: 'loading~spin', color: 'charts.yellow' },
  error: { id: 'vm', color: 'errorForeground' },
  unknown: { id: 'vm', color: 'descriptionForeground' },
};

export const ICONS = {
  endpoint: { id: 'plug' },
  endpointUnreachable: { id: 'debug-disconnect', color: 'errorForeground' },
  node: { id: 'server' },
  nodeError: { id: 'server', color: 'errorForeground' },
  nodeLoading: { id: 'loading~spin' },
  /** A rental of the node ends within the warning window, or has ended. */
  nodeLeaseEnding: { id: 'server', color: 'list.warningForeground' },
  snapshot: { id: 'device-camera' },
  snapshotBusy: { id: 'loading~spin' },
  snapshotUploading: { id: 'cloud-upload', color: 'charts.blue' },
  imageServer: { id: 'database' },
  networks: { id: 'type-hierarchy-sub' },
  network: { id: 'circuit-board' },
  image: { id: 'file-binary' },
  error: { id: 'error', color: 'errorForeground' },
  warning: { id: 'warning', color: 'editorWarning.foreground' },
  info: { id: 'info' },
  addCredential: { id: 'key' },
  add: { id: 'add' },
  pending: { id: 'loading~spin' },
  forward: { id: 'radio-tower', color: 'charts.green' },
} satisfies Record<string, IconSpec>;
