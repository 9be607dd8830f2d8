// npm run bench: times restage on synthetic repositories it generates, against `node -e 0` and
// `git grep -l docker` on the same machine in the same run. A benchmark that prints a table, not a timed
// test: nothing here fails on speed. Knobs: BENCH_RUNS (start-up rows), BENCH_SCAN_RUNS (scan rows),
// BENCH_SIZES (comma-separated file counts, default 5000,20000,100000; empty: none), BENCH_SPARSE,
// BENCH_SHAPES=0 (drops the large-script and git-ignored rows), BENCH_KEEP=1 keeps the trees.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'restage.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const SCAN_RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '5000,20000,100000').split(',').filter(Boolean).map(Number);
// A monorepo where most files never mention docker: FILES:SETUPS (issue 16's realistic row).
const SPARSE = (process.env.BENCH_SPARSE ?? '100000:50')
  .split(',')
  .filter(Boolean)
  .map((x) => x.split(':').map(Number));
// Shapes of real repositories beside the generated monorepos (BENCH_SHAPES=0 drops them): one setup with
// large shell scripts, and one setup beside a git-ignored build tree.
const SHAPES = process.env.BENCH_SHAPES !== '0';
/** One setup per this many files: 1,000 setups in 20,000 files. */
const FILES_PER_SETUP = 20;

/**
 * The fixture trees each setup is copied from, one per driver form: sh scripts and Makefiles;
 * create + cp, run -v, run … cat, run … tar pipes; host steps; a few refusals, which cost a full plan too.
 */
const TEMPLATES = [
  'seed-href-counter-e2e',
  'create-id-variable',
  'cp-directory-contents',
  'host-step-chmod',
  'scripts-dir-cd-dirname',
  'make-builder-targets',
  'make-assignment-flavours',
  'make-push-clean-untouched',
  'run-volume-build',
  'run-stdout-cat',
  'run-tar-pipe',
  'add-tarball-unpack-stage',
  'refuse-control-flow',
  'refuse-unknown-docker-flag',
].map((name) => ({ name, files: readTree(path.join(ROOT, 'testdata', name, 'before')) }));

function readTree(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...readTree(dir, child));
    else out.push({ rel: child, text: fs.readFileSync(path.join(dir, child)), mode: fs.statSync(path.join(dir, child)).mode & 0o777 });
  }
  return out;
}

/** Ordinary source around the setups: most files never mention docker; some scripts and docs do. */
const FILLER = [
  ['ts', (i) => `export const value${i} = ${i};\n`],
  ['go', (i) => `package p${i % 50}\n\nfunc F${i}() int { return ${i} }\n`],
  ['md', (i) => `# Notes ${i}\n\nRun the service with docker compose up.\n`],
  ['json', (i) => `{ "name": "pkg-${i}", "version": "1.0.${i}" }\n`],
  ['sh', (i) => `#!/bin/sh\nset -e\necho step ${i}\n`],
  ['sh', (i) => `#!/bin/sh\n# pushes the image CI built\ndocker push registry.example.com/svc${i}:latest\n`],
  ['yml', (i) => `steps:\n  - run: ./scripts/test-${i}.sh\n`],
  ['py', (i) => `def f${i}():\n    return ${i}\n`],
];

function write(file, data, mode = 0o644) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data, { mode });
}

function git(dir, ...args) {
  // No automatic gc: git would start it in the background on 20,000 new objects and race the clean-up.
  const r = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'gc.auto=0', '-c', 'maintenance.auto=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A committed git repository of exactly `files` files, one setup per FILES_PER_SETUP files. */
function monorepo(files, setups = Math.floor(files / FILES_PER_SETUP)) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `restage-bench-${files}-`));
  let written = 0;
  for (let i = 0; i < setups; i++) {
    const t = TEMPLATES[i % TEMPLATES.length];
    for (const f of t.files) write(path.join(dir, 'services', `svc${i}`, f.rel), f.text, f.mode);
    written += t.files.length;
  }
  for (let i = 0; written < files; i++, written++) {
    const [ext, body] = FILLER[i % FILLER.length];
    write(path.join(dir, 'src', `pkg${Math.floor(i / 20)}`, `file${i}.${ext}`), body(i));
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'bench tree');
  return { dir, setups };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * One run: wall ms (measured here); with GNU time installed, the child's peak RSS in MB and its CPU ms
 * (user + system), which other users' load on a shared machine inflates far less than wall time.
 */
