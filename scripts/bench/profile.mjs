// Figure: checking a workspace VM profile whose custom ports are all "auto" (parse, shape checks, port
// planning against the node's VMs, create rules, conflicts) — what Create VM from Profile, the CLI and
// the editor's diagnostics do. Issue 14 measured the pairwise planner at HEAD 0f7cd57: 300 ports 0.2 s,
// 1,200 ports 8.1 s, 3,000 ports 141 s. Median of 5 runs after a warm-up.
import { figure } from './results.mjs';
import { outModule } from './lib/paths.mjs';

const { loadProfile } = outModule('src/core/profileSpec');

const tasks = Array.from({ length: 200 }, (_, i) => ({
  task_id: `t${i}`, ssh_port: String(5600 + i), vnc_port: String(5900 + i), custom_port: [`tcp,${20000 + i * 7}`, `udp,${20001 + i * 7}-${20003 + i * 7}`],
}));

function profileText(ports) {
  const customPorts = Array.from({ length: ports }, (_, i) => ({ protocol: i % 3 === 0 ? 'tcp/udp' : 'tcp', guest: 1000 + i }));
  return JSON.stringify({ image: 'ubuntu.qcow2', gpus: 1, cpus: 8, memoryGb: 16, diskGb: 100, customPorts }, null, 2);
}

function milliseconds(text, reps = 5) {
  loadProfile(text, tasks);
  const samples = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const loaded = loadProfile(text, tasks);
    samples.push(performance.now() - t0);
    if (loaded.issues.length > 0) throw new Error(`profile check failed: ${loaded.issues[0].message}`);
  }
  return samples;
}

export function measureProfileCheck({ smoke }) {
  const figures = {};
  for (const [ports, baseline] of [[300, 200], [1200, 8100], [3000, 141000]]) {
    figures[`profile_check_${ports}_ports_ms`] = figure({
      label: `Profile check with ${ports.toLocaleString('en')} "auto" custom ports against 200 VMs`, samples: milliseconds(profileText(smoke ? 3 : ports), smoke ? 1 : 5),
      unit: 'ms', baseline, baselineName: 'pairwise planner, issue 14 (HEAD 0f7cd57)', digits: 1,
      ...(ports === 3000 && !smoke ? { target: { max: 1000, note: 'issue 14: n log n, off the keystroke path' } } : {}),
    });
  }
  return figures;
}
