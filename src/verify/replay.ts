// The legacy build as restage parsed it, and the migrated build, as docker commands under verify's own
// names: builder builds, docker create + cp (or the docker run -v build step), the host file
// operations of the driver, the runtime build.
import path from 'node:path';
import type { Arg, FlagUse } from '../drivers/docker-cli.js';
import { resolveHostPath } from '../shell/host-path.js';
import { CONTAINER_ID_TOKEN, type DriverStep, type Unit } from '../drivers/steps.js';
import { imageKey } from '../dockerfile/image-ref.js';
import type { BuildPlan, ImageBuild, RuntimeMerge } from '../plan/model.js';
import { expandFromEnv } from './env-words.js';
import { errexitBefore, hostCommand, pipeCommand } from './host-commands.js';

/** A host command, run in `cwd` on `paths` (checked at run time to stay inside `root`). */
export interface HostRun {
  argv: string[];
  cwd: string;
  root: string;
  paths: string[];
}

export type ReplayAction =
  | { kind: 'docker'; label: string; args: string[]; cwd: string; stdout?: { file: string } | { pipe: HostRun } }
  | ({ kind: 'host'; label: string; errexit: boolean } & HostRun);

export interface Replay {
  actions: ReplayAction[];
  /** The runtime images the actions build, in the order of plan.runtimes by step (see replayedRuntimes). */
  images: string[];
  /** Steps of the driver the replay leaves out, said in the report. */
  notes: string[];
}

/** Names the replay gives what it creates (see OwnedResources). */
export interface Namer {
  imageTag(role: string): string;
  containerName(role: string): string;
}

/** The driver asks for something a replay cannot reproduce; --run-driver can. */
export class NotReplayable extends Error {}

/**
 * The runtime builds verify replays, in driver order. A setup run in a loop builds one image per pass
 * from one build line, which a replay of the body once would not show: the e2e suite proves those.
 */
export function replayedRuntimes(plan: BuildPlan): RuntimeMerge[] {
  if (plan.driver.steps.some((s) => s.unit.block?.kind === 'loop'))
    throw new NotReplayable(`${plan.driver.path} runs its setup in a for loop, one runtime image per pass; verify replays each runtime build once`);
  return [...plan.runtimes].sort((a, b) => a.final.step - b.final.step);
}

/** Flags of the runtime build that shape the image, replayed on both sides as written. */
const FINAL_FLAGS_REPLAYED = new Set(['--label', '--platform', '--network', '--add-host']);
/** Flags that only shape output, resources or caching: left out (every replay build is --no-cache). */
const FLAGS_IGNORED = new Set([
  '--tag',
  '--file',
  '--build-arg',
  '--target',
  '--no-cache',
  '--pull',
  '--quiet',
  '--rm',
  '--force-rm',
  '--progress',
  '--iidfile',
  '--compress',
  '--squash',
  '--load',
  '--isolation',
  '--memory',
  '--shm-size',
  '--ulimit',
  '--cache-from',
]);

