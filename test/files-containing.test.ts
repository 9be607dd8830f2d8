import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskRepoView, scanRepo } from '../src/repo/disk.js';
import { MANY_FILES } from '../src/repo/view.js';
import { main } from '../src/cli/main.js';

/**
 * filesContaining is a filter in front of the reference search: one `git grep` instead of reading every
 * file of a monorepo. It must list every file the walk would have searched that holds a needle, or say
 * it cannot (null), never less: a file it leaves out is a reference restage stops reporting.
 */
function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: root, stdio: 'ignore' });
}

function gitRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'restage-grep-'));
  git(root, 'init', '-q');
  write(root, 'tracked.md', 'see dist/app.tar\n');
  write(root, 'other.md', 'nothing here\n');
  write(root, 'dots.md', 'axb\n');
  write(root, '.gitignore', 'ignored/\n');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'init');
  write(root, 'untracked.sh', 'cp dist/app.tar /x\n');
  write(root, 'ignored/ci.yml', 'path: dist/app.tar\n');
  write(root, 'node_modules/pkg/readme.md', 'dist/app.tar\n');
  write(root, 'edited.md', 'x\n');
  return root;
}

describe('filesContaining (git grep in front of the reference search)', () => {
  it('lists tracked, untracked and ignored files that hold a needle, as the walk sees them, and skips node_modules', () => {
    const root = gitRepo();
    const view = diskRepoView(scanRepo(root));
    expect([...(view.filesContaining?.(['dist/app.tar']) ?? ['(null)'])].sort()).toEqual(['ignored/ci.yml', 'tracked.md', 'untracked.sh']);
  });

  it('a tracked file edited in the work tree is searched as it is on disk', () => {
    const root = gitRepo();
    write(root, 'other.md', 'now names dist/app.tar\n');
    expect(diskRepoView(scanRepo(root)).filesContaining?.(['dist/app.tar'])?.has('other.md')).toBe(true);
  });

  it('needles are literal text, several at once, never patterns', () => {
    const root = gitRepo();
    const view = diskRepoView(scanRepo(root));
    expect([...(view.filesContaining?.(['a.b']) ?? ['(null)'])]).toEqual([]);
    expect([...(view.filesContaining?.(['axb', 'nothing']) ?? ['(null)'])].sort()).toEqual(['dots.md', 'other.md']);
    expect([...(view.filesContaining?.(['(x|y)+[']) ?? ['(null)'])]).toEqual([]);
  });

  it('cannot tell (null) outside git, with a nested repository, or for a needle that is not printable ASCII', () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'restage-nogit-'));
    write(plain, 'a.md', 'dist/app.tar\n');
    expect(diskRepoView(scanRepo(plain)).filesContaining?.(['dist/app.tar'])).toBeNull();
    const nested = gitRepo();
    fs.mkdirSync(path.join(nested, 'vendor', 'lib'), { recursive: true });
    git(path.join(nested, 'vendor', 'lib'), 'init', '-q');
    write(nested, 'vendor/lib/notes.md', 'dist/app.tar\n');
    expect(diskRepoView(scanRepo(nested)).filesContaining?.(['dist/app.tar'])).toBeNull();
    expect(diskRepoView(scanRepo(gitRepo())).filesContaining?.(['dïst'])).toBeNull();
    expect(diskRepoView(scanRepo(gitRepo())).filesContaining?.([])).toBeNull();
  });

  it('a migration reports the same references in a git work tree as outside one', async () => {
    const seed = path.resolve(__dirname, '..', 'testdata', 'seed-href-counter', 'before');
    const trees = [true, false].map((inGit) => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'restage-refs-'));
      fs.cpSync(seed, root, { recursive: true });
      // Enough files that the search asks git first (a smaller repository is read whole).
      for (let i = 0; i < MANY_FILES; i++) write(root, `notes/${i % 20}/${i}.md`, `note ${i}\n`);
      if (inGit) {
        git(root, 'init', '-q');
        write(root, '.gitignore', 'ci/\n');
        git(root, 'add', '-A');
        git(root, 'commit', '-qm', 'init');
      }
      // An ignored CI config, an untracked doc and a nested Dockerfile-like mention: each a reference.
      write(root, 'ci/pipeline.yml', 'steps:\n  - run: docker build -f Dockerfile.build .\n');
      write(root, 'docs/build.md', 'The binary is ./app, built by alexellis2/href-counter:build.\n');
      return root;
    });
    const refs = await Promise.all(
      trees.map(async (root) => {
        let stderr = '';
        await main(['node', 'restage', 'migrate', '--check', '.'], { stdout: () => {}, stderr: (s) => (stderr += s), cwd: root });
        return stderr.split('\n').filter((l) => /reference-to-removed|builder-dockerfile-kept/.test(l));
      }),
    );
    expect(refs[0]!.length).toBeGreaterThanOrEqual(2);
    expect(refs[0]).toEqual(refs[1]);
  });
});
