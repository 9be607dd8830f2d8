// Compiles restage after `npm install`/`npm ci` in a source checkout (src/ and TypeScript present).
// An installed package (no src/, no TypeScript) has dist/ already: nothing to do.
// Why postinstall and not prepare: `npm pack` runs `prepare` and prints its banner on stdout, and
// pre-commit's node language reads that stdout as the tarball name (pre-commit 3.0.4 with npm 11).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!fs.existsSync(path.join(root, 'src'))) process.exit(0);
let tsc;
try {
  tsc = createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  process.stderr.write('restage: src/ present but TypeScript is not installed; run `npm install` with dev dependencies to build dist/\n');
  process.exit(0);
}
const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
// Then the one-file bundle bin/restage.js prefers (start-up time, scripts/bundle.mjs). Without esbuild,
// the launcher runs the compiled tree: slower to start, same behaviour.
let bundle;
try {
  createRequire(path.join(root, 'package.json')).resolve('esbuild');
  ({ bundle } = await import('./bundle.mjs'));
} catch {
  process.exit(0);
}
await bundle();