export function legacyReplay(plan: BuildPlan, root: string, names: Namer): Replay {
  const runtimes = replayedRuntimes(plan);
  const last = runtimes.at(-1)!.final.step;
  const steps = plan.driver.steps;
  const at = (i: number) => `${plan.driver.path}:${plan.driver.lines.position(steps[i]!.unit.start).line}`;
  const actions: ReplayAction[] = [];
  const notes: string[] = [];

  // The builds extractions read from, and builds a `docker run` build step runs on.
  const runImages = new Set(plan.extractions.flatMap((e) => (e.source.kind === 'run' ? [imageKey(e.source.spec.image.text)] : [])));
  const replayed = new Map<number, string>();
  let n = 0;
  for (const b of plan.builds) {
    if (b.step >= last) continue;
    const source = plan.extractions.some((e) => e.source.kind === 'built' && e.source.build.step === b.step);
    if (source || b.tags.some((t) => runImages.has(t))) replayed.set(b.step, names.imageTag(`builder${++n}`));
  }
  const imageFor = (ref: string, before: number): string => {
    const key = imageKey(ref);
    const b = [...plan.builds].reverse().find((x) => x.step < before && replayed.has(x.step) && x.tags.includes(key));
    return b ? replayed.get(b.step)! : ref;
  };

  const legacyTags = runtimes.map((_, n) => names.imageTag(n === 0 ? 'legacy' : `legacy${n + 1}`));
  const containers = new Map<string, string>();
  const extractionSteps = new Set(plan.extractions.map((e) => e.step));
  for (let i = 0; i <= last; i++) {
    const s = steps[i]!;
    const build = plan.builds.find((b) => b.step === i);
    const runtime = runtimes.findIndex((r) => r.final.step === i);
    if (runtime >= 0) {
      const rt = runtimes[runtime]!;
      actions.push(buildAction(rt.final, root, legacyTags[runtime]!, rt.final.buildArgs, finalFlags(plan, rt), 'the legacy image'));
    } else if (build && replayed.has(i)) {
      // A builder build that exports (`--output type=local,dest=bin`) is its own extraction.
      const exported = plan.extractions.find((e) => e.step === i && e.source.kind === 'built' && e.source.build.step === i);
      const output = exported ? ['--output', `type=local,dest=${path.join(root, exported.hostPath)}`] : [];
      actions.push(buildAction(build, root, replayed.get(i)!, build.buildArgs, output, 'a builder'));
    } else if (extractionSteps.has(i)) {
      const inv = dockerStep(plan, i).parsed;
      if (inv.ok && inv.invocation.kind === 'cp') {
        const e = plan.extractions.find((x) => x.step === i)!;
        if (e.source.kind === 'run') {
          // `docker run --name x IMG cmd` then `docker cp x:…`: the run, under verify's name, then the copy.
          const key = `run:${e.source.step}`;
          let container = containers.get(key);
          if (!container) {
            container = names.containerName(`run${e.source.step}`);
            containers.set(key, container);
            actions.push(runAction(plan, e.source.step, root, container, imageFor));
          }
          actions.push(cpAction(s, root, container, e.dest));
          continue;
        }
        const key = e.source.kind === 'built' ? `build:${e.source.build.step}` : `image:${e.source.ref}`;
        let container = containers.get(key);
        if (!container) {
          container = names.containerName(`x${containers.size + 1}`);
          containers.set(key, container);
          const image = e.source.kind === 'built' ? replayed.get(e.source.build.step)! : e.source.kind === 'external' ? e.source.ref : '';
          // The container never starts; a command makes create work for images without CMD/ENTRYPOINT too.
          actions.push({ kind: 'docker', label: `docker create ${image}`, args: ['create', '--name', container, image, '/bin/true'], cwd: root });
        }
        actions.push(cpAction(s, root, container, e.dest));
      } else {
        actions.push(runAction(plan, i, root, names.containerName(`run${i}`), imageFor));
      }
    } else if (s.kind === 'host') {
      const action = hostAction(plan, i, root);
      if (action.kind === 'skip') continue;
      if (removed(plan.removedUnits, s.unit) && action.kind === 'refuse') {
        throw new NotReplayable(`${at(i)}: ${action.why}, and the migration moved it into the build`);
      } else if (action.kind === 'refuse') {
        notes.push(`${at(i)}: not replayed (on either side): ${action.why}`);
      } else actions.push(action.action);
    } else if (s.kind === 'docker' && build && !removed(plan.removedUnits, s.unit)) {
      notes.push(`${at(i)}: not replayed (on either side): a docker build the setup's images do not use`);
    }
  }
  return { actions, images: legacyTags, notes };
}

/** The migrated tree (changes applied): the driver's remaining file operations, then the merged build. */
export function migratedReplay(plan: BuildPlan, root: string, names: Namer): Replay {
  const runtimes = replayedRuntimes(plan);
  const actions: ReplayAction[] = [];
  const images: string[] = [];
  for (let i = 0; i <= runtimes.at(-1)!.final.step; i++) {
    const rt = runtimes.find((r) => r.final.step === i);
    if (rt) {
      images.push(names.imageTag(images.length === 0 ? 'migrated' : `migrated${images.length + 1}`));
      actions.push(migratedBuild(plan, rt, root, images.at(-1)!));
      continue;
    }
    const s = plan.driver.steps[i]!;
    if (s.kind !== 'host' || removed(plan.removedUnits, s.unit)) continue;
    const action = hostAction(plan, i, root);
    if (action.kind === 'run') actions.push(action.action);
  }
  return { actions, images, notes: [] };
}

/** One runtime's merged build, with the builder build args the merge carried onto it. */
function migratedBuild(plan: BuildPlan, rt: RuntimeMerge, root: string, image: string): ReplayAction {
  // As the merge carries them: a builder's build arg the runtime build does not pass goes onto the
  // merged build (matched by name: a Makefile's `$(BUILD_ARGS)` is one word for several of them).
  const args = [...rt.final.buildArgs];
  for (const b of rt.builders) {
    for (const a of b.build.buildArgs) {
      // A builder ARG the merge renamed (its FROM-only global) is passed under its new name.
      const to = b.argRenames.get(a.name);
      if (to) args.push({ ...a, name: to, value: `${to}${a.value.slice(a.name.length)}` });
      else if (!args.some((x) => x.name === a.name)) args.push(a);
    }
  }
  for (const r of rt.runStages)
    for (const c of r.source.spec.carriedEnv) args.push({ name: c.name, value: `${c.name}=${carriedValue(c.name)}`, raw: c.word, args: [] });
  return buildAction(rt.final, root, image, args, finalFlags(plan, rt), 'the migrated image');
}

