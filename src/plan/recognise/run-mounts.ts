import path from 'node:path/posix';
import buildContextMismatch from '../../../rules/build-context-mismatch.js';
import unsupportedDockerFlag from '../../../rules/unsupported-docker-flag.js';
import unsupportedExtraction from '../../../rules/unsupported-extraction.js';
import { excludingPattern } from '../../dockerfile/dockerignore.js';
import { resolveHostPath } from '../../shell/host-path.js';
import type { DriverStep } from '../../drivers/steps.js';
import type { ImageBuild, ImageSource } from '../model.js';
import { display, isWithin, joinRel } from '../../dockerfile/paths.js';
import type { PlanContext } from '../plan-context.js';
import { namedHostPaths, namedVolumes, copiesOutOfVolume, readRun, type BindMount, type RunSpec } from '../run-extraction.js';
import { chainHas } from '../run-image.js';
import { entrypointArgument } from '../program-words.js';
import { contextSources } from '../runtime-copies.js';
import { PLATFORM_OF_BUILT_IMAGE } from './container-copy.js';

type RunStep = Extract<DriverStep, { kind: 'docker' }>;

/**
 * `docker run -v "$PWD":/src IMG go build -o bin/app`: a build done in a container on the mounted repository.
 * It is one when a later build copies a path its command names; its writable mounts are then the artifacts.
 * `runOutputs`: per step, the host paths detection found a later build reads through the mounts (the
 * flows' consumer end): the outputs of a command that need not spell them. Returns whether a run was refused.
 */
export function recogniseRunMounts(ctx: PlanContext, runOutputs: ReadonlyMap<number, string[]>): boolean {
  let refused = false;
  for (const [i, s] of ctx.steps.entries()) {
    if (s.kind !== 'docker' || !s.parsed.ok || s.parsed.invocation.kind !== 'run') continue;
    if (recogniseRunMount(ctx, i, s, runOutputs.get(i) ?? [])) refused = true;
  }
  return refused;
}

