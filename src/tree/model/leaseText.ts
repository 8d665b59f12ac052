// What rows, tooltips, the status bar and the warnings say about a rental. Time is chain time (6 s a
// block), in the two largest units. Pure: the translation function is passed in.
import { durationParts } from '../../chain/duration';
import type { Translate } from '../../ui/model/translate';
import type { NodeLease } from './leaseModel';
import { md } from './markdown';

/** "2 d 4 h", "3 h 5 min", "12 min", "less than a minute". */
export function durationText(t: Translate, seconds: number): string {
  const { days, hours, minutes } = durationParts(seconds);
  if (days > 0) return hours > 0 ? t('{0} d {1} h', days, hours) : t('{0} d', days);
  if (hours > 0) return minutes > 0 ? t('{0} h {1} min', hours, minutes) : t('{0} h', hours);
  return minutes > 0 ? t('{0} min', minutes) : t('less than a minute');
}

/** Local `YYYY-MM-DD HH:mm`. */
export function whenText(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** What a node or VM row says: "2 d 4 h left", "lease ended — VM will be deleted in 2 d 23 h", or the end block. */
export function leaseRowText(t: Translate, l: NodeLease): string {
  const { time } = l;
  switch (time.phase) {
    case 'renting': return t('{0} left', durationText(t, time.secondsLeft!));
    case 'ended': return t('lease ended — VM will be deleted in {0}', durationText(t, secondsToDeletion(l)!));
    case 'deleted': return t('lease ended — VMs deleted');
    case 'unknown': return t('rental ends at block {0}', l.lease.rentEndBlock);
  }
}

/** Seconds until the node deletes the rental's VMs (after the end), from chain time. */
export function secondsToDeletion(l: NodeLease): number | undefined {
  const { time } = l;
  return time.deleteAtMs === undefined || time.endsAtMs === undefined || time.secondsLeft === undefined
    ? undefined : (time.deleteAtMs - time.endsAtMs) / 1000 + time.secondsLeft;
}

export function rentalName(t: Translate, l: NodeLease): string {
  return l.lease.rentOrder ? t('rent order {0}', l.lease.rentOrder) : t('whole-machine rental');
}

/** One tooltip row per rental: `| Rent order 1042 | GPUs 2, 3 · ends at block …, 2026-05-06 09:00 · 59 min left |`. */
export function leaseTooltipRows(t: Translate, leases: readonly NodeLease[], chainError?: string): [string, string][] {
  return leases.map((l) => [md(capitalize(rentalName(t, l))), leaseDetail(t, l, chainError)]);
}

function leaseDetail(t: Translate, l: NodeLease, chainError?: string): string {
  const { lease, time } = l;
  const parts: string[] = [];
  if (lease.gpuIndex.length) parts.push(t('GPUs {0}', lease.gpuIndex.join(', ')));
  if (lease.rentStatus === 'waitingVerifying') parts.push(t('waiting for your confirmation on the chain'));
  if (time.phase === 'unknown') {
    parts.push(t('ends at block {0}', lease.rentEndBlock));
    parts.push(chainError ? t('time left unknown: {0}', md(chainError)) : t('time left unknown until the chain answers'));
    return parts.join(' · ');
  }
  if (time.phase === 'renting') {
    parts.push(t('ends at block {0}, {1}', lease.rentEndBlock, whenText(time.endsAtMs!)), t('{0} left', durationText(t, time.secondsLeft!)));
  } else {
    parts.push(t('ended at block {0}, {1}', lease.rentEndBlock, whenText(time.endsAtMs!)));
    parts.push(time.phase === 'ended'
      ? t('the node deletes its VMs after {0} (in {1})', whenText(time.deleteAtMs!), durationText(t, secondsToDeletion(l)!))
      : t('the node deleted its VMs after {0}', whenText(time.deleteAtMs!)));
  }
  return parts.join(' · ');
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
