// A workspace VM profile (.dbc/vm.json) from the choices of Create VM. Ports are written as "auto" so
// the profile stays valid on a node whose ports are used differently; extra guest ports keep "auto"
// host sides, full rules are kept as written. Pure.
import type { CustomPortSetting, VmProfile } from '../../../core/profile';
import { type CreateDraft } from '../../create/model/createDraft';
import { parsePortTokens } from '../../create/model/customPorts';

function customPorts(draft: CreateDraft): (string | CustomPortSetting)[] {
  const parsed = parsePortTokens(draft.customText ?? '');
  if (!parsed.ok) return [...(draft.custom_port ?? [])];
  return parsed.tokens.map((tok) => {
    if (tok.kind === 'rule') return tok.text;
    const guest = tok.guest.from === tok.guest.to ? tok.guest.from : `${tok.guest.from}-${tok.guest.to}`;
    return { protocol: tok.protocol, guest, host: 'auto' };
  });
}

const whole = (v: string | undefined): number | undefined => (v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined);

export function draftProfile(draft: CreateDraft, nodeId?: string): VmProfile {
  const windows = draft.operation_system === 'windows';
  const profile: Record<string, unknown> = {
    node: nodeId,
    image: draft.image_name ?? '',
    os: windows ? 'windows' : 'linux',
    ...(windows ? { bios: 'uefi' } : {}),
    gpus: whole(draft.gpu_count) ?? 0,
    cpus: whole(draft.cpu_cores) ?? 1,
    memoryGb: whole(draft.mem_size) ?? 1,
    diskGb: whole(draft.disk_size),
    [windows ? 'rdpPort' : 'sshPort']: 'auto',
    vncPort: 'auto',
    customPorts: customPorts(draft),
    network: draft.network_name || undefined,
    description: draft.desc || undefined,
  };
  const kept = Object.entries(profile).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
  return Object.fromEntries(kept) as unknown as VmProfile;
}

/** The file text: two-space JSON with a final newline. */
export function profileText(profile: VmProfile): string {
  return `${JSON.stringify(profile, null, 2)}\n`;
}
