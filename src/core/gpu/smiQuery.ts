// The two nvidia-smi queries GPU telemetry runs on a VM, with the fields in a fixed order so the
// parser knows each column. `uuid` is asked for in addition to the list: it is how
// `--query-compute-apps` names the GPU a process runs on.

/** `--query-gpu` columns, in output order. */
export const GPU_FIELDS = ['index', 'uuid', 'name', 'utilization.gpu', 'memory.used', 'memory.total', 'temperature.gpu', 'power.draw'] as const;

/** `--query-compute-apps` columns, in output order. */
export const APP_FIELDS = ['gpu_uuid', 'pid', 'process_name', 'used_memory'] as const;

const FORMAT = '--format=csv,noheader,nounits';

export const GPU_QUERY = `nvidia-smi --query-gpu=${GPU_FIELDS.join(',')} ${FORMAT}`;
export const APP_QUERY = `nvidia-smi --query-compute-apps=${APP_FIELDS.join(',')} ${FORMAT}`;

/**
 * The unit nvidia-smi appends to a field's values when `nounits` is missing (`87 %`, `21000 MiB`,
 * `312.45 W`); the parser accepts exactly this unit or none. Temperatures carry none.
 */
export const FIELD_UNITS: Readonly<Record<string, string>> = {
  'utilization.gpu': '%',
  'memory.used': 'MiB',
  'memory.total': 'MiB',
  'power.draw': 'W',
  used_memory: 'MiB',
};

/** nvidia-smi's documented exit codes (`man nvidia-smi`, RETURN VALUE) that telemetry tells apart. */
export const SMI_EXIT = {
  ok: 0,
  invalidArgument: 2,
  notFound: 6,
  driverNotLoaded: 9,
  gpuLost: 15,
  /** Not nvidia-smi's: the shell's "command not found". */
  commandNotFound: 127,
} as const;
