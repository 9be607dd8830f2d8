import path from 'node:path/posix';
import type { Arg, DockerInvocation, FlagUse } from '../drivers/docker-cli.js';
import { resolveHostPath } from '../shell/host-path.js';
import { REPO_ROOT } from '../shell/evaluate.js';
import { isImageReference } from '../dockerfile/image-ref.js';
import { isWithin } from '../dockerfile/paths.js';

/** A bind mount of a repository directory into a `docker run` container. */
export interface BindMount {
  /** Repo-relative host directory ('' is the root). */
  hostDir: string;
  /** Absolute path in the container. */
  target: string;
  readOnly: boolean;
  /** Whether the host directory exists in a fresh checkout (set by the planner; docker run creates it empty otherwise). */
  existsInRepo: boolean;
}

/** What `docker run --rm -v "$PWD":/src -w /src -e K=V IMG cmd…` does, as a build stage would do it. */
export interface RunSpec {
  image: Arg;
  /**
   * An image named through variables (`"$GO_IMAGE"`, `golang:${GO_VERSION:-1.22}`, make's `$(IMAGE)`):
   * the stage's `FROM` text with `${NAME}` for each, and the words the driver passes so the build gets
   * the same value (`--build-arg NAME=<the reference as written>`); the merged file declares `ARG NAME`
   * before its first FROM. Null for a static image.
   */
  carriedImage: { from: string; args: { name: string; word: string }[] } | null;
  workdir: string | null;
  env: [string, string][];
  mounts: BindMount[];
  /** The exec-form command: `--entrypoint` (if any) followed by the arguments after the image. */
  argv: string[];
  /** `--platform linux/amd64`: the stage is `FROM --platform=…` the image, as the run pulled that variant. */
  platform?: string;
  /** How the driver spells the run, when not `docker run`: `compose run` (drivers/compose/). */
  via?: string;
  /** `--entrypoint` was given: the image's own ENTRYPOINT does not run. */
  entrypointSet: boolean;
  /**
   * `--user`/`-u` was given: what the command writes belongs to that user (often `$(id -u)`, known only
   * at run time), while the stage runs it as the image's user. COPY gives the files root's owner either
   * way; an archive the command made keeps its owners inside.
   */
  userSet: boolean;
  /**
   * Targets of named volumes (`-v gomod:/go/pkg/mod`): state the engine keeps between runs, which only
   * the command reads back (a module or build cache). In the stage they are BuildKit cache mounts, so
   * their contents stay out of the stage's files as they stayed out of the checkout.
   */
  caches: string[];
  /**
   * `-e CC=$(CC)`, `-e "VERSION=$VERSION"`, `-e TOKEN`: values only a run knows. The driver passes the same
   * words to the merged build (`--build-arg CC=$(CC)`), and the stage declares `ARG CC`, which the
   * stage's RUN sees in its environment as the command saw the -e variable.
   */
  carriedEnv: { name: string; word: string }[];
}

export type RunReading = { ok: true; spec: RunSpec } | { ok: false; flag: string; reason: string; at: number };

/** Flags of `docker run` that do not change what the command writes into its mounts. */
const IGNORED = new Set([
  '--rm',
  '--interactive',
  '--tty',
  '--init',
  '--user',
  '--name',
  '--label',
  '--hostname',
  '--add-host',
  '--dns',
  '--memory',
  '--cpus',
  '--shm-size',
  '--ulimit',
  '--log-driver',
  '--log-opt',
  '--security-opt',
  '--cap-add',
  '--cap-drop',
  '--group-add',
  '--publish',
  '--publish-all',
  '--expose',
  '--restart',
  '--pull',
]);

/** `os/arch[/variant]`, as `--platform` and `FROM --platform=` take it. */
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;

