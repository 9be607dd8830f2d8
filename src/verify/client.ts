// Which Docker client on PATH can build with BuildKit, and how verify asks it to. Docker CLI 23 and
// later build with BuildKit only through the buildx plugin (without it, DOCKER_BUILDKIT=1 makes
// `docker build` fail: "BuildKit is enabled but the buildx component is missing or broken"); clients
// up to 22 have BuildKit built in and honour DOCKER_BUILDKIT=1.
import fs from 'node:fs';
import path from 'node:path';
import { run, tailLines } from './engine.js';

export type BuildClient =
  /** `docker buildx build --load`: the image lands in the engine verify reads it from. */
  | { kind: 'buildx'; version: string; builder: string | null }
  /** `docker build` with DOCKER_BUILDKIT=1 (a client of version 18.09 to 22). */
  | { kind: 'docker-buildkit'; version: string };

export type ClientCheck = { ok: true; client: BuildClient; describe: string } | { ok: false; reason: string };

/** The first buildx or BuildKit-honouring client; `builder` (a buildx builder) needs buildx. */
export function findBuildClient(builder: string | null): ClientCheck {
  const where = onPath('docker');
  if (where === null) return { ok: false, reason: 'no docker client on PATH (install docker.io, or the docker CLI of your engine)' };
  const buildx = run('docker', ['buildx', 'version'], { timeoutMs: 20_000 });
  if (buildx.status === 0) {
    const version = buildx.stdout.trim().split(/\s+/)[1] ?? buildx.stdout.trim();
    return { ok: true, client: { kind: 'buildx', version, builder }, describe: `${where} with buildx ${version}${builder ? `, builder ${builder}` : ''}` };
  }
  const v = run('docker', ['version', '--format', '{{.Client.Version}}'], { timeoutMs: 20_000 });
  const version = v.stdout.trim();
  const major = Number(/^(\d+)\./.exec(version)?.[1] ?? NaN);
  if (builder !== null) {
    return {
      ok: false,
      reason: `--builder ${builder} needs the buildx plugin, and \`docker buildx version\` fails for ${where}: ${tailLines(buildx.stderr || buildx.stdout, 1)[0] ?? `exit ${buildx.status}`}`,
    };
  }
  if (Number.isFinite(major) && major < 23) {
    return { ok: true, client: { kind: 'docker-buildkit', version }, describe: `${where} ${version} with DOCKER_BUILDKIT=1` };
  }
  return {
    ok: false,
    reason:
      `the docker client ${where} (${version || 'version unknown'}) builds with BuildKit only through the buildx plugin, and \`docker buildx version\` fails; ` +
      'install buildx (Debian: apt-get install docker-buildx; elsewhere the docker-buildx-plugin package), or put a docker client that honours DOCKER_BUILDKIT=1 (18.09 to 22.x) first on PATH',
  };
}

/** The words that run `docker build ARGS…` with this client. */
export function buildArgv(client: BuildClient, args: readonly string[]): string[] {
  if (args[0] !== 'build' || client.kind === 'docker-buildkit') return [...args];
  return ['buildx', 'build', '--load', ...(client.builder ? ['--builder', client.builder] : []), ...args.slice(1)];
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}