function recogniseRunMount(ctx: PlanContext, i: number, s: RunStep, flowOutputs: string[]): boolean {
  const { repo, builds, refuse } = ctx;
  if (!s.parsed.ok || s.parsed.invocation.kind !== 'run') return false;
  // `docker run -v … IMG` with no command runs the CMD of an image the driver may build.
  const inv = s.parsed.invocation;
  const runsCmd = inv.image.isStatic && inv.command.length === 0 && inv.flags.some((f) => f.name === '--volume' || f.name === '--mount');
  const reading = readRun(inv, s.cwd, false, runsCmd ? ctx.runImage(i, inv.image.text).cmd : null);
  if (!reading) return false;
  const later = builds
    .filter((b) => b.step > i)
    .flatMap((b) => {
      const df = repo.readText(b.dockerfile) === null ? null : ctx.loadDockerfile(b.dockerfile, b.unit.start);
      return df ? contextSources(df, b) : [];
    });
  if (!reading.ok) {
    // Unreadable, but its output directory is copied later: a build step restage cannot reproduce.
    const outputs = s.parsed.invocation.flags
      .filter((f) => f.name === '--volume' && f.value?.isStatic)
      .map((f) => resolveHostPath(s.cwd ?? '', f.value!.text.split(':')[0]!))
      .filter((d): d is string => !!d);
    if (!outputs.some((d) => d !== '' && later.some((c) => isWithin(c, d))) && flowOutputs.length === 0) return false;
    refuse(unsupportedDockerFlag, reading.at || s.unit.start, { command: s.compose ? 'compose run' : 'run', flag: reading.flag, reason: reading.reason });
    return true;
  }
  // An output is a named path a fresh checkout does not have (sources the command reads are not outputs).
  // A relative one starts at -w, or at the WORKDIR of an image the driver builds.
  const built = ctx.runImage(i, reading.spec.image.text);
  const fresh = (h: string) => h !== '' && !repo.isFile(h) && !repo.isDir(h);
  // A writable mount of a tracked directory (dist/ kept by a .gitkeep) that a later build copies is
  // the output itself: the stage copies it from the context, as the mount showed it to the run.
  const mountedOutput = (h: string) => h !== '' && reading.spec.mounts.some((m) => !m.readOnly && m.hostDir === h);
  const named = [
    ...namedHostPaths({ ...reading.spec, workdir: reading.spec.workdir ?? built.workdir }).filter(fresh),
    ...flowOutputs.filter((h) => fresh(h) || mountedOutput(h)),
  ];
  if (!named.some((h) => later.some((c) => isWithin(c, h) || isWithin(h, c)))) return false;
  refuseMountsTheStageCannotSee(
    ctx,
    s,
    reading.spec,
    builds.find((b) => b.step > i),
  );
  if (built.builder && reading.spec.platform) {
    refuse(unsupportedDockerFlag, s.unit.start, { command: s.compose ? 'compose run' : 'run', flag: '--platform', reason: PLATFORM_OF_BUILT_IMAGE });
    return true;
  }
  // On an image the driver builds, the run's stage builds on the builder stage, which a RUN starts
  // like docker run does, except for an ENTRYPOINT (docker run runs the command through it).
  const why =
    built.builder && !(built.df && built.stage && built.chain)
      ? 'mountRunUnreadableImage'
      : chainHas(built, 'ENTRYPOINT') && !reading.spec.entrypointSet
        ? 'mountRunEntrypoint'
        : chainHas(built, 'USER')
          ? 'mountRunUser'
          : null;
  if (why) {
    refuse(unsupportedExtraction, s.unit.start, why, {});
    return true;
  }
  const argument = entrypointArgument(built, reading.spec.argv, reading.spec.entrypointSet);
  if (argument !== null) {
    refuse(unsupportedExtraction, inv.command[0]?.start ?? inv.image.start, 'commandNotProgram', { word: argument });
    return true;
  }
  // Each run becomes its own stage, which starts from the checkout: a run that mounts what an earlier
  // build run wrote into (`npm ci`, then `npm run build`) would not see its files there.
  const earlier = ctx.extractions.find(
    (x) =>
      x.source.kind === 'run' &&
      x.source.step < i &&
      x.source.spec.mounts.some((em) => !em.readOnly && reading.spec.mounts.some((m) => isWithin(em.hostDir, m.hostDir) || isWithin(m.hostDir, em.hostDir))),
  );
  if (earlier) {
    refuse(unsupportedExtraction, s.unit.start, 'mountRunReadsEarlier', { line: String(ctx.driver.lines.position(earlier.unit.start).line) });
    return true;
  }
  // A named volume another container of the driver mounts too carries files between the two (one
  // fills it, the other reads it): the stage's cache mount in its place starts empty.
  const volumes = namedVolumes(inv.flags);
  for (const [j, o] of ctx.steps.entries()) {
    if (j === i || o.kind !== 'docker' || !o.parsed.ok || (o.parsed.invocation.kind !== 'run' && o.parsed.invocation.kind !== 'create')) continue;
    const volume = namedVolumes(o.parsed.invocation.flags).find((v) => volumes.includes(v));
    if (volume !== undefined) {
      refuse(unsupportedExtraction, s.unit.start, 'mountRunSharedVolume', { volume, line: String(ctx.driver.lines.position(o.unit.start).line) });
      return true;
    }
  }
  const outOfVolume = copiesOutOfVolume({ ...reading.spec, workdir: reading.spec.workdir ?? built.workdir });
  if (outOfVolume) {
    refuse(unsupportedExtraction, s.unit.start, 'mountRunCopiesFromVolume', outOfVolume);
    return true;
  }
  const source: ImageSource = {
    kind: 'run',
    step: i,
    spec: s.compose ? { ...reading.spec, via: 'compose run' } : reading.spec,
    ...(built.builder && built.df && built.stage ? { builtOn: { build: built.builder, dockerfile: built.df, stage: built.stage } } : {}),
  };
  addMountExtractions(ctx, i, s, source, reading.spec, named, later);
  return false;
}

