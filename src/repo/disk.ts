import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { indexPaths } from './git-index.js';
import { isDockerfilePath, isDocument, MAX_FILE_BYTES } from './names.js';
import type { Prefetch, PrefetchedRead } from './prefetch.js';
import type { RepoView, SkippedFile } from './view.js';
import { MENTIONS_CLIENT } from '../text/client-names.js';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** `.env` files count: compose substitutes `dockerfile: ${DOCKERFILE}` from them. */
const REFERENCE_FILE =
  /(\.ya?ml|\.json|\.sh|\.bash|\.mk|\.toml|\.hcl|Makefile|makefile|GNUmakefile|Jenkinsfile|Dockerfile[^/]*|\.Dockerfile|(^|\/)\.env(\.[^/]+)?|\.env)$/;

/** Whether a file is searched for mentions of what a migration removes (CI files, scripts, configs, Dockerfiles). */
export function isReferenceCandidate(rel: string): boolean {
  return REFERENCE_FILE.test(rel);
}

export interface RepoFiles {
  /** Absolute root. */
  root: string;
  /** Every regular file under the root (repo-relative POSIX), walked once. */
  files: string[];
  /** The same files as a set. */
  walked: ReadonlySet<string>;
  /**
   * Files a fresh checkout has (git's index) when the root is in a git work tree, else null. The same
   * set as `walked` when the two hold the same files: neither is written to.
   */
  tracked: ReadonlySet<string> | null;
  /** The directories that hold `tracked` (or, outside a work tree, `walked`), '' left out. */
  dirs: ReadonlySet<string>;
  /** Directories the walk listed (real directories, not links), '' for the root. */
  listed: Set<string>;
  /**
   * Entries of listed directories that are neither regular files nor listed: links, FIFOs, skipped
   * directories, and what git ignores (files, and directories the walk did not enter). Read by name only.
   */
  others: Set<string>;
}

/**
 * `keep`: files a run names (a pre-commit hook's, a user's), listed even where git ignores them.
 *
 * In a git work tree the walk takes what git would: the files in its index and untracked ones no ignore
 * rule covers. A directory git ignores (a virtualenv, `target/`, a vendored copy of some package with
 * its own `build.sh`) is not entered and an ignored file is not listed: neither is in the repository, a
 * fresh checkout has neither, and a setup found there would be migrated in files no commit holds. They
 * stay readable by name, as links are. A root git lists nothing in (a directory it ignores, named on
 * the command line) is walked as a plain directory.
 */
export function scanRepo(root: string, keep: ReadonlySet<string> = new Set()): RepoFiles {
  const files: string[] = [];
  const listed = new Set<string>();
  const others = new Set<string>();
  // Entries of the index's directories the index does not hold: untracked or ignored, git says which.
  const unknown: { rel: string; dir: boolean }[] = [];
  const keepDirs = dirsOf(keep);
  // known: what git listed, each directory entered only if it holds some of it; null below a directory
  // git does not look into (a submodule, a nested repository), and outside a work tree: everything.
  const walk = (rel: string, known: Listing | null, later: typeof unknown | null) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    listed.add(rel);
    for (const e of entries) {
      // join makes one flat string; a template literal makes two rope nodes per path, kept for the run
      // (100,000 paths: 3 MB more, and flattened again by every regular expression run over them).
      const child = rel === '' ? e.name : [rel, e.name].join('/');
      if (e.isDirectory() && !SKIP_DIRS.has(e.name)) {
        if (!known) walk(child, null, null);
        else if (known.dirs.has(child) || keepDirs.has(child)) walk(child, known, later);
        else if (known.paths.has(child) || known.paths.has(child + '/')) walk(child, null, null);
        else if (later) later.push({ rel: child, dir: true });
        else others.add(child);
      } else if (e.isFile() && (!known || known.paths.has(child) || keep.has(child))) files.push(child);
      else if (e.isFile() && later) later.push({ rel: child, dir: false });
      else others.add(child);
    }
  };
  const index = indexPaths(root, process.env) ?? gitLines(root, ['ls-files', '-z', '--cached']);
  const inIndex = index && { paths: new Set(index), dirs: dirsOf(index) };
  walk('', inIndex, unknown);
  if (unknown.length > 0) {
    const untracked = untrackedOf(
      root,
      unknown.map((u) => u.rel),
    );
    const known = untracked && { paths: new Set(untracked), dirs: dirsOf(untracked) };
    for (const u of unknown) {
      if (!known || (u.dir && known.paths.has(u.rel + '/'))) walk(u.rel, null, null);
      else if (u.dir && known.dirs.has(u.rel)) walk(u.rel, known, null);
      else if (!u.dir && known.paths.has(u.rel)) files.push(u.rel);
      else others.add(u.rel);
    }
  }
  // git lists nothing here (an ignored directory): nothing is known of it, as outside a work tree.
  const plain = index === null || (index.length === 0 && files.length === 0);
  if (plain && index !== null) {
    files.length = 0;
    listed.clear();
    others.clear();
    walk('', null, null);
  }
  files.sort();
  const walked = new Set(files);
  return {
    root,
    files,
    walked,
    tracked: index && !plain ? trackedOf(index, walked) : null,
    dirs: inIndex && !plain ? inIndex.dirs : dirsOf(files),
    listed,
    others,
  };
}

