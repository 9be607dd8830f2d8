// What a run looks at: the roots its arguments name, the files selected in each, and the files some
// driver kind claims. Nothing here parses a driver.
import fs from 'node:fs';
import path from 'node:path';
import { driverKindOf } from '../drivers/claims.js';
import type { RepoFiles } from '../repo/disk.js';
import { gitTopLevel, isDockerfilePath, isDocument, MAX_FILE_BYTES } from '../repo/names.js';
import { PROGRAM_COPIES_OUT } from '../text/client-names.js';
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

/**
 * Whether a changed file can belong to a setup, so that a run on it needs a scan: a driver, a Dockerfile
 * by its name or by its first instruction (`docker build -f ci/build.docker`), or a file a driver reads
 * for its builds (a compose or bake file, a CI file another includes or calls). Anything else, a source
 * file or a document, is answered without one.
 */
export function mayBelongToSetup(root: string, rel: string): boolean {
  if (isDockerfilePath(rel) || BUILD_CONFIG.test(rel)) return true;
  // A README's `# Title` then `From the team …` reads like a Dockerfile's start; no build reads a document.
  if (isDocument(rel)) return false;
  let head: string | undefined;
  const text = () => (head ??= readHeadInside(root, rel, SNIFF_BYTES));
  if (claimed(rel, () => text().slice(0, 64)) || DOCKERFILE_START.test(text()) || (/\.json$/i.test(rel) && BUILD_JSON.test(text()))) return true;
  // A program a driver runs and restage does not read (`python3 extract.py`) joins the setup it may feed
  // wherever in its text it copies out of a container: read whole only when the head is not all of it
  // (a head cut short decodes to at least as many bytes as were read).
  return PROGRAM_COPIES_OUT.test(Buffer.byteLength(text()) < SNIFF_BYTES ? text() : readHeadInside(root, rel, MAX_FILE_BYTES));
}

/** YAML (compose files, CI includes, called workflows), HCL (bake files) and a .env (compose's COMPOSE_FILE): read by a driver. */
const BUILD_CONFIG = /\.(ya?ml|hcl)$|(^|\/)\.env$/i;

/** A Dockerfile's first instruction, past a byte order mark, comments, parser directives and ARGs: FROM. */
const DOCKERFILE_START = /^\uFEFF?(?:[ \t]*(?:#[^\n]*)?\r?\n|[ \t]*ARG[ \t][^\n]*\r?\n)*[ \t]*FROM[ \t]+\S/i;

/** A bake file (`"target": {…}`) or a compose file written as JSON. */
const BUILD_JSON = /"(target|services)"\s*:/;

/** How much of a file is read to tell a Dockerfile or a JSON bake file by its text. */
const SNIFF_BYTES = 4096;

/** Files some driver kind claims. */
export function driverCandidates(repo: RepoFiles): string[] {
  return repo.files.filter((f) => claimed(f, () => readHeadWalked(repo.root, f)));
}

/** Only extensionless files need their first bytes (a shebang) read. */
function claimed(rel: string, head: () => string): boolean {
  return driverKindOf(rel, '') !== undefined || (!path.posix.basename(rel).includes('.') && driverKindOf(rel, head()) !== undefined);
}

/** The first bytes of a file inside the root (a file argument may be a link out of it: that one is not read). */
function readHeadInside(root: string, rel: string, bytes = 64): string {
  try {
    const real = fs.realpathSync(path.join(root, rel));
    if (!real.startsWith(fs.realpathSync(root) + path.sep)) return '';
    return readHead(fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK), bytes);
  } catch {
    return '';
  }
}

/**
 * A file the walk listed as a regular file in real directories: no link lies on its path, so no realpath
 * (two per extensionless file were a tenth of the candidate search on a 100,000-file tree); O_NOFOLLOW
 * turns away one replaced by a link since.
 */
function readHeadWalked(root: string, rel: string): string {
  try {
    return readHead(fs.openSync(path.join(root, rel), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK));
  } catch {
    return '';
  }
}

/** An open file's first bytes (64 unless asked), and the file closed. */
function readHead(fd: number, bytes = 64): string {
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > MAX_FILE_BYTES) return '';
    const buf = Buffer.alloc(Math.min(bytes, st.size));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}
