// Running docker (and the drivers that call it): one runner for `restage verify` and the e2e tests.
import { spawnSync } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  /** Extra variables on top of dockerEnv(). */
  env?: Record<string, string>;
  /** Milliseconds; 0 or absent: no limit (a real build may take long). */
  timeoutMs?: number;
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** A command that failed: what was run, and its output for a log tail. */
export class CommandFailed extends Error {
  constructor(
    readonly command: string,
    readonly status: number,
    readonly output: string,
  ) {
    super(`${command} exited ${status}\n${tail(output)}`);
  }
}

/**
 * Debian's /usr/bin/docker first (a /usr/local/bin/docker without BuildKit support may shadow it),
 * and BuildKit on: the engine semantics restage models are BuildKit's.
 */
export function dockerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  env.PATH = `/usr/bin:${process.env.PATH ?? '/usr/local/bin:/bin'}`;
  env.DOCKER_BUILDKIT = '1';
  return env;
}

/** Runs a command without a shell; never throws for a non-zero exit, only when it cannot start. */
export function run(command: string, args: readonly string[], opts: RunOptions = {}): RunResult {
  const r = spawnSync(command, args, {
    cwd: opts.cwd,
    env: dockerEnv(opts.env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    timeout: opts.timeoutMs ? opts.timeoutMs : undefined,
  });
  if (r.error) throw new Error(`${command} ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

export function tail(text: string, chars = 4000): string {
  return text.length > chars ? `…${text.slice(-chars)}` : text;
}

/** The last `n` non-empty lines. */
export function tailLines(text: string, n = 20): string[] {
  return text.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '').slice(-n);
}

/** Like run(), but throws CommandFailed when the command fails; returns stdout. */
export function runOk(command: string, args: readonly string[], opts: RunOptions = {}): string {
  const r = run(command, args, opts);
  if (r.status !== 0) {
    const where = opts.cwd ? ` (cwd ${opts.cwd})` : '';
    throw new CommandFailed(`${command} ${args.join(' ')}${where}`, r.status, `${r.stdout}${r.stdout && !r.stdout.endsWith('\n') ? '\n' : ''}${r.stderr}`);
  }
  return r.stdout;
}

export function docker(args: readonly string[], opts: RunOptions = {}): string {
  return runOk('docker', args, opts);
}

/** Best effort (clean-up): true when docker exited 0. */
export function dockerQuiet(args: readonly string[]): boolean {
  try {
    return run('docker', args, { timeoutMs: 120_000 }).status === 0;
  } catch {
    return false;
  }
}

export type EngineStatus = { ok: true; version: string } | { ok: false; reason: string };

export function engineStatus(): EngineStatus {
  try {
    const r = run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000 });
    if (r.status === 0 && r.stdout.trim() !== '') return { ok: true, version: r.stdout.trim() };
    return { ok: false, reason: tailLines(r.stderr || r.stdout, 1)[0] ?? `docker info exited ${r.status}` };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

export function dockerAvailable(): boolean {
  return engineStatus().ok;
}

/** How to get an engine; said whenever none answers. */
export const START_ENGINE_HELP = [
  'start one, then run this again:',
  '  apt-get install -y docker.io busybox-static   # Debian/Ubuntu, when docker is not installed',
  '  scripts/docker/start-engine.sh                # from a clone of restage (also makes the offline base images with base-images.sh)',
  '  sudo dockerd &                                # any machine with docker installed',
].join('\n');

/** Like run(), with stdout kept as bytes (an artifact streamed out of a container) and optional stdin. */
export function runBytes(command: string, args: readonly string[], opts: RunOptions & { input?: Buffer } = {}): { status: number; stdout: Buffer; stderr: string } {
  const r = spawnSync(command, args, {
    cwd: opts.cwd,
    env: dockerEnv(opts.env),
    input: opts.input,
    stdio: [opts.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    maxBuffer: 4 * 1024 * 1024 * 1024,
    timeout: opts.timeoutMs ? opts.timeoutMs : undefined,
  });
  if (r.error) throw new Error(`${command} ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}
