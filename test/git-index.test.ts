import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexPaths, parseIndex } from '../src/repo/git-index.js';
import { divergedOn } from './support/diverged.js';
import { tempDir } from './support/temp-dir.js';

// restage reads a work tree's index itself instead of running `git ls-files -z --cached`; each row
// makes an index git writes in some shape and holds the reader to git's own listing of it, or to null
// (git is asked) where the reader must not answer.

/** git without the caller's environment (a test run inside a git hook must not redirect these repositories), plus `env`. */
function git(cwd: string, ...args: (string | { env: Record<string, string> })[]): string {
  const extra = args.find((a): a is { env: Record<string, string> } => typeof a !== 'string')?.env ?? {};
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_'))), ...extra };
  const argv = args.filter((a): a is string => typeof a === 'string');
  return execFileSync('git', ['-c', 'user.email=t@example.test', '-c', 'user.name=t', ...argv], { cwd, encoding: 'utf8', env });
}

const NO_GIT_ENV = {};

function lsFiles(root: string, env: Record<string, string> = {}): string[] {
  return git(root, 'ls-files', '-z', '--cached', { env })
    .split('\0')
    .filter((f) => f !== '');
}

function repo(files: Record<string, string> = { 'a.txt': 'a\n', 'svc/build.sh': 'docker build .\n', 'svc/Dockerfile': 'FROM scratch\n' }): string {
  const root = tempDir('restage-git-index-');
  git(root, 'init', '-q');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  git(root, 'add', '-A');
  return root;
}

/** A merge whose one path conflicts: three stages of `a.txt` in the index. */
function conflicted(root: string): void {
  divergedOn(root, 'a.txt', git);
  try {
    git(root, 'merge', '-q', 'other');
  } catch {
    // The conflict is the point.
  }
}

/** A path past the 4,095 bytes an entry's length field holds (too long to create on disk: added to the index only). */
const LONG_PATH = `${Array.from({ length: 20 }, (_, i) => `directory-number-${i}-${'x'.repeat(200)}`).join('/')}/deep.sh`;

function addLongPath(root: string): void {
  const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: root, input: 'z\n', encoding: 'utf8' }).trim();
  git(root, 'update-index', '--add', '--cacheinfo', `100644,${blob},${LONG_PATH}`);
}

