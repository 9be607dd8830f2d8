// npm run bench: times restage on synthetic repositories it generates, against `node -e 0` on the same
// machine in the same run. A benchmark that prints a table, not a timed test: nothing here fails on speed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'restage.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(args, cwd) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return median(samples);
}

function setup(dir, i) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'build.sh'), `#!/bin/sh\nset -e\ndocker build -t s${i}/builder -f Dockerfile.build .\ndocker create --name s${i}-x s${i}/builder\ndocker cp s${i}-x:/out/app ./app\ndocker rm s${i}-x\ndocker build -t s${i}/app .\nrm app\n`);
  fs.writeFileSync(path.join(dir, 'Dockerfile.build'), 'FROM local/build:1\nRUN mkdir /out && echo app > /out/app\n');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM local/run:1\nCOPY app /usr/bin/app\n');
}

/** A monorepo of `files` files holding `setups` builder-pattern setups; the rest is ordinary source. */
function monorepo(files, setups) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `restage-bench-${files}-`));
  for (let i = 0; i < setups; i++) setup(path.join(dir, 'services', `svc${i}`), i);
  for (let i = 0, n = setups * 3; n < files; i++, n++) {
    const sub = path.join(dir, 'src', `pkg${i % 200}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `file${i}.${i % 10 === 0 ? 'sh' : 'ts'}`), i % 10 === 0 ? `#!/bin/sh\necho step ${i}\n` : `export const x${i} = ${i};\n`);
  }
  return dir;
}

const one = fs.mkdtempSync(path.join(os.tmpdir(), 'restage-bench-one-'));
setup(one, 0);
fs.writeFileSync(path.join(one, 'README.md'), '# unrelated\n');
spawnSync('git', ['init', '-q'], { cwd: one });
spawnSync('git', ['add', '-A'], { cwd: one });

const floor = time(['-e', '0'], one);
const rows = [
  ['node -e 0 (floor)', floor],
  ['no-op pre-commit run (migrate --check README.md)', time([BIN, 'migrate', '--check', 'README.md'], one)],
  ['one-setup run (migrate --check .)', time([BIN, 'migrate', '--check', '.'], one)],
];
for (const [files, setups] of [[5000, 250], [10000, 500], [20000, 1000]]) {
  const dir = monorepo(files, setups);
  const ms = time([BIN, 'migrate', '--check', '.'], dir);
  rows.push([`full scan: ${files} files, ${setups} setups (${Math.round((setups / ms) * 1000)} setups/s)`, ms]);
  fs.rmSync(dir, { recursive: true, force: true });
}
fs.rmSync(one, { recursive: true, force: true });

console.log(`restage bench: median of ${RUNS} runs, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
for (const [name, ms] of rows) console.log(`${name.padEnd(62)} ${ms.toFixed(1).padStart(9)} ms ${(ms / floor).toFixed(2).padStart(7)}× floor`);