interface Listing {
  /** Paths git listed (`dir/` for a nested repository). */
  paths: ReadonlySet<string>;
  /** The directories that hold them. */
  dirs: ReadonlySet<string>;
}

/** Every directory above the paths ('' left out); a path ending in `/` is not its own directory. */
function dirsOf(paths: Iterable<string>): Set<string> {
  const dirs = new Set<string>();
  for (const p of paths) {
    for (let i = p.lastIndexOf('/', p.length - 2); i > 0; i = p.lastIndexOf('/', i - 1)) {
      const d = p.slice(0, i);
      // Its own directories were added with it.
      if (dirs.has(d)) break;
      dirs.add(d);
    }
  }
  return dirs;
}

/** Past this many bytes of paths, git lists every untracked file rather than take them as arguments. */
const MAX_PATHSPEC_BYTES = 64 * 1024;

/** The untracked files no ignore rule covers, at or under the given paths; null if git fails. */
function untrackedOf(root: string, rels: string[]): string[] | null {
  const args = ['ls-files', '-z', '--others', '--exclude-standard', '--exclude=node_modules/'];
  const bytes = rels.reduce((n, r) => n + r.length + 1, 0);
  return bytes > MAX_PATHSPEC_BYTES ? gitLines(root, args) : gitLines(root, ['--literal-pathspecs', ...args, '--', ...rels]);
}

/** A git command's NUL-separated output; null outside a work tree or if git fails. */
function gitLines(root: string, args: string[]): string[] | null {
  // Required here: a scan whose index git-index.ts reads starts no process and loads no child_process.
  const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0 || r.error) return null;
  return r.stdout.split('\0').filter((f) => f !== '');
}

/**
 * A checkout whose index lists exactly the files on disk (the usual case) gets the walk's own set back:
 * a second set of 100,000 paths, each a copy of a string the walk already holds, was 8 MB of a scan.
 */
function trackedOf(index: readonly string[], walked: ReadonlySet<string>): ReadonlySet<string> {
  // git lists a file in a merge conflict once per stage, next to each other: a repeat is no other file.
  const same = index.length === walked.size && index.every((f, i) => f !== index[i - 1] && walked.has(f));
  return same ? walked : new Set(index);
}

/**
 * A RepoView over the files on disk; it never reads outside the root or through a symlink out of it.
 * `ahead`: a thread reading `files` (what the scan will read, pipeline/read-order.ts) ahead of it; the
 * cache starts with each of those files' place in that list, where their reads will go.
 */
export function diskRepoView(repo: RepoFiles, ahead: { files: readonly string[]; prefetch: Prefetch } | null = null): RepoView {
  const cache = new Map<string, FileRead | number>();
  if (ahead) for (let i = 0; i < ahead.files.length; i++) cache.set(ahead.files[i]!, i);
  const walked = repo.walked;
  const present = repo.tracked ?? walked;
  // Every setup asks for these (is its builder Dockerfile named elsewhere? which files mention what it
  // removes?): filtering 20,000 paths per setup was most of a scan.
  let references: string[] | undefined;
  let docs: string[] | undefined;
  let dockerfiles: string[] | undefined;
  const dirs = repo.dirs;
  const read = (rel: string): FileRead => {
    const known = cache.get(rel);
    if (typeof known === 'object') return known;
    const prefetched = known === undefined ? undefined : ahead?.prefetch.take(known, fromPrefetch);
    const r =
      prefetched !== undefined
        ? (prefetched ?? readInside(repo.root, rel))
        : walked.has(rel)
          ? readWalked(repo.root, rel)
          : knownAbsent(repo, rel)
            ? NONE
            : readInside(repo.root, rel);
    cache.set(rel, r);
    return r;
  };
  return {
    readText: (rel) => read(rel).text,
    skipped: (rel) => read(rel).skipped,
    isDir: (rel) => rel === '' || dirs.has(rel),
    isFile: (rel) => present.has(rel),
    files: () => present,
    referenceCandidates: () => (references ??= repo.files.filter(isReferenceCandidate)),
    dockerfiles: () => (dockerfiles ??= [...present].filter((f) => isDockerfilePath(f) && !f.endsWith('.dockerignore'))),
    documents: () => (docs ??= repo.files.filter(isDocument)),
    linkTarget: (rel) => (repo.others.has(rel) ? readLink(repo.root, rel) : null),
  };
}

function readLink(root: string, rel: string): string | null {
  try {
    return fs.readlinkSync(path.join(root, rel));
  } catch {
    return null;
  }
}

