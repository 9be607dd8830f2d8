// Temporary trees the builds run in: the user's checkout is only ever read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BuildPlan } from '../plan/model.js';
import type { RepoView } from '../repo/view.js';
import { writeChangesAtomically } from '../repo/write.js';
import type { FileChange } from '../text/file-change.js';
import { run, runOk } from './engine.js';

function makeTempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `restage-verify-${label}-`));
}

/** A copy of the tree (symlinks as they are), in a fresh temp dir. */
export function copyTree(src: string, label: string): string {
  const dest = makeTempDir(label);
  fs.cpSync(src, dest, { recursive: true, verbatimSymlinks: true });
  return dest;
}

export function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function applyChanges(root: string, changes: FileChange[]): void {
  writeChangesAtomically(root, changes);
}

/**
 * The plan reads the repository as a fresh checkout has it. A working tree may still hold an artifact
 * from an earlier legacy build (./app, out/), which would change where docker cp puts the new one and
 * what a context COPY takes: in the copies, whatever sits at an artifact's path and is not part of
 * the checkout goes.
 */
export function removeStaleArtifacts(root: string, plan: BuildPlan, view: RepoView): void {
  const paths = new Set<string>();
  for (const e of plan.extractions) {
    paths.add(e.hostPath);
    if (!e.destExisted) paths.add(e.dest);
  }
  for (const p of paths) {
    if (p === '' || view.isDir(p) || view.isFile(p)) continue;
    fs.rmSync(path.join(root, p), { recursive: true, force: true });
  }
}

/** The git work tree holding dir, and dir's path inside it. */
export function gitLocation(dir: string): { top: string; prefix: string } | null {
  const r = run('git', ['rev-parse', '--show-toplevel'], { cwd: dir });
  if (r.status !== 0) return null;
  const top = fs.realpathSync(r.stdout.trim());
  const prefix = path.relative(top, fs.realpathSync(dir)).split(path.sep).join('/');
  return { top, prefix };
}

export function resolveRevision(top: string, rev: string): string | null {
  const r = run('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: top });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** The tree of `prefix` at `commit` (as `git archive` gives it: tracked files only), in a temp dir. */
export function archiveRevision(top: string, commit: string, prefix: string): { dir: string; root: string } {
  const dir = makeTempDir('base');
  const tar = path.join(dir, 'tree.tar');
  runOk('git', ['archive', '--format=tar', '-o', tar, commit, ...(prefix === '' ? [] : ['--', prefix])], { cwd: top });
  const tree = path.join(dir, 'tree');
  fs.mkdirSync(tree);
  runOk('tar', ['-x', '-f', tar, '-C', tree]);
  fs.rmSync(tar);
  const root = path.join(tree, prefix);
  fs.mkdirSync(root, { recursive: true });
  return { dir, root };
}
