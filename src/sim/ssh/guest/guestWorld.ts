// The inside of every simulated VM: its GPUs as nvidia-smi shows them and its HTTP services. Settings
// come from the scenario's `guest` key and the admin API (`POST /__sim/tasks/<id>/guest`); like faults,
// they are not kept in the state file. Readings follow the simulated clock.
import type { Duplex } from 'node:stream';
import type { Clock } from '../../clock';
import { findTask, type SimState } from '../../state';
import { DEFAULT_HTTP_PORTS, parseGuestTaskConfig, type GuestScenario, type GuestTaskConfig } from './guestConfig';
import { simulatedGpus, simulatedProcesses } from './gpuSignals';
import { GuestHttpService } from './httpService';
import { nvidiaSmi, type SmiAnswer, type SmiWorld } from './nvidiaSmi';
import { PublishedPorts } from './publishedPorts';
import { simpleCommandWords } from './shellWords';

/** What one VM's SSH endpoint asks of the guest. */
export interface Guest {
  /** Answers a command the guest simulates (a plain `nvidia-smi …`), or undefined to run it in /bin/sh. */
  exec(command: string): SmiAnswer | undefined;
  /** Serves a forwarded connection to a guest loopback port when an HTTP service answers there. */
  serve(port: number, accept: () => Duplex): boolean;
  /** Publishes the VM's `custom_port` rules on the host (those reaching an HTTP port of the guest). */
  publish(customPorts: readonly string[]): void;
  close(): void;
}

export type NvidiaSmiState = 'installed' | 'missing' | 'driver-failed';

const SMI = new Set(['nvidia-smi', '/usr/bin/nvidia-smi']);

export class GuestWorld {
  private readonly settings = new Map<string, GuestTaskConfig>();

  constructor(private readonly state: SimState, private readonly clock: Clock, private readonly scenario: GuestScenario = {},
    private readonly log: (line: string) => void = () => undefined) {
    for (const [id, config] of Object.entries(scenario.tasks ?? {})) this.settings.set(id, config);
  }

  /** Merges `patch` into a task's settings (a null value drops that setting); throws on bad input. */
  configure(taskId: string, patch: Record<string, unknown>): GuestTaskConfig {
    const kept: Record<string, unknown> = { ...this.settings.get(taskId) };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete kept[key];
      else kept[key] = value;
    }
    const config = parseGuestTaskConfig(kept, 'guest');
    this.settings.set(taskId, config);
    return config;
  }

  config(taskId: string): GuestTaskConfig {
    return this.settings.get(taskId) ?? {};
  }

  nvidiaSmiState(taskId: string): NvidiaSmiState {
    const own = this.config(taskId).nvidia_smi;
    if (own === 'driver-failed') return 'driver-failed';
    if (own !== undefined) return own ? 'installed' : 'missing';
    const image = findTask(this.state, taskId)?.task.imageName;
    return image !== undefined && (this.scenario.images_without_nvidia_smi ?? []).includes(image) ? 'missing' : 'installed';
  }

  /** The GPUs and processes the VM sees now (none for an unknown task). */
  world(taskId: string): SmiWorld {
    const found = findTask(this.state, taskId);
    const config = this.config(taskId);
    if (!found) return { driverFailed: false, gpus: [], processes: [] };
    const { node, task } = found;
    const gpus = simulatedGpus({ nodeId: node.nodeId, taskId, modelName: node.gpuModel, hostIndexes: task.gpuIndexes, count: task.gpuCount }, this.clock.now(), config.gpus);
    return { driverFailed: this.nvidiaSmiState(taskId) === 'driver-failed', gpus, processes: simulatedProcesses(gpus, taskId, config.processes) };
  }

  httpPorts(taskId: string): number[] {
    return this.config(taskId).http_ports ?? this.scenario.http_ports ?? DEFAULT_HTTP_PORTS;
  }

  /** The guest side of one VM endpoint (its HTTP service lives as long as the endpoint). */
  guestFor(taskId: string): Guest {
    const http = new GuestHttpService(taskId);
    const published = new PublishedPorts((socket, port) => http.serve(socket, port), this.log, `VM ${taskId}`);
    return {
      exec: (command) => this.exec(taskId, command),
      serve: (port, accept) => {
        if (!this.httpPorts(taskId).includes(port)) return false;
        http.serve(accept(), port);
        return true;
      },
      publish: (customPorts) => published.sync(customPorts, this.httpPorts(taskId)),
      close: () => {
        published.close();
        http.close();
      },
    };
  }

  private exec(taskId: string, command: string): SmiAnswer | undefined {
    const words = simpleCommandWords(command);
    if (!words || !SMI.has(words[0] ?? '')) return undefined;
    if (this.nvidiaSmiState(taskId) === 'missing') {
      // What the VM user's login shell (bash on DBC's Ubuntu images) says; dash would say `sh: 1: nvidia-smi: not found`.
      const why = words[0]!.startsWith('/') ? 'No such file or directory' : 'command not found';
      return { stdout: '', stderr: `bash: line 1: ${words[0]}: ${why}\n`, code: 127 };
    }
    return nvidiaSmi(words.slice(1), () => this.world(taskId));
  }
}
