import type { Command } from 'commander';
import type { Runtime } from '../action';
export function registerVmLogs(_vm: Command, _rt: Runtime): void {}
