// Mocha reporter: the usual spec output, plus the pass/fail counts written as JSON to
// $DBC_TEST_RESULTS so that scripts/test.mjs can add every tier up into one summary line.
'use strict';
const fs = require('fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    runner.on('fail', (test, err) => failures.push({ title: test.fullTitle(), error: String(err && err.message) }));
    runner.once('end', () => {
      const file = process.env.DBC_TEST_RESULTS;
      if (!file) return;
      const { passes, failures: failed, pending } = this.stats;
      fs.writeFileSync(file, JSON.stringify({ passes, failures: failed, pending, failed: failures }, null, 2));
    });
  }
}

module.exports = CountingReporter;
