// Running docker (and the drivers that call it): one runner for `restage verify` and the e2e tests.
import { spawn, spawnSync } from 'node:child_process';
import type { Readable } from 'node:stream';

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

/** Which engine and builder the Docker client talks to, beyond what its environment already says. */
export interface EngineSelection {
  /** `--context NAME`: as DOCKER_CONTEXT, so a driver run by --run-driver uses it too. */
  context: string | null;
  /** `--builder NAME` (buildx): as BUILDX_BUILDER, likewise. */
  builder: string | null;
}

let selection: EngineSelection = { context: null, builder: null };

export function selectEngine(s: EngineSelection): void {
  selection = s;
}

/**
 * The user's own client configuration (PATH, DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG) as it is,
 * and BuildKit on: the engine semantics restage models are BuildKit's (see client.ts for the client
 * that honours it).
 */
function dockerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  env.DOCKER_BUILDKIT = '1';
  if (selection.context !== null) env.DOCKER_CONTEXT = selection.context;
  if (selection.builder !== null) env.BUILDX_BUILDER = selection.builder;
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
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '')
    .slice(-n);
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

/**
 * `id` and `dataRoot` (docker info): which engine answered. Two engines on one host may share an ID
 * (20.10 derives it from /etc/docker/key.json), never a data root.
 */
export type EngineStatus = { ok: true; version: string; id: string; dataRoot: string } | { ok: false; reason: string };

export function engineStatus(): EngineStatus {
  try {
    const r = run('docker', ['info', '--format', '{{.ServerVersion}}\t{{.ID}}\t{{.DockerRootDir}}'], { timeoutMs: 20_000 });
    const [version = '', id = '', dataRoot = ''] = r.stdout.trim().split('\t');
    if (r.status === 0 && version !== '') return { ok: true, version, id, dataRoot };
    return { ok: false, reason: tailLines(r.stderr || r.stdout, 1)[0] ?? `docker info exited ${r.status}` };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

export function dockerAvailable(): boolean {
  return engineStatus().ok;
}

/** How to get an engine on the user's machine; said whenever none answers. */
export const START_ENGINE_HELP = [
  'start one, then run this again:',
  '  Linux: install Docker Engine (https://docs.docker.com/engine/install/), then `sudo systemctl start docker`',
  '  macOS, Windows: install and start Docker Desktop (https://docs.docker.com/desktop/)',
  '  an engine elsewhere: set DOCKER_HOST, or pass --context NAME',
].join('\n');

/**
 * Like run(), with stdout kept as bytes (an artifact streamed out of a container) and optional stdin,
 * and without blocking the event loop: the long engine calls (builds, exports) of one setup then
 * overlap with another's under `verify --jobs N`, and a pending Ctrl-C is seen between calls.
 */
export function runAsync(
  command: string,
  args: readonly string[],
  opts: RunOptions & { input?: Buffer } = {},
): Promise<{ status: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: dockerEnv(opts.env),
      stdio: [opts.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      timeout: opts.timeoutMs || undefined,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new Error(`${command} ${args.join(' ')}: ${e.message}`)));
    child.on('close', (code, signal) =>
      resolve({ status: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
    );
    if (opts.input) child.stdin!.end(opts.input);
  });
}

/**
 * `docker ARGS…` with its stdout handed to `consume` as a stream (a `docker export` of a whole image
 * filesystem is never held in memory or written to a temp file). A failing docker is CommandFailed,
 * whatever `consume` made of the output it got.
 */
export async function dockerStreamed<T>(args: readonly string[], consume: (stdout: Readable) => Promise<T>): Promise<T> {
  const child = spawn('docker', args, { env: dockerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const err: Buffer[] = [];
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (e) => reject(new Error(`docker ${args.join(' ')}: ${e.message}`)));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const failed = (status: number) => new CommandFailed(`docker ${args.join(' ')}`, status, Buffer.concat(err).toString('utf8'));
  let result: T;
  try {
    result = await consume(child.stdout);
  } catch (e) {
    child.kill();
    const status = await exited;
    throw status !== 0 && err.length > 0 ? failed(status) : e;
  }
  const status = await exited;
  if (status !== 0) throw failed(status);
  return result;
}

/** Like docker(), asynchronously (see runAsync). */
export async function dockerAsync(args: readonly string[], opts: RunOptions = {}): Promise<string> {
  return (await dockerLogged(args, opts)).stdout;
}

/** dockerAsync() with stderr kept too: where BuildKit writes its progress (the context it sent). */
export async function dockerLogged(args: readonly string[], opts: RunOptions = {}): Promise<{ stdout: string; stderr: string }> {
  const r = await runAsync('docker', args, opts);
  const stdout = r.stdout.toString('utf8');
  if (r.status !== 0) {
    const where = opts.cwd ? ` (cwd ${opts.cwd})` : '';
    throw new CommandFailed(`docker ${args.join(' ')}${where}`, r.status, `${stdout}${stdout && !stdout.endsWith('\n') ? '\n' : ''}${r.stderr}`);
  }
  return { stdout, stderr: r.stderr };
}
