// What a run looks at: the roots its arguments name, the files selected in each, and the files some
// driver kind claims. Nothing here parses a driver.
import fs from 'node:fs';
import path from 'node:path';
import { driverKindOf } from '../drivers/claims.js';
import type { RepoFiles } from '../repo/disk.js';
import { gitTopLevel, isDockerfilePath, MAX_FILE_BYTES } from '../repo/names.js';
import { UsageError } from './usage-error.js';

/** Per root: null when it is scanned whole, else the repo-relative files the arguments named. */
export type Roots = Map<string, Set<string> | null>;

/**
 * Directories are scanned whole; files (as pre-commit passes them) select the setups they belong to,
 * found by scanning the work tree that holds them.
 */
export function resolveRoots(targets: string[], cwd: string): Roots {
  const roots: Roots = new Map();
  for (const t of targets) {
    const abs = path.resolve(cwd, t);
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
  return roots;
}

export function displayRoot(cwd: string, root: string): string {
  const rel = path.relative(cwd, root);
  return rel === '' ? '.' : rel.startsWith('..') ? root : rel;
}

/** Whether a changed file can belong to a setup: a driver or a Dockerfile; anything else needs no scan. */
export function mayBelongToSetup(root: string, rel: string): boolean {
  return isDockerfilePath(rel) || claimed(root, rel);
}

/** Whether a driver may use the selected file: it is named in its text, or it is a default `Dockerfile`. */
export function mayReference(driverText: string, selected: string): boolean {
  const base = path.posix.basename(selected);
  return base === 'Dockerfile' || driverText.includes(base);
}

/** Files some driver kind claims. */
export function driverCandidates(repo: RepoFiles): string[] {
  return repo.files.filter((f) => claimed(repo.root, f));
}

/** Only extensionless files need their first bytes (a shebang) read. */
function claimed(root: string, rel: string): boolean {
  return driverKindOf(rel, '') !== undefined || (!path.posix.basename(rel).includes('.') && driverKindOf(rel, readHead(root, rel)) !== undefined);
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
