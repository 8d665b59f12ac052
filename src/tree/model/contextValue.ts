// The one builder of TreeItem.contextValue: `dbc.<kind>;<facet>=<value>;…` with facets sorted by name,
// e.g. `dbc.vm;can=delete,logs,start;os=linux;state=stopped`. A VM's `can` facet lists the actions its
// status allows (src/core/taskState), sorted, so menus match exactly what the core allows:
// `viewItem =~ /^dbc\.vm;can=([^;]*,)?start[,;]/`. A unit test enumerates every context this module
// can produce and checks each when-clause of package.json against the intended rows. Pure: no vscode.
import { NODE_CONDITIONS } from './nodeCondition';
import { allowedActions, VM_STATES, vmStateOf, type OsFacet } from './vmState';

export const FACETS = {
  endpoint: { status: ['ok', 'unreachable'] },
  /**
   * `status`: ok, error, unknown (not loaded yet), or a neutral condition of nodeCondition.ts. `rental` (only
   * when the credential rents something there): its most urgent rental, `ending` within the warning window.
   */
  node: { cred: ['wallet', 'multisig', 'session', 'none'], rental: ['active', 'ending', 'ended'], status: ['ok', 'error', 'unknown', ...NODE_CONDITIONS] },
  /** `follow=on` only while the VM's log is followed; `rental` only when the VM's rental is known. */
  vm: { os: ['linux', 'windows', 'unknown'], state: VM_STATES, follow: ['on'], rental: ['active', 'ending', 'ended'] },
  snapshot: { status: ['creating', 'uploading', 'done', 'unknown'] },
  forward: {},
  imageServer: {},
  networks: {},
  network: {},
  image: { scope: ['server', 'node'] },
  message: { action: ['retry', 'credential', 'chooseCredential', 'createVm', 'addNode', 'secure', 'rentOrder', 'createNetwork', 'none'] },
} as const;

export type ContextKind = keyof typeof FACETS;

/** Facets present only sometimes (the VM's `follow` and `rental` are enumerated by vmContextValues). */
const OPTIONAL: Partial<Record<ContextKind, readonly string[]>> = { node: ['rental'] };

export function contextValue(kind: ContextKind, facets: Readonly<Record<string, string>>): string {
  const parts = Object.entries(facets)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);
  return [`dbc.${kind}`, ...parts].join(';');
}

export type RentalFacet = (typeof FACETS.vm.rental)[number];

/** VM contexts by status, OS, follow and rental (every VM row asks; a node sends any status text, so the memo is bounded). */
const vmContexts = new Map<string, string>();

export function vmContextValue(status: string | undefined, os: OsFacet, following = false, rental?: RentalFacet): string {
  const key = `${following ? 'f' : '-'}${os}|${rental ?? '-'}|${status === undefined ? '-' : `=${status}`}`;
  let value = vmContexts.get(key);
  if (value === undefined) {
    const can = [...allowedActions(status)].sort().join(',');
    value = contextValue('vm', { can, os, state: vmStateOf(status), ...(following ? { follow: 'on' } : {}), ...(rental ? { rental } : {}) });
    if (vmContexts.size >= 256) vmContexts.clear();
    vmContexts.set(key, value);
  }
  return value;
}

/** Parses a context value back into kind and facets. */
export function parseContextValue(value: string): { kind: string; facets: Record<string, string> } | undefined {
  const [head, ...rest] = value.split(';');
  const m = /^dbc\.(\w+)$/.exec(head ?? '');
  if (!m) return undefined;
  const facets: Record<string, string> = {};
  for (const part of rest) {
    const i = part.indexOf('=');
    if (i <= 0) return undefined;
    facets[part.slice(0, i)] = part.slice(i + 1);
  }
  return { kind: m[1]!, facets };
}

/** Every context value of a kind with fixed facets (the cartesian product of its facet values). */
export function allContextValues(kind: Exclude<ContextKind, 'vm'>): string[] {
  const facets = Object.entries(FACETS[kind] as Record<string, readonly string[]>);
  let combos: Record<string, string>[] = [{}];
  for (const [name, values] of facets) {
    const optional = OPTIONAL[kind]?.includes(name) ?? false;
    combos = combos.flatMap((c) => [...(optional ? [c] : []), ...values.map((v) => ({ ...c, [name]: v }))]);
  }
  return combos.map((c) => contextValue(kind, c));
}

/** VM contexts for the given statuses, with every OS facet, followed or not, with every rental facet or none. */
export function vmContextValues(statuses: readonly string[]): string[] {
  const rentals = [undefined, ...FACETS.vm.rental];
  return [...new Set(statuses.flatMap((s) => FACETS.vm.os.flatMap((os) => [false, true].flatMap((f) => rentals.map((r) => vmContextValue(s, os, f, r))))))];
}
