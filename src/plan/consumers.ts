import driverControlFlow from '../../rules/driver-control-flow.js';
import extractionNotConsumed from '../../rules/extraction-not-consumed.js';
import hostStep from '../../rules/host-step-between-extraction-and-build.js';
import unresolvedValue from '../../rules/unresolved-value.js';
import unsupportedExtraction from '../../rules/unsupported-extraction.js';
import { resolveHostPath } from '../shell/host-path.js';
import { LOOP_VALUE_TOKEN } from '../drivers/steps.js';
import type { DockerfileModel } from '../dockerfile/parse.js';
import type { Extraction, ImageBuild } from './model.js';
import { display, isWithin } from '../dockerfile/paths.js';
import type { PlanContext } from './plan-context.js';
import { analyseRuntimeCopies, contextSources, type RuntimeCopies } from './runtime-copies.js';
import { refuseHiddenDocker } from './control-flow.js';
import type { ContainerCopy } from './recognise/containers.js';

/** A build after the extractions whose Dockerfile reads an artifact, and how its COPYs read it. */
export interface Consumer {
  build: ImageBuild;
  df: DockerfileModel;
  copies: RuntimeCopies;
}

/** The runtime builds: the ones after the extractions whose Dockerfile reads an artifact. */
export function runtimeConsumers(ctx: PlanContext): Consumer[] {
  const { extractions } = ctx;
  const lastExtraction = Math.max(...extractions.map((e) => e.step));
  return ctx.builds
    .filter((b) => b.step > lastExtraction && extractions.some((e) => isWithin(e.hostPath, b.context)))
    .map((b) => ({ build: b, df: ctx.loadDockerfile(b.dockerfile, b.unit.start) }))
    .filter((x): x is { build: ImageBuild; df: DockerfileModel } => x.df !== null)
    .map((x) => ({ ...x, copies: analyseRuntimeCopies(x.df, x.build, extractions, ctx.repo, ctx.driver.path) }))
    .filter((x) => x.copies.readsArtifact);
}

export function consumes(c: Consumer, e: Extraction): boolean {
  return c.copies.rewrites.some((r) => r.parts.some((p) => p.kind === 'stage' && p.extraction === e));
}

/**
 * Extractions no build reads: artifacts for the host only (release binaries), no builder pattern, unless
 * the driver hides how they are read. Returns whether that was refused.
 */
export function refuseUnreadExtractions(ctx: PlanContext): boolean {
  const { steps, extractions, refuse } = ctx;
  // A destination named after a loop's variable cannot be matched to the COPY that reads it.
  const perPass = extractions.find((e) => LOOP_VALUE_TOKEN.test(e.hostPath) && steps[e.step]!.unit.block?.kind === 'loop');
  if (perPass) {
    refuse(driverControlFlow, steps[perPass.step]!.unit.block!.start, {
      construct: 'a for loop',
      detail: 'extracts to a host path named after its variable; restage cannot tell which later build reads which file',
    });
    return true;
  }
  if (refuseUnpackedForBuild(ctx)) return true;
  // The runtime build may sit in control flow restage does not follow: refuse rather than miss it.
  return refuseHiddenDocker(steps, refuse);
}

/**
 * `tar -x`/`unzip` of the artifact into a directory a later build copies: a builder pattern restage
 * cannot follow (see host-step-between-extraction-and-build), not a release extraction.
 */