/** A `docker run` whose bind mounts make it a build step; null when it mounts nothing of the repository. */
export function readRun(
  inv: Extract<DockerInvocation, { kind: 'run' }>,
  cwd: string | null,
  withoutMounts = false,
  imageCmd: string[] | null = null,
): RunReading | null {
  const binds = inv.flags.filter((f) => f.name === '--volume' || f.name === '--mount');
  if (binds.length === 0 && !withoutMounts) return null;
  const mounts: BindMount[] = [];
  const caches: string[] = [];
  for (const f of binds) {
    const m = readMount(f, cwd);
    if (m === 'not-a-bind') continue;
    if (typeof m === 'object' && 'cache' in m) {
      caches.push(m.cache);
      continue;
    }
    if (typeof m === 'string') return { ok: false, flag: f.name, reason: m, at: f.value?.start ?? 0 };
    mounts.push(m);
  }
  if (mounts.length === 0 && !withoutMounts) return null;
  let workdir: string | null = null;
  const env: [string, string][] = [];
  const carriedEnv: RunSpec['carriedEnv'] = [];
  let entrypoint: string | null = null;
  let platform: string | null = null;
  for (const f of inv.flags) {
    const v = f.value;
    if (f.name === '--volume' || f.name === '--mount' || IGNORED.has(f.name)) continue;
    if (f.name === '--workdir' && v?.isStatic) workdir = path.normalize(v.text.startsWith('/') ? v.text : `/${v.text}`);
    else if (f.name === '--env' && v?.isStatic && v.text.includes('=')) env.push([v.text.slice(0, v.text.indexOf('=')), v.text.slice(v.text.indexOf('=') + 1)]);
    else if (f.name === '--env' && v && carriedName(v) !== null) carriedEnv.push({ name: carriedName(v)!, word: v.raw });
    else if (f.name === '--entrypoint' && v?.isStatic) entrypoint = v.text;
    else if (f.name === '--platform' && v?.isStatic && PLATFORM.test(v.text)) platform = v.text;
    else
      return {
        ok: false,
        flag: f.name,
        reason: f.why ?? (v && !v.isStatic ? `its value ${v.raw} is not known statically` : 'a build stage would not reproduce it'),
        at: v?.start ?? 0,
      };
  }
  // `-v "$PWD":"$PWD" -w "$PWD"`: the container sees the checkout at its host path, which only a run knows.
  const hostPathFlag = inv.flags.find(
    (f) => f.value?.isStatic && (f.name === '--volume' || f.name === '--mount' ? mountTarget(f.name, f.value.text) : f.value.text).includes(REPO_ROOT),
  );
  const hostPathWord = hostPathFlag?.value ?? inv.command.find((a) => a.isStatic && a.text.includes(REPO_ROOT));
  if (hostPathWord)
    return {
      ok: false,
      flag: hostPathFlag?.name ?? hostPathWord.raw,
      reason: `${hostPathWord.raw} names the checkout's path on the host, which only a run knows`,
      at: hostPathWord.start,
    };
  const nonStatic = inv.command.find((a) => !a.isStatic);
  if (nonStatic) return { ok: false, flag: nonStatic.raw, reason: 'the command has a word that is not known statically', at: nonStatic.start };
  // No command of its own: the image's CMD runs, which restage reads from a Dockerfile the driver builds.
  const command = inv.command.length === 0 && !entrypoint && imageCmd ? imageCmd : inv.command.map((a) => a.text);
  const argv = [...(entrypoint ? [entrypoint] : []), ...command];
  if (argv.length === 0) return { ok: false, flag: '(no command)', reason: "the image's own CMD would run, and restage cannot see it", at: inv.image.start };
  // `docker run -v "$PWD":/src klakegg/hugo --minify`: options with no program are the ENTRYPOINT's
  // arguments; a stage's RUN would try to run `--minify` itself.
  const first = inv.command[0];
  if (!entrypoint && first?.text.startsWith('-'))
    return {
      ok: false,
      flag: first.raw,
      reason: 'the command starts with an option, an argument to an ENTRYPOINT the image has and restage cannot see',
      at: first.start,
    };
  const carriedImage = inv.image.isStatic ? null : carryImage(inv.image);
  if (!inv.image.isStatic && carriedImage === null) return { ok: false, flag: inv.image.raw, reason: 'the image is not known statically', at: inv.image.start };
  if (carriedImage === null && !isImageReference(inv.image.text))
    return { ok: false, flag: JSON.stringify(inv.image.text), reason: 'Docker does not accept it as an image reference', at: inv.image.start };
  const userSet = inv.flags.some((f) => f.name === '--user');
  const spec: RunSpec = { image: inv.image, workdir, env, mounts, argv, entrypointSet: entrypoint !== null, userSet, caches, carriedEnv, carriedImage };
  return { ok: true, spec: platform === null ? spec : { ...spec, platform } };
}

