#!/usr/bin/env node
// `npm run fuzz [-- COUNT [SEED]]`: the long fuzz campaign of test/fuzz.test.ts.
// COUNT and SEED also come from FUZZ_RUNS and FUZZ_SEED; findings go to FUZZ_REPORT (default fuzz-report.json).
import { spawnSync } from 'node:child_process';

const [count, seed] = process.argv.slice(2);
const env = {
  ...process.env,
  FUZZ_RUNS: count ?? process.env.FUZZ_RUNS ?? '3000',
  FUZZ_SEED: seed ?? process.env.FUZZ_SEED ?? String(Date.now() % 1_000_000),
  FUZZ_REPORT: process.env.FUZZ_REPORT ?? 'fuzz-report.json',
};
console.log(`restage fuzz: ${env.FUZZ_RUNS} cases, seed ${env.FUZZ_SEED}, report in ${env.FUZZ_REPORT}`);
const r = spawnSync('npx', ['vitest', 'run', 'test/fuzz.test.ts'], { stdio: 'inherit', env });
process.exitCode = r.status ?? 2;
