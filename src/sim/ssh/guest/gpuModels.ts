// What nvidia-smi reports about a GPU model that does not change while it runs: total memory in MiB
// (as nvidia-smi prints it, which is a little less than the marketing size on some cards), the power
// limit and idle draw in W, and whether it has a fan (data-centre cards report `[N/A]`).
export interface GpuModel {
  memoryMib: number;
  powerLimitW: number;
  idleW: number;
  fan: boolean;
}

const MODELS: [RegExp, GpuModel][] = [
  [/H100.*(SXM|HBM3)/i, { memoryMib: 81559, powerLimitW: 700, idleW: 70, fan: false }],
  [/H100/i, { memoryMib: 81559, powerLimitW: 350, idleW: 48, fan: false }],
  [/A100.*80\s*GB.*PCIe/i, { memoryMib: 81920, powerLimitW: 300, idleW: 45, fan: false }],
  [/A100.*80\s*GB/i, { memoryMib: 81920, powerLimitW: 400, idleW: 60, fan: false }],
  [/A100/i, { memoryMib: 40960, powerLimitW: 250, idleW: 35, fan: false }],
  [/A40|L40/i, { memoryMib: 46068, powerLimitW: 300, idleW: 30, fan: false }],
  [/A10\b/i, { memoryMib: 23028, powerLimitW: 150, idleW: 21, fan: false }],
  [/\bT4\b/i, { memoryMib: 15360, powerLimitW: 70, idleW: 10, fan: false }],
  [/A6000/i, { memoryMib: 49140, powerLimitW: 300, idleW: 24, fan: true }],
  [/A5000/i, { memoryMib: 24564, powerLimitW: 230, idleW: 20, fan: true }],
  [/4090/, { memoryMib: 24564, powerLimitW: 450, idleW: 21, fan: true }],
  [/4080/, { memoryMib: 16376, powerLimitW: 320, idleW: 15, fan: true }],
  [/3090/, { memoryMib: 24576, powerLimitW: 350, idleW: 28, fan: true }],
  [/3080/, { memoryMib: 10240, powerLimitW: 320, idleW: 22, fan: true }],
  [/3060/, { memoryMib: 12288, powerLimitW: 170, idleW: 14, fan: true }],
];

const FALLBACK: GpuModel = { memoryMib: 24576, powerLimitW: 300, idleW: 25, fan: true };

export function gpuModel(name: string): GpuModel {
  return MODELS.find(([re]) => re.test(name))?.[1] ?? FALLBACK;
}
