// The elements of the two trees: small references into the TreeStore, never copies of API data. The
// providers intern them by id so VS Code sees the same object across refreshes.
import type { NodeRef, VmRef } from '../../config/model/refs';

/**
 * `secure`: the endpoint is plain http on another machine; clicking offers an SSH tunnel or consent.
 * `chooseCredential`: the node's credential does not rent it; clicking picks another one for the node.
 * `rentOrder`: the wallet rents several orders on the node; clicking chooses one.
 */
export type MessageAction = 'retry' | 'credential' | 'chooseCredential' | 'createVm' | 'addNode' | 'secure' | 'rentOrder' | 'createNetwork' | 'none';
export type Severity = 'error' | 'warning' | 'info';

export type Element =
  | { kind: 'endpoint'; id: string; url: string }
  | { kind: 'node'; id: string; ref: NodeRef }
  | { kind: 'vm'; id: string; ref: VmRef }
  | { kind: 'snapshot'; id: string; ref: VmRef; name: string }
  /** A guest port forwarded to 127.0.0.1 (shown under its VM while active). */
  | { kind: 'forward'; id: string; ref: VmRef; remotePort: number }
  | { kind: 'imageServer'; id: string; endpoint: string; server: string }
  /** The virtual LANs the client node knows, under its row. */
  | { kind: 'networks'; id: string; endpoint: string }
  | { kind: 'network'; id: string; endpoint: string; name: string }
  | { kind: 'image'; id: string; endpoint: string; name: string; server?: string; nodeId?: string }
  | MessageElement;

export interface MessageElement {
  kind: 'message';
  id: string;
  severity: Severity;
  text: string;
  /** The full error text, for the tooltip. */
  detail?: string;
  action: MessageAction;
  /** What Retry refreshes, or where Create VM / Add Node applies. */
  endpoint?: string;
  node?: NodeRef;
}

export type ElementKind = Element['kind'];

/** What a `children()` call needs fetched before it can answer fully. */
export type LoadRequest =
  | { kind: 'tasks'; ref: NodeRef }
  | { kind: 'snapshots'; ref: VmRef }
  | { kind: 'imageServers'; endpoint: string }
  | { kind: 'serverImages'; endpoint: string; server: string }
  | { kind: 'nodeImages'; ref: NodeRef }
  | { kind: 'networks'; endpoint: string };

export interface Children {
  items: Element[];
  /** Set when the answer is incomplete until this is loaded (the provider loads it and asks again). */
  load?: LoadRequest;
}

/** How a row looks: everything a TreeItem needs, with icons and colours named by id. */
export interface Presentation {
  id: string;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  /** True when the tooltip is resolved lazily (resolveTreeItem) because it needs a fetch. */
  lazyTooltip?: boolean;
  icon?: { id: string; color?: string };
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  command?: { command: string; title: string; arguments?: unknown[] };
}
