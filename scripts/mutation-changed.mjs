// Mutation testing of what a branch changed: the files under the four mutated folders that differ
// from the base (default origin/main, or MUTATION_BASE), handed to Stryker as --mutate. The full run
// (`npm run mutation`) takes hours on a 2-core machine; a change touches a few files, which take minutes.
// Extra arguments go to Stryker (`-- --incremental` reuses reports/stryker-incremental.json).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const base = process.env.MUTATION_BASE ?? 'origin/main';
const diff = spawnSync('git', ['diff', '--name-only', '--diff-filter=AMR', `${base}...HEAD`], { encoding: 'utf8' });
if (diff.status !== 0) {
  process.stderr.write(`mutation-changed: git diff against ${base} failed: ${diff.stderr}`);
  process.exit(2);
}
const files = diff.stdout
  .split('\n')
  .filter(
    (f) =>
      (/^(src\/(plan|drivers|synthesize)\/|rules\/).*\.ts$/.test(f) || /^src\/dockerfile\/(paths|dockerignore|image-ref|models)\.ts$/.test(f)) &&
      fs.existsSync(f),
  );
if (files.length === 0) {
  process.stdout.write(`mutation-changed: no file under src/plan, src/drivers, src/synthesize or rules/ differs from ${base}\n`);
  process.exit(0);
}
process.stdout.write(`mutation-changed: ${files.join(' ')}\n`);
const r = spawnSync('npx', ['stryker', 'run', '--mutate', files.join(','), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
