import { refusePlatformMismatch } from './platforms.js';
import builderPattern from '../../rules/builder-pattern.js';
import driverControlFlow from '../../rules/driver-control-flow.js';
import generatedDockerfile from '../../rules/generated-dockerfile.js';
import unknownDockerFlag from '../../rules/unknown-docker-flag.js';
import unsupportedDockerFlag from '../../rules/unsupported-docker-flag.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hidesDocker, type DriverAnalysis, type DriverStep } from '../drivers/steps.js';
import { consumes, refuseConsumers, refuseSplitLoops, refuseUnreadExtractions, runtimeConsumers, type Consumer } from './consumers.js';
import { describeConstruct, notFollowed } from './control-flow.js';
import { translateHostSteps } from './host-steps.js';
import { refuseKeptReadersOfRemovedVariables } from './kept-lines.js';
import { planMerge, type MergePlan } from './merge.js';
import type { BuildPlan, RuntimeMerge } from './model.js';
import { describeArtifact } from '../dockerfile/paths.js';
import { planContext, refuser, type PlanContext } from './plan-context.js';
import { readBuilds, refuseGeneratedDockerfiles } from './read-build.js';
import { recogniseBuildOutputs } from './recognise/build-output.js';
import { recogniseContainerCopies } from './recognise/container-copy.js';
import { findContainers, hiddenCopyOut, otherWaysOut } from './recognise/containers.js';
import { refuseExports } from './recognise/export.js';
import { recogniseRunMounts } from './recognise/run-mounts.js';
import { recogniseRunStdout } from './recognise/run-stdout.js';
import { recogniseRunTarPipes } from './recognise/run-tar-pipe.js';
import type { RepoView } from '../repo/view.js';
import { stageRef } from './stage-ref.js';
import { dockerfilesAnUnreadDriverNames } from './unread-driver-files.js';
import { sortSurroundingSteps, type Surroundings } from './surrounding-steps.js';

export interface DriverPlanResult {
  /** Null when the driver holds no builder pattern (nothing to do) or when it was refused. */
  plan: BuildPlan | null;
  /** True when the driver extracts an artifact: a setup restage migrates or refuses. */
  recognised: boolean;
  diagnostics: Diagnostic[];
  /** The driver and every Dockerfile its builds name: a pre-commit run on any of them selects the setup. */
  files: string[];
  /** Of `files`, those held by a guess: an unresolved Dockerfile path's matches, a hidden copy's words (SetupResult.guessedFiles). */
  guessedFiles: string[];
}

const notASetup = (): DriverPlanResult => ({ plan: null, recognised: false, diagnostics: [], files: [], guessedFiles: [] });

/**
 * The plan of one driver: find the extraction forms (each recogniser in recognise/ adds the extractions
 * it migrates or refuses the ones it cannot), the runtime builds that read them, what the rest of the
 * driver does around them, and the merge of each runtime Dockerfile.
 *
 * `runOutputs`: for a `docker run` step with bind mounts, the host paths detection found a later build
 * reads through them (the flows' consumer end): the outputs of a command that need not spell them.
 */
export function planDriver(
  driver: DriverAnalysis,
  repo: RepoView,
  builderStage = 'builder',
  runOutputs: ReadonlyMap<number, string[]> = new Map(),
): DriverPlanResult {
  const steps = driver.steps;
  const containers = findContainers(steps);
  const hidden = hiddenCopyOut(steps, containers);
  if (containers.copies.length === 0 && !hidden && !otherWaysOut(steps)) return notASetup();

  // From here on the driver is a builder-pattern setup: whatever cannot be migrated exactly is refused.
  const diagnostics: Diagnostic[] = [...driver.diagnostics];
  const refuse = refuser(diagnostics, (offset) => ({ file: driver.path, ...driver.lines.position(offset) }));
  refuseUnreadDockerCommands(steps, refuse);
  const files = new Set<string>([driver.path, ...(driver.reads ?? [])]);
  const guessed = new Set<string>();
  const refused = (): DriverPlanResult => {
    // A refusal may stop before the builds are read (`-f -` from stdin, a hidden copy): the Dockerfiles
    // the driver's words name are the setup's too, as a guess, so a pre-commit run on them reports it.
    for (const f of dockerfilesAnUnreadDriverNames(driver.path, driver.text, repo)) guessed.add(f);
    const guessedFiles = [...guessed].filter((f) => !files.has(f));
    return { plan: null, recognised: true, diagnostics, files: [...files, ...guessedFiles], guessedFiles };
  };
  const builds = readBuilds(driver, refuse, { files, guessed }, repo);
  refuseGeneratedDockerfiles(steps, builds, refuse);
  if (diagnostics.some((d) => d.ruleId === generatedDockerfile.id)) return refused();

  const ctx = planContext(driver, repo, diagnostics, refuse, builds);
  recogniseContainerCopies(ctx, containers.copies);
  // Each recogniser runs (so every refusal is reported), in the order the extractions are numbered.
  const runRefused = [
    recogniseBuildOutputs(ctx),
    recogniseRunStdout(ctx),
    refuseExports(ctx),
    recogniseRunTarPipes(ctx),
    recogniseRunMounts(ctx, runOutputs),
  ].includes(true);
  if (ctx.extractions.length === 0 && containers.copies.length === 0 && !runRefused) {
    // Only a copy-out restage could not follow makes this a setup; runs with mounts alone (tests) do not.
    if (!hidden) return notASetup();
    for (const s of steps)
      if (s.kind === 'opaque' && hidesDocker(s)) refuse(driverControlFlow, s.unit.start, { construct: describeConstruct(s.nodeType), detail: notFollowed(s) });
  }
  if (hasError(diagnostics) || ctx.extractions.length === 0) return refused();

  const translated = translateHostSteps(ctx);
  const consumers = runtimeConsumers(ctx);
  // Artifacts no build reads were extracted for the host only (release binaries): no builder pattern.
  if (consumers.length === 0) return refuseUnreadExtractions(ctx) ? refused() : notASetup();
  if (refuseConsumers(ctx, consumers)) return refused();
  const runtimeSteps = new Set(consumers.map((c) => c.build.step));
  refuseSplitLoops(ctx, containers.copies, runtimeSteps);
  if (hasError(diagnostics)) return refused();

  const surroundings = sortSurroundingSteps(ctx, containers, runtimeSteps, translated);
  refuseKeptReadersOfRemovedVariables(ctx, driver.text, surroundings.removed);
  const plan = mergePlan(ctx, consumers, surroundings, builderStage);
  if (!plan || hasError(diagnostics)) return refused();
  return { plan: plan.plan, recognised: true, diagnostics: [...diagnostics, ...plan.notes], files: [...files], guessedFiles: [] };
}

