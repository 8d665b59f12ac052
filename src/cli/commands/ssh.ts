import type { Command } from 'commander';
import type { Runtime } from '../action';
export function registerSshCommands(_p: Command, _rt: Runtime): void {}
