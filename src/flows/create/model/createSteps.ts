// The questions of Create VM, in order: image, OS, GPUs, CPU, memory, disk, login port, VNC port, extra
// ports, name. Each is pre-filled from the node (its images, free GPUs, sizes), the last choices on that
// node and the port planner's proposals, and validated as it is typed. Pure: `t` is injected.
import type { StepQuestion } from '../../../ui/model/prompter';
import type { Translate } from '../../../ui/model/translate';
import {
  cpuLimit, fieldProblem, guessOs, loginField, memLimit, proposePorts, type CreateDraft, type CreateFacts, type OsChoice,
} from './createDraft';
import { parsePortTokens, planPortTokens, tokenProblem } from './customPorts';
import type { WizardStep } from './wizard';

export const TYPED_IMAGE = '\u0000typed';

type Step = WizardStep<CreateDraft>;
type Field = 'cpu_cores' | 'mem_size' | 'disk_size' | 'desc';

function title(t: Translate, facts: CreateFacts): string {
  return t('Create VM on {0}', facts.nodeName);
}

function imageStep(t: Translate, facts: CreateFacts): Step {
  return {
    id: 'image',
    question: (d) => ({
      kind: 'pick', title: title(t, facts), placeholder: t('Which image should the VM boot from?'),
      items: [
        ...facts.images.map((i) => ({ label: i.name, description: i.size, value: i.name, picked: !d.typedImage && i.name === d.image_name })),
        { label: t('Enter an image name…'), description: t('an image file in the node\'s /data'), value: TYPED_IMAGE, picked: d.typedImage },
      ],
    }),
    apply: (d, v) => (v === TYPED_IMAGE ? { ...d, typedImage: true } : { ...d, typedImage: false, image_name: String(v) }),
  };
}

function typedImageStep(t: Translate, facts: CreateFacts): Step {
  return {
    id: 'imageName',
    skip: (d) => !d.typedImage,
    missing: (d) => d.typedImage === true && !d.image_name,
    question: (d) => ({
      kind: 'input', title: title(t, facts), prompt: t('Image file name on the GPU node (ends with .qcow2)'), value: d.image_name ?? '',
      validate: (v) => fieldProblem(t, 'image_name', v.trim(), d, facts),
    }),
    apply: (d, v) => ({ ...d, image_name: String(v).trim() }),
  };
}

function osStep(t: Translate, facts: CreateFacts): Step {
  return {
    id: 'os',
    question: (d) => {
      const current = d.operation_system ?? guessOs(d.image_name);
      return {
        kind: 'pick', title: title(t, facts), placeholder: t('Operating system of {0}', d.image_name ?? ''),
        items: [
          { label: 'Linux', description: t('reached by SSH'), value: 'linux', picked: current === 'linux' },
          { label: 'Windows', description: t('reached by Remote Desktop'), value: 'windows', picked: current === 'windows' },
        ],
      };
    },
    apply: (d, v) => {
      const os = v as OsChoice;
      if (os === d.operation_system) return d;
      return { ...d, operation_system: os, ssh_port: undefined, rdp_port: undefined };
    },
  };
}

function gpuStep(t: Translate, facts: CreateFacts): Step {
  const { lease } = facts;
  return {
    id: 'gpus',
    question: (d) => {
      if (lease) {
        // A per-GPU rental: the node creates the VM with exactly the leased GPUs (TaskManager.cpp).
        return {
          kind: 'pick', title: title(t, facts), placeholder: t('How many GPUs? Rent order {0} leases {1}.', lease.order, lease.gpus),
          items: [{ label: String(lease.gpus), description: t('the GPUs of rent order {0}', lease.order), value: String(lease.gpus), picked: true }],
        };
      }
      const chosen = d.gpu_count ?? String(Math.min(1, facts.gpuFree));
      const counts = Array.from({ length: facts.gpuFree + 1 }, (_, n) => facts.gpuFree - n);
      if (!counts.includes(Number(chosen))) counts.unshift(Number(chosen));
      return {
        kind: 'pick', title: title(t, facts), placeholder: t('How many GPUs? ({0} of {1} free)', facts.gpuFree, facts.gpuTotal),
        items: counts.map((n) => ({ label: String(n), description: n === facts.gpuFree ? t('all free GPUs') : undefined, value: String(n), picked: String(n) === chosen })),
      };
    },
    apply: (d, v) => ({ ...d, gpu_count: String(v) }),
  };
}

function textStep(t: Translate, facts: CreateFacts, id: string, field: Field, prompt: string, fallback: (f: CreateFacts) => string, cap?: number): Step {
  // A remembered choice above what may be asked for here (e.g. a leased share) starts at the most allowed.
  const start = (v: string | undefined) => (v !== undefined && cap !== undefined && Number(v) > cap ? String(cap) : v);
  return {
    id,
    question: (d) => ({
      kind: 'input', title: title(t, facts), prompt, value: start(d[field]) ?? fallback(facts),
      validate: (v) => fieldProblem(t, field, v.trim(), d, facts),
    }),
    apply: (d, v) => ({ ...d, [field]: String(v).trim() }),
  };
}