function refuseUnpackedForBuild(ctx: PlanContext): boolean {
  const { steps, extractions, repo } = ctx;
  const lastExtraction = Math.max(...extractions.map((e) => e.step));
  for (const [i, s] of steps.entries()) {
    if (s.kind !== 'host' || i <= lastExtraction || s.cwd === null) continue;
    const unpacks = (s.args[0]?.text === 'tar' && /^-?[a-zA-Z]*x/.test(s.args[1]?.text ?? '')) || s.args[0]?.text === 'unzip';
    if (!unpacks) continue;
    const e = extractions.find((x) => s.args.slice(1).some((a) => a.isStatic && resolveHostPath(s.cwd!, a.text) === x.hostPath));
    const outArg = s.args.findIndex((a) => a.text === '-C' || a.text === '-d');
    const outDir = outArg > 0 && s.args[outArg + 1]?.isStatic ? resolveHostPath(s.cwd, s.args[outArg + 1]!.text) : s.cwd;
    const read =
      outDir !== null &&
      ctx.builds.some((b) => {
        const df = b.step > i && repo.readText(b.dockerfile) !== null ? ctx.loadDockerfile(b.dockerfile, b.unit.start) : null;
        return df !== null && contextSources(df, b).some((c) => isWithin(c, outDir) || isWithin(outDir, c));
      });
    if (e && read) {
      ctx.refuse(hostStep, s.unit.start, { command: s.args[0]?.text ?? '', artifact: display(e.hostPath) });
      return true;
    }
  }
  return false;
}

/**
 * What the runtime builds cannot serve: one Dockerfile built twice (one merged file cannot take two sets
 * of values), the COPYs' own refusals, an extraction none reads. Several runtime images from one
 * builder are fine: each runtime Dockerfile gets the stages it needs. True when the refusals so far
 * leave nothing to check further (an extraction none reads is reported, and the checks go on).
 */
export function refuseConsumers(ctx: PlanContext, consumers: Consumer[]): boolean {
  const seenFiles = new Set<string>();
  for (const c of consumers) {
    if (seenFiles.has(c.df.path)) ctx.refuse(unsupportedExtraction, c.build.unit.start, 'runtimeBuiltTwice', { dockerfile: c.df.path });
    seenFiles.add(c.df.path);
  }
  for (const c of consumers) ctx.diagnostics.push(...c.copies.diagnostics);
  if (ctx.diagnostics.some((d) => d.severity === 'error')) return true;
  for (const e of ctx.extractions) {
    if (!consumers.some((c) => consumes(c, e))) ctx.refuse(extractionNotConsumed, e.unit.start, { artifact: display(e.hostPath) });
  }
  return false;
}

/**
 * A loop's body is read once for every pass: the whole setup (builds, containers, extractions and the
 * runtime builds) must run in the same pass, so each pass migrates alone.
 */
export function refuseSplitLoops(ctx: PlanContext, copies: ContainerCopy[], runtimeSteps: Set<number>): void {
  const { steps, extractions, refuse } = ctx;
  const builtOn = (e: Extraction) =>
    e.source.kind === 'built' ? [e.source.build.step] : e.source.kind === 'run' && e.source.builtOn ? [e.source.builtOn.build.step] : [];
  const setupSteps = [
    ...new Set([
      ...extractions.flatMap((e) => [e.step, ...builtOn(e)]),
      ...copies.filter((c) => extractions.some((e) => e.step === c.step)).map((c) => c.container.step),
      ...runtimeSteps,
    ]),
  ].sort((a, b) => a - b);
  const loopOf = (i: number) => (steps[i]!.unit.block?.kind === 'loop' ? steps[i]!.unit.block! : null);
  const looped = setupSteps.filter((i) => loopOf(i) !== null);
  if (looped.length > 0 && (looped.length !== setupSteps.length || new Set(looped.map((i) => loopOf(i)!.id)).size > 1)) {
    const loop = loopOf(looped[0]!)!;
    refuse(driverControlFlow, loop.start, {
      construct: 'a for loop',
      detail:
        'runs part of the setup and the rest runs outside it; restage migrates a loop only when every pass builds, extracts and builds the runtime image itself',
    });
  }
  for (const e of extractions) {
    const tokened = [
      e.containerPath,
      e.hostPath,
      ...e.hostCommands.flat(),
      ...(e.stdoutCommand ?? []),
      ...(e.source.kind === 'run' ? [JSON.stringify(e.source.spec)] : []),
    ].find((t) => LOOP_VALUE_TOKEN.test(t));
    if (tokened !== undefined) refuse(unresolvedValue, e.unit.start, { what: 'a path or command of this extraction', raw: 'that uses the loop variable' });
  }
}
