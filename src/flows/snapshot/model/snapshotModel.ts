// Snapshot creation as data: a default name, and the watch of S2 until the snapshot is uploaded (`none`)
// or its entry disappears (the upload failed). Pure: I/O is injected.
import type { SnapshotInfo } from '../../../api/types';
import type { Translate } from '../../../ui/model/translate';

/** A file-name-safe default: the VM's name and today's date. */
export function defaultSnapshotName(vmName: string, now: Date): string {
  const base = vmName.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 40) || 'snapshot';
  return `${base}-${now.toISOString().slice(0, 10)}`;
}

export type SnapshotOutcome = { kind: 'done'; info: SnapshotInfo } | { kind: 'failed' } | { kind: 'cancelled'; status?: string };

export interface SnapshotWatch {
  /** S2; undefined when the node says the snapshot does not exist (any more). */
  read(signal: AbortSignal): Promise<SnapshotInfo | undefined>;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  signal: AbortSignal;
  intervalMs: number;
  onStatus?(info: SnapshotInfo): void;
}

/** Polls until `none` (done), gone (failed) or cancelled. */
export async function watchSnapshot(w: SnapshotWatch): Promise<SnapshotOutcome> {
  let status: string | undefined;
  for (;;) {
    if (w.signal.aborted) return { kind: 'cancelled', status };
    const info = await w.read(w.signal);
    if (!info) return { kind: 'failed' };
    if (info.status !== status) w.onStatus?.(info);
    status = info.status;
    const s = (status ?? '').toLowerCase();
    if (s === 'none' || s === 'done' || s === '') return { kind: 'done', info };
    await w.sleep(w.intervalMs, w.signal);
  }
}

export function phaseText(t: Translate, info: SnapshotInfo, server: string): string {
  const s = (info.status ?? '').toLowerCase();
  if (s === 'creating') return t('converting the disk…');
  if (s === 'uploading') return t('uploading to {0}…', server);
  return info.status ?? '';
}
