#!/usr/bin/env node
// Launcher only: the CLI lives in the compiled TypeScript so `npm ci` (prepare → tsc) is all a user needs.
import('../dist/src/cli/main.js').then((m) => m.main(process.argv)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`restage: internal-error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
