// `restage migrate` and `restage verify` both start here: targets → roots → configuration → the
// repository pipeline (plan-repository.ts) → suppressions → optional atomic write.
import ioError from '../../rules/io-error.js';
import { applySuppressions } from '../config/suppress.js';
import type { RunReport } from '../emit/report.js';
import { writeChangesAtomically } from '../repo/write.js';
import { configuredRoots } from './configured-roots.js';
import { displayRoot, driverCandidates } from './targets.js';

export interface MigrateOptions {
  write: boolean;
  cwd: string;
}

export async function migrateTargets(targets: string[], opts: MigrateOptions): Promise<RunReport & { writeFailed: boolean }> {
  const report: RunReport & { writeFailed: boolean } = { roots: [], written: opts.write, writeFailed: false };
  for (const { root, selected, config, scan } of configuredRoots(targets, opts.cwd)) {
    if (!scan) {
      report.roots.push({ root: displayRoot(opts.cwd, root), setups: [], config });
      continue;
    }
    // Loaded here, not at the top: a pre-commit run on files no setup holds (above) never scans or plans,
    // and compiling the pipeline (and the child_process that lists git's index) was a third of such a run.
    const [{ diskRepoView, scanRepo }, { planRepositoryDetailed }, { PREFETCH_MIN_FILES, readOrder }] = await Promise.all([
      import('../repo/disk.js'),
      import('./plan-repository.js'),
      import('./read-order.js'),
    ]);
    const repo = scanRepo(root, selected ?? undefined);
    const order = readOrder(repo);
    // The reading thread's module (and node:worker_threads) loads only for a scan that starts one.
    const prefetch = order.length >= PREFETCH_MIN_FILES ? (await import('../repo/prefetch.js')).startPrefetch(root, order) : null;
    const view = diskRepoView(repo, prefetch && { files: order, prefetch });
    let planned: Awaited<ReturnType<typeof planRepositoryDetailed>>;
    try {
      // Every driver, even for a run on one file: a setup that holds it may be refused because of another
      // driver (two setups rewriting one Dockerfile, a flow from one driver to another's build), and a
      // driver may reach the file by a name it computes (`-f Dockerfile.$target`) or by a default one.
      planned = await planRepositoryDetailed(view, driverCandidates(repo), config.builderStage);
    } finally {
      prefetch?.close();
    }
    let setups = planned.setups;
    if (selected) setups = setups.filter((s) => s.files.some((f) => selected.has(f)));
    applySuppressions(setups, view, config);
    if (opts.write && !writeMigrations(root, setups)) report.writeFailed = true;
    report.roots.push({ root: displayRoot(opts.cwd, root), setups, config, notSetups: planned.notSetups.filter((n) => !selected || selected.has(n.file)) });
  }
  return report;
}

/** Each migrating setup written atomically; one that cannot be is refused with io-error. False if any failed. */
function writeMigrations(root: string, setups: RunReport['roots'][number]['setups']): boolean {
  let ok = true;
  for (const s of setups) {
    if (s.status !== 'migrate') continue;
    try {
      writeChangesAtomically(root, s.changes);
    } catch (err) {
      ok = false;
      s.status = 'refused';
      s.plan = null;
      s.diagnostics.push(
        ioError.report(
          { file: s.driver, line: 1, col: 1 },
          { detail: `could not write the migration, nothing of this setup was changed: ${err instanceof Error ? err.message : String(err)}` },
        ),
      );
    }
  }
  return ok;
}
