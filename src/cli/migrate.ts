import fs from 'node:fs';
import path from 'node:path';
import ioError from '../../rules/io-error.js';
import { driverFor } from '../drivers/index.js';
import type { RunReport } from '../emit/report.js';
import { applySuppressions } from '../config/suppress.js';
import { ConfigError, loadConfig, type RestageConfig } from '../config/load.js';
import { planRepositoryDetailed } from '../plan/setups.js';
import { diskRepoView, gitTopLevel, isDockerfilePath, MAX_FILE_BYTES, scanRepo, type RepoFiles } from '../repo/disk.js';
import { writeChangesAtomically } from '../repo/write.js';

export class UsageError extends Error {}

export interface MigrateOptions {
  write: boolean;
  cwd: string;
}

/**
 * Directories are scanned whole; files (as pre-commit passes them) select the setups they belong to,
 * found by scanning the work tree that holds them.
 */
export async function migrateTargets(targets: string[], opts: MigrateOptions): Promise<RunReport & { writeFailed: boolean }> {
  const roots = new Map<string, Set<string> | null>();
  for (const t of targets) {
    const abs = path.resolve(opts.cwd, t);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new UsageError(`${t}: no such file or directory`);
    }
    if (st.isDirectory()) {
      roots.set(abs, null);
      continue;
    }
    const root = gitTopLevel(path.dirname(abs)) ?? path.dirname(abs);
    if (roots.get(root) === null) continue;
    const selected = roots.get(root) ?? new Set<string>();
    selected.add(path.relative(root, abs).split(path.sep).join('/'));
    roots.set(root, selected);
  }

  // A root inside a directory that is scanned whole (`migrate strip .`) would report its setups twice.
  for (const r of [...roots.keys()]) {
    if ([...roots].some(([d, sel]) => sel === null && d !== r && r.startsWith(d + path.sep))) roots.delete(r);
  }

  // Every configuration is read before anything is written: a bad one stops the run with no change.
  const configs = new Map([...roots.keys()].map((root) => [root, loadRootConfig(root)]));
  const report: RunReport & { writeFailed: boolean } = { roots: [], written: opts.write, writeFailed: false };
  for (const [root, selected] of roots) {
    const config = configs.get(root)!;
    // A changed file that is neither a driver nor a Dockerfile belongs to no setup: nothing to scan.
    if (selected && ![...selected].some((f) => mayBelongToSetup(root, f))) {
      report.roots.push({ root: displayRoot(opts.cwd, root), setups: [], config });
      continue;
    }
    const repo = scanRepo(root);
    const view = diskRepoView(repo);
    let candidates = driverCandidates(repo);
    if (selected) candidates = candidates.filter((d) => selected.has(d) || [...selected].some((f) => mayReference(view.readText(d) ?? '', f)));
    const planned = await planRepositoryDetailed(view, candidates, config.builderStage);
    let setups = planned.setups;
    if (selected) setups = setups.filter((s) => s.files.some((f) => selected.has(f)));
    applySuppressions(setups, view, config);
    if (opts.write) {
      for (const s of setups) {
        if (s.status !== 'migrate') continue;
        try {
          writeChangesAtomically(root, s.changes);
        } catch (err) {
          report.writeFailed = true;
          s.status = 'refused';
          s.plan = null;
          s.diagnostics.push(ioError.report({ file: s.driver, line: 1, col: 1 }, { detail: `could not write the migration, nothing of this setup was changed: ${err instanceof Error ? err.message : String(err)}` }));
        }
      }
    }
    report.roots.push({ root: displayRoot(opts.cwd, root), setups, config, notSetups: planned.notSetups.filter((n) => !selected || selected.has(n.file)) });
  }
  return report;
}

function loadRootConfig(root: string): RestageConfig {
  try {
    return loadConfig(root);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}

function displayRoot(cwd: string, root: string): string {
  const rel = path.relative(cwd, root);
  return rel === '' ? '.' : rel.startsWith('..') ? root : rel;
}

function mayBelongToSetup(root: string, rel: string): boolean {
  return isDockerfilePath(rel) || driverFor(rel, '') !== undefined || (!path.posix.basename(rel).includes('.') && driverFor(rel, readHead(root, rel)) !== undefined);
}

/** Whether a driver may use the selected file: it is named in its text, or it is a default `Dockerfile`. */
function mayReference(driverText: string, selected: string): boolean {
  const base = path.posix.basename(selected);
  return base === 'Dockerfile' || driverText.includes(base);
}

/** Files some driver kind claims; only extensionless files need their first bytes (a shebang) read. */
function driverCandidates(repo: RepoFiles): string[] {
  return repo.files.filter((f) => driverFor(f, '') !== undefined || (!path.posix.basename(f).includes('.') && driverFor(f, readHead(repo.root, f)) !== undefined));
}

/** The first bytes of a file inside the root (a file argument may be a link out of it: that one is not read). */
function readHead(root: string, rel: string): string {
  try {
    const real = fs.realpathSync(path.join(root, rel));
    if (!real.startsWith(fs.realpathSync(root) + path.sep)) return '';
    const fd = fs.openSync(real, 'r');
    try {
      const st = fs.fstatSync(fd);
      if (st.size > MAX_FILE_BYTES) return '';
      const buf = Buffer.alloc(64);
      const n = fs.readSync(fd, buf, 0, 64, 0);
      return buf.subarray(0, n).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}
