// The bench's real-host measurement at tiny sizes (2 nodes, 2 s of polling): code-server and chromium
// start, the production bundles load as an installed extension would, and the probe reports. No figure
// is asserted; a crash fails here instead of in the next `npm run bench`.
import assert from 'node:assert/strict';
import { runBenchSmoke } from '../../unit/bench/runBench';

describe('bench smoke: the real extension host', function () {
  this.timeout(240_000);

  it('measures activation and memory in code-server', async function () {
    const r = await runBenchSmoke(['--only', 'host']);
    if (r.results?._meta.skipped.host) this.skip(); // code-server is not installed on this machine
    assert.equal(r.code, 0, r.output);
    for (const key of ['activation_host_activate_ms', 'memory_host_heap_used_mib']) assert.ok(key in r.results, `no ${key}\n${r.output}`);
  });
});