interface FileRead {
  /** The file's text, or null: absent, outside the root, not a regular file, or skipped. */
  text: string | null;
  /** Set when the file is there but restage will not parse it. */
  skipped: SkippedFile | null;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const NONE: FileRead = { text: null, skipped: null };

/**
 * A file the walk found as a regular file in real directories: no link lies on its path, so it is read
 * without resolving one (a realpath per file was a good part of a 20,000-file scan). O_NOFOLLOW still
 * refuses a file replaced by a link since the walk; that case takes the careful way.
 */
function readWalked(root: string, rel: string): FileRead {
  let fd: number;
  try {
    fd = fs.openSync(path.join(root, rel), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch {
    return readInside(root, rel);
  }
  try {
    return readOpen(fd);
  } catch {
    return NONE;
  } finally {
    fs.closeSync(fd);
  }
}

/** What the reading thread found, as readWalked would have it; null when the open failed (the careful way then). */
function fromPrefetch(read: PrefetchedRead): FileRead | null {
  return read.kind === 'bytes' ? fromBytes(read.size, read.bytes) : read.kind === 'none' ? NONE : null;
}

/** Nothing by that name was in the directory the walk listed (a .dockerignore most setups lack): no system call. */
function knownAbsent(repo: RepoFiles, rel: string): boolean {
  const slash = rel.lastIndexOf('/');
  return repo.listed.has(slash < 0 ? '' : rel.slice(0, slash)) && !repo.others.has(rel) && !rel.split('/').includes('..');
}

function readInside(root: string, rel: string): FileRead {
  if (rel === '' || rel.split('/').includes('..') || path.isAbsolute(rel)) return NONE;
  const abs = path.join(root, rel);
  try {
    const real = fs.realpathSync(abs);
    const realRoot = fs.realpathSync(root);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep))
      return { text: null, skipped: { why: `a symbolic link to ${real}`, mentionsDocker: false, leavesRepo: true } };
    // Non-blocking, so a FIFO opens at once and is then turned away as no regular file.
    const fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      return readOpen(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return NONE;
  }
}

/**
 * The one buffer every read fills (the text is decoded out of it): a file costs one open, one fstat,
 * its reads and a close. (readFileSync(fd) adds a second fstat and a buffer per file: 100,000 files
 * were 200,000 stat calls.)
 */
let scratch: Buffer | undefined;

/** An open file's text, or why restage will not parse it. */
function readOpen(fd: number): FileRead {
  const st = fs.fstatSync(fd);
  if (!st.isFile()) return NONE;
  scratch ??= Buffer.allocUnsafe(MAX_FILE_BYTES);
  // As readFileSync does: the size fstat gave, read until it is all there or the file ends (a read may
  // return less than asked on some file systems); a file over the limit, its first bytes for the report.
  const want = Math.min(st.size, scratch.length);
  let n = 0;
  for (let got = -1; n < want && got !== 0; n += got) got = fs.readSync(fd, scratch, n, want - n, null);
  return fromBytes(st.size, scratch.subarray(0, n));
}

/** What restage makes of a file's bytes (`size` is fstat's: the bytes are at most the first MAX_FILE_BYTES). */
function fromBytes(size: number, bytes: Buffer): FileRead {
  if (size > MAX_FILE_BYTES) {
    return {
      text: null,
      skipped: {
        why: `is ${(size / 1024 / 1024).toFixed(1)} MiB, over restage's ${MAX_FILE_BYTES / 1024 / 1024} MiB limit`,
        mentionsDocker: mentionsDockerBytes(bytes),
        leavesRepo: false,
      },
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    return { text: null, skipped: { why: `is not text (a NUL byte at offset ${nul})`, mentionsDocker: mentionsDockerBytes(bytes), leavesRepo: false } };
  try {
    const text = UTF8.decode(bytes);
    // dockerfile-ast ends a line at a lone CR, Docker does not: the two would read different instructions.
    const cr = /\r(?!\n)/.exec(text);
    if (cr)
      return {
        text: null,
        skipped: {
          why: `has a carriage return without a line feed (offset ${cr.index}), so where its lines end is ambiguous`,
          mentionsDocker: MENTIONS_CLIENT.test(text),
          leavesRepo: false,
        },
      };
    return { text, skipped: null };
  } catch {
    return {
      text: null,
      skipped: { why: `is not UTF-8 text (invalid byte at offset ${firstInvalidUtf8(bytes)})`, mentionsDocker: mentionsDockerBytes(bytes), leavesRepo: false },
    };
  }
}

function mentionsDockerBytes(bytes: Buffer): boolean {
  return MENTIONS_CLIENT.test(bytes.toString('latin1'));
}

/** Where the first byte sequence that is not UTF-8 starts (a lead byte whose sequence does not decode). */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0) return i;
    if (n > 1) {
      try {
        UTF8.decode(bytes.subarray(i, i + n));
      } catch {
        return i;
      }
    }
    i += n;
  }
  return bytes.length;
}
