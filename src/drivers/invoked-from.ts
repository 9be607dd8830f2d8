import { GITHUB_WORKFLOW } from '../text/ci-files.js';
import path from 'node:path/posix';
import { escapeRegExp } from '../text/regexp.js';

/**
 * The directory a build script runs from when another file of the repository runs it by its path. A
 * script runs from its caller's directory, not its own: `"build": "node scripts/build.mjs"` runs from
 * the package's directory (npm, pnpm and yarn run scripts there), and a Makefile recipe
 * `./scripts/build.sh` from the Makefile's (make runs recipes there). The nearest directory above the
 * script whose package.json scripts or Makefile recipes name it by its path from there
 * (`scripts/build.sh`, `./scripts/build.sh`, `$(CURDIR)/scripts/build.sh`) decides; undefined when
 * none does, a CI configuration's step that names it runs it from the repository root (GitHub Actions
 * and GitLab CI start steps in the checkout; a file that sets `working-directory:` decides nothing), and
 * otherwise the script is read as running from its own directory. A script that changes directory
 * itself (`cd "$(dirname "$0")"`) is followed from there as before.
 */
export function invokedFrom(relPath: string, repo: CallerRepo): string | undefined {
  const own = parent(relPath);
  // git runs a hook at the top of the work tree, whichever directory holds it (core.hooksPath).
  if (GIT_HOOK.test(relPath)) return '';
  for (let dir = own; ; dir = parent(dir)) {
    const rel = dir === '' ? relPath : relPath.slice(dir.length + 1);
    const at = (name: string) => repo.readText(dir === '' ? name : `${dir}/${name}`);
    const pkg = at('package.json');
    if (pkg !== null && scriptsRun(pkg, rel)) return dir;
    if (MAKEFILES.some((name) => recipesRun(at(name), rel))) return dir;
    // `./scripts/extract.sh` in ./build.sh: the caller's directory (a script beside it runs from there anyway).
    if (dir !== own && calledFrom(repo, dir).has(relPath)) return dir;
    if (dir === '')
      return own !== '' && (ciRuns(ciFiles(repo), repo, relPath) || readmeRuns(repo, relPath) || onlyRootHasFiles(repo, relPath, own)) ? '' : undefined;
  }
}

/** Whether the repository's README tells a reader to run the script from the root (`./scripts/build.sh`, `bash scripts/build.sh`). */
function readmeRuns(repo: CallerRepo, rel: string): boolean {
  return README_NAMES.some((name) => mentions(repo.readText(name), rel));
}

/** Whether a text names the script as a word; the substring test first, as a README or a monorepo's scripts mostly do not. */
function mentions(text: string | null, rel: string): boolean {
  if (text === null || !text.includes(rel)) return false;
  const named = namesScript(rel);
  return text.split('\n').some((line) => named.test(line));
}

const README_NAMES = ['README.md', 'README', 'README.rst', 'README.txt', 'readme.md'];

/**
 * Whether the Dockerfiles the script's builds name (`-f docker/Dockerfile.build`) are all files from
 * the repository root and none from the script's own directory: it cannot run from there, and nothing
 * else of the repository says where it runs; a reader runs it from the root.
 */
