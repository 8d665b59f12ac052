// What the GPU monitor webview is told, built from samples: the page (strict CSP, only our script and
// style), the translated strings, one message per sample and the status line. Pure.
import type { GpuSample } from '../../core/gpu/gpuSampler';
import { gpuReadingJson, type GpuReadingJson } from '../../core/gpu/gpuJson';
import type { Translate } from '../../ui/model/translate';

export const HISTORY_MS = 10 * 60_000;

export interface SampleMessage extends GpuReadingJson {
  at: number;
  kind: GpuSample['status']['kind'];
  /** Why there are no readings (translated), for every kind but `ok`. */
  text?: string;
}

export interface MonitorStatus {
  kind: 'sampling' | 'problem';
  text: string;
}

/** Messages from the extension to the webview. */
export type ToWebview =
  | { type: 'init'; vm: string; historyMs: number; strings: Record<string, string>; samples: SampleMessage[]; status: MonitorStatus }
  | { type: 'sample'; sample: SampleMessage }
  | { type: 'status'; status: MonitorStatus };

/** Messages from the webview: `ready` when its script runs (again after the panel was hidden). */
export type FromWebview = { type: 'ready' };

export function isFromWebview(v: unknown): v is FromWebview {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'ready';
}

export function monitorStrings(t: Translate): Record<string, string> {
  return {
    title: t('GPU Monitor · {0}'),
    waiting: t('Waiting for the first reading…'),
    noReading: t('No reading yet.'),
    processes: t('Processes'),
    gpuTitle: t('GPU {0} · {1}'),
    utilization: t('Utilization'),
    memory: t('Memory'),
    temperature: t('Temperature'),
    power: t('Power'),
    lastMinutes: t('last {0} min'),
    chartLabel: t('Utilization and memory of GPU {0} over time'),
    noProcesses: t('No process uses the GPUs.'),
    gpu: t('GPU'),
    pid: t('PID'),
    process: t('Process'),
  };
}

export function sampleMessage(t: Translate, sample: GpuSample): SampleMessage {
  const s = sample.status;
  switch (s.kind) {
    case 'ok': return { at: sample.at, kind: s.kind, ...gpuReadingJson(s.gpus, s.processes) };
    case 'no-gpu': return { at: sample.at, kind: s.kind, gpus: [], processes: [], text: t('No GPU in this VM.') };
    case 'no-nvidia-smi': return { at: sample.at, kind: s.kind, gpus: [], processes: [], text: t('No nvidia-smi on this VM (its image has no NVIDIA driver).') };
    case 'driver-failed':
    case 'failed':
    case 'unreachable':
      return { at: sample.at, kind: s.kind, gpus: [], processes: [], text: t('Could not read the GPUs: {0}', s.detail) };
  }
}

export function monitorStatus(t: Translate, s: { running: boolean; noKey: boolean; intervalMs: number }): MonitorStatus {
  if (!s.running) return { kind: 'problem', text: t('The VM is not running: monitoring stopped.') };
  if (s.noKey) return { kind: 'problem', text: t('Connect once to enable GPU monitoring.') };
  return { kind: 'sampling', text: t('Read every {0} s while visible', Math.round(s.intervalMs / 1000)) };
}

/** The page: nothing but our own script (with a nonce) and style may load; no remote resources. */
export function monitorHtml(p: { cspSource: string; nonce: string; scriptUri: string; styleUri: string; title: string; lang: string }): string {
  const csp = [
    "default-src 'none'",
    `style-src ${p.cspSource}`,
    `script-src 'nonce-${p.nonce}'`,
    `img-src ${p.cspSource}`,
    `font-src ${p.cspSource}`,
  ].join('; ');
  const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="${esc(p.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${esc(p.styleUri)}">
<title>${esc(p.title)}</title>
</head>
<body>
<main id="root"></main>
<script nonce="${esc(p.nonce)}" src="${esc(p.scriptUri)}"></script>
</body>
</html>
`;
}
