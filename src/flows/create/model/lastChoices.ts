// The choices of the last Create VM on each node (globalState), offered as defaults next time. Ports
// and the name are not kept: they must be free and unique again.
import type { MementoLike } from '../../../secrets/credentialStore';
import type { CreateDraft } from './createDraft';

const KEY = 'dbc.create.last';
const KEPT = ['image_name', 'typedImage', 'operation_system', 'gpu_count', 'cpu_cores', 'mem_size', 'disk_size', 'customText'] as const;

type Stored = Record<string, Partial<CreateDraft>>;

export function lastChoices(state: MementoLike, nodeId: string): CreateDraft {
  const stored = state.get<Stored>(KEY);
  const entry = stored && typeof stored === 'object' ? stored[nodeId] : undefined;
  if (!entry || typeof entry !== 'object') return {};
  const out: Record<string, unknown> = {};
  for (const k of KEPT) if (typeof entry[k] === 'string' || typeof entry[k] === 'boolean') out[k] = entry[k];
  return out as CreateDraft;
}

export async function rememberChoices(state: MementoLike, nodeId: string, draft: CreateDraft): Promise<void> {
  const stored = { ...(state.get<Stored>(KEY) ?? {}) };
  stored[nodeId] = Object.fromEntries(KEPT.filter((k) => draft[k] !== undefined).map((k) => [k, draft[k]]));
  await state.update(KEY, stored);
}
