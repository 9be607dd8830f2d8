// The full mutation run in chunks: one Stryker run per group of files, each with its own JSON report
// and incremental file under reports/mutation/chunks/, merged into reports/mutation/mutation.json with
// a score per mutated folder. A single `stryker run` over the four folders is about 13,000 mutants and
// hours on a 2-core machine; if it is stopped it keeps nothing. A chunk that finished keeps its report,
// and a re-run reuses every result whose code and covering tests did not change (Stryker's
// --incremental), so the run can be stopped and resumed, and a chunk re-run after new tests.
//
//   node scripts/mutation-chunks.mjs [--list] [--merge-only] [chunk-name…] [-- stryker args]
//
// Chunks named on the command line run in that order; `npm run mutation` runs them all.
//
// MUTATION_FAST=1 (see vitest.mutation.config.ts) makes every chunk a lower bound of the full score.
//
// A finished chunk's report and incremental file are also kept, gzipped, in mutation/results/ (tracked
// in git, with the commit it measured): a machine that does not keep reports/ starts each chunk from the
// last committed results, so a full run can be spread over several sessions and only what changed since
// is re-tested.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';

const CHUNK_DIR = 'reports/mutation/chunks';
const KEPT_DIR = 'mutation/results';

/** The chunk's committed copy of a reports/ file (`<name>.json`, `<name>.incremental.json`). */
const kept = (file) => `${KEPT_DIR}/${file}.gz`;

/** reports/ first (this machine's latest), else the committed copy; null when neither exists. */
function readChunkFile(file) {
  if (fs.existsSync(`${CHUNK_DIR}/${file}`)) return fs.readFileSync(`${CHUNK_DIR}/${file}`, 'utf8');
  if (fs.existsSync(kept(file))) return zlib.gunzipSync(fs.readFileSync(kept(file))).toString('utf8');
  return null;
}

function keep(file) {
  fs.mkdirSync(KEPT_DIR, { recursive: true });
  fs.writeFileSync(kept(file), zlib.gzipSync(fs.readFileSync(`${CHUNK_DIR}/${file}`), { level: 9 }));
}

function headCommit() {
  const r = spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}
const base = JSON.parse(fs.readFileSync('stryker.config.json', 'utf8'));

/** The folder a file's score is reported under (issue 13 names these four, plus the Dockerfile helpers the planner moved out). */
function folderOf(file) {
  const m = /^(src\/plan|src\/drivers|src\/synthesize|rules|src\/dockerfile)\//.exec(file);
  return m ? m[1] : 'other';
}

/**
 * Chunks named after what they hold, each small enough (about 500–1,000 mutants, 30–70 minutes on two
 * cores) to finish inside one working session: a run that is stopped keeps nothing, and the earlier
 * chunks of 2,000 mutants (plan-merge) never finished. A file belongs to the first chunk that matches.
 */
const under = (dir) => (f) => f.startsWith(dir);
const named =
  (...files) =>
  (f) =>
    files.includes(f);
const CHUNKS = [
  ['rules', (f) => f.startsWith('rules/') || f.startsWith('src/dockerfile/')],
  ['synthesize', under('src/synthesize/')],
  ['drivers-js-index-a', named('src/drivers/js/index.ts:1-560')],
  ['drivers-js-index-b', named('src/drivers/js/index.ts:561-100000')],
  ['drivers-js', under('src/drivers/js/')],
  ['drivers-makefile', named('src/drivers/make/makefile.ts')],
  ['drivers-make-expand', named('src/drivers/make/expand.ts', 'src/drivers/make/text.ts', 'src/drivers/make/recipe.ts')],
  ['drivers-make', under('src/drivers/make/')],
  ['drivers-sh', (f) => f.startsWith('src/drivers/sh/') || f === 'src/drivers/docker-cli.ts'],
  ['drivers-ci', (f) => f.startsWith('src/drivers/ci/') || f.startsWith('src/drivers/package-json/')],
  ['drivers-other', under('src/drivers/')],
  ['plan-recognise-containers', (f) => /^src\/plan\/recognise\/(container-copy|containers|export|build-output)\.ts$/.test(f)],
  ['plan-recognise', under('src/plan/recognise/')],
  ['plan-surrounding-steps', named('src/plan/surrounding-steps.ts')],
  ['plan-merge', named('src/plan/merge.ts', 'src/plan/merge-args.ts')],
  ['plan-copies', named('src/plan/runtime-copies.ts', 'src/plan/consumers.ts', 'src/plan/setups.ts')],
  ['plan-run-extraction', named('src/plan/run-extraction.ts', 'src/plan/tar-pipe.ts')],
  ['plan-build-steps', named('src/plan/host-steps.ts', 'src/plan/read-build.ts', 'src/plan/run-image.ts')],
  ['plan-driver', named('src/plan/plan-driver.ts', 'src/plan/mentions.ts', 'src/plan/flow-coverage.ts', 'src/plan/kept-lines.ts')],
  ['plan-other', under('src/plan/')],
];