/**
 * A `docker run -e NAME=$(…)` value only the driver's run computes: both sides of a replay get the same
 * one (verify's environment, else a fixed stand-in), which is what "carried" promises.
 */
export function carriedValue(name: string): string {
  return process.env[name] ?? `restage-verify-${name.toLowerCase()}`;
}

function removed(units: readonly Unit[], u: Unit): boolean {
  return units.some((x) => x.start === u.start && x.end === u.end);
}

type HostDecision = { kind: 'run'; action: ReplayAction } | { kind: 'skip' } | { kind: 'refuse'; why: string };

function hostAction(plan: BuildPlan, i: number, root: string): HostDecision {
  const s = plan.driver.steps[i] as Extract<DriverStep, { kind: 'host' }>;
  const c = hostCommand(s, root);
  if (c.kind === 'no-effect') return { kind: 'skip' };
  if (c.kind === 'not-replayable') return { kind: 'refuse', why: `${s.args.map((a) => a.raw).join(' ')}: ${c.why}` };
  return {
    kind: 'run',
    action: {
      kind: 'host',
      label: c.argv.join(' '),
      argv: c.argv,
      cwd: c.cwd,
      root,
      paths: c.paths,
      errexit: errexitBefore(plan.driver.steps, i, plan.driver.text, plan.driver.path),
    },
  };
}

export function buildAction(
  b: Pick<ImageBuild, 'dockerfile' | 'context' | 'target' | 'pull'>,
  root: string,
  tag: string,
  buildArgs: ImageBuild['buildArgs'],
  extra: string[],
  what: string,
): ReplayAction {
  const at = (rel: string) => (rel === '' ? root : path.join(root, rel));
  const args = ['build', '--no-cache', '--progress=plain', '-f', at(b.dockerfile), '-t', tag];
  if (b.target !== null) args.push('--target', b.target);
  for (const a of buildArgs) {
    const value = buildArgValue(a);
    if (value !== null) args.push('--build-arg', value);
  }
  if (b.pull) args.push('--pull');
  args.push(...extra, at(b.context));
  return { kind: 'docker', label: `building ${what} (${b.dockerfile})`, args, cwd: root };
}

/**
 * A value restage resolved is used as is; one from the environment (`https_proxy=$https_proxy`) takes
 * verify's environment, and the argument is left out when a variable it needs is unset.
 */
function buildArgValue(a: ImageBuild['buildArgs'][number]): string | null {
  if (a.args.every((w) => w.isStatic)) return a.value;
  const x = expandFromEnv(a.value);
  if (x.ok) return x.text;
  if ('unset' in x) return null;
  throw new NotReplayable(`--build-arg ${a.value}: its value comes from a command restage does not run`);
}

function staticValue(a: Arg, what: string): string {
  if (a.isStatic) return a.text;
  const x = expandFromEnv(a.text);
  if (x.ok) return x.text;
  throw new NotReplayable(`${what} ${a.raw}: ${'unset' in x ? `$${x.unset} is not set` : 'not known statically'}`);
}

function dockerStep(plan: BuildPlan, i: number): Extract<DriverStep, { kind: 'docker' }> {
  const s = plan.driver.steps[i];
  if (s?.kind !== 'docker' || !s.parsed.ok) throw new NotReplayable(`step ${i} of ${plan.driver.path} is not a docker command restage read`);
  return s;
}

function finalFlags(plan: BuildPlan, rt: RuntimeMerge): string[] {
  const s = dockerStep(plan, rt.final.step);
  if (!s.parsed.ok || s.parsed.invocation.kind !== 'build') return [];
  return replayedFlags(s.parsed.invocation.flags, "the runtime build's");
}

/** The flags of a build that shape its image, as the replay passes them; `whose` names the build in a refusal. */
export function replayedFlags(flags: readonly FlagUse[], whose: string): string[] {
  const out: string[] = [];
  for (const f of flags) {
    if (FLAGS_IGNORED.has(f.name)) continue;
    if (!FINAL_FLAGS_REPLAYED.has(f.name)) throw new NotReplayable(`${whose} ${f.name} is not replayed`);
    out.push(f.value ? `${f.name}=${staticValue(f.value, f.name)}` : f.name);
  }
  return out;
}

