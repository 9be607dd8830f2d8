#!/usr/bin/env node
// Launcher only: the CLI lives in the compiled TypeScript so `npm ci` (prepare → build) is all a user needs.
// It prefers the one-file bundle (scripts/bundle.mjs: a pre-commit run costs little more than Node's start);
// the compiled tree serves when there is no bundle, or, in a checkout with the sources, when `tsc` ran
// after it (a stale bundle would run old code). An installed package has no sources, and its files' times
// are whatever unpacking gave them, so there the bundle is used as it is.
import fs from 'node:fs';
import v8 from 'node:v8';

// Process-wide, so set here where the process starts, not in the library: without them V8 compiles the
// bash grammar's wasm a second time in the background, and exit waits ~700 ms for it.
v8.setFlagsFromString('--no-wasm-tier-up');
v8.setFlagsFromString('--no-wasm-dynamic-tiering');
// After each full collection the old generation may grow to 1.3× what survived, not the throughput
// default (up to ~2×): a scan of a 100,000-file monorepo peaked at ~320 MB RSS, now ~292 (3-4 % more
// CPU, docs/performance.md). Read at every collection, so setting it here is in time; runs too small
// to collect fully (a pre-commit run, one setup) never see it.
v8.setFlagsFromString('--heap-growing-percent=30');

const mtime = (rel) => {
  try {
    return fs.statSync(new URL(rel, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundle = mtime('../dist/bundle/main.js');
const checkout = mtime('../src/cli/main.ts') >= 0;
const fresh = bundle >= 0 && (!checkout || bundle >= mtime('../dist/src/cli/main.js'));
const entry = fresh ? '../dist/bundle/main.js' : '../dist/src/cli/main.js';

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
