import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { RepoView } from '../plan/repo-view.js';

export const MAX_FILE_BYTES = 1024 * 1024;
const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** `.env` files count: compose substitutes `dockerfile: ${DOCKERFILE}` from them. */
const REFERENCE_FILE = /(\.ya?ml|\.json|\.sh|\.bash|\.mk|\.toml|\.hcl|Makefile|makefile|GNUmakefile|Jenkinsfile|Dockerfile[^/]*|\.Dockerfile|(^|\/)\.env(\.[^/]+)?|\.env)$/;

export interface RepoFiles {
  /** Absolute root. */
  root: string;
  /** Every regular file under the root (repo-relative POSIX), walked once. */
  files: string[];
  /** Directories the walk listed in full (repo-relative POSIX, '' the root). */
  listedDirs: Set<string>;
  /** Entries the walk saw that are neither directories nor regular files: links, FIFOs, sockets. */
  otherEntries: Set<string>;
  /** Files a fresh checkout has (git's index) when the root is in a git work tree, else null. */
  tracked: Set<string> | null;
}

export function scanRepo(root: string): RepoFiles {
  const files: string[] = [];
  const listedDirs = new Set<string>();
  const otherEntries = new Set<string>();
  const walk = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    listedDirs.add(rel);
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(child);
      } else if (e.isFile()) files.push(child);
      else otherEntries.add(child);
    }
  };
  walk('');
  files.sort();
  return { root, files, listedDirs, otherEntries, tracked: gitTracked(root) };
}

function gitTracked(root: string): Set<string> | null {
  const r = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0 || r.error) return null;
  return new Set(r.stdout.split('\0').filter((f) => f !== ''));
}

/** A RepoView over the files on disk; it never reads outside the root or through a symlink out of it. */
export function diskRepoView(repo: RepoFiles): RepoView {
  const cache = new Map<string, string | null>();
  const present = repo.tracked ?? new Set(repo.files);
  // Every setup asks for these (is its builder Dockerfile named elsewhere?): filtering 20,000 paths per setup was most of a scan.
  let references: string[] | undefined;
  let docs: string[] | undefined;
  let walked: Set<string> | undefined;
  let realRoot: string | null | undefined;
  const dirs = new Set<string>();
  for (const f of present) for (let d = path.posix.dirname(f); d !== '.'; d = path.posix.dirname(d)) dirs.add(d);
  return {
    readText(rel) {
      if (!cache.has(rel)) {
        walked ??= new Set(repo.files);
        if (walked.has(rel)) {
          // The walk reached it through real directories only: no link to resolve, bar a file swapped for one since.
          cache.set(rel, readRegularFile(path.join(repo.root, rel), fs.constants.O_NOFOLLOW));
        } else if (repo.listedDirs.has(path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel)) && !repo.otherEntries.has(rel)) {
          // Its directory was listed and it was no file or link there: a .dockerignore most setups lack, say.
          cache.set(rel, null);
        } else {
          realRoot ??= realpathOrNull(repo.root);
          cache.set(rel, realRoot === null ? null : readInside(repo.root, rel, realRoot));
        }
      }
      return cache.get(rel) ?? null;
    },
    isDir: (rel) => rel === '' || dirs.has(rel),
    isFile: (rel) => present.has(rel),
    referenceCandidates: () => (references ??= repo.files.filter((f) => REFERENCE_FILE.test(f))),
    documents: () => (docs ??= repo.files.filter((f) => /\.(md|markdown|rst|adoc)$/i.test(f))),
  };
}

function realpathOrNull(p: string): string | null {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return null;
  }
}

/** `realRoot` is the root with its links resolved, which the caller computes once for many reads. */
export function readInside(root: string, rel: string, realRoot: string): string | null {
  if (rel === '' || rel.split('/').includes('..') || path.isAbsolute(rel)) return null;
  const abs = path.join(root, rel);
  try {
    const real = fs.realpathSync.native(abs);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
    return readRegularFile(real, 0);
  } catch {
    return null;
  }
}

/** The text of a regular file of at most MAX_FILE_BYTES, or null; one open, one fstat, one read. */
function readRegularFile(abs: string, flags: number): string | null {
  let fd: number;
  try {
    // Non-blocking, so a FIFO in the tree is opened (then refused by fstat) instead of hanging the run.
    fd = fs.openSync(abs, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | flags);
  } catch {
    return null;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > MAX_FILE_BYTES) return null;
    return fs.readFileSync(fd, 'utf8');
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** The git work tree holding `dir` (the nearest ancestor with a `.git`), or null; no process is started. */
export function gitTopLevel(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return null;
  }
}

/** `Dockerfile`, `Dockerfile.build`, `app.Dockerfile`, any case of the `d`, in any directory. */
export function isDockerfilePath(rel: string): boolean {
  return /(^|\/)([^/]*\.)?[Dd]ockerfile(\.[^/]*)?$/.test(rel);
}
