import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, TESTDATA } from './helpers/cli.js';
import { tempDir } from './support/temp-dir.js';

/**
 * The hooks of .pre-commit-hooks.yaml through the real pre-commit client (Debian's `pre-commit`):
 * `try-repo` installs this repository as a node hook (npm install, npm pack, npm install -g) and runs
 * it on a temporary git repository holding the builder-pattern example.
 */
const client = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const available = client.status === 0;
if (!available && process.env.CI) throw new Error('pre-commit is not installed: .ci/run installs it (apt-get install -y pre-commit)');
if (!available) console.warn('test/pre-commit.test.ts: skipped, no pre-commit client (apt-get install -y pre-commit)');

const HOOKS = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares restage (check) and restage-fix (--write) as node hooks given file names', () => {
    const hooks = HOOKS.split(/^- /m)
      .slice(1)
      .map((h) => Object.fromEntries([...h.matchAll(/^\s*([a-z_]+): (.*)$/gm)].map((m) => [m[1], m[2]])));
    expect(hooks.map((h) => [h.id, h.entry, h.language, h.pass_filenames])).toEqual([
      ['restage', 'restage migrate --check', 'node', 'true'],
      ['restage-fix', 'restage migrate --write', 'node', 'true'],
    ]);
    // pre-commit matches `files` with Python's re.search; this pattern means the same in JavaScript.
    for (const h of hooks) {
      const files = new RegExp(JSON.parse(`"${h.files!.replace(/^'|'$/g, '').replace(/\\/g, '\\\\')}"`) as string);
      const caught = [
        'Dockerfile',
        'Dockerfile.build',
        'docker/Dockerfile.prod',
        'app.Dockerfile',
        'dockerfile',
        'build.sh',
        'ci/release.bash',
        'Makefile',
        'sub/GNUmakefile',
        'makefile',
        'rules.mk',
        'Makefile.docker',
        'build/docker.make',
        'rules.mak',
        'package.json',
        'web/package.json',
        '.github/workflows/ci.yml',
        '.gitlab-ci.yml',
        'scripts/build.mjs',
        'build.ts',
        'tools/release.cjs',
      ];
      const passed = [
        'README.md',
        'main.go',
        'Dockerfiles.md',
        'docker-compose.yml',
        'sh',
        'Makefile.txt',
        'Makefile.am',
        'Makefile.bak',
        'Makefile.toml',
        'package.json.bak',
        'tsconfig.json',
        'docs/workflows/ci.yml',
        'app.json',
      ];
      expect(caught.filter((f) => !files.test(f))).toEqual([]);
      expect(passed.filter((f) => files.test(f))).toEqual([]);
    }
  });
});

describe.runIf(available)('pre-commit try-repo (real client)', () => {
  it('restage fails naming the setup; restage-fix rewrites it; then restage passes', { timeout: 600_000 }, () => {
    const work = tempDir('restage-pre-commit-');
    const repo = path.join(work, 'repo');
    fs.cpSync(path.join(TESTDATA, 'seed-href-counter', 'before'), repo, { recursive: true });
    git(repo, 'init', '-q');
    git(repo, '-c', 'user.email=t@example.test', '-c', 'user.name=t', 'add', '-A');
    git(repo, '-c', 'user.email=t@example.test', '-c', 'user.name=t', 'commit', '-qm', 'builder pattern');
    // Its own cache: the first run installs the hook environment from scratch, as on a new machine.
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(work, 'cache'), NO_COLOR: '1' };
    const tryRepo = (hook: string) => {
      const started = Date.now();
      const r = spawnSync('pre-commit', ['try-repo', ROOT, hook, '--all-files', '--color', 'never'], { cwd: repo, env, encoding: 'utf8' });
      return { code: r.status, out: `${r.stdout}${r.stderr}`, ms: Date.now() - started };
    };

    const check = tryRepo('restage');
    expect(check.code, check.out).toBe(1);
    expect(check.out).toMatch(/restage \(builder-pattern Docker setups\)\.+Failed/);
    expect(check.out).toContain('build.sh:8:1: builder-pattern: app is extracted to the host and copied back into an image');
    expect(check.out).toContain('restage: 1 setup to migrate (3 files changed), 0 refused');

    const fix = tryRepo('restage-fix');
    expect(fix.code, fix.out).toBe(1);
    expect(fix.out).toContain('files were modified by this hook');
    expect(fs.existsSync(path.join(repo, 'Dockerfile.build'))).toBe(false);
    expect(fs.readFileSync(path.join(repo, 'Dockerfile'), 'utf8')).toContain('COPY --from=builder /go/src/github.com/alexellis/href-counter/app .');

    git(repo, 'add', '-A');
    const again = tryRepo('restage');
    expect(again.code, again.out).toBe(0);
    expect(again.out).toMatch(/restage \(builder-pattern Docker setups\)\.+Passed/);
    // try-repo installs the hook environment anew on every call (it uses a temporary store), so each
    // of these times includes npm install + npm pack + npm install -g of restage.
    console.log(`pre-commit try-repo: check ${check.ms} ms, fix ${fix.ms} ms, check again ${again.ms} ms`);
  });
});