/**
 * An image word made of literal text and variable references, each carried to the build as an ARG.
 * Only what a FROM can hold once the ARGs are substituted: no command substitution, no other expansion.
 */
function carryImage(word: Arg): RunSpec['carriedImage'] {
  const raw = word.raw.replace(/^"(.*)"$/s, '$1');
  const ref = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-[A-Za-z0-9_./:@-]*)?\}|\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$([A-Za-z_][A-Za-z0-9_]*)/g;
  const args: { name: string; word: string }[] = [];
  let from = '';
  let at = 0;
  for (const m of raw.matchAll(ref)) {
    const literal = raw.slice(at, m.index);
    if (!/^[A-Za-z0-9_./:@-]*$/.test(literal)) return null;
    const name = m[1] ?? m[2] ?? m[3]!;
    from += `${literal}\${${name}}`;
    // The reference as written, so the shell (or make) gives the build the value the run got.
    if (!args.some((a) => a.name === name)) args.push({ name, word: m[2] ? `${name}=${m[0]}` : `"${name}=${m[0]}"` });
    at = m.index + m[0].length;
  }
  const tail = raw.slice(at);
  if (args.length === 0 || !/^[A-Za-z0-9_./:@-]*$/.test(tail)) return null;
  return { from: from + tail, args };
}

/**
 * The variable an `-e` word sets when its value is known only at run time (`CC=$(CC)`), or that it
 * passes through from the caller's environment (`-e TOKEN`): the name must be written out.
 */