function portStep(t: Translate, facts: CreateFacts, id: 'login' | 'vnc'): Step {
  const fieldOf = (d: CreateDraft) => (id === 'vnc' ? 'vnc_port' : loginField(d));
  return {
    id,
    missing: (d) => !d[fieldOf(d)],
    question: (d): StepQuestion<unknown> => {
      const field = fieldOf(d);
      const proposal = proposePorts({ ...d, [field]: undefined }, facts.tasks);
      const prompt = field === 'vnc_port' ? t('Host port for VNC (5900 or above; a free one is proposed)')
        : field === 'ssh_port' ? t('Host port for SSH (a free one is proposed)') : t('Host port for Remote Desktop (a free one is proposed)');
      return {
        kind: 'input', title: title(t, facts), prompt, value: d[field] ?? (id === 'vnc' ? proposal.vnc : proposal.login) ?? '',
        validate: (v) => fieldProblem(t, field, v.trim(), d, facts),
      };
    },
    apply: (d, v) => ({ ...d, [fieldOf(d)]: String(v).trim() }),
  };
}

function extraPortsStep(t: Translate, facts: CreateFacts): Step {
  const plan = (d: CreateDraft, text: string) => {
    const parsed = parsePortTokens(text);
    if (!parsed.ok) return { problem: tokenProblem(t, parsed) };
    const planned = planPortTokens(parsed.tokens, facts.tasks, [d[loginField(d)], d.vnc_port]);
    if (planned.unplaced.length > 0) return { problem: t('No free host ports for {0}.', planned.unplaced.join(' ')) };
    const problem = fieldProblem(t, 'custom_port', planned.entries, d, facts);
    return problem ? { problem } : { entries: planned.entries };
  };
  return {
    id: 'ports',
    question: (d) => ({
      kind: 'input', title: title(t, facts), value: d.customText ?? '', placeholder: '8888 6006 6000-6010/udp',
      prompt: t('More guest ports to reach, separated by spaces; free host ports are chosen for them (e.g. 8888 6000-6010/udp, or a full rule tcp,8080:80). Leave empty for none.'),
      validate: (v) => plan(d, v.trim()).problem,
    }),
    apply: (d, v) => ({ ...d, customText: String(v).trim(), custom_port: plan(d, String(v).trim()).entries ?? [] }),
  };
}

const NO_NETWORK = '';

function networkStep(t: Translate, facts: CreateFacts): Step {
  const networks = facts.networks ?? [];
  return {
    id: 'network',
    skip: () => networks.length === 0,
    question: (d) => ({
      kind: 'pick', title: title(t, facts), placeholder: t('Join a virtual LAN? (the VM gets an address in it besides its own)'),
      items: [
        { label: t('No network'), value: NO_NETWORK, picked: !d.network_name },
        ...networks.map((n) => ({ label: n.name, description: n.cidr, detail: t('{0} VMs in it', n.members), value: n.name, picked: n.name === d.network_name })),
      ],
    }),
    apply: (d, v) => ({ ...d, network_name: String(v) || undefined }),
  };
}

/** Every step of Create VM for this node. */
export function createSteps(t: Translate, facts: CreateFacts): WizardStep<CreateDraft>[] {
  const cpuMax = cpuLimit(facts);
  const memMax = memLimit(facts);
  // A per-GPU rental proposes its whole leased share; otherwise a modest size.
  const defaultCpu = (f: CreateFacts) => (f.lease && cpuMax !== undefined ? String(cpuMax) : String(Math.max(2, Math.min(16, f.cpuCores ?? 8))));
  const defaultMem = (f: CreateFacts) => (f.lease && memMax !== undefined ? String(memMax) : String(Math.max(1, Math.min(16, f.memGb ?? 16))));
  const defaultDisk = (f: CreateFacts) => String(Math.max(1, Math.min(100, f.diskFreeGb ?? 100)));
  return [
    imageStep(t, facts),
    typedImageStep(t, facts),
    osStep(t, facts),
    gpuStep(t, facts),
    textStep(t, facts, 'cpus', 'cpu_cores', t('CPU cores'), defaultCpu, cpuMax),
    textStep(t, facts, 'memory', 'mem_size', t('Memory in GB'), defaultMem, memMax),
    textStep(t, facts, 'disk', 'disk_size', t('Data disk in GB'), defaultDisk),
    portStep(t, facts, 'login'),
    portStep(t, facts, 'vnc'),
    extraPortsStep(t, facts),
    networkStep(t, facts),
    textStep(t, facts, 'name', 'desc', t('A name for the VM (optional)'), () => ''),
  ];
}