function runOnce(cmd, args, cwd) {
  const rssFile = path.join(os.tmpdir(), `restage-bench-rss-${process.pid}`);
  const [file, argv] = TIME ? [TIME, ['-f', '%M %U %S', '-o', rssFile, cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  // restage --check exits 1 when something is pending; git grep exits 1 when nothing matches.
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [kb, user, sys] = TIME ? fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { ms, rss: kb / 1024, cpu: (user + sys) * 1000, stderr: r.stderr, stdout: r.stdout };
}

/** Runs the commands in turns (a, b, c, a, b, c …) so load from other users hits each alike. */
function interleaved(cmds, runs) {
  const samples = cmds.map(() => []);
  for (let i = 0; i < runs; i++) cmds.forEach(([cmd, args, cwd], k) => samples[k].push(runOnce(cmd, args, cwd)));
  return samples.map((s) => ({ ms: median(s.map((x) => x.ms)), cpu: median(s.map((x) => x.cpu)), rss: Math.max(...s.map((x) => x.rss)), last: s.at(-1) }));
}

const node = process.execPath;
const restage = (cwd, ...args) => [node, [BIN, 'migrate', '--check', ...args], cwd];

// One small repository: one setup and an unrelated README, as a pre-commit hook sees it.
const one = fs.mkdtempSync(path.join(os.tmpdir(), 'restage-bench-one-'));
for (const f of TEMPLATES[0].files) write(path.join(one, f.rel), f.text, f.mode);
write(path.join(one, 'README.md'), '# unrelated\n');
git(one, 'init', '-q');
git(one, 'add', '-A');

const [floor, noop, single] = interleaved([[node, ['-e', '0'], one], restage(one, 'README.md'), restage(one, '.')], RUNS);
fs.rmSync(one, { recursive: true, force: true });

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const rows = [
  ['node -e 0 (floor)', floor, '1.00×', ''],
  ['no-op pre-commit run (--check README.md)', noop, `${(noop.ms / floor.ms).toFixed(2)}× floor`, 'target ≤ 1.25× floor'],
  ['one-setup run (--check .)', single, `${(single.ms / floor.ms).toFixed(2)}× floor`, 'target ≤ 2× floor'],
];

const perThousand = [];
const scanTargets = { 20000: 'target < 3 s, < 300 MB', 100000: 'target ≤ 4 s, ≤ 300 MB' };
for (const [files, wanted, sparse] of [...SIZES.map((f) => [f, undefined, false]), ...SPARSE.map(([f, n]) => [f, n, true])]) {
  const { dir, setups } = monorepo(files, wanted);
  const [scan, grep] = interleaved([restage(dir, '.'), ['git', ['grep', '-l', 'docker'], dir]], SCAN_RUNS);
  // The summary line says how many setups the scan found: the bench shows it rather than trusting the generator.
  const summary = /(\d+) setups? to migrate .*, (\d+) refused/.exec(scan.last.stderr);
  const found = summary ? Number(summary[1]) + Number(summary[2]) : NaN;
  if (found !== setups) console.error(`bench: expected ${setups} setups in the ${files}-file tree, restage reported ${found}`);
  const per = `${fmt(scan.ms / (files / 1000), 1)} ms, ${fmt(scan.rss / (files / 1000), 2)} MB per 1k files`;
  if (!sparse) perThousand.push({ files, ms: scan.ms / files });
  const target = sparse ? 'target ≤ 3× git grep' : (scanTargets[files] ?? '');
  rows.push([
    `full scan: ${files} files, ${found} setups`,
    scan,
    `${(scan.ms / grep.ms).toFixed(1)}× git grep`,
    `${fmt((found / scan.ms) * 1000)} setups/s; ${per}${target ? `; ${target}` : ''}`,
  ]);
  rows.push([`git grep -l docker, same tree`, grep, '', `${grep.last.stdout.split('\n').filter(Boolean).length} files match`]);
  if (process.env.BENCH_KEEP) console.error(`bench: kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
}

/** A committed repository holding the first template's setup and whatever `extra` writes into it. */
function oneSetup(extra) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'restage-bench-shape-'));
  for (const f of TEMPLATES[0].files) write(path.join(dir, f.rel), f.text, f.mode);
  extra(dir);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'bench shape');
  return dir;
}

/**
 * A release script of `n` statements, every fourth an assignment, a docker build, a push or an echo;
 * a script of n / 5 functions each called once from main; a Makefile exporting n / 10 variables to as
 * many targets: each grew with the square of its size.
 */
function largeScripts(dir, n) {
  const flat = ['#!/bin/bash', 'set -e', 'VERSION=${VERSION:-dev}'];
  for (let i = 0; i < n; i++)
    flat.push(
      [`export STEP_${i}=${i}`, `docker build -t "img-${i}:$VERSION" -f Dockerfile .`, `docker push "img-${i}:$VERSION"`, `echo "step ${i}" > /dev/null`][
        i % 4
      ],
    );
  write(path.join(dir, 'scripts', 'release.sh'), flat.join('\n') + '\n', 0o755);
  const fns = Array.from({ length: n / 5 }, (_, i) => `image_${i}() {\n  docker build -t "fn-${i}:dev" .\n}`);
  const main = `main() {\n${Array.from({ length: n / 5 }, (_, i) => `  image_${i}`).join('\n')}\n}\nmain "$@"`;
  write(path.join(dir, 'scripts', 'images.sh'), ['#!/bin/bash', ...fns, main].join('\n') + '\n', 0o755);
  // A Makefile of n / 10 targets that exports every variable (a bare `export`): each recipe line's shell starts with them all.
  const targets = Array.from({ length: n / 10 }, (_, i) => `IMG_${i} := reg.example.com/img-${i}:dev\nimage-${i}:\n\tdocker build -t $(IMG_${i}) .\n`);
  write(path.join(dir, 'images.mk'), ['export', ...targets].join('\n'));
}

if (SHAPES) {
  const small = oneSetup((d) => largeScripts(d, 5000));
  const large = oneSetup((d) => largeScripts(d, 20000));
  // 70,000 files git ignores (a Rust target/ and a virtualenv, one holding a copy of a setup): never entered.
  const ignored = oneSetup((d) => {
    write(path.join(d, '.gitignore'), 'target/\n.venv/\n');
    for (let i = 0; i < 50000; i++) write(path.join(d, 'target', 'debug', 'deps', `d${Math.floor(i / 250)}`, `lib${i}.rlib`), 'x'.repeat(200));
    for (let i = 0; i < 20000; i++) write(path.join(d, '.venv', 'lib', 'site-packages', `p${Math.floor(i / 200)}`, `m${i}.py`), '# docker\n');
    for (const f of TEMPLATES[0].files) write(path.join(d, '.venv', 'lib', 'site-packages', 'vendored', f.rel), f.text, f.mode);
  });
  const alone = oneSetup(() => {});
  const [s5, s20, ign, bare] = interleaved([restage(small, '.'), restage(large, '.'), restage(ignored, '.'), restage(alone, '.')], SCAN_RUNS);
  rows.push(['large scripts: 5,000 statements', s5, '', `${fmt(s5.ms / 5, 1)} ms per 1k statements`]);
  rows.push([
    'large scripts: 20,000 statements',
    s20,
    `${(s20.ms / 4 / s5.ms).toFixed(2)}× per stmt`,
    `${fmt(s20.ms / 20, 1)} ms per 1k statements; target ≤ 1.2× the 5,000 row's per statement (linear)`,
  ]);
  rows.push(['one setup + 70,000 git-ignored files', ign, `${(ign.ms / bare.ms).toFixed(2)}× one setup`, 'the same setup alone: next row']);
  rows.push(['the same setup alone', bare, '', '']);
  for (const d of [small, large, ignored, alone]) fs.rmSync(d, { recursive: true, force: true, maxRetries: 5 });
}

const cpu = os.cpus();
console.log(
  `restage bench: ${os.availableParallelism()} cpus (${cpu[0]?.model ?? 'unknown'}), Node ${process.version}, median of ${RUNS} runs (scans: ${SCAN_RUNS}), load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log('');
console.log(`| ${'run'.padEnd(42)} | ${'wall ms'.padStart(7)} | ${'ratio'.padStart(14)} | ${'CPU ms'.padStart(6)} | ${'peak RSS MB'.padStart(11)} | note |`);
console.log(`|${'-'.repeat(44)}|${'-'.repeat(8)}:|${'-'.repeat(15)}:|${'-'.repeat(7)}:|${'-'.repeat(12)}:|------|`);
for (const [name, r, ratio, note] of rows)
  console.log(
    `| ${name.padEnd(42)} | ${r.ms.toFixed(0).padStart(7)} | ${ratio.padStart(14)} | ${fmt(r.cpu).padStart(6)} | ${fmt(r.rss).padStart(11)} | ${note} |`,
  );
if (perThousand.length > 1) {
  const [small, large] = [perThousand[0], perThousand.at(-1)];
  console.log('');
  console.log(`growth: time per file at ${large.files} files is ${(large.ms / small.ms).toFixed(2)}× that at ${small.files} (target ≤ 1.2×: linear)`);
}