/** `into`: where the plan puts the copy; used for `docker cp … - | tar -x -C into` (the same files, by docker cp into the directory). */
function cpAction(s: DriverStep, root: string, container: string, into: string): ReplayAction {
  if (s.kind !== 'docker' || !s.parsed.ok || s.parsed.invocation.kind !== 'cp') throw new NotReplayable('an extraction that is not a docker cp');
  const inv = s.parsed.invocation;
  const src = inv.src.text;
  const token = CONTAINER_ID_TOKEN.exec(src);
  const inside = token && token.index === 0 ? src.slice(token[0].length + 1) : src.slice(src.indexOf(':') + 1);
  const toStream = inv.dest.text === '-';
  const dest = toStream ? into : s.cwd === null ? null : resolveHostPath(s.cwd, inv.dest.text);
  if (dest === null || !inv.dest.isStatic) throw new NotReplayable(`docker cp destination ${inv.dest.raw}`);
  // A trailing slash changes what docker cp does with a missing destination: keep it.
  const hostDest = (dest === '' ? root : path.join(root, dest)) + (toStream || inv.dest.text.endsWith('/') ? '/' : '');
  const flags = inv.flags.flatMap((f) => (f.name === '--archive' ? ['-a'] : f.name === '--follow-link' ? ['-L'] : []));
  return { kind: 'docker', label: `docker cp ${inside} ${inv.dest.text}`, args: ['cp', ...flags, `${container}:${inside}`, hostDest], cwd: root };
}

/**
 * A `docker run` the plan reads an artifact from: the same mounts (into the copy), workdir, env, user and
 * command, on verify's image; its output into the same file (`> app`) or host command (`| tar -x`).
 */
function runAction(plan: BuildPlan, i: number, root: string, container: string, imageFor: (ref: string, before: number) => string): ReplayAction {
  const s = dockerStep(plan, i);
  if (!s.parsed.ok || s.parsed.invocation.kind !== 'run')
    throw new NotReplayable(`${plan.driver.path}: step ${i} reads an artifact in a way verify does not replay`);
  const inv = s.parsed.invocation;
  const e = plan.extractions.find((x) => x.source.kind === 'run' && x.source.step === i);
  const mounts = e?.source.kind === 'run' ? e.source.spec.mounts : [];
  if (mounts.length === 0 && inv.flags.some((f) => f.name === '--volume' || f.name === '--mount'))
    throw new NotReplayable(`${plan.driver.path}: a docker run with mounts the plan does not list`);
  const args = ['run', '--name', container];
  for (const m of mounts) args.push('-v', `${m.hostDir === '' ? root : path.join(root, m.hostDir)}:${m.target}${m.readOnly ? ':ro' : ''}`);
  // A named volume is a cache the command starts with empty on a fresh engine: a tmpfs leaves nothing behind.
  for (const c of e?.source.kind === 'run' ? e.source.spec.caches : []) args.push('--tmpfs', c);
  const carried = e?.source.kind === 'run' ? e.source.spec.carriedEnv : [];
  const passed: Record<string, string> = { '--workdir': '-w', '--env': '-e', '--entrypoint': '--entrypoint', '--user': '-u' };
  for (const f of inv.flags as FlagUse[]) {
    const flag = passed[f.name];
    const c = f.name === '--env' ? carried.find((x) => x.word === f.value?.raw) : undefined;
    if (c) args.push('-e', `${c.name}=${carriedValue(c.name)}`);
    else if (flag && f.value) args.push(flag, staticValue(f.value, f.name));
  }
  // An image tagged at run time (`"b-$VERSION"`) is the build tagged with the same words, replayed under verify's tag.
  const byWords = imageFor(inv.image.text, i);
  const image = byWords !== inv.image.text ? byWords : imageFor(staticValue(inv.image, 'image'), i);
  args.push(image, ...inv.command.map((a) => staticValue(a, 'argument')));
  const action: ReplayAction = { kind: 'docker', label: `docker run ${image} ${inv.command.map((a) => a.text).join(' ')}`.trimEnd(), args, cwd: root };
  if (s.stdoutTo) {
    const rel = s.cwd === null || !s.stdoutTo.isStatic ? null : resolveHostPath(s.cwd, s.stdoutTo.text);
    if (rel === null || rel === '') throw new NotReplayable(`${plan.driver.path}: docker run output into ${s.stdoutTo.raw}`);
    action.stdout = { file: path.join(root, rel) };
  } else if (s.pipeTo) {
    const c = pipeCommand(s.pipeTo, s.cwd, root);
    if (c.kind !== 'run') throw new NotReplayable(`${plan.driver.path}: ${c.kind === 'not-replayable' ? c.why : 'a pipe'}`);
    action.stdout = { pipe: { argv: c.argv, cwd: c.cwd, root, paths: c.paths } };
  }
  return action;
}
