// The GPU and port parts of a VM row: the compact figure in its description ("GPU 87 % · 21/24 GiB"),
// one tooltip line per GPU or the reason there is none, and the VM's ways in as "guest → ip:host port".
// Pure: the GPU watch supplies the view, the recorded custom ports come with the context.
import type { TaskInfo } from '../../api/types';
import { gpuSummary } from '../../core/gpu/gpuSummary';
import type { VmGpuView } from '../../core/gpu/gpuView';
import { vmPorts } from '../../core/ports/vmPorts';
import type { Translate } from '../../ui/model/translate';
import { code, md } from './markdown';

/** The figure for the row's description; undefined when there is nothing to show there. */
export function gpuFigure(t: Translate, view: VmGpuView | undefined): string | undefined {
  if (view?.kind !== 'reading') return undefined;
  const s = gpuSummary(view.gpus);
  if (!s) return undefined;
  return t('GPU {0} % · {1}/{2} GiB', s.utilization ?? '—', s.usedGiB, s.totalGiB);
}

const value = (v: number | null, unit: string): string => (v === null ? '—' : `${Math.round(v)} ${unit}`);

/** The tooltip's GPU cell: one line per GPU, or why nothing is read. */
export function gpuTooltip(t: Translate, view: VmGpuView | undefined): string | undefined {
  switch (view?.kind) {
    case undefined: return undefined;
    case 'no-key': return md(t('Connect once to enable GPU monitoring.'));
    case 'no-gpu': return md(t('No GPU in this VM.'));
    case 'no-nvidia-smi': return md(t('No nvidia-smi on this VM (its image has no NVIDIA driver).'));
    case 'failed': return md(t('Not read: {0}', view.detail));
    case 'reading':
      return view.gpus.map((g) => md(`${g.index}: ${g.name} · ${value(g.utilization, '%')} · ${value(g.memoryUsedMib, 'MiB')} / ${value(g.memoryTotalMib, 'MiB')} · ${value(g.temperatureC, '°C')} · ${value(g.powerW, 'W')}`)).join('<br>');
  }
}

/** Every way into the VM, one per line; custom ports only when recorded (the node does not report them). */
export function portsTooltip(info: TaskInfo, customPorts: readonly string[] | undefined): string | undefined {
  const list = vmPorts(info, customPorts ?? []);
  return list.length === 0 ? undefined : list.map((p) => code(p.text)).join('<br>');
}
