// Running docker (and the drivers that call it) from the e2e tests.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const NO_ENGINE_MESSAGE = 'no Docker engine: run scripts/docker/start-engine.sh';

export interface RunOptions {
  cwd?: string;
  /** Extra variables on top of dockerEnv(). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Environment for docker and drivers: Debian's /usr/bin/docker first (a
 * /usr/local/bin/docker without buildx may shadow it), BuildKit on, and no
 * proxies, so legacy and migrated builds see the same (empty) proxy build args.
 */
export function dockerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete env[name];
  env.PATH = `/usr/bin:${process.env.PATH ?? '/usr/local/bin:/bin'}`;
  env.DOCKER_BUILDKIT = '1';
  return env;
}

/** Runs a command without a shell; never throws for a non-zero exit. */
export function run(command: string, args: readonly string[], opts: RunOptions = {}): RunResult {
  const r = spawnSync(command, args, {
    cwd: opts.cwd,
    env: dockerEnv(opts.env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    timeout: opts.timeoutMs ?? 600_000,
  });
  if (r.error) throw new Error(`${command} ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

export function tail(text: string, chars = 4000): string {
  return text.length > chars ? `…${text.slice(-chars)}` : text;
}

/** Like run(), but throws with the output's tail when the command fails. */
export function runOk(command: string, args: readonly string[], opts: RunOptions = {}): string {
  const r = run(command, args, opts);
  if (r.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${r.status}${opts.cwd ? ` (cwd ${opts.cwd})` : ''}\n` +
        `--- stdout\n${tail(r.stdout)}\n--- stderr\n${tail(r.stderr)}`,
    );
  }
  return r.stdout;
}

export function docker(args: readonly string[], opts: RunOptions = {}): string {
  return runOk('docker', args, opts);
}

export function dockerAvailable(): boolean {
  try {
    return run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000 }).status === 0;
  } catch {
    return false;
  }
}

/**
 * 'run' when an engine answers; otherwise 'fail' in CI or when
 * RESTAGE_E2E_REQUIRED=1 (a missing engine must not pass as skipped), else 'skip'.
 */
export function dockerGate(): 'run' | 'skip' | 'fail' {
  if (dockerAvailable()) return 'run';
  return process.env.RESTAGE_E2E_REQUIRED === '1' || process.env.CI ? 'fail' : 'skip';
}

/**
 * Serialises the Docker suites across vitest workers: one suite prunes the
 * build cache between builds, and two build pairs at once would share it.
 * Returns the release function. A lock left by a dead process is taken over.
 */
export async function lockDocker(timeoutMs = 30 * 60_000): Promise<() => void> {
  const dir = path.join(os.tmpdir(), 'restage-e2e-docker.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
      return () => fs.rmSync(dir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (!lockHolderAlive(dir)) {
      fs.rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${dir}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function lockHolderAlive(dir: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
  } catch {
    // Either just created by a process about to write its pid, or left by one
    // that died in between.
    const st = fs.statSync(dir, { throwIfNoEntry: false });
    return st !== undefined && Date.now() - st.mtimeMs < 10_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
