// restage verify without a Docker engine: exit codes, usage errors, what the replay would run, and
// how differences are shown. The builds themselves are in test/e2e/verify.e2e.test.ts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { migrateTargets } from '../src/pipeline/migrate.js';
import type { BuildPlan } from '../src/plan/model.js';
import { expandFromEnv } from '../src/verify/env-words.js';
import { legacyReplay, migratedReplay, type Namer } from '../src/verify/replay.js';
import { setupText } from '../src/verify/report.js';
import { driverCommand } from '../src/verify/run-driver.js';
import { tempDir } from './support/temp-dir.js';

const ROOT = path.resolve(__dirname, '..');
const testdata = (name: string) => path.join(ROOT, 'testdata', name, 'before');

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'restage', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

function copy(name: string): string {
  const dir = tempDir('restage-verify-test-');
  fs.cpSync(testdata(name), dir, { recursive: true });
  return dir;
}

describe('restage verify without an engine', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'unix:///tmp/restage-no-such-engine.sock';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
  });

  it('exits 2 and says how to start one', async () => {
    const r = await run(['verify'], copy('seed-href-counter-e2e'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^restage verify: no Docker engine answers \(/);
    expect(r.stderr).toContain('https://docs.docker.com/engine/install/');
    expect(r.stderr).toContain('Docker Desktop');
    expect(r.stderr).toContain('set DOCKER_HOST, or pass --context NAME');
    // The message is for the user's machine: nothing about restage's own test set-up.
    expect(r.stderr).not.toMatch(/busybox|scripts\/docker|base-images/);
  });

  it('a refused setup has nothing to verify: exit 1, no engine needed', async () => {
    const r = await run(['verify'], copy('refuse-host-step-strip'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('build.sh: refused, nothing to verify (host-step-between-extraction-and-build); `restage migrate` says why\n');
  });

  it('no builder pattern: nothing to verify, exit 0', async () => {
    const r = await run(['verify', '--format', 'json'], copy('no-builder-pattern-multistage'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ version: 2, mode: 'rewritten-driver', base: null, engine: null, setups: [] });
  });

  it('usage errors exit 2', async () => {
    const dir = copy('seed-href-counter-e2e');
    expect((await run(['verify', 'no-such-dir'], dir)).code).toBe(2);
    expect((await run(['verify', '--format', 'xml'], dir)).code).toBe(2);
    const notGit = await run(['verify', '--base', 'HEAD'], dir);
    expect(notGit.code).toBe(2);
    expect(notGit.stderr).toContain('--base needs a git work tree');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const badRev = await run(['verify', '--base', 'no-such-rev'], dir);
    expect(badRev.code).toBe(2);
    expect(badRev.stderr).toContain('no-such-rev: no such revision');
    for (const jobs of ['0', 'two', '1.5']) {
      const r = await run(['verify', '--jobs', jobs], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--jobs <n>' argument '.*' is invalid\. a whole number of 1 or more/);
    }
    const both = await run(['verify', '--plan-only', '--run-driver'], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--plan-only' cannot be used with option '--run-driver'/);
  });
});

describe('the replay of a plan', () => {
  const names: Namer = { imageTag: (role) => `restage-verify/t-${role}:1`, containerName: (role) => `restage-verify-t-${role}` };
  async function planOf(name: string): Promise<BuildPlan> {
    const dir = testdata(name);
    return (await migrateTargets([dir], { write: false, cwd: dir })).roots[0]!.setups[0]!.plan!;
  }

  it('runs the seed as restage read it, under verify names, with proxy build args from the environment', async () => {
    const plan = await planOf('seed-href-counter');
    const saved = { https_proxy: process.env.https_proxy, http_proxy: process.env.http_proxy };
    delete process.env.http_proxy;
    process.env.https_proxy = 'http://proxy.example:3128';
    try {
      const legacy = legacyReplay(plan, '/r', names);
      expect(legacy.actions.map((a) => (a.kind === 'docker' ? a.args.join(' ') : a.argv.join(' ')))).toEqual([
        // The line continuation sh would break is followed, as restage followed it; http_proxy is unset: left out.
        'build --no-cache --progress=plain -f /r/Dockerfile.build -t restage-verify/t-builder1:1 --build-arg https_proxy=http://proxy.example:3128 /r',
        'create --name restage-verify-t-x1 restage-verify/t-builder1:1 /bin/true',
        'cp restage-verify-t-x1:/go/src/github.com/alexellis/href-counter/app /r/app',
        'build --no-cache --progress=plain -f /r/Dockerfile -t restage-verify/t-legacy:1 /r',
      ]);
      expect(legacy.images).toEqual(['restage-verify/t-legacy:1']);
      const migrated = migratedReplay(plan, '/m', names);
      expect(migrated.actions.map((a) => (a.kind === 'docker' ? a.args.join(' ') : ''))).toEqual([
        'build --no-cache --progress=plain -f /m/Dockerfile -t restage-verify/t-migrated:1 --build-arg https_proxy=http://proxy.example:3128 /m',
      ]);
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  });

  it("runs the driver's file operations inside the copy, in order", async () => {
    const legacy = legacyReplay(await planOf('host-step-mv-and-cp'), '/r', names);
    expect(
      legacy.actions.filter((a) => a.kind === 'host').map((a) => (a.kind === 'host' ? `${a.argv.join(' ')} (in ${a.cwd}, set -e: ${a.errexit})` : '')),
    ).toEqual([
      'mkdir -p bin (in /r, set -e: true)',
      'mv server bin/ (in /r, set -e: true)',
      'cp -p bin/server bin/server-debug (in /r, set -e: true)',
      'chmod -R u+w,go-w bin/server-debug (in /r, set -e: true)',
    ]);
  });

  it('streams a docker run into the file or the pipe the driver names', async () => {
    const cat = legacyReplay(await planOf('run-stdout-cat'), '/r', names).actions.find((a) => a.kind === 'docker' && a.args[0] === 'run');
    expect(cat).toMatchObject({
      args: ['run', '--name', expect.stringMatching(/^restage-verify-t-run\d+$/), 'restage-verify/t-builder1:1', 'cat', 'app'],
      stdout: { file: '/r/app' },
    });
    const tar = legacyReplay(await planOf('run-tar-pipe'), '/r', names).actions.find((a) => a.kind === 'docker' && a.args[0] === 'run');
    expect(tar).toMatchObject({ stdout: { pipe: { argv: ['tar', '-C', 'out', '-xf', '-'], cwd: '/r' } } });
  });
});

it('expands environment words as sh would, or says which variable is missing', () => {
  const env = { A: 'a', EMPTY: '' };
  expect(expandFromEnv('x=$A', env)).toEqual({ ok: true, text: 'x=a' });
  expect(expandFromEnv('${A}-${B:-b}-${EMPTY:-e}-${EMPTY-e}-${A:+set}', env)).toEqual({ ok: true, text: 'a-b-e--set' });
  expect(expandFromEnv('https_proxy=$https_proxy', env)).toEqual({ ok: false, unset: 'https_proxy' });
  expect(expandFromEnv('$(date)', env)).toMatchObject({ ok: false, unknown: '$(date)' });
});

it('shows differences as aligned rows: path or config key, what, legacy, migrated', () => {
  const text = setupText({
    driver: 'build.sh',
    verdict: 'different',
    compared: { paths: 290, configKeys: 12 },
    differences: [
      { path: '/usr/share/nonroot/artifact.txt', kind: 'owner', legacy: '0:0', migrated: '1000:1000' },
      { path: '/app', kind: 'content', legacy: 'a'.repeat(64), migrated: 'b'.repeat(64) },
      { config: 'Cmd', kind: 'config', legacy: ['./app'], migrated: null },
    ],
    notes: [],
  });
  expect(text).toBe(
    [
      'build.sh: different (3 differences; 290 paths, 12 config keys compared)',
      '  path or config key               what     legacy               migrated',
      '  /usr/share/nonroot/artifact.txt  owner    0:0                  1000:1000',
      '  /app                             content  sha256:aaaaaaaaaaaa  sha256:bbbbbbbbbbbb',
      '  Cmd                              config   ["./app"]            (none)',
      '',
    ].join('\n'),
  );
});

describe('verify --run-driver: how each kind of driver is run', () => {
  const dir = (files: Record<string, string>) => {
    const d = tempDir('restage-driver-command-');
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(d, f), text);
    return d;
  };

  it('sh or bash by the shebang, make for a Makefile, this Node for JavaScript', () => {
    const d = dir({ 'build.sh': '#!/usr/bin/env bash\n', 'plain.sh': 'docker build .\n', Makefile: 'all:\n' });
    expect(driverCommand(d, 'build.sh')).toEqual({ command: 'bash', args: ['build.sh'] });
    expect(driverCommand(d, 'plain.sh')).toEqual({ command: 'sh', args: ['plain.sh'] });
    expect(driverCommand(d, 'Makefile')).toEqual({ command: 'make', args: ['-f', 'Makefile'] });
    for (const js of ['build.js', 'build.mjs', 'build.cjs']) expect(driverCommand(d, js)).toEqual({ command: process.execPath, args: [js] });
  });

  it("npm runs package.json's setup script: the first that copies out of a container", () => {
    const scripts = {
      lint: 'eslint .',
      image: 'docker build -t x .',
      release: 'docker build -t b -f Dockerfile.build . && docker create --name c b && docker cp c:/out ./out',
    };
    expect(driverCommand(dir({ 'package.json': JSON.stringify({ scripts }) }), 'package.json')).toEqual({
      command: 'npm',
      args: ['--no-update-notifier', 'run', 'release'],
    });
    expect(() => driverCommand(dir({ 'package.json': JSON.stringify({ scripts: { lint: 'eslint .' } }) }), 'package.json')).toThrow(
      /no script of this package.json copies files out of a container/,
    );
  });

  it('a TypeScript driver or a CI configuration is not run, and the error says why', () => {
    const d = dir({ 'build.ts': '', 'ci.yml': '' });
    expect(() => driverCommand(d, 'build.ts')).toThrow(/does not run a TypeScript driver/);
    expect(() => driverCommand(d, '.github/workflows/ci.yml')).toThrow(/does not run a CI configuration/);
  });
});
