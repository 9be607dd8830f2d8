import path from 'node:path/posix';
import { flagValues, namesContainer, type Arg, type DockerInvocation } from '../drivers/docker-cli.js';
import { resolveHostPath } from '../shell/host-path.js';
import { ENGINE_API_STEP, hidesDocker, UNREAD_DRIVER_STEP, type DriverAnalysis, type DriverStep } from '../drivers/steps.js';
import { isWithin, joinRel } from '../dockerfile/paths.js';
import type { HostWrite, ProducerKind } from './model.js';
import { withClient } from '../text/client-names.js';

type DockerStep = Extract<DriverStep, { kind: 'docker' }>;

/** docker commands in text restage does not read as steps (an `if`, a loop, a pipeline, a make variable) that may write files. */
const UNFOLLOWED_WRITER = withClient(
  String.raw`\bCLIENT\b[^\n;&|]*?\s(?:cp|run|create|export|save|compose|buildx)\b|\bdocker-compose\b|\bCLIENT\b[^\n;&|]*?\sbuild\b[^\n;&|]*?\s(?:-o|--output)\b`,
);

/**
 * Every host location a driver's docker commands write: the producer end of a flow. Where restage
 * cannot tell the location (a value computed at run time, control flow it does not follow) the write
 * is still listed, with a null path: detection must not miss what the planner cannot read.
 */
export function hostWrites(driver: DriverAnalysis): HostWrite[] {
  const out: HostWrite[] = [];
  for (const [i, s] of driver.steps.entries()) {
    const add = (kind: ProducerKind, path: string | null) => out.push({ driver: driver.path, step: i, offset: s.unit.start, kind, path });
    if (s.kind === 'opaque') {
      if (s.nodeType === UNREAD_DRIVER_STEP) add('unread-driver', null);
      else if (s.nodeType === ENGINE_API_STEP) add('engine-api', null);
      // An action that runs containers (`addnab/docker-run-action` with a mount) may write anywhere.
      else if (UNFOLLOWED_WRITER.test(s.text) || (s.action !== undefined && hidesDocker(s))) add('unfollowed', null);
      continue;
    }
    if (s.kind === 'host') {
      // `docker-compose run builder`, `podman-compose up`: the services' bind mounts write (see compose.ts).
      if (/^(.*\/)?(docker|podman)-compose$/.test(s.args[0]?.text ?? '')) for (const [kind, path] of composeWrites(s.args.slice(1), s.cwd)) add(kind, path);
      else for (const path of unreadClientWrites(s)) add('unfollowed', path);
      continue;
    }
    if (!s.parsed.ok) {
      if (/^(container )?(cp|create|run|build)$|^(image )?(build|save)$|^(export|save|buildx|compose)$/.test(s.parsed.subcommand)) add('unfollowed', null);
      // `docker -H ssh://ci build …`, `docker --context remote cp …`: a global option restage does not read, before a subcommand that may write.
      else if (s.parsed.subcommand === '' && s.args.some((a) => /^(cp|create|run|build|buildx|export|save|compose)$/.test(a.text))) add('unfollowed', null);
      continue;
    }
    // `docker "${ARGS[@]}"`, `docker $SUBCOMMAND …`: a subcommand known only at run time may be a cp.
    if (s.args[1] && !s.args[1].isStatic) add('unfollowed', null);
    for (const [kind, path] of dockerWrites(s, s.parsed.invocation)) add(kind, path);
    // `docker create app | xargs -I{} docker cp {}:/out/app bin/app`: the command piped into runs docker itself.
    if (s.pipeTo) for (const path of unreadClientWrites({ kind: 'host', unit: s.unit, args: s.pipeTo, cwd: s.cwd, stdoutTo: null })) add('unfollowed', path);
    // `docker run … cat /app/bin >> app`: not migrated, but a COPY of app must not pass for a source file.
    if (s.appendTo) add('stdout-append', hostPathOf(s.cwd, s.appendTo));
  }
  return [...out, ...derivedWrites(driver, out)];
}

