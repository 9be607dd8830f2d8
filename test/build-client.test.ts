// Which docker client verify builds with (no engine needed: fake clients on PATH answer as the real
// ones do). The product never reorders PATH: a client that cannot build with BuildKit is named.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { buildArgv, findBuildClient } from '../src/verify/client.js';
import { tempDir } from './support/temp-dir.js';

const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
});

/** A directory holding a `docker` that answers `info`, `version` and `buildx version` as told. */
function fakeClient(opts: { version: string; buildx: boolean }): string {
  const dir = tempDir('restage-fake-docker-');
  const buildx = opts.buildx ? 'echo "github.com/docker/buildx v0.12.1 abc"; exit 0' : 'echo "docker: \'buildx\' is not a docker command." >&2; exit 1';
  fs.writeFileSync(
    path.join(dir, 'docker'),
    `#!/bin/sh\ncase "$1" in\n  info) echo "20.10.24 FAKE:ID"; exit 0 ;;\n  version) echo "${opts.version}"; exit 0 ;;\n  buildx) ${buildx} ;;\nesac\nexit 3\n`,
    { mode: 0o755 },
  );
  return dir;
}

function usePath(...dirs: string[]): void {
  process.env.PATH = [...dirs, '/bin', '/usr/bin'].join(path.delimiter);
}

describe('the BuildKit client', () => {
  it('buildx when `docker buildx version` works: builds go through buildx build --load, with --builder', () => {
    usePath(fakeClient({ version: '28.2.2', buildx: true }));
    const c = findBuildClient('remote1');
    expect(c.ok && c.client).toEqual({ kind: 'buildx', version: 'v0.12.1', builder: 'remote1' });
    expect(buildArgv({ kind: 'buildx', version: 'v0.12.1', builder: 'remote1' }, ['build', '-t', 'x', '.'])).toEqual([
      'buildx',
      'build',
      '--load',
      '--builder',
      'remote1',
      '-t',
      'x',
      '.',
    ]);
    expect(buildArgv({ kind: 'buildx', version: 'v0.12.1', builder: null }, ['rmi', 'x'])).toEqual(['rmi', 'x']);
  });

  it('a client before 23 without buildx honours DOCKER_BUILDKIT=1: docker build as is', () => {
    usePath(fakeClient({ version: '20.10.24+dfsg1', buildx: false }));
    const c = findBuildClient(null);
    expect(c.ok && c.client).toEqual({ kind: 'docker-buildkit', version: '20.10.24+dfsg1' });
    expect(buildArgv({ kind: 'docker-buildkit', version: '20.10.24' }, ['build', '.'])).toEqual(['build', '.']);
  });

  it('a client of 23 or later without buildx is refused, naming it and what to install', () => {
    const dir = fakeClient({ version: '28.2.2', buildx: false });
    usePath(dir);
    const c = findBuildClient(null);
    expect(c.ok).toBe(false);
    expect(!c.ok && c.reason).toContain(`the docker client ${path.join(dir, 'docker')} (28.2.2) builds with BuildKit only through the buildx plugin`);
    expect(!c.ok && c.reason).toContain('apt-get install docker-buildx');
  });

  it('--builder without buildx is refused, even with a client that honours DOCKER_BUILDKIT=1', () => {
    usePath(fakeClient({ version: '20.10.24', buildx: false }));
    const c = findBuildClient('remote1');
    expect(!c.ok && c.reason).toMatch(
      /^--builder remote1 needs the buildx plugin, and `docker buildx version` fails for .*: docker: 'buildx' is not a docker command\.$/,
    );
  });

  it('restage verify exits 2 with that message (one line, no stack) before building anything', async () => {
    usePath(fakeClient({ version: '28.2.2', buildx: false }));
    const dir = tempDir('restage-client-');
    fs.cpSync(path.resolve(__dirname, '..', 'testdata', 'create-id-variable', 'before'), dir, { recursive: true });
    let stdout = '';
    let stderr = '';
    const code = await main(['node', 'restage', 'verify', dir], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^restage verify: cannot build with BuildKit: the docker client .* builds with BuildKit only through the buildx plugin/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
