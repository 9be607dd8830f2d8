// `restage verify`: build every setup's legacy and migrated images with the local engine and compare them.
import fs from 'node:fs';
import path from 'node:path';
import type { Io } from '../pipeline/io.js';
import { migrateTargets } from '../pipeline/migrate.js';
import { UsageError } from '../pipeline/usage-error.js';
import type { SetupResult } from '../plan/setups.js';
import { diskRepoView, scanRepo } from '../repo/disk.js';
import { findBuildClient, type BuildClient } from './client.js';
import { engineStatus, selectEngine, START_ENGINE_HELP } from './engine.js';
import { verifyMarkdown } from './measures-text.js';
import { newRunId } from './owned.js';
import { runInOrder } from './ordered-pool.js';
import { reportJson, setupText, summaryText, type SetupReport, type VerifyReport } from './report.js';
import { Interrupted, verifySetup, type SetupJob, type VerifySession } from './verify-setup.js';
import { archiveRevision, gitLocation, removeTree, resolveRevision } from './workspace.js';

export type VerifyFormat = 'text' | 'json' | 'markdown';

export interface VerifyOptions {
  format: VerifyFormat;
  /** Run the repository's driver script as written instead of replaying restage's plan. */
  runDriver?: boolean;
  /** Replay restage's plan on the migrated side too: proves the merged Dockerfile, not the rewritten driver. */
  planOnly?: boolean;
  /** The checkout is already migrated: the legacy side is this git revision. */
  base?: string;
  /** A Docker context (as DOCKER_CONTEXT) and a buildx builder (as BUILDX_BUILDER) to use. */
  context?: string;
  builder?: string;
  /** Time a warm rebuild of each side after changing one builder source (default true). */
  warm?: boolean;
  /** Setups verified at once (default 1); results are printed in setup order all the same. */
  jobs?: number;
  /** One line per build step on stderr (the CLI sets it when stderr is a terminal). */
  progress?: boolean;
}

