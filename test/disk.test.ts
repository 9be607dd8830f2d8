import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskRepoView, scanRepo } from '../src/repo/disk.js';
import { MAX_FILE_BYTES } from '../src/repo/names.js';
import { divergedOn } from './support/diverged.js';
import { tempDir } from './support/temp-dir.js';

describe('diskRepoView', () => {
  const setup = () => {
    const outside = tempDir('restage-outside-');
    fs.writeFileSync(path.join(outside, 'secret'), 'outside\n');
    const root = tempDir('restage-disk-');
    fs.mkdirSync(path.join(root, 'svc'));
    fs.writeFileSync(path.join(root, 'svc', 'build.sh'), 'docker build .\n');
    fs.writeFileSync(path.join(root, 'svc', 'Dockerfile'), 'FROM scratch\n');
    fs.writeFileSync(path.join(root, 'big.json'), 'x'.repeat(MAX_FILE_BYTES + 1));
    fs.writeFileSync(path.join(root, 'limit.txt'), 'y'.repeat(MAX_FILE_BYTES));
    fs.symlinkSync(path.join(outside, 'secret'), path.join(root, 'leak.sh'));
    fs.symlinkSync(outside, path.join(root, 'outdir'));
    fs.symlinkSync('svc/Dockerfile', path.join(root, 'Dockerfile.link'));
    execFileSync('mkfifo', [path.join(root, 'pipe.sh')]);
    return root;
  };

  it('says where a link points, as written, and null for anything else', () => {
    const root = setup();
    fs.symlinkSync('svc', path.join(root, 'dist'));
    const view = diskRepoView(scanRepo(root));
    expect(view.linkTarget?.('dist')).toBe('svc');
    expect(view.linkTarget?.('Dockerfile.link')).toBe('svc/Dockerfile');
    expect(view.linkTarget?.('svc/build.sh')).toBeNull();
    expect(view.linkTarget?.('svc')).toBeNull();
    expect(view.linkTarget?.('pipe.sh')).toBeNull();
    expect(view.linkTarget?.('absent')).toBeNull();
  });

  it('reads files the walk found, and files behind links that stay inside the root', () => {
    const view = diskRepoView(scanRepo(setup()));
    expect(view.readText('svc/build.sh')).toBe('docker build .\n');
    expect(view.readText('Dockerfile.link')).toBe('FROM scratch\n');
  });

  it('reads a file of exactly the size limit whole, after a larger one filled the read buffer', () => {
    const view = diskRepoView(scanRepo(setup()));
    expect(view.readText('big.json')).toBeNull();
    expect(view.readText('limit.txt')).toBe('y'.repeat(MAX_FILE_BYTES));
    expect(view.readText('svc/build.sh')).toBe('docker build .\n');
  });

  it('never reads through a link out of the root, a FIFO, a file too large or one that is not there', () => {
    const view = diskRepoView(scanRepo(setup()));
    expect(view.readText('leak.sh')).toBeNull();
    expect(view.readText('outdir/secret')).toBeNull();
    expect(view.readText('pipe.sh')).toBeNull();
    expect(view.readText('big.json')).toBeNull();
    expect(view.readText('svc/.dockerignore')).toBeNull();
    expect(view.readText('../secret')).toBeNull();
  });

  it('a walked file replaced after the walk by a link out of the root or a FIFO is not read, and does not block', () => {
    const root = setup();
    const view = diskRepoView(scanRepo(root));
    fs.rmSync(path.join(root, 'svc', 'build.sh'));
    fs.symlinkSync(path.join(root, 'leak.sh'), path.join(root, 'svc', 'build.sh'));
    fs.rmSync(path.join(root, 'svc', 'Dockerfile'));
    execFileSync('mkfifo', [path.join(root, 'svc', 'Dockerfile')]);
    expect(view.readText('svc/build.sh')).toBeNull();
    expect(view.skipped?.('svc/build.sh')?.leavesRepo).toBe(true);
    expect(view.readText('svc/Dockerfile')).toBeNull();
  });

  it('a name the walk did not see in a directory it listed is absent; one below a link is looked up', () => {
    const root = setup();
    const view = diskRepoView(scanRepo(root));
    fs.writeFileSync(path.join(root, 'svc', 'late.sh'), 'docker build .\n');
    expect(view.readText('svc/late.sh')).toBeNull();
    fs.mkdirSync(path.join(root, 'real'));
    fs.writeFileSync(path.join(root, 'real', 'Dockerfile'), 'FROM scratch\n');
    fs.symlinkSync('real', path.join(root, 'linked'));
    expect(diskRepoView(scanRepo(root)).readText('linked/Dockerfile')).toBe('FROM scratch\n');
  });

  it('lists the files that may name a Dockerfile, the same list on every call', () => {
    const view = diskRepoView(scanRepo(setup()));
    expect(view.referenceCandidates()).toEqual(['big.json', 'svc/Dockerfile', 'svc/build.sh']);
    expect(view.referenceCandidates()).toBe(view.referenceCandidates());
  });
});