function carriedName(v: Arg): string | null {
  const bare = v.raw.replace(/^(["'])(.*)\1$/s, '$2');
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(=|$)/.exec(bare);
  if (!m) return null;
  // `-e NAME` alone passes the caller's value; --build-arg NAME alone does the same.
  if (m[2] === '' && !v.isStatic) return null;
  return m[1]!;
}

/** The container side of a `-v` or `--mount` value. */
function mountTarget(flag: string, text: string): string {
  if (flag === '--volume') return text.split(':')[1] ?? '';
  return mountDestination(mountOptions(text));
}

/** `--mount type=bind,src=…,dst=…,ro` as its options. */
function mountOptions(text: string): Map<string, string> {
  return new Map(text.split(',').map((kv) => [kv.split('=')[0]!, kv.slice(kv.indexOf('=') + 1)] as const));
}

/** Its container side, in any of the three names docker takes. */
function mountDestination(opts: Map<string, string>): string {
  return opts.get('target') ?? opts.get('destination') ?? opts.get('dst') ?? '';
}

function readMount(f: FlagUse, cwd: string | null): BindMount | { cache: string } | string | 'not-a-bind' {
  const v = f.value;
  if (!v) return 'it has no value';
  let source: string;
  let target: string;
  let readOnly = false;
  if (f.name === '--mount') {
    const opts = mountOptions(v.text);
    const type = opts.get('type') ?? 'volume';
    const dst = mountDestination(opts);
    if (type === 'volume' && v.isStatic && /^\/[^\s,"'=]*$/.test(dst) && !opts.has('readonly') && !opts.has('ro')) return { cache: path.normalize(dst) };
    // Known only at run time, the spec may be any mount: a bind of anything, a volume over the output.
    if (type !== 'bind') return v.isStatic ? 'not-a-bind' : `the mount ${v.raw} is not known statically`;
    source = opts.get('source') ?? opts.get('src') ?? '';
    target = dst;
    readOnly = opts.has('readonly') || opts.has('ro');
  } else {
    const parts = v.text.split(':');
    if (parts.length < 2) return v.isStatic ? 'not-a-bind' : `the volume ${v.raw} is not known statically`;
    [source, target] = [parts[0]!, parts[1]!];
    readOnly = (parts[2] ?? '').split(',').includes('ro');
  }
  // A named volume (`gomod:/go/pkg/mod`) is not the repository's: a cache the command keeps between runs.
  if (isVolumeName(source)) {
    // `-v "$OUT":/out` may be a host path as well as a volume: which, only a run knows.
    if (!v.isStatic) return `the mount ${v.raw} is not known statically`;
    if (readOnly || !/^\/[^\s,"'=]*$/.test(target)) return 'a named volume restage cannot read as a cache (read-only, or a relative target)';
    return { cache: path.normalize(target) };
  }
  if (!v.isStatic || cwd === null) return `the host path ${v.raw} is not known statically`;
  const hostDir = resolveHostPath(cwd, source);
  if (hostDir === null) return `${source} is outside the repository`;
  return { hostDir, target: path.normalize(target), readOnly, existsInRepo: false };
}

/** A mount source that names a volume, not a host path (`gomod`, not `./out`, `/abs` or the repository's root). */
function isVolumeName(source: string): boolean {
  return source !== '' && !source.includes('/') && !source.startsWith('.') && !source.startsWith('\u0000');
}

/** The named volumes a run or create mounts (`-v gomod:/go`, `--mount source=gomod,target=/go`); anonymous ones have no name to share. */
export function namedVolumes(flags: FlagUse[]): string[] {
  const names: string[] = [];
  for (const f of flags) {
    if (!f.value) continue;
    if (f.name === '--volume' && f.value.text.includes(':')) names.push(f.value.text.split(':')[0]!);
    if (f.name === '--mount') {
      const opts = mountOptions(f.value.text);
      if ((opts.get('type') ?? 'volume') === 'volume') names.push(opts.get('source') ?? opts.get('src') ?? '');
    }
  }
  return names.filter(isVolumeName);
}

/**
 * Host paths the command names (`-o bin/app`, `/out/`), through its mounts: the outputs a later
 * COPY may read. A run with none of them is not taken for a build step.
 */
export function namedHostPaths(spec: RunSpec): string[] {
  const out: string[] = [];
  for (const inContainer of commandPaths(spec)) {
    for (const m of spec.mounts) {
      if (m.readOnly || !isWithin(inContainer, m.target === '/' ? '' : m.target)) continue;
      const rest = inContainer.slice(m.target.length).replace(/^\//, '');
      out.push(rest === '' ? m.hostDir : m.hostDir === '' ? rest : `${m.hostDir}/${rest}`);
    }
  }
  return out;
}

/**
 * The run is a copy (`cp /out/app /host/app`) out of one of its volumes (`-v art:/out`): what it copies
 * was left there by earlier runs. A command that only names its cache (`npm ci --cache /npm`,
 * `-Dmaven.repo.local=/m2`, `echo >> /go/pkg/mod/log`) does not make its output from it.
 */
export function copiesOutOfVolume(spec: RunSpec): { path: string; target: string } | null {
  if (!COPY_PROGRAMS.has(path.basename(spec.argv[0] ?? ''))) return null;
  for (const inContainer of commandPaths(spec)) {
    const target = spec.caches.find((c) => isWithin(inContainer, c === '/' ? '' : c));
    if (target !== undefined) return { path: inContainer, target };
  }
  return null;
}

const COPY_PROGRAMS = new Set(['cp', 'mv', 'rsync', 'install', 'tar', 'cat', 'ln']);

/** The paths the command's words name, in the container (a relative one from -w or the image's WORKDIR). */
function commandPaths(spec: RunSpec): string[] {
  const out: string[] = [];
  // Words of a `sh -c '…'` script count one by one.
  for (const word of spec.argv.slice(1)) {
    for (const candidate of word.split(/[\s;&|<>()=]+/)) {
      // Only words that look like paths (`bin/app`, `app.jar`): `npm test` names no output.
      if (candidate === '' || candidate.startsWith('-') || !/[/.]/.test(candidate) || candidate === '.' || candidate === '..') continue;
      out.push(path.normalize(candidate.startsWith('/') ? candidate : `${spec.workdir ?? '/'}/${candidate}`));
    }
  }
  return out;
}