/**
 * The stage COPYs the mounted directory from the build context, which .dockerignore filters: what it
 * hides (.git, which go build stamps into binaries; node_modules an earlier step installed) the
 * command saw through the mount and would not see in the stage. Marks each mount's existsInRepo.
 */
function refuseMountsTheStageCannotSee(ctx: PlanContext, s: RunStep, spec: RunSpec, finalBuild: ImageBuild | undefined): void {
  const { repo, refuse } = ctx;
  const finalContext = finalBuild?.context ?? '';
  const ignorePath = finalBuild
    ? [`${finalBuild.dockerfile}.dockerignore`, joinRel(finalContext, '.dockerignore')].find((p) => repo.readText(p) !== null)
    : undefined;
  for (const m of spec.mounts) {
    m.existsInRepo = m.hostDir === '' || repo.isDir(m.hostDir);
    if (!isWithin(m.hostDir, finalContext))
      refuse(buildContextMismatch, s.unit.start, 'buildContextMismatch', {
        builder: `the mounted ${display(m.hostDir)}`,
        runtime: `the runtime build (context ${display(finalContext)})`,
      });
    else if (ignorePath) {
      const rel = finalContext === '' ? m.hostDir : m.hostDir.slice(finalContext.length + 1);
      const hit = excludingPattern(repo.readText(ignorePath)!, rel)?.pattern;
      if (hit)
        refuse(buildContextMismatch, s.unit.start, 'buildContextMismatch', {
          builder: `the mounted ${display(m.hostDir)}`,
          runtime: `the stage that replaces docker run, which copies it from a context whose ${ignorePath} (${hit}) hides part of it`,
        });
    }
  }
}

/** An extraction per writable mount, or per output a later build reads through it. */
function addMountExtractions(ctx: PlanContext, i: number, s: RunStep, source: ImageSource, spec: RunSpec, named: string[], later: string[]): void {
  const writable = spec.mounts.filter((m) => !m.readOnly);
  // A host path is written through the most specific mount that holds it (`-v "$PWD":/src -v
  // "$PWD/build":/out`: build/app comes from /out/app, not /src/build/app).
  const throughMount = (h: string, m: BindMount) =>
    isWithin(h, m.hostDir) && !writable.some((o) => o !== m && o.hostDir.length > m.hostDir.length && isWithin(h, o.hostDir));
  for (const m of writable) {
    // A mount of the checkout itself (or a directory it holds) is not the artifact: the outputs in it
    // are, the paths a later build reads. Narrowed so, a host command on another file (`git describe`,
    // a linter) is not taken for a step on the artifact.
    const outputs = m.existsInRepo ? named.filter((h) => throughMount(h, m) && later.some((c) => isWithin(c, h) || isWithin(h, c))) : [];
    const outermost = outputs.filter((h, k) => !outputs.some((o, j) => j !== k && o !== h && isWithin(h, o)) && outputs.indexOf(h) === k);
    // A checkout mount whose outputs all come through a more specific mount is only the command's input.
    if (
      outermost.length === 0 &&
      m.existsInRepo &&
      named.some((h) => isWithin(h, m.hostDir)) &&
      named.every((h) => !isWithin(h, m.hostDir) || !throughMount(h, m))
    )
      continue;
    if (outermost.length === 0) {
      ctx.extractions.push({
        step: i,
        unit: s.unit,
        source,
        containerPath: m.target,
        contents: false,
        dest: m.hostDir,
        destExisted: false,
        hostPath: m.hostDir,
        hostCommands: [],
      });
      continue;
    }
    for (const h of outermost) {
      const rest = m.hostDir === '' ? h : h.slice(m.hostDir.length + 1);
      ctx.extractions.push({
        step: i,
        unit: s.unit,
        source,
        containerPath: path.normalize(`${m.target}/${rest}`),
        contents: false,
        dest: h,
        destExisted: false,
        hostPath: h,
        hostCommands: [],
      });
    }
  }
}