/** Options of host file commands whose value is where they write (`tar -C out`, `unzip -d out`, `install -t dir`). */
const DIRECTORY_OPTIONS = new Set(['-C', '--directory', '-d', '-t', '--target-directory']);

/**
 * What host commands make from a written file (`tar -xzf app.tar.gz -C out`, `mv app bin/`, `unzip
 * dist.zip -d public`): written too, by the same producer. The chain is followed in script order.
 */
function derivedWrites(driver: DriverAnalysis, direct: HostWrite[]): HostWrite[] {
  const out: HostWrite[] = [];
  const all = () => [...direct, ...out];
  for (const [i, s] of driver.steps.entries()) {
    if (s.kind !== 'host' || s.cwd === null) continue;
    const cwd = s.cwd;
    // `dd if=out/app of=dist/app`, `--output=dist/app`: the path is the option's value.
    const operand = (t: string) => t.replace(/^(if=|of=|--[a-z][a-z-]*=)/, '');
    const paths = s.args.slice(1).map((a, n) => {
      const t = operand(a.text);
      return { a, prev: s.args[n]!, p: a.isStatic && !t.startsWith('-') && t !== '' ? resolveHostPath(cwd, t) : null };
    });
    const source = all().find(
      (w) =>
        w.step < i && w.path !== null && w.path !== '' && paths.some((x) => x.p !== null && x.p !== '' && (isWithin(x.p, w.path!) || isWithin(w.path!, x.p))),
    );
    if (!source) continue;
    const via = { ...source, via: s.unit.start };
    for (const x of paths) {
      if (x.p === null || x.p === '' || all().some((w) => w.path === x.p)) continue;
      const isDirOption = DIRECTORY_OPTIONS.has(x.prev.text);
      if (isDirOption || MOVES.test(s.args[0]?.text ?? '') || COPIES.test(s.args[0]?.text ?? '')) out.push({ ...via, path: x.p });
    }
    out.push(...intoDirectory(s, paths, via, all()));
    // `tar -xzf app.tgz` or `unzip dist.zip` with no -C/-d unpacks into the working directory; `gunzip app.gz` leaves `app`.
    const here = unpacksHere(s, paths);
    if (here !== null) out.push({ ...via, path: here });
    const archive = hostPathOf(cwd, archiveOf(s));
    if (archive !== null && archive !== '' && !all().some((w) => w.path === archive)) out.push({ ...via, path: archive });
    if (s.stdoutTo?.isStatic) {
      const p = resolveHostPath(cwd, s.stdoutTo.text);
      if (p !== null && p !== '') out.push({ ...via, path: p });
    }
  }
  return out;
}

type HostStep = Extract<DriverStep, { kind: 'host' }>;

/**
 * Where an unpacking command with no directory option puts what it unpacks: tar's and unzip's working
 * directory, or the archive's own path without `.gz`/`.bz2`/`.xz` for gunzip and its kind. Null for
 * any other command, or one that names a directory (intoDirectory and the -C/-d option cover those).
 */
