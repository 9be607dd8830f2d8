// restage verify on an engine other than the default one: a second dockerd (scripts/docker/second-engine.sh,
// its own socket, data root and network namespace) reached through DOCKER_HOST, then through a Docker
// context (--context). The images must be built there, and neither engine may keep anything of verify's.
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { VerifyReport } from '../../src/verify/report.js';
import { copyToTemp } from './lib/build-case.js';
import { REPO_ROOT } from './lib/cases.js';
import { lockDocker } from './lib/engine.js';
import { leftoversSince } from './lib/leftovers.js';
import { describeWithDocker } from './lib/gate.js';
import { tempDir } from '../support/temp-dir.js';

const SCRIPT = path.join(REPO_ROOT, 'scripts/docker/second-engine.sh');
const dir = path.join(os.tmpdir(), `restage-e2e-engine2-${process.pid}`);
const sock = `unix://${dir}/sock`;

/** The docker CLI against one engine (the default one when host is null). */
function docker(host: string | null, args: string[]): string {
  const env = { ...process.env };
  if (host === null) delete env.DOCKER_HOST;
  else env.DOCKER_HOST = host;
  return execFileSync('docker', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Names of the images tagged on an engine since `since` (unix seconds): where verify built. */
function taggedSince(host: string | null, since: number): string[] {
  const out = docker(host, [
    'events',
    '--since',
    String(since),
    '--until',
    String(Math.ceil(Date.now() / 1000) + 1),
    '--filter',
    'type=image',
    '--filter',
    'event=tag',
    '--format',
    '{{.Actor.Attributes.name}}',
  ]);
  return out.split('\n').filter((l) => l.startsWith('restage-verify/'));
}

async function verifyJson(
  args: string[],
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number; report: VerifyReport; stderr: string }> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let stdout = '';
  let stderr = '';
  try {
    const code = await main(['node', 'restage', 'verify', '--format', 'json', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
    return { code, report: JSON.parse(stdout || 'null') as VerifyReport, stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describeWithDocker('restage verify on a second engine', () => {
  let release: (() => void) | undefined;
  let firstRoot = '';
  let secondRoot = '';
  const leftovers = new Map<string | null, () => string[]>();
  beforeAll(async () => {
    release = await lockDocker();
    // Fails (never skips) when the engine does not start: the test below then fails with its output.
    execFileSync(SCRIPT, ['start', dir, 'local/build:1', 'local/run:1'], { stdio: 'pipe' });
    firstRoot = docker(null, ['info', '--format', '{{.DockerRootDir}}']).trim();
    secondRoot = docker(sock, ['info', '--format', '{{.DockerRootDir}}']).trim();
    for (const host of [sock, null]) leftovers.set(host, leftoversSince(host));
  }, 180_000);
  afterAll(() => {
    try {
      execFileSync(SCRIPT, ['stop', dir], { stdio: 'pipe' });
    } finally {
      release?.();
    }
  }, 120_000);

  it('DOCKER_HOST: built on the second engine, nothing left on either', async () => {
    expect(secondRoot).toBe(`${dir}/root`);
    expect(firstRoot).not.toBe(secondRoot);
    const repo = copyToTemp(path.join(REPO_ROOT, 'testdata/create-id-variable/before'), 'engine2');
    const since = Math.floor(Date.now() / 1000) - 1;
    const { code, report, stderr } = await verifyJson([], repo, { DOCKER_HOST: sock });
    expect(stderr).not.toMatch(/cannot build|no Docker engine/);
    expect(report.setups.map((s) => [s.verdict, s.log ?? ''])).toEqual([['equivalent', '']]);
    expect(code).toBe(0);
    expect(report.engine).toMatchObject({ dataRoot: secondRoot, host: sock });
    // The legacy, builder and migrated images were tagged there, and none on the default engine.
    expect(taggedSince(sock, since).length).toBeGreaterThanOrEqual(3);
    expect(taggedSince(null, since)).toEqual([]);
    expect(leftovers.get(sock)!()).toEqual([]);
    expect(leftovers.get(null)!()).toEqual([]);
  }, 300_000);

  it('--context NAME: the context names the second engine (DOCKER_HOST unset)', async () => {
    const config = tempDir('restage-e2e-docker-config-');
    execFileSync('docker', ['context', 'create', 'restage-e2', '--docker', `host=${sock}`], {
      env: { ...process.env, DOCKER_CONFIG: config, DOCKER_HOST: '' },
      stdio: 'pipe',
    });
    const repo = copyToTemp(path.join(REPO_ROOT, 'testdata/create-id-variable/before'), 'engine2-context');
    const since = Math.floor(Date.now() / 1000) - 1;
    const { code, report } = await verifyJson(['--context', 'restage-e2'], repo, { DOCKER_HOST: undefined, DOCKER_CONFIG: config });
    expect(report.setups.map((s) => [s.verdict, s.log ?? ''])).toEqual([['equivalent', '']]);
    expect(code).toBe(0);
    expect(report.engine).toMatchObject({ dataRoot: secondRoot, context: 'restage-e2' });
    expect(taggedSince(sock, since).length).toBeGreaterThanOrEqual(3);
    expect(taggedSince(null, since)).toEqual([]);
    expect(leftovers.get(sock)!()).toEqual([]);
    expect(leftovers.get(null)!()).toEqual([]);
  }, 300_000);
});
