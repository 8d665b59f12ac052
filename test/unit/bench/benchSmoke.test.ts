// The bench cannot rot (issue 13): every measurement of `npm run bench` runs here at tiny sizes, so a
// measurement that crashes fails `npm test`. No figure is asserted: speed belongs to the bench itself.
// The real-host measurement (code-server and chromium) has its smoke in the contract tier
// (test/contract/bench/hostBenchSmoke.test.ts).
import assert from 'node:assert/strict';
import { runBenchSmoke as runBench } from './runBench';

/** A figure key of each measurement (and of figures added later): each must be in the results of a smoke run. */
const EXPECTED: Record<string, string> = {
  bundle: 'bundle_extension_bytes',
  activation: 'activation_node_module_load_ms',
  signing: 'auth_fields_per_request_us',
  refresh: 'tree_refresh_50x10_ms',
  'refresh floor': 'tree_refresh_50x10_floor_ms',
  rpm: 'requests_per_min_visible_stable',
  logs: 'log_follow_1k_lines_duplicated',
  memory: 'memory_polling_8h_heap_used_mib',
  'memory slope with VM churn': 'memory_polling_8h_heap_slope_kib_per_h',
};

describe('bench smoke (npm run bench at tiny sizes)', function () {
  this.timeout(180_000);

  it('runs every measurement to the end and writes its figures', async () => {
    const r = await runBench(['--skip-host']);
    assert.equal(r.code, 0, r.output);
    assert.equal(r.results._meta.smoke, true);
    assert.deepEqual(r.results._meta.failed, {}, r.output);
    for (const [name, key] of Object.entries(EXPECTED)) assert.ok(key in r.results, `${name}: no ${key} in the results\n${r.output}`);
    assert.match(r.output, /figure\s+ours\s+baseline\s+baseline is\s+vs baseline\s+target\s+met/);
  });

  it('exits non-zero when a measurement crashes, and names it', async () => {
    const r = await runBench(['--only', 'signing'], { DBC_BENCH_INJECT_FAILURE: 'signing' });
    assert.equal(r.code, 1, r.output);
    assert.match(r.results._meta.failed.signing ?? '', /injected/);
    assert.match(r.output, /failed: signing/);
  });
});