function onlyRootHasFiles(repo: CallerRepo, rel: string, own: string): boolean {
  const text = repo.readText(rel) ?? '';
  const files = [...text.matchAll(DOCKERFILE_FLAG)].map((m) => m[1]!.replace(/^\.\//, ''));
  if (files.length === 0 || files.some((f) => f.startsWith('/') || f.startsWith('..'))) return false;
  return files.every((f) => repo.readText(f) !== null) && files.every((f) => repo.readText(`${own}/${f}`) === null);
}

/** A build's `-f PATH`/`--file PATH`/`--file=PATH` of plain characters, on a command line or in an argument list (`'-f', 'x'`). */
const DOCKERFILE_FLAG = /\bbuild\b[^\n]*?[\s'"`,[](?:-f|--file)(?:[\s'"`,]+|=)([A-Za-z0-9_./-]+)(?=[\s'"`,;&|)\]]|$)/gm;

/** What invokedFrom reads: files by path, and (where the repository can list them) the files searched for references, CI configurations among them. */
export interface CallerRepo {
  readText(rel: string): string | null;
  referenceCandidates?(): string[];
  /** See RepoView's: the cache of includes is built once per repository. */
  readonly underlying?: object;
}

const CI_LISTS = new WeakMap<CallerRepo, string[]>();

/** The repository's CI configurations, listed once per repository (a monorepo has many scripts). */
function ciFiles(repo: CallerRepo): string[] {
  let list = CI_LISTS.get(repo);
  if (list === undefined) {
    list = (repo.referenceCandidates?.() ?? []).filter(isCiFile);
    CI_LISTS.set(repo, list);
  }
  return list;
}

const MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];

const SCRIPTS_BY_DIR = new WeakMap<CallerRepo, Map<string, string[]>>();
const CALLED_FROM = new WeakMap<CallerRepo, Map<string, Set<string>>>();

/** A script path as a shell script writes it: `./scripts/extract.sh`, `tools/build`, `sh x.bash`. */
const CALLED_PATH =
  /(?:^|[\s'"=`(;&|])(?:\.\/)?([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*\.(?:sh|bash)|[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.-]+)+)(?=$|[\s'";&|)`])/gm;

/**
 * The script paths the `*.sh`/`*.bash` files directly in a directory name (`./scripts/extract.sh` in
 * `./build.sh`: `scripts/extract.sh`), read once per directory and only for the directories above a
 * script restage places: a monorepo's thousands of scripts are not each read for every other.
 */
function calledFrom(repo: CallerRepo, dir: string): Set<string> {
  let byDir = SCRIPTS_BY_DIR.get(repo);
  if (byDir === undefined) {
    byDir = new Map();
    for (const f of repo.referenceCandidates?.() ?? []) {
      if (!/\.(sh|bash)$/.test(f)) continue;
      const list = byDir.get(parent(f));
      if (list) list.push(f);
      else byDir.set(parent(f), [f]);
    }
    SCRIPTS_BY_DIR.set(repo, byDir);
  }
  let known = CALLED_FROM.get(repo);
  if (known === undefined) CALLED_FROM.set(repo, (known = new Map()));
  let called = known.get(dir);
  if (called === undefined) {
    called = new Set();
    for (const f of byDir.get(dir) ?? [])
      for (const m of (repo.readText(f) ?? '').matchAll(CALLED_PATH)) {
        called.add(path.normalize(dir === '' ? m[1]! : `${dir}/${m[1]!}`));
      }
    known.set(dir, called);
  }
  return called;
}

/** A git hook by its name, in the directories hook managers and core.hooksPath use. */
const GIT_HOOK =
  /^(\.husky|\.githooks|\.git-hooks|githooks|\.hooks)\/(pre-commit|pre-push|pre-merge-commit|prepare-commit-msg|commit-msg|post-commit|post-checkout|post-merge|pre-rebase|post-rewrite)$/;

function parent(rel: string): string {
  const d = path.dirname(rel);
  return d === '.' ? '' : d;
}

/** The path as a word of a command line: `node scripts/build.mjs`, `tsx ./scripts/build.ts && …`, `$(CURDIR)/scripts/build.sh`, or in a README's code span. */
function namesScript(rel: string): RegExp {
  return new RegExp(`(^|[\\s'"=\\\`]|\\$[({]CURDIR[)}]/)(\\./)?${escapeRegExp(rel)}($|[\\s'";&|)\\\`])`);
}

function scriptsRun(pkgText: string, rel: string): boolean {
  let scripts: unknown;
  try {
    scripts = (JSON.parse(pkgText) as { scripts?: unknown }).scripts;
  } catch {
    return false;
  }
  if (typeof scripts !== 'object' || scripts === null) return false;
  const named = namesScript(rel);
  return Object.values(scripts).some((v) => typeof v === 'string' && named.test(v));
}

/** Whether a recipe line (a tab first) of the Makefile runs the script. */
function recipesRun(makefile: string | null, rel: string): boolean {
  if (makefile === null) return false;
  const named = namesScript(rel);
  return makefile.split('\n').some((line) => line.startsWith('\t') && named.test(line));
}

/**
 * The directories make reads a makefile from when other makefiles of the repository include it
 * (`include build/docker.mk` in ./Makefile, `include ../common.mk` in svc/Makefile, `-include`,
 * `sinclude`, by `$(CURDIR)/…`): make runs an included file's recipes where the including make runs,
 * its own directory. Several means the file's recipes run in several places; none, that nothing
 * includes it. Indexed once per repository.
 */
export function includedFrom(relPath: string, repo: CallerRepo): string[] {
  const key = repo.underlying ?? repo;
  let index = INCLUDES.get(key);
  if (index === undefined) {
    index = new Map();
    for (const f of repo.referenceCandidates?.() ?? []) {
      if (!MAKEFILE_NAME.test(f)) continue;
      const dir = parent(f);
      for (const line of (repo.readText(f) ?? '').split('\n')) {
        const m = /^\s*-?s?include\s+(.*)$/.exec(line);
        for (const word of m ? m[1]!.replace(/#.*$/, '').split(/\s+/) : []) {
          // A word with a variable (`$(RULES)`) or a path above the root names no file restage looks up.
          const named = word.replace(/^\$[({]CURDIR[)}]\//, '');
          if (named === '') continue;
          const file = path.normalize(dir === '' ? named : `${dir}/${named}`);
          index.set(file, [...new Set([...(index.get(file) ?? []), dir])]);
        }
      }
    }
    INCLUDES.set(key, index);
  }
  return index.get(relPath) ?? [];
}

const INCLUDES = new WeakMap<object, Map<string, string[]>>();
const MAKEFILE_NAME = /(^|\/)(GNUmakefile|[Mm]akefile)(\.[\w-]+)?$|\.(mk|mak|make)$/;

const isCiFile = (f: string) => GITHUB_WORKFLOW.test(f) || /^\.gitlab-ci\.ya?ml$/.test(f);

/** Whether a CI configuration's line runs the script by its path from the root. */
function ciRuns(files: string[], repo: CallerRepo, rel: string): boolean {
  const named = namesScript(rel);
  return files.some((f) => {
    const text = repo.readText(f);
    return text !== null && !/working[-_]directory\s*:/.test(text) && text.split('\n').some((line) => named.test(line));
  });
}