describe('the index, read as git lists it', () => {
  it.each<[string, (root: string) => void, Record<string, string>?]>([
    ['a fresh index (version 2)', () => {}],
    ['a path past 4,095 bytes (version 2: its length not in the entry)', addLongPath],
    ['index version 3', (r) => git(r, 'update-index', '--index-version', '3')],
    ['index version 4 (names prefix-compressed)', (r) => git(r, 'update-index', '--index-version', '4')],
    ['a file added with --intent-to-add (an extended flag)', (r) => (fs.writeFileSync(path.join(r, 'later.sh'), 'x\n'), git(r, 'add', '-N', 'later.sh'))],
    ['a file marked skip-worktree', (r) => git(r, 'update-index', '--skip-worktree', 'a.txt')],
    ['a submodule (a gitlink entry)', (r) => git(r, 'update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},vendor/lib`)],
    ['a merge conflict (each stage listed)', conflicted],
    [
      'a tree cache and an untracked cache (optional extensions)',
      (r) => (git(r, 'commit', '-qm', 'c'), git(r, 'update-index', '--untracked-cache'), git(r, 'status', '--porcelain')),
    ],
    [
      'names of several bytes, spaces and a path past 4,095 bytes, in version 4 too',
      (r) => (addLongPath(r), git(r, 'update-index', '--index-version', '4')),
      { 'ünï cödé/fïlé ☃.sh': 'x\n', 'with space/a b.txt': 'y\n', 'a.txt': 'a\n', 'b.txt': 'b\n' },
    ],
    ['nothing added yet (no index file)', () => {}, {}],
  ])('%s', (_, change, files) => {
    const root = repo(files);
    change(root);
    expect(indexPaths(root, NO_GIT_ENV)).toEqual(lsFiles(root));
  });

  it.each<[string, (root: string) => void]>([
    ['a split index (its `link` extension)', (r) => git(r, 'update-index', '--split-index')],
    ['a sparse checkout', (r) => (git(r, 'commit', '-qm', 'c'), git(r, 'sparse-checkout', 'set', 'svc'))],
    ['a linked work tree (.git is a file)', () => {}],
    ['configuration that names another work tree', (r) => git(r, 'config', 'core.worktree', '/elsewhere')],
    ['a sparse checkout set by hand (core.sparseCheckout)', (r) => git(r, 'config', 'core.sparseCheckout', 'true')],
    ['a split index asked for in the configuration', (r) => git(r, 'config', 'core.splitIndex', 'true')],
    ['a bare repository', (r) => git(r, 'config', 'core.bare', 'true')],
    ['configuration that includes another file', (r) => git(r, 'config', 'include.path', '/elsewhere/gitconfig')],
    ['a damaged index', (r) => fs.appendFileSync(path.join(r, '.git', 'index'), 'junk')],
    [
      'an index of a version git may add',
      (r) => fs.writeFileSync(path.join(r, '.git', 'index'), Buffer.concat([Buffer.from('DIRC'), Buffer.from([0, 0, 0, 5, 0, 0, 0, 0]), Buffer.alloc(20)])),
    ],
  ])('%s: not read, git is asked', (name, change) => {
    let root = repo();
    change(root);
    if (name.startsWith('a linked work tree')) {
      git(root, 'commit', '-qm', 'c');
      const linked = path.join(tempDir('restage-git-linked-'), 'wt');
      git(root, 'worktree', 'add', '-q', linked);
      root = linked;
    }
    expect(indexPaths(root, NO_GIT_ENV)).toBeNull();
  });

  it('reads the index a hook is given (GIT_INDEX_FILE), relative to the root or absolute, as git does', () => {
    const root = repo();
    fs.writeFileSync(path.join(root, 'next.sh'), 'x\n');
    const relative = { GIT_INDEX_FILE: '.git/next-index' };
    git(root, 'add', 'next.sh', 'a.txt', { env: relative });
    const hookList = lsFiles(root, relative);
    expect(hookList).toEqual(['a.txt', 'next.sh']);
    expect(indexPaths(root, relative)).toEqual(hookList);
    expect(indexPaths(root, { GIT_INDEX_FILE: path.join(root, '.git', 'next-index') })).toEqual(hookList);
    // An index file that does not exist lists nothing, for git too.
    const none = { GIT_INDEX_FILE: '.git/none' };
    expect(lsFiles(root, none)).toEqual([]);
    expect(indexPaths(root, none)).toEqual([]);
  });

  it('is not read when the environment may redirect git, nor outside a work tree', () => {
    const root = repo();
    expect(indexPaths(root, NO_GIT_ENV)).toEqual(lsFiles(root));
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_CONFIG', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_TEST_SPLIT_INDEX'])
      expect(indexPaths(root, { [name]: '1' }), name).toBeNull();
    // What only changes how git talks to remotes or terminals leaves the index to read.
    expect(indexPaths(root, { GIT_SSL_CAINFO: '/etc/ssl/certs/ca-certificates.crt', GIT_TERMINAL_PROMPT: '0', GIT_DIRECTORY: 'x' })).toEqual(lsFiles(root));
    const plain = tempDir('restage-git-none-');
    expect(indexPaths(plain, NO_GIT_ENV)).toBeNull();
    // A .git directory without HEAD is no repository: git would look above it.
    fs.mkdirSync(path.join(plain, '.git'));
    expect(indexPaths(plain, NO_GIT_ENV)).toBeNull();
    fs.copyFileSync(path.join(root, '.git', 'config'), path.join(plain, '.git', 'config'));
    fs.copyFileSync(path.join(root, '.git', 'index'), path.join(plain, '.git', 'index'));
    expect(indexPaths(plain, NO_GIT_ENV)).toBeNull();
    // An index git cannot open is git's to report.
    fs.rmSync(path.join(root, '.git', 'index'));
    fs.mkdirSync(path.join(root, '.git', 'index'));
    expect(indexPaths(root, NO_GIT_ENV)).toBeNull();
  });

  it('an index of another user is not read (git may refuse it: safe.directory)', () => {
    // Only root can give a directory away; elsewhere the row has nothing to test.
    if (process.getuid?.() !== 0) return;
    const root = repo();
    expect(indexPaths(root, NO_GIT_ENV)).toEqual(lsFiles(root));
    fs.chownSync(path.join(root, '.git'), 4242, 4242);
    expect(indexPaths(root, NO_GIT_ENV)).toBeNull();
    fs.chownSync(path.join(root, '.git'), 0, 0);
    fs.chownSync(root, 4242, 4242);
    expect(indexPaths(root, NO_GIT_ENV)).toBeNull();
  });

  it('an entry that breaks the format is not read', () => {
    const root = repo();
    const v2 = fs.readFileSync(path.join(root, '.git', 'index'));
    expect(parseIndex(v2)).toEqual(lsFiles(root));
    // The extended-flags bit has no meaning before version 3.
    const extended = Buffer.from(v2);
    extended[12 + 60] = extended[12 + 60]! | 0x40;
    expect(parseIndex(extended)).toBeNull();
    git(root, 'update-index', '--index-version', '4');
    const v4 = fs.readFileSync(path.join(root, '.git', 'index'));
    expect(parseIndex(v4)).toEqual(lsFiles(root));
    // The first name strips bytes from an empty previous one.
    const strips = Buffer.from(v4);
    expect(strips[12 + 62]).toBe(0);
    strips[12 + 62] = 3;
    expect(parseIndex(strips)).toBeNull();
  });

  it('an index cut short anywhere is not read', () => {
    const root = repo();
    git(root, 'update-index', '--index-version', '4');
    const whole = fs.readFileSync(path.join(root, '.git', 'index'));
    expect(parseIndex(whole)).toEqual(lsFiles(root));
    for (let n = 0; n < whole.length; n += 7) expect(parseIndex(whole.subarray(0, n)), `${n} bytes`).toBeNull();
  });
});