function unpacksHere(s: HostStep, paths: { a: Arg; prev: Arg; p: string | null }[]): string | null {
  const [name, ...rest] = s.args;
  const program = name?.text.replace(/^.*\//, '') ?? '';
  const toDirectory = rest.some((a) => DIRECTORY_OPTIONS.has(a.text) || a.text.startsWith('--directory='));
  if (program === 'unzip') return toDirectory ? null : s.cwd;
  if (program === 'tar' || program === 'bsdtar' || program === 'gtar') {
    if (toDirectory) return null;
    return rest.some((a, i) => a.text === '--extract' || a.text === '--get' || (tarBundle(a, i) && a.text.includes('x'))) ? s.cwd : null;
  }
  const decompresses =
    /^(gunzip|bunzip2|unxz)$/.test(program) || (/^(gzip|bzip2|xz)$/.test(program) && rest.some((a) => /^-[a-z]*d/.test(a.text) || a.text === '--decompress'));
  const archive = decompresses ? paths.find((x) => x.p !== null && /\.(gz|bz2|xz)$/.test(x.p)) : undefined;
  return archive ? archive.p!.replace(/\.(gz|bz2|xz)$/, '') : null;
}

/**
 * The archive a host command makes (`tar -czf app.tgz -C out .`, `tar czf app.tgz out`, `tar --create
 * --file=app.tar out`, `zip -r dist.zip dist`): made of a written file, it is written too, and an
 * `ADD app.tgz` that unpacks it reads the extraction.
 */
function archiveOf(s: HostStep): Arg | null {
  const [name, ...rest] = s.args;
  const program = name?.text.replace(/^.*\//, '');
  if (program === 'zip') return rest.find((a) => !a.text.startsWith('-')) ?? null;
  if (program !== 'tar' && program !== 'bsdtar' && program !== 'gtar') return null;
  const creates = rest.some((a, i) => a.text === '--create' || (tarBundle(a, i) && a.text.includes('c')));
  if (!creates) return null;
  for (const [i, a] of rest.entries()) {
    if (a.text.startsWith('--file=')) return { ...a, text: a.text.slice('--file='.length) };
    if (a.text === '--file' || (tarBundle(a, i) && a.text.includes('f'))) return rest[i + 1] ?? null;
  }
  return null;
}

/** A word of tar's options bundled together (`-xzf`); the first may go without a dash (`tar czf x.tgz dir`), as the old syntax does. */
const tarBundle = (a: Arg, i: number) => (i === 0 && /^[A-Za-z]+$/.test(a.text)) || /^-[A-Za-z]+$/.test(a.text);

/** Host commands that put a file (or a link to it) at another path: each operand may be where it lands. */
const MOVES = /^(mv|cp|install|ln)$/;

/**
 * Other host tools that copy or transform a file into another path named on the line (`rsync -a out/
 * dist/`, `ditto`, `find out -exec cp {} dist/ \;`, `strip -o dist/app out/app`, `dd of=dist/app`):
 * each path operand may be what they write. An operand that is no path a build reads makes no flow.
 */
const COPIES = /^(.*\/)?(rsync|ditto|rclone|gcp|cpio|find|xargs|dd|objcopy|strip|upx|patchelf|gpg|openssl|7z|7za|7zr)$/;

/**
 * `mv bin/app .`, `mv app lib bin/`, `cp -t out app`: a file moved or copied into a directory lands at
 * DIR/its name. Without the repository restage cannot tell whether a last operand is a directory, so it
 * lists that path too; a path nothing reads makes no flow.
 */
function intoDirectory(s: HostStep, paths: { a: Arg; prev: Arg; p: string | null }[], source: HostWrite, written: HostWrite[]): HostWrite[] {
  if (!MOVES.test(s.args[0]?.text ?? '')) return [];
  const target = paths.find((x) => x.prev.text === '-t' || x.prev.text === '--target-directory');
  const operands = paths.filter((x) => x.p !== null && x !== target && !x.a.text.startsWith('-'));
  const dir = target ?? operands.at(-1);
  if (!dir || dir.p === null) return [];
  const sources = operands.filter((x) => x !== dir && written.some((w) => w.path !== null && w.path !== '' && isWithin(x.p!, w.path)));
  return sources.map((x) => ({ ...source, path: joinRel(dir.p!, path.basename(x.p!)) })).filter((w) => !written.some((o) => o.path === w.path));
}

/** Where a word names on the host, from the step's directory; null when either is known only at run time. */
function hostPathOf(cwd: string | null, a: Arg | null | undefined): string | null {
  return a && a.isStatic && cwd !== null ? resolveHostPath(cwd, a.text) : null;
}

/**
 * Programs that are no docker client: their `cp SRC:PATH DEST` copies from a pod, a bucket or another
 * host, and their `build --output DIR` is a package's own build (`pnpm build --output dist`).
 */
const NOT_A_CLIENT =
  /^(.*\/)?(kubectl|oc|scp|rsync|gsutil|aws|az|gcloud|mc|rclone|s3cmd|azcopy|lxc|incus|multipass|vagrant|npm|npx|pnpm|yarn|bun|nx|turbo|lerna|cargo|go|gradle|gradlew|mvn|dotnet|ng|vite|make)$/;

/**
 * What a command restage did not read as docker writes the way docker would: `$ENGINE cp x:/out/app .`
 * with ENGINE computed at run time, `dk cp …` through an alias or a function, `"${DOCKER[@]}" run -v
 * "$PWD/out:/out" …`, `$ENGINE build --output type=local,dest=out .`. Where it writes (null when
 * unknown), so that a build reading it is refused as unrecognised-extraction, not passed over as no setup.
 */
function unreadClientWrites(s: HostStep): (string | null)[] {
  const words = s.args;
  if (NOT_A_CLIENT.test(words[0]?.text ?? '')) return [];
  // buildah hands a container's filesystem to the host (`mnt=$(buildah mount "$ctr")`, then `cp
  // "$mnt/out/app" dist/`): what is copied out, and where, only a run knows.
  if (/^(.*\/)?buildah$/.test(words[0]?.text ?? '') && words.slice(1).some((w) => /^(mount|unshare)$/.test(w.text))) return [null];
  const at = (a: Arg | undefined) => hostPathOf(s.cwd, a);
  const out: (string | null)[] = [];
  // `buildah bud` is buildah's older name for build.
  const sub = words.findIndex((w, n) => n >= 1 && /^(cp|run|create|build|bud)$/.test(w.text));
  if (sub < 0) return [];
  const rest = words.slice(sub + 1);
  if (words[sub]!.text === 'cp') {
    const [src, dest, more] = rest.filter((w) => !w.text.startsWith('-') || w.text === '-');
    // `s3://bucket/key` names a bucket, not a container.
    if (src && dest && !more && namesContainer(src) && !/^[^/]*:\/\//.test(src.text) && !namesContainer(dest)) out.push(at(dest));
    return out;
  }
  for (const [n, w] of rest.entries()) {
    const value = w.text.includes('=') && w.text.startsWith('--') ? { ...w, text: w.text.slice(w.text.indexOf('=') + 1) } : rest[n + 1];
    const flag = w.text.replace(/=.*$/s, '');
    if (!value) continue;
    // A bind mount of a host directory (`-v "$PWD/out:/out"`, `--mount type=bind,…`) without `:ro`.
    if (flag === '-v' || flag === '--volume') {
      const [source = '', target = '', options = ''] = value.text.split(':');
      if (/^[/.~$\u0000]/.test(source) && target.startsWith('/') && !options.split(',').includes('ro')) out.push(null);
    }
    const bind = flag === '--mount' ? bindSource(flag, value) : 'not-a-bind';
    if ((bind !== 'not-a-bind' && !bind.readOnly) || (flag === '--volumes-from' && !READ_ONLY_VOLUMES.test(value.text))) out.push(null);
    // A BuildKit export to the client's disk (`go build -o bin/app` is no export: `-o` only with `dest=`).
    if (/^(build|bud)$/.test(words[sub]!.text) && (flag === '--output' || (flag === '-o' && value.text.includes('dest='))) && parseOutput(value.text) !== null)
      out.push(null);
  }
  return out;
}

/** `--volumes-from C:ro`: C's volumes mounted read-only. */
const READ_ONLY_VOLUMES = /:ro$/;

function dockerWrites(s: DockerStep, inv: DockerInvocation): [ProducerKind, string | null][] {
  const at = (a: Arg | null | undefined) => hostPathOf(s.cwd, a);
  const piped = s.pipeTo ? [['run-pipe', pipeDestination(s)] as [ProducerKind, string | null]] : [];
  switch (inv.kind) {
    case 'cp': {
      if (!isContainerPath(inv.src) || isContainerPath(inv.dest)) return [];
      if (inv.dest.text === '-') return s.stdoutTo ? [['cp', at(s.stdoutTo)]] : piped;
      return [['cp', at(inv.dest)]];
    }
    case 'run':
    case 'create': {
      const writes: [ProducerKind, string | null][] = [];
      for (const f of inv.flags) {
        if ((f.name !== '--volume' && f.name !== '--mount') || !f.value) continue;
        const m = bindSource(f.name, f.value);
        if (m === 'not-a-bind' || m.readOnly) continue;
        writes.push([
          s.compose ? 'compose-run-mount' : 'run-mount',
          m.source === null || !f.value.isStatic || s.cwd === null ? null : resolveHostPath(s.cwd, m.source),
        ]);
      }
      // Another container's volumes: where they lie on the host is known only where it was made.
      if (inv.flags.some((f) => f.name === '--volumes-from' && !READ_ONLY_VOLUMES.test(f.value?.text ?? ''))) writes.push(['run-volumes-from', null]);
      if (inv.kind === 'run' && s.stdoutTo) writes.push(['run-stdout', at(s.stdoutTo)]);
      if (inv.kind === 'run') writes.push(...piped);
      return writes;
    }
    case 'build':
      return buildOutputs(flagValues(inv.flags, '--output'), s, at);
    case 'rm':
      return [];
    case 'other': {
      // `docker buildx build` parses as a build; `buildx bake -o DIR` is the other exporter.
      const bake = bakeArgs(inv);
      if (bake) return buildOutputs(optionValues(bake, '-o', '--output'), s, at);
      // `docker exec c cat /out/app > bin/app`, `docker exec c tar -c … | tar -x`: out of a running container.
      if (inv.subcommand === 'exec' || (inv.subcommand === 'container' && inv.args[0]?.text === 'exec')) {
        if (s.stdoutTo) return [['exec', at(s.stdoutTo)]];
        return s.pipeTo ? [['exec', pipeDestination(s)]] : [];
      }
      if (
        inv.subcommand === 'compose' ||
        inv.subcommand === 'export' ||
        inv.subcommand === 'save' ||
        inv.subcommand === 'container' ||
        inv.subcommand === 'image'
      ) {
        const writesFile = s.stdoutTo !== null || inv.args.some((a) => a.text === '-o' || a.text.startsWith('--output'));
        if (inv.subcommand === 'compose') return composeWrites(inv.args, s.cwd);
        if (writesFile) {
          const o = inv.args.findIndex((a) => a.text === '-o' || a.text === '--output');
          return [['export', at(s.stdoutTo ?? (o >= 0 ? inv.args[o + 1] : null))]];
        }
        // `docker export $(docker create img) | tar -x -C rootfs`
        if (s.pipeTo) return [['export', pipeDestination(s)]];
      }
      return [];
    }
  }
}

/**
 * `compose cp SERVICE:PATH DEST` copies out of a service's container to DEST; `compose run`/`up` run
 * services whose bind mounts write (see compose.ts). Global options (`-f FILE`, `-p NAME`) come first.
 */
function composeWrites(args: Arg[], cwd: string | null): [ProducerKind, string | null][] {
  const sub = args.findIndex((a) => /^(run|up|cp)$/.test(a.text));
  if (sub < 0) return [];
  if (args[sub]!.text !== 'cp') return [['compose-run', null]];
  const [src, dest] = args.slice(sub + 1).filter((a) => !a.text.startsWith('-') || a.text === '-');
  return src && dest && src.text.includes(':') && !dest.text.includes(':') ? [['compose-cp', hostPathOf(cwd, dest)]] : [];
}

/** The arguments after `bake` of `docker buildx bake …` (the other exporter) or `docker bake …`; null for any other command. */
export function bakeArgs(inv: { subcommand: string; args: Arg[] }): Arg[] | null {
  if (inv.subcommand === 'bake') return inv.args;
  return inv.subcommand === 'buildx' && inv.args[0]?.text === 'bake' ? inv.args.slice(1) : null;
}

/** The values of an option written `-o V`, `-oV`, `--output V` or `--output=V`. */
export function optionValues(args: Arg[], short: string, long: string): Arg[] {
  return args.flatMap((a, n) =>
    (a.text === short || a.text === long) && args[n + 1]
      ? [args[n + 1]!]
      : a.text.startsWith(`${long}=`)
        ? [{ ...a, text: a.text.slice(long.length + 1) }]
        : a.text.startsWith(short) && a.text.length > short.length && !a.text.startsWith('--')
          ? [{ ...a, text: a.text.slice(short.length) }]
          : [],
  );
}

/** `--output type=local,dest=out`, `-o out`, `-o type=tar,dest=x.tar`, `-o -` (to stdout). */
function buildOutputs(values: Arg[], s: DockerStep, at: (a: Arg | null | undefined) => string | null): [ProducerKind, string | null][] {
  const out: [ProducerKind, string | null][] = [];
  for (const v of values) {
    const spec = parseOutput(v.text);
    if (spec === null) continue;
    if (spec === '-') out.push(['build-output', at(s.stdoutTo)]);
    else out.push(['build-output', v.isStatic ? at({ ...v, text: spec }) : null]);
  }
  return out;
}

/** The destination of a BuildKit exporter that writes to the client's disk, '-' for stdout (`-o -`, a tar or OCI archive without `dest`), or null for one that does not. */
export function parseOutput(text: string): string | null {
  if (!text.includes('=')) return text;
  const opts = new Map(text.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')).trim(), kv.slice(kv.indexOf('=') + 1)] as const));
  const type = opts.get('type') ?? 'local';
  if (type !== 'local' && type !== 'tar' && type !== 'oci' && type !== 'docker') return null;
  const dest = opts.get('dest') ?? opts.get('dst') ?? null;
  // buildx writes a tar or OCI archive without `dest` to its stdout (and refuses a terminal).
  return dest ?? (type === 'tar' || type === 'oci' ? '-' : null);
}

/** `name:/path`, `$id:/path`, `$(docker create …):/path`: the container side of docker cp. */
function isContainerPath(a: Arg): boolean {
  return namesContainer(a) || /^\$\(/.test(a.raw);
}

function bindSource(flag: string, v: Arg): { source: string | null; readOnly: boolean } | 'not-a-bind' {
  if (flag === '--mount') {
    const opts = new Map(v.text.split(',').map((kv) => [kv.split('=')[0]!, kv.slice(kv.indexOf('=') + 1)] as const));
    if ((opts.get('type') ?? 'volume') !== 'bind') return 'not-a-bind';
    return { source: opts.get('source') ?? opts.get('src') ?? null, readOnly: opts.has('readonly') || opts.has('ro') };
  }
  const parts = v.text.split(':');
  if (parts.length < 2) return 'not-a-bind';
  const source = parts[0]!;
  // A named volume (`gomod:/go/pkg/mod`) is the engine's, not the host's.
  if (v.isStatic && !source.includes('/') && !source.startsWith('.') && !source.startsWith('\u0000') && !source.startsWith('~')) return 'not-a-bind';
  return { source, readOnly: (parts[2] ?? '').split(',').includes('ro') };
}

/** `… | tar -x -C out`: the directory the host side extracts into. */
function pipeDestination(s: DockerStep): string | null {
  const words = s.pipeTo ?? [];
  if (s.cwd === null || words.some((w) => !w.isStatic)) return null;
  const c = words.findIndex((w) => w.text === '-C' || w.text === '--directory');
  const dir = c >= 0 ? words[c + 1]?.text : words.find((w) => w.text.startsWith('--directory='))?.text.slice('--directory='.length);
  return resolveHostPath(s.cwd, dir ?? '.');
}
