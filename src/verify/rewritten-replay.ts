// The migrated side as the rewritten driver runs it: its docker builds (the merged build, and a kept
// `--target` build of a builder still used elsewhere) and its file operations, under verify's names.
// Nothing here reads restage's plan of the migrated side: the plan only says which Dockerfiles are
// the runtime images to compare (the merged file keeps the runtime Dockerfile's path).
import path from 'node:path';
import { flagValues, type Arg, type DockerInvocation } from '../drivers/docker-cli.js';
import { resolveHostPath } from '../shell/host-path.js';
import type { DriverStep } from '../drivers/steps.js';
import type { BuildPlan, ImageBuild } from '../plan/model.js';
import { expandFromEnv } from './env-words.js';
import { errexitBefore, hostCommand } from './host-commands.js';
import { buildAction, carriedValue, NotReplayable, replayedFlags, replayedRuntimes, type Namer, type Replay, type ReplayAction } from './replay.js';
import type { RewrittenDriver } from './rewritten-driver.js';

/** Docker subcommands that make no file or image a later build reads: not replayed, said in a note. */
const NO_BUILD_EFFECT = new Set([
  'push',
  'tag',
  'rmi',
  'image rm',
  'rm',
  'login',
  'logout',
  'images',
  'ps',
  'inspect',
  'version',
  'info',
  'pull',
  'image push',
  'image tag',
  'image pull',
]);

export function rewrittenReplay(driver: RewrittenDriver, plan: BuildPlan, root: string, names: Namer): Replay {
  const runtimes = replayedRuntimes(plan);
  const actions: ReplayAction[] = [];
  const notes: string[] = [];
  const images: (string | undefined)[] = runtimes.map(() => undefined);
  const label = (s: DriverStep) => (s.kind === 'opaque' ? s.text : s.args.map((a) => a.raw).join(' ')).replace(/\s+/g, ' ').slice(0, 100);
  let kept = 0;
  for (const [i, s] of driver.steps.entries()) {
    if (images.every((x) => x !== undefined)) break;
    if (s.kind === 'opaque') continue;
    if (s.kind === 'host') {
      const c = hostCommand(s, root);
      if (c.kind === 'no-effect') continue;
      if (c.kind === 'not-replayable') {
        notes.push(`${driver.path}: ${label(s)}: not replayed on the migrated side: ${c.why}`);
        continue;
      }
      const errexit = driver.makefile || errexitBefore(driver.steps, i, driver.text, driver.path);
      actions.push({ kind: 'host', label: c.argv.join(' '), argv: c.argv, cwd: c.cwd, root, paths: c.paths, errexit });
      continue;
    }
    if (!s.parsed.ok) throw new NotReplayable(`${driver.path}: ${label(s)}: docker ${s.parsed.subcommand} ${s.parsed.flag} is not a flag restage reads`);
    const inv = s.parsed.invocation;
    if (inv.kind === 'build') {
      const b = readBuild(s, inv, driver.path);
      const n = runtimes.findIndex((rt, k) => images[k] === undefined && rt.final.dockerfile === b.dockerfile && rt.final.target === b.target);
      const tag = n >= 0 ? names.imageTag(n === 0 ? 'migrated' : `migrated${n + 1}`) : names.imageTag(`kept${++kept}`);
      if (n >= 0) images[n] = tag;
      const what = n >= 0 ? 'the migrated image' : `a build the rewritten driver keeps${b.target ? ` (--target ${b.target})` : ''}`;
      // A value restage carried from a `docker run -e` (see RunSpec.carriedEnv) gets the one the legacy replay used.
      const carried = new Set(plan.runtimes.flatMap((rt) => rt.runStages.flatMap((r) => r.source.spec.carriedEnv.map((c) => c.name))));
      const buildArgs = b.buildArgs.map((a) =>
        carried.has(a.name) && !a.args.every((w) => w.isStatic) ? { ...a, value: `${a.name}=${carriedValue(a.name)}`, args: [] } : a,
      );
      actions.push(buildAction(b, root, tag, buildArgs, replayedFlags(inv.flags, `${driver.path}: the build's`), what));
    } else if (
      inv.kind === 'cp' ||
      inv.kind === 'create' ||
      s.stdoutTo !== null ||
      s.pipeTo !== undefined ||
      (inv.kind === 'run' && inv.flags.some((f) => f.name === '--volume' || f.name === '--mount'))
    ) {
      // A migrated driver that still copies out of a container is not what restage writes; verify
      // cannot tell which image it means without the plan, so it does not guess.
      throw new NotReplayable(`${driver.path}: ${label(s)}: the rewritten driver still moves files out of a container`);
    } else {
      const sub = inv.kind === 'other' ? inv.subcommand : inv.kind;
      notes.push(
        `${driver.path}: ${label(s)}: not replayed on the migrated side (${NO_BUILD_EFFECT.has(sub) ? 'makes nothing a build reads' : 'a container run that writes nothing to the host'})`,
      );
    }
  }
  const missing = runtimes.filter((_, k) => images[k] === undefined).map((rt) => rt.final.dockerfile);
  if (missing.length > 0) throw new NotReplayable(`the rewritten driver (read by ${driver.readBy}) builds no image from ${missing.join(', ')}`);
  return { actions, images: images as string[], notes };
}

type Build = Pick<ImageBuild, 'dockerfile' | 'context' | 'target' | 'pull' | 'buildArgs'>;

/** The build as it reads in the rewritten driver: its Dockerfile, context and target, from its cwd. */
function readBuild(s: Extract<DriverStep, { kind: 'docker' }>, inv: Extract<DockerInvocation, { kind: 'build' }>, driverPath: string): Build {
  const where = `${driverPath}: ${s.args
    .map((a) => a.raw)
    .join(' ')
    .slice(0, 100)}`;
  if (s.cwd === null) throw new NotReplayable(`${where}: its working directory is not known`);
  if (!inv.context) throw new NotReplayable(`${where}: no build context`);
  const context = resolveHostPath(s.cwd, word(inv.context, where));
  const fileArg = flagValues(inv.flags, '--file')[0];
  const dockerfile = fileArg ? resolveHostPath(s.cwd, word(fileArg, where)) : context === null ? null : joinRel(context, 'Dockerfile');
  if (context === null || dockerfile === null) throw new NotReplayable(`${where}: a path outside the repository`);
  const target = flagValues(inv.flags, '--target')[0];
  const pull = inv.flags.find((f) => f.name === '--pull');
  const buildArgs = inv.flags
    .filter((f) => f.name === '--build-arg' && f.value)
    .map((f) => ({ name: f.value!.text.split('=')[0]!, value: f.value!.text, raw: f.value!.raw, args: [f.value!] }));
  return { dockerfile, context, target: target ? word(target, where) : null, pull: pull ? s.args[pull.indexes[0]!]! : null, buildArgs };
}

function word(a: Arg, where: string): string {
  if (a.isStatic) return a.text;
  const x = expandFromEnv(a.text);
  if (x.ok) return x.text;
  throw new NotReplayable(`${where}: ${a.raw} is ${'unset' in x ? `$${x.unset}, which is not set` : 'not known statically'}`);
}

function joinRel(dir: string, name: string): string {
  return dir === '' ? name : path.posix.join(dir, name);
}