function hasError(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** A docker command restage could not read, or one with a redirection it does not model. */
function refuseUnreadDockerCommands(steps: DriverStep[], refuse: PlanContext['refuse']): void {
  for (const s of steps) {
    if (s.kind === 'docker' && !s.parsed.ok) {
      const arg = s.args[s.parsed.index];
      refuse(unknownDockerFlag, arg?.start ?? s.unit.start, { command: s.parsed.subcommand || '(global)', flag: s.parsed.flag });
    } else if (s.kind === 'docker' && s.unmodelledRedirect) {
      refuse(unsupportedDockerFlag, s.unit.start, {
        command: s.args[1]?.text ?? '',
        flag: '(redirection or environment prefix)',
        reason: 'restage does not model redirections or environment prefixes on docker commands',
      });
    }
  }
}

/** Each runtime Dockerfile merged with the stages it reads, and the plan; null when a merge was refused. */
function mergePlan(ctx: PlanContext, consumers: Consumer[], surroundings: Surroundings, builderStage: string): { plan: BuildPlan; notes: Diagnostic[] } | null {
  const { extractions, builds, diagnostics } = ctx;
  const merges: MergePlan[] = [];
  for (const c of consumers) {
    const consumed = extractions.filter((e) => consumes(c, e));
    refusePlatformMismatch(ctx, c.build, consumed);
    const merge = planMerge(consumed, c.build, c.df, builds, ctx.repo, ctx.driver, diagnostics, builderStage);
    if (merge) merges.push(merge);
  }
  if (hasError(diagnostics) || merges.length !== consumers.length) return null;
  const runtimes: RuntimeMerge[] = consumers.map((c, n) => ({
    final: c.build,
    finalDockerfile: c.df,
    copyRewrites: c.copies.rewrites,
    builders: merges[n]!.builders,
    runStages: merges[n]!.runStages,
    hostStages: merges[n]!.hostStages,
    carriedWords: merges[n]!.carriedWords,
  }));
  for (const e of extractions) {
    const stage = stageRef(
      runtimes.find((r) => r.copyRewrites.some((w) => w.parts.some((p) => p.kind === 'stage' && p.extraction === e)))!,
      e,
    );
    diagnostics.push(builderPattern.report({ file: ctx.driver.path, ...ctx.driver.lines.position(e.unit.start) }, { artifact: describeArtifact(e), stage }));
  }
  const kept = runtimes.flatMap((r) =>
    r.builders
      .filter((b) => surroundings.keptBuilders.has(b.build))
      .map((b) => ({ build: b.build, stageName: b.stageName, dockerfile: r.finalDockerfile.path })),
  );
  return {
    plan: {
      driver: ctx.driver,
      builds,
      extractions,
      runtimes,
      removedUnits: surroundings.removed,
      // A builder kept for other uses is built once, from the first merged file that holds its stage.
      keptBuilderBuilds: kept.filter((k, i) => kept.findIndex((x) => x.build === k.build) === i),
      // A builder Dockerfile goes only when no merge found a reason to keep it.
      deletions: [...new Set(merges.flatMap((m) => m.deletions))].filter((p) =>
        merges.every((m) => m.deletions.includes(p) || !m.builders.some((b) => b.dockerfile.path === p)),
      ),
    },
    notes: merges.flatMap((m) => m.notes).filter((d, i, all) => all.findIndex((x) => x.message === d.message && x.file === d.file) === i),
  };
}