function mutatedFiles() {
  const patterns = base.mutate.map(
    (g) =>
      new RegExp(
        '^' +
          g
            .replace(/[.]/g, '\\.')
            .replace(/\*\*\//g, '(?:.*/)?')
            .replace(/\*/g, '[^/]*') +
          '$',
      ),
  );
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  return listed.stdout
    .split('\0')
    .filter((f) => f && fs.existsSync(f) && patterns.some((p) => p.test(f)))
    .sort();
}

/**
 * Files too large for one chunk (1,600 mutants, 80 minutes under load), mutated in line ranges
 * (Stryker's `file:from-to`), each range a chunk of its own whose report holds that part's mutants.
 */
const SPLIT = new Map([['src/drivers/js/index.ts', ['1-560', '561-100000']]]);

function chunked(files) {
  const out = new Map(CHUNKS.map(([name]) => [name, []]));
  for (const f of files.flatMap((file) => (SPLIT.get(file) ?? [null]).map((range) => (range ? `${file}:${range}` : file)))) {
    const hit = CHUNKS.find(([, test]) => test(f));
    if (hit) out.get(hit[0]).push(f);
  }
  return out;
}

function runChunk(name, files, strykerArgs) {
  const config = {
    ...base,
    mutate: files,
    reporters: ['json', 'progress-append-only'],
    jsonReporter: { fileName: `${CHUNK_DIR}/${name}.json` },
    incrementalFile: `${CHUNK_DIR}/${name}.incremental.json`,
  };
  delete config.htmlReporter;
  delete config.$schema;
  const configFile = `${CHUNK_DIR}/${name}.config.json`;
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  // Resume from the committed results when this machine has none of its own.
  const incremental = `${name}.incremental.json`;
  if (!fs.existsSync(`${CHUNK_DIR}/${incremental}`)) {
    const committed = readChunkFile(incremental);
    if (committed !== null) fs.writeFileSync(`${CHUNK_DIR}/${incremental}`, committed);
  }
  const started = Date.now();
  process.stdout.write(`mutation-chunks: ${name}: ${files.length} files\n`);
  const r = spawnSync('npx', ['stryker', 'run', configFile, '--incremental', ...strykerArgs], { stdio: 'inherit' });
  const seconds = Math.round((Date.now() - started) / 1000);
  process.stdout.write(`mutation-chunks: ${name}: exit ${r.status}, ${seconds} s\n`);
  if (r.status === 0) {
    const meta = { fast: !!process.env.MUTATION_FAST, seconds, finished: new Date().toISOString(), commit: headCommit(), strykerArgs };
    fs.writeFileSync(`${CHUNK_DIR}/${name}.meta.json`, JSON.stringify(meta));
    fs.mkdirSync(KEPT_DIR, { recursive: true });
    fs.writeFileSync(`${KEPT_DIR}/${name}.meta.json`, `${JSON.stringify(meta, null, 2)}\n`);
    keep(`${name}.json`);
    keep(incremental);
  }
  return r.status === 0;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** mutation-testing-elements' score: detected / (detected + undetected); compile errors and ignored mutants are not valid. */
function score(counts) {
  const detected = [...DETECTED].reduce((n, s) => n + (counts[s] ?? 0), 0);
  const valid = detected + [...UNDETECTED].reduce((n, s) => n + (counts[s] ?? 0), 0);
  return { detected, valid, percent: valid === 0 ? NaN : (100 * detected) / valid };
}

function merge(chunkNames) {
  const merged = { schemaVersion: '1', thresholds: { high: base.thresholds.high, low: base.thresholds.low }, files: {} };
  const missing = [];
  const chunkRows = [];
  for (const name of chunkNames) {
    const text = readChunkFile(`${name}.json`);
    if (text === null) {
      missing.push(name);
      continue;
    }
    const report = JSON.parse(text);
    const metaFile = [`${CHUNK_DIR}/${name}.meta.json`, `${KEPT_DIR}/${name}.meta.json`].find((f) => fs.existsSync(f));
    const meta = metaFile ? JSON.parse(fs.readFileSync(metaFile, 'utf8')) : null;
    const counts = {};
    for (const { mutants } of Object.values(report.files)) for (const m of mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
    chunkRows.push([`${name}${meta?.fast ? ' (fast)' : ''}`, counts, meta]);
    // A file mutated in ranges (SPLIT) has its mutants in several chunks' reports.
    for (const [file, result] of Object.entries(report.files)) {
      const seen = merged.files[file];
      merged.files[file] = seen ? { ...seen, mutants: [...seen.mutants, ...result.mutants] } : result;
    }
    merged.testFiles = { ...(merged.testFiles ?? {}), ...(report.testFiles ?? {}) };
    merged.projectRoot ??= report.projectRoot;
  }
  fs.writeFileSync('reports/mutation/mutation.json', JSON.stringify(merged));
  const byFolder = new Map();
  for (const [file, { mutants }] of Object.entries(merged.files)) {
    const counts = byFolder.get(folderOf(file)) ?? {};
    for (const m of mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
    byFolder.set(folderOf(file), counts);
  }
  const rows = [...byFolder].sort(([a], [b]) => a.localeCompare(b));
  const total = {};
  for (const [, counts] of rows) for (const [s, n] of Object.entries(counts)) total[s] = (total[s] ?? 0) + n;
  const line = (label, counts) => {
    const s = score(counts);
    const rest = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'Ignored'].map((k) => `${k} ${counts[k] ?? 0}`).join(', ');
    return `${label.padEnd(22)} ${Number.isNaN(s.percent) ? '   -  ' : s.percent.toFixed(1).padStart(5) + ' %'}  (${rest})\n`;
  };
  process.stdout.write(`\nmutation score by chunk ("fast": run with MUTATION_FAST=1, a lower bound of the full score)\n`);
  for (const [label, counts, meta] of chunkRows)
    process.stdout.write(
      line(label, counts).replace(
        /\n$/,
        meta ? `, ${meta.seconds} s, ${meta.finished.slice(0, 16)}${meta.commit ? ` at ${meta.commit.slice(0, 7)}` : ''}\n` : '\n',
      ),
    );
  process.stdout.write(`\nmutation score by folder (reports/mutation/mutation.json)\n`);
  for (const [folder, counts] of rows) process.stdout.write(line(folder, counts));
  process.stdout.write(line('all', total));
  if (missing.length) process.stdout.write(`not run yet: ${missing.join(', ')}\n`);
}

const argv = process.argv.slice(2);
const dashes = argv.indexOf('--');
const own = dashes === -1 ? argv : argv.slice(0, dashes);
const strykerArgs = dashes === -1 ? [] : argv.slice(dashes + 1);
const chunks = chunked(mutatedFiles());
const unknown = own.filter((a) => !a.startsWith('--') && !chunks.has(a));
if (unknown.length) {
  process.stderr.write(`mutation-chunks: no chunk named ${unknown.join(', ')} (chunks: ${[...chunks.keys()].join(', ')})\n`);
  process.exit(2);
}
if (own.includes('--list')) {
  for (const [name, files] of chunks) process.stdout.write(`${name}: ${files.join(' ')}\n`);
  process.exit(0);
}
fs.mkdirSync(CHUNK_DIR, { recursive: true });
const selected = own.filter((a) => !a.startsWith('--'));
let ok = true;
if (!own.includes('--merge-only')) {
  // In the order given (the chunks that matter most first: a run may be stopped), else in table order.
  for (const name of selected.length ? selected : [...chunks.keys()]) {
    const files = chunks.get(name);
    if (files.length) ok = runChunk(name, files, strykerArgs) && ok;
  }
}
merge([...chunks.keys()]);
process.exit(ok ? 0 : 1);
