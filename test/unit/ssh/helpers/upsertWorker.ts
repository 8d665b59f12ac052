// Child process for the two-writers test: upserts `count` VMs into the config under `home`.
// Usage: node upsertWorker.js <home> <worker> <count>
import { defaultSshPaths } from '../../../../src/ssh/core/paths';
import { ensureUserInclude, upsertVmHost, vmHostEntry } from '../../../../src/ssh/core/sshConfig';

async function main(): Promise<void> {
  const [home, worker, count] = process.argv.slice(2);
  const paths = defaultSshPaths(home);
  const nodeId = `${Number(worker).toString(16).padStart(8, '0')}${'a'.repeat(56)}`;
  for (let i = 0; i < Number(count); i++) {
    const vm = { nodeId, taskId: `w${worker}T${i}` };
    await upsertVmHost(vmHostEntry({ vm, host: '127.0.0.1', port: 20000 + i, user: 'dbc', stage: 'password' }, paths), { paths });
    await ensureUserInclude({ paths });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
