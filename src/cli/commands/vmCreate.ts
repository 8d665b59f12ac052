import type { Command } from 'commander';
import type { Runtime } from '../action';
export function registerVmCreate(_vm: Command, _rt: Runtime): void {}
export function registerVmModify(_vm: Command, _rt: Runtime): void {}