/** Exit codes: 0 every setup equivalent (or none found), 1 any different, unbuildable or refused, 2 no engine or usage error, 130 interrupted. */
export async function runVerify(paths: string[], opts: VerifyOptions, io: Pick<Io, 'stdout' | 'stderr' | 'cwd'>): Promise<number> {
  const targets = paths.length > 0 ? paths : ['.'];
  const temps: string[] = [];
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  try {
    let found: Found;
    try {
      found = opts.base === undefined ? await planCheckout(targets, io.cwd) : await planBase(targets, opts.base, io.cwd, temps);
    } catch (err) {
      if (err instanceof UsageError) {
        io.stderr(`restage: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
    const report: VerifyReport = {
      version: 2,
      mode: opts.runDriver ? 'run-driver' : opts.planOnly ? 'plan' : 'rewritten-driver',
      base: opts.base ?? null,
      engine: null,
      setups: [],
    };
    selectEngine({ context: opts.context ?? null, builder: opts.builder ?? null });
    let client: BuildClient = { kind: 'docker-buildkit', version: '' };
    if (found.some((f) => f.setup.status === 'migrate')) {
      const engine = engineStatus();
      if (!engine.ok) {
        io.stderr(`restage verify: no Docker engine answers (${engine.reason});\n${START_ENGINE_HELP}\n`);
        return 2;
      }
      const check = findBuildClient(opts.builder ?? null);
      if (!check.ok) {
        io.stderr(`restage verify: cannot build with BuildKit: ${check.reason}\n`);
        return 2;
      }
      client = check.client;
      report.engine = {
        server: engine.version,
        id: engine.id,
        dataRoot: engine.dataRoot,
        client: check.describe,
        host: process.env.DOCKER_HOST ?? null,
        context: opts.context ?? process.env.DOCKER_CONTEXT ?? null,
      };
    }
    const runId = newRunId();
    // One session per setup: progress lines name their setup when several run at once.
    const sessionFor = (display: string): VerifySession => {
      const session: VerifySession = {
        runId,
        mode: report.mode,
        client,
        warm: opts.warm ?? true,
        step: async (label, i, total) => {
          if (opts.progress) io.stderr(`restage verify: ${display}: ${label} (${i}/${total})…\n`);
          await session.checkInterrupt();
        },
        checkInterrupt: async () => {
          await new Promise((resolve) => setImmediate(resolve));
          if (interrupted) throw new Interrupted('interrupted');
        },
      };
      return session;
    };
    const verifyOne = async (f: Found[number], i: number): Promise<SetupReport> => {
      if (f.setup.status !== 'migrate' || f.job === null) {
        return {
          driver: f.display,
          verdict: 'refused',
          compared: null,
          differences: [],
          rules: [...new Set(f.setup.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId))],
          notes: [],
        };
      }
      return verifySetup(f.job, i + 1, sessionFor(f.display));
    };
    try {
      await runInOrder(found, opts.jobs ?? 1, verifyOne, (result) => {
        report.setups.push(result);
        if (opts.format === 'text') io.stdout(setupText(result));
      });
    } catch (err) {
      if (!(err instanceof Interrupted)) throw err;
      // Every setup running then has removed what it made (verifySetup's finally) before this line.
      io.stderr('restage verify: interrupted; what it had built is removed\n');
      return 130;
    }
    if (opts.format === 'json') io.stdout(reportJson(report));
    else if (opts.format === 'markdown') io.stdout(verifyMarkdown(report));
    else io.stderr(summaryText(report));
    return report.setups.every((s) => s.verdict === 'equivalent') ? 0 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    for (const t of temps) removeTree(t);
  }
}

type Found = { display: string; setup: SetupResult; job: SetupJob | null }[];

/** Setups as `restage migrate` finds them (directories, or files as pre-commit passes them). */
async function planCheckout(targets: string[], cwd: string): Promise<Found> {
  const report = await migrateTargets(targets, { write: false, cwd });
  const found: Found = [];
  for (const r of report.roots) {
    const root = path.resolve(cwd, r.root);
    const view = diskRepoView(scanRepo(root));
    for (const s of r.setups) {
      // Left alone by the configuration or a `# restage-ignore`: nothing to verify.
      if (s.status === 'skipped') continue;
      const job = s.plan ? { display: shown(cwd, root, s.driver), plan: s.plan, legacyTree: root, migratedTree: root, changes: s.changes, view } : null;
      found.push({ display: shown(cwd, root, s.driver), setup: s, job });
    }
  }
  return found;
}

/** --base REV: the setups of REV's tree (planned there), the migrated side being the checkout as it is. */
async function planBase(targets: string[], rev: string, cwd: string, temps: string[]): Promise<Found> {
  const found: Found = [];
  for (const t of targets) {
    const dir = path.resolve(cwd, t);
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${t}: --base needs a directory (the root of the migrated setups)`);
    const git = gitLocation(dir);
    if (!git) throw new UsageError(`${t}: --base needs a git work tree`);
    const commit = resolveRevision(git.top, rev);
    if (!commit) throw new UsageError(`${rev}: no such revision in ${git.top}`);
    const { dir: temp, root } = archiveRevision(git.top, commit, git.prefix);
    temps.push(temp);
    const report = await migrateTargets([root], { write: false, cwd: root });
    const view = diskRepoView(scanRepo(root));
    for (const s of report.roots.flatMap((r) => r.setups)) {
      if (s.status === 'skipped') continue;
      const display = shown(cwd, dir, s.driver);
      found.push({ display, setup: s, job: s.plan ? { display, plan: s.plan, legacyTree: root, migratedTree: dir, changes: [], view } : null });
    }
  }
  return found;
}

function shown(cwd: string, root: string, rel: string): string {
  const p = path.relative(cwd, path.join(root, rel));
  return p.startsWith('..') ? path.join(root, rel) : p;
}
