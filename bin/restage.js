#!/usr/bin/env node
// Launcher only: the CLI lives in the compiled TypeScript so `npm ci` (prepare → build) is all a user needs.
// It prefers the one-file bundle (scripts/bundle.mjs: a pre-commit run costs little more than Node's start);
// the compiled tree serves when there is no bundle, or, in a checkout with the sources, when `tsc` ran
// after it (a stale bundle would run old code). An installed package has no sources, and its files' times
// are whatever unpacking gave them, so there the bundle is used as it is.
// CommonJS (bin/package.json), so that a run the no-scan bundle answers never starts Node's ES module loader.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const mtime = (rel) => {
  try {
    return fs.statSync(path.join(__dirname, rel)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundle = mtime('../dist/bundle/main.js');
const checkout = mtime('../src/cli/main.ts') >= 0;
const fresh = bundle >= 0 && (!checkout || bundle >= mtime('../dist/src/cli/main.js'));
const entry = fresh ? '../dist/bundle/main.js' : '../dist/src/cli/main.js';

// A run on files no setup holds (most pre-commit runs) is answered by a small CommonJS bundle
// (src/cli/no-scan.ts); it returns null for every other run, which the full CLI then does from the start.
const answered = fresh ? noScan() : null;
if (answered !== null) process.exitCode = answered;
else fullRun();

function noScan() {
  let run;
  try {
    run = require('../dist/bundle/no-scan.cjs').noScanMain;
  } catch {
    // It cannot be loaded (a damaged install): the full CLI answers everything, or says what is wrong.
    return null;
  }
  return run(process.argv);
}

function fullRun() {
  // Process-wide, so set where the process starts, not in the library: without them V8 compiles the bash
  // grammar's wasm a second time in the background, and exit waits ~700 ms for it. Not before the
  // no-scan answer, which needs neither: node:v8 alone loads some twenty of Node's modules.
  const v8 = require('node:v8');
  v8.setFlagsFromString('--no-wasm-tier-up');
  v8.setFlagsFromString('--no-wasm-dynamic-tiering');
  // After each full collection the old generation may grow to 1.3× what survived, not the throughput
  // default (up to ~2×): a scan of a 100,000-file monorepo peaked at ~320 MB RSS, now ~292 (3-4 % more
  // CPU, docs/performance.md). Read at every collection, so setting it here is in time; runs too small
  // to collect fully (a pre-commit run, one setup) never see it.
  v8.setFlagsFromString('--heap-growing-percent=30');
  import(entry)
    .then((m) => m.main(process.argv))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err) => {
        process.stderr.write(`restage: internal-error: ${err && err.message ? err.message : String(err)}\n`);
        process.exitCode = 2;
      },
    );
}
