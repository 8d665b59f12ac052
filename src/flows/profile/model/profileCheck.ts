// A VM profile's text checked the way Create VM from Profile and the CLI check it: JSON, field shapes,
// then the create rules and (given the node's VMs) port conflicts, each problem with its line and
// column. Pure: the editor turns the problems into diagnostics.
import type { CreateTaskSpec } from '../../../api/types';
import type { ExistingTask } from '../../../core/portPlanner';
import type { VmProfile } from '../../../core/profile';
import { loadProfile } from '../../../core/profileSpec';
import { osKindOf } from '../../../core/validation';
import type { CreateDraft } from '../../create/model/createDraft';

export interface ProfileProblem {
  /** 1-based, like the positions of core/jsonPositions. */
  line: number;
  column: number;
  field: string;
  template: string;
  args: string[];
  message: string;
}

export interface ProfileCheck {
  profile?: VmProfile;
  node?: string;
  spec?: CreateTaskSpec;
  problems: ProfileProblem[];
}

export function checkProfileText(text: string, tasks: readonly ExistingTask[] = []): ProfileCheck {
  const loaded = loadProfile(text, tasks);
  const problems = loaded.issues.map((i) => ({
    line: i.position?.line ?? 1, column: i.position?.column ?? 1, field: i.field, template: i.template, args: i.args, message: i.message,
  }));
  return { profile: loaded.profile, node: loaded.node, spec: loaded.spec, problems };
}

/** A create spec seen as Create VM's draft, for the same one-line summary. */
export function specDraft(spec: CreateTaskSpec): CreateDraft {
  const s = spec as unknown as Record<string, unknown>;
  const text = (k: string) => (s[k] === undefined ? undefined : String(s[k]));
  const windows = osKindOf(text('operation_system') ?? 'linux') === 'windows';
  return {
    image_name: text('image_name'), operation_system: windows ? 'windows' : 'linux', gpu_count: text('gpu_count'),
    cpu_cores: text('cpu_cores'), mem_size: text('mem_size'), disk_size: text('disk_size'), ssh_port: text('ssh_port'),
    rdp_port: text('rdp_port'), vnc_port: text('vnc_port'), custom_port: Array.isArray(s['custom_port']) ? (s['custom_port'] as string[]) : undefined,
    desc: text('desc'),
  };
}