describe("scanRepo: what git's index holds", () => {
  const git = (root: string, ...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: root, stdio: 'pipe' });
  const repo = (files: Record<string, string>) => {
    const root = tempDir('restage-index-');
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    git(root, 'init', '-q');
    return root;
  };

  it("a checkout whose index lists every file on disk shares the walk's set", () => {
    const root = repo({ 'build.sh': 'docker build .\n', 'svc/Dockerfile': 'FROM scratch\n' });
    git(root, 'add', '-A');
    const scanned = scanRepo(root);
    expect(scanned.tracked).toBe(scanned.walked);
    expect([...scanned.walked].sort()).toEqual(['build.sh', 'svc/Dockerfile']);
  });

  it('an untracked file, a deleted tracked one, or a file outside any work tree keeps the sets apart', () => {
    const untracked = repo({ 'build.sh': 'x\n', 'out/app': 'y\n' });
    git(untracked, 'add', 'build.sh');
    const u = scanRepo(untracked);
    expect(u.tracked).not.toBe(u.walked);
    expect(diskRepoView(u).isFile('out/app')).toBe(false);
    expect(diskRepoView(u).isFile('build.sh')).toBe(true);

    const deleted = repo({ 'build.sh': 'x\n', 'gone.sh': 'y\n' });
    git(deleted, 'add', '-A');
    fs.writeFileSync(path.join(deleted, 'new.sh'), 'z\n');
    fs.rmSync(path.join(deleted, 'gone.sh'));
    const d = scanRepo(deleted);
    expect([...d.tracked!].sort()).toEqual(['build.sh', 'gone.sh']);
    expect(diskRepoView(d).isFile('new.sh')).toBe(false);

    const bare = tempDir('restage-nogit-');
    fs.writeFileSync(path.join(bare, 'build.sh'), 'x\n');
    expect(scanRepo(bare).tracked).toBeNull();
  });

  describe('files git ignores', () => {
    const ignoring = () => {
      const root = repo({
        '.gitignore': '.venv/\n*.o\n/out/\n',
        'build.sh': 'docker build .\n',
        'svc/main.c': 'int main;\n',
        'svc/main.o': 'obj\n',
        '.venv/lib/pkg/build.sh': 'docker build .\n',
        'out/app': 'bin\n',
        'new/Dockerfile': 'FROM scratch\n',
        'new/.venv/bin/run.sh': 'docker run x\n',
        'new/deep/x.sh': 'echo\n',
      });
      git(root, 'add', '.gitignore', 'build.sh', 'svc/main.c');
      return root;
    };

    it('are not listed, and a directory git ignores is not entered; untracked files no rule covers are', () => {
      const scanned = scanRepo(ignoring());
      expect(scanned.files).toEqual(['.gitignore', 'build.sh', 'new/Dockerfile', 'new/deep/x.sh', 'svc/main.c']);
      expect([...scanned.tracked!].sort()).toEqual(['.gitignore', 'build.sh', 'svc/main.c']);
      expect(scanned.listed.has('.venv')).toBe(false);
      expect(scanned.listed.has('new/.venv')).toBe(false);
      expect(scanned.listed.has('new/deep')).toBe(true);
      expect([...scanned.dirs].sort()).toEqual(['svc']);
    });

    it('stay readable by name, and are no file of a fresh checkout', () => {
      const view = diskRepoView(scanRepo(ignoring()));
      expect(view.readText('svc/main.o')).toBe('obj\n');
      expect(view.readText('.venv/lib/pkg/build.sh')).toBe('docker build .\n');
      expect(view.readText('out/app')).toBe('bin\n');
      expect(view.isFile('out/app')).toBe(false);
      expect(view.referenceCandidates()).toEqual(['build.sh', 'new/Dockerfile', 'new/deep/x.sh']);
    });

    it('are listed when the run names them', () => {
      const scanned = scanRepo(ignoring(), new Set(['.venv/lib/pkg/build.sh', 'svc/main.o']));
      expect(scanned.files).toContain('.venv/lib/pkg/build.sh');
      expect(scanned.files).toContain('svc/main.o');
      expect(scanned.files).not.toContain('out/app');
    });

    it('a nested repository and a submodule are walked whole, as before', () => {
      const root = repo({ '.gitignore': '*.log\n', 'a.sh': 'x\n', 'nested/build.sh': 'docker build .\n', 'nested/x.log': 'l\n' });
      git(path.join(root, 'nested'), 'init', '-q');
      fs.mkdirSync(path.join(root, 'new/deeper'), { recursive: true });
      fs.writeFileSync(path.join(root, 'new/deeper/run.sh'), 'docker run x\n');
      git(path.join(root, 'new/deeper'), 'init', '-q');
      git(root, 'add', 'a.sh', '.gitignore');
      expect(scanRepo(root).files).toEqual(['.gitignore', 'a.sh', 'nested/build.sh', 'nested/x.log', 'new/deeper/run.sh']);
      const sub = repo({ 'a.sh': 'x\n', 'lib/build.sh': 'docker build .\n' });
      git(path.join(sub, 'lib'), 'init', '-q');
      git(path.join(sub, 'lib'), 'add', '-A');
      git(path.join(sub, 'lib'), 'commit', '-qm', '1');
      git(sub, 'add', 'a.sh', 'lib');
      expect(execFileSync('git', ['ls-files', '-s', 'lib'], { cwd: sub, encoding: 'utf8' })).toMatch(/^160000 /);
      expect(scanRepo(sub).files).toEqual(['a.sh', 'lib/build.sh']);
    });

    it('a root git ignores whole is walked as a plain directory', () => {
      const root = ignoring();
      const scanned = scanRepo(path.join(root, '.venv'));
      expect(scanned.files).toEqual(['lib/pkg/build.sh']);
      expect(scanned.tracked).toBeNull();
    });

    it('many untracked paths: git lists them all instead of taking each as an argument (over ARG_MAX)', () => {
      const root = repo({ '.gitignore': '*.o\n', 'a.sh': 'x\n' });
      // 9,000 names of 240 bytes: 2.2 MB of arguments, more than one exec may take.
      for (let i = 0; i < 9000; i++) fs.writeFileSync(path.join(root, `${String(i).padStart(5, '0')}${'n'.repeat(233)}.${i % 2 ? 'o' : 'sh'}`), '');
      git(root, 'add', 'a.sh', '.gitignore');
      const scanned = scanRepo(root);
      expect(scanned.files).toHaveLength(4502);
      expect(scanned.files.filter((f) => f.endsWith('.o'))).toEqual([]);
    });

    it('paths are paths to git, not patterns', () => {
      const root = repo({ 'a.sh': 'x\n', ':(icase)B.sh': 'docker build .\n' });
      git(root, 'add', 'a.sh');
      expect(scanRepo(root).files).toEqual([':(icase)B.sh', 'a.sh']);
    });
  });

  it('a file in a merge conflict, listed once per stage, does not stand for untracked files', () => {
    const root = repo({ a: '1\n' });
    git(root, 'add', 'a');
    divergedOn(root, 'a', git);
    expect(() => git(root, 'merge', 'other')).toThrow();
    // Three stages of a, and as many files on disk: a and two the index does not hold.
    fs.writeFileSync(path.join(root, 'b'), 'untracked\n');
    fs.writeFileSync(path.join(root, 'c'), 'untracked\n');
    const scanned = scanRepo(root);
    expect(scanned.walked.size).toBe(3);
    expect(execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean)).toHaveLength(3);
    expect([...scanned.tracked!]).toEqual(['a']);
    expect(diskRepoView(scanned).isFile('b')).toBe(false);
  });
});
