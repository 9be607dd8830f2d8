import path from 'node:path/posix';
import buildContextMismatch from '../../rules/build-context-mismatch.js';
import builderDockerfileKept from '../../rules/builder-dockerfile-kept.js';
import builderImageUsedElsewhere from '../../rules/builder-image-used-elsewhere.js';
import parserDirectiveConflict from '../../rules/parser-directive-conflict.js';
import unsupportedDockerFlag from '../../rules/unsupported-docker-flag.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { CONTAINER_ID_TOKEN, type DriverAnalysis } from '../drivers/steps.js';
import type { DockerfileModel, Stage } from '../dockerfile/parse.js';
import type { Extraction, ImageBuild, RuntimeMerge } from './model.js';
import { imageKey } from '../dockerfile/image-ref.js';
import type { RepoView } from '../repo/view.js';
import { asCopy } from '../dockerfile/parse.js';
import { excludingPattern } from '../dockerfile/dockerignore.js';
import { isWithin, joinRel } from '../dockerfile/paths.js';
import { imageStem, stageNameFrom, sourceStageRef } from './stage-ref.js';
import { dockerfileMentions, firstMentionMeaning, INDEXABLE_NAME, mayMean } from './mentions.js';
import { carriedBuildArgs, carryRunValues, mergeArgs } from './merge-args.js';

export interface MergePlan {
  builders: RuntimeMerge['builders'];
  runStages: RuntimeMerge['runStages'];
  hostStages: RuntimeMerge['hostStages'];
  carriedWords: string[];
  deletions: string[];
  notes: Diagnostic[];
}

/** What every part of a merge reads, and where it reports. */
export interface MergeInput {
  extractions: Extraction[];
  runtime: ImageBuild;
  runtimeDf: DockerfileModel;
  builds: ImageBuild[];
  repo: RepoView;
  driver: DriverAnalysis;
  diagnostics: Diagnostic[];
  builderStage: string;
  inDriver(offset: number): { file: string; line: number; col: number };
  inDockerfile(df: DockerfileModel, offset: number): { file: string; line: number; col: number };
}

/** Decides whether the builder and runtime Dockerfiles can become one, and how the stages are named. */
export function planMerge(
  extractions: Extraction[],
  runtime: ImageBuild,
  runtimeDf: DockerfileModel,
  builds: ImageBuild[],
  repo: RepoView,
  driver: DriverAnalysis,
  diagnostics: Diagnostic[],
  /** The name a stage restage has to name gets (`builder`, or the config's `stages.builder`). */
  builderStage = 'builder',
): MergePlan | null {
  const m: MergeInput = {
    extractions,
    runtime,
    runtimeDf,
    builds,
    repo,
    driver,
    diagnostics,
    builderStage,
    inDriver: (offset) => ({ file: driver.path, ...driver.lines.position(offset) }),
    inDockerfile: (df, offset) => ({ file: df.path, ...df.lines.position(offset) }),
  };
  const seen = builderSources(m);
  if (!seen) return null;
  refuseTimeLimitedRuntime(m);
  const taken = new Set<string>();
  const builders = nameBuilderStages(m, seen, taken);
  const runStages = nameRunStages(m, seen.size, builders, taken);
  const hostStages = nameHostStages(m, builders, runStages, taken);
  refuseBuilderImageInRuntime(m, builders);
  const all = [...builders.map((b) => b.dockerfile), runtimeDf];
  refuseDirectiveConflicts(m, all);
  const args = mergeArgs(m, builders, all);
  // BuildKit reads <Dockerfile>.dockerignore before the context's: a builder with its own saw another context.
  for (const d of all) {
    if (repo.readText(`${d.path}.dockerignore`) !== null) {
      diagnostics.push(
        buildContextMismatch.reportMessage(m.inDockerfile(d, 0), 'buildContextMismatch', {
          builder: `${d.path}, with its own ${d.path}.dockerignore,`,
          runtime: 'the other Dockerfile',
        }),
      );
    }
  }
  const carriedWords = carriedBuildArgs(m, builders, args);
  carryRunValues(m, builders, runStages, args, carriedWords);
  args.refuseHoistedGlobals();
  const { deletions, notes } = builderDeletions(m, builders);
  return { builders, runStages, hostStages, carriedWords, deletions, notes };
}

/** The builder builds the extractions come from, each with its Dockerfile and stage; null when one Dockerfile serves two. */
function builderSources(m: MergeInput): Map<ImageBuild, { dockerfile: DockerfileModel; stage: Stage }> | null {
  const seen = new Map<ImageBuild, { dockerfile: DockerfileModel; stage: Stage }>();
  for (const e of m.extractions)
    if (e.source.kind === 'built' && !seen.has(e.source.build)) seen.set(e.source.build, { dockerfile: e.source.dockerfile, stage: e.source.stage });
  for (const e of m.extractions)
    if (e.source.kind === 'run' && e.source.builtOn && !seen.has(e.source.builtOn.build)) seen.set(e.source.builtOn.build, e.source.builtOn);
  const files = new Set<string>();
  for (const [b, { dockerfile }] of seen) {
    if (files.has(dockerfile.path) || dockerfile.path === m.runtimeDf.path) {
      m.diagnostics.push(
        unsupportedDockerFlag.report(m.inDriver(b.unit.start), {
          command: 'build',
          flag: `-f ${dockerfile.path}`,
          reason: 'the same Dockerfile serves two builds of the setup',
        }),
      );
      return null;
    }
    files.add(dockerfile.path);
  }
  return seen;
}

/**
 * `timeout 5m docker build -t app .`: the merged build also builds what the builder build built, within
 * the limit the runtime build alone had, so the migrated driver may stop where the legacy one finished.
 */
function refuseTimeLimitedRuntime(m: MergeInput): void {
  const s = m.driver.steps[m.runtime.step];
  if (s?.kind !== 'docker' || !(s.wrappers ?? []).some((w) => /^(.*\/)?timeout$/.test(w))) return;
  m.diagnostics.push(
    unsupportedDockerFlag.report(m.inDriver(m.runtime.unit.start), {
      command: 'build',
      flag: '(run under timeout)',
      reason: 'the merged build also builds the artifact, within the time limit the runtime build alone had',
    }),
  );
}

/**
 * Stage names must stay unique in the merged file. Image names used in FROM count as taken too: a stage
 * of that name would shadow the image. A builder stage whose name the runtime file (or an earlier
 * builder) already uses, as a stage or an image, is renamed together with every reference to it in its own file.
 */
function nameBuilderStages(m: MergeInput, seen: Map<ImageBuild, { dockerfile: DockerfileModel; stage: Stage }>, taken: Set<string>): RuntimeMerge['builders'] {
  const { runtimeDf, builderStage } = m;
  const runtimeNames = new Set(runtimeDf.stages.flatMap((s) => (s.name ? [s.name.toLowerCase()] : [])));
  for (const t of [
    ...runtimeNames,
    ...[runtimeDf, ...[...seen.values()].map((x) => x.dockerfile)].flatMap((d) => d.stages.map((s) => s.image.value.toLowerCase())),
  ])
    taken.add(t);
  const claimed = new Set([...runtimeNames, ...runtimeDf.stages.map((s) => s.image.value.toLowerCase())]);
  const renames = new Map<DockerfileModel, Map<string, string>>();
  for (const { dockerfile } of seen.values()) {
    const map = new Map<string, string>();
    for (const s of dockerfile.stages) {
      if (!s.name) continue;
      let name = s.name.toLowerCase();
      if (claimed.has(name)) {
        const suffix = stageNameFrom(/^Dockerfile\.(.+)$/i.exec(path.basename(dockerfile.path))?.[1] ?? builderStage) ?? builderStage;
        let candidate = `${name}-${suffix}`;
        for (let n = 2; claimed.has(candidate) || taken.has(candidate); n++) candidate = `${name}-${suffix}-${n}`;
        map.set(name, candidate);
        name = candidate;
      }
      claimed.add(name);
      taken.add(name);
    }
    for (const s of dockerfile.stages) claimed.add(s.image.value.toLowerCase());
    renames.set(dockerfile, map);
  }
  const builders: RuntimeMerge['builders'] = [];
  for (const [build, { dockerfile, stage }] of seen) {
    const renamed = renames.get(dockerfile)!;
    const stageName = stage.name ? (renamed.get(stage.name.toLowerCase()) ?? stage.name) : chooseStageName(build, seen.size, taken, builderStage);
    taken.add(stageName.toLowerCase());
    const rebase = rebaseFor(build, dockerfile, m.runtime, runtimeDf, m.repo, m.diagnostics, m.inDriver);
    builders.push({ build, dockerfile, stage, stageName, needsName: stage.name === null, rebase: rebase ?? '', renames: renamed, argRenames: new Map() });
  }
  return builders;
}

/** A stage per `docker run` build step, named after its image (or the builder stage name when it is the only one). */
function nameRunStages(m: MergeInput, builderCount: number, builders: RuntimeMerge['builders'], taken: Set<string>): RuntimeMerge['runStages'] {
  const { builderStage } = m;
  const runs = new Map<number, Extract<Extraction['source'], { kind: 'run' }>>();
  for (const e of m.extractions) if (e.source.kind === 'run') runs.set(e.source.step, e.source);
  const runStages: RuntimeMerge['runStages'] = [];
  for (const source of runs.values()) {
    const image = imageStem(source.spec.image.isStatic ? source.spec.image.text : source.spec.image.raw);
    const candidates = builderCount + runs.size === 1 ? [builderStage, image] : [image, builderStage];
    let stageName = candidates.map((c) => stageNameFrom(c)).find((c): c is string => c !== null && !taken.has(c)) ?? null;
    for (let n = 2; stageName === null; n++) if (!taken.has(`${builderStage}-${n}`)) stageName = `${builderStage}-${n}`;
    taken.add(stageName);
    const on = source.builtOn;
    runStages.push({
      source,
      stageName,
      from: on ? builders.find((b) => b.build === on.build)!.stageName : (source.spec.carriedImage?.from ?? source.spec.image.text),
    });
  }
  return runStages;
}

/** A stage per extraction whose host commands (chmod) move into the build, derived from its source's stage. */
function nameHostStages(
  m: MergeInput,
  builders: RuntimeMerge['builders'],
  runStages: RuntimeMerge['runStages'],
  taken: Set<string>,
): RuntimeMerge['hostStages'] {
  const hostStages: RuntimeMerge['hostStages'] = [];
  for (const e of m.extractions) {
    if (e.hostCommands.length === 0 && !e.stdoutCommand) continue;
    const base = stageNameFrom(`${sourceStageRef({ builders, runStages }, e.source).split('/').pop()!.split(/[:@]/)[0]}-host`) ?? `${m.builderStage}-host`;
    let stageName = base;
    for (let n = 2; taken.has(stageName); n++) stageName = `${base}-${n}`;
    taken.add(stageName);
    hostStages.push({ extraction: e, stageName });
  }
  return hostStages;
}

/** The runtime Dockerfile must not build on the builder image by its tag. */
function refuseBuilderImageInRuntime(m: MergeInput, builders: RuntimeMerge['builders']): void {
  const { runtimeDf, diagnostics } = m;
  const builderTags = new Set(builders.flatMap((b) => b.build.tags));
  for (const s of runtimeDf.stages) {
    if (builderTags.has(imageKey(s.image.value)))
      diagnostics.push(
        builderImageUsedElsewhere.report(m.inDockerfile(runtimeDf, s.image.start), { image: s.image.value, use: 'FROM in the runtime Dockerfile' }),
      );
    for (const ins of s.instructions) {
      const from = ins.flags.find((f) => f.name === 'from');
      if (from?.value && builderTags.has(imageKey(from.value)))
        diagnostics.push(
          builderImageUsedElsewhere.report(m.inDockerfile(runtimeDf, from.start), {
            image: from.value,
            use: `${ins.keyword} --from in the runtime Dockerfile`,
          }),
        );
    }
  }
}

/** One file has one set of parser directives. */
function refuseDirectiveConflicts(m: MergeInput, all: DockerfileModel[]): void {
  const directiveNames = new Set(all.flatMap((d) => d.directives.map((x) => x.name)));
  for (const name of directiveNames) {
    const values = all.map((d) => d.directives.find((x) => x.name === name)?.value.trim() ?? null);
    const present = values.filter((v): v is string => v !== null);
    const differs = new Set(present).size > 1 || (name === 'escape' && present.length !== values.length && present.some((v) => v !== '\\'));
    if (differs) m.diagnostics.push(parserDirectiveConflict.report(m.inDockerfile(m.runtimeDf, 0), { name }));
  }
}

/** The builder Dockerfile goes unless something else still names it. */
function builderDeletions(m: MergeInput, builders: RuntimeMerge['builders']): { deletions: string[]; notes: Diagnostic[] } {
  const deletions: string[] = [];
  const notes: Diagnostic[] = [];
  for (const b of builders) {
    const p = b.dockerfile.path;
    const otherBuild = m.builds.find((x) => x !== b.build && x.dockerfile === p);
    const by = otherBuild || m.driver.fileDependencies?.includes(p) ? m.driver.path : referencedBy(p, m.repo, new Set([m.driver.path, p, m.runtimeDf.path]));
    if (by) notes.push(builderDockerfileKept.report(m.inDockerfile(b.dockerfile, 0), { path: p, by }));
    else deletions.push(p);
  }
  return { deletions, notes };
}

/** Another file that names the Dockerfile by its file name (and may mean it: see mayMean), or null. */
function referencedBy(dockerfile: string, repo: RepoView, exclude: Set<string>): string | null {
  const name = path.basename(dockerfile);
  if (INDEXABLE_NAME.test(name)) {
    const hit = firstMentionMeaning(
      dockerfileMentions(repo, 'candidates', () => repo.referenceCandidates()).get(name) ?? [],
      dockerfile,
      (m) => !exclude.has(m.file),
    );
    return hit?.file ?? null;
  }
  const pattern = new RegExp(`(?<![A-Za-z0-9_.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_-])`, 'gm');
  for (const f of repo.referenceCandidates()) {
    if (exclude.has(f)) continue;
    const text = repo.readText(f);
    if (text !== null && [...text.matchAll(pattern)].some((m) => mayMean(text, m.index, name.length, f, dockerfile, repo))) return f;
  }
  return null;
}

/** `builder` for the only builder; otherwise from the Dockerfile suffix or the tag (DESIGN item 16). */
function chooseStageName(build: ImageBuild, builderCount: number, taken: Set<string>, builderStage: string): string {
  const base = path.basename(build.dockerfile);
  const suffix = /^Dockerfile\.(.+)$/i.exec(base)?.[1] ?? /^(.+)\.Dockerfile$/i.exec(base)?.[1] ?? null;
  // A tag the driver wrote; not the stand-in for an id it captured (read-build.ts).
  const written = build.tags.find((t) => !CONTAINER_ID_TOKEN.test(t));
  const tag = written === undefined ? null : written.includes('$') ? imageStem(written) : written.split('/').pop()!.replace(/:/g, '-');
  const candidates = builderCount === 1 ? [builderStage, suffix, tag] : [suffix, tag, builderStage];
  for (const c of candidates) {
    const name = c ? stageNameFrom(c) : null;
    if (name && !taken.has(name)) return name;
  }
  let n = 2;
  while (taken.has(`${builderStage}-${n}`)) n++;
  return `${builderStage}-${n}`;
}

/**
 * A builder built from another context (`docker build -f build/Dockerfile build`) reads its COPY
 * sources from there: inside the runtime context, they are rebased by the relative path. The merged
 * build has one .dockerignore, so a builder context with its own, or a runtime one that may hide
 * files under the builder context, is refused.
 */
function rebaseFor(
  build: ImageBuild,
  df: DockerfileModel,
  runtime: ImageBuild,
  runtimeDf: DockerfileModel,
  repo: RepoView,
  diagnostics: Diagnostic[],
  inDriver: (offset: number) => { file: string; line: number; col: number },
): string | null {
  if (build.context === runtime.context) return '';
  const mismatch = (why: string) => {
    diagnostics.push(
      buildContextMismatch.reportMessage(inDriver(build.unit.start), 'buildContextMismatch', {
        builder: `the builder (context ${build.context || '.'}${why})`,
        runtime: `the runtime image (context ${runtime.context || '.'})`,
      }),
    );
    return null;
  };
  if (!isWithin(build.context, runtime.context)) return mismatch(', not inside the runtime context');
  const rel = runtime.context === '' ? build.context : build.context.slice(runtime.context.length + 1);
  if (repo.readText(joinRel(build.context, '.dockerignore')) !== null) return mismatch(', with a .dockerignore of its own');
  const runtimeIgnore = repo.readText(joinRel(runtime.context, '.dockerignore'));
  if (runtimeIgnore !== null && excludingPattern(runtimeIgnore, rel) !== null) return mismatch(`, part of which the runtime context's .dockerignore may hide`);
  for (const s of df.stages) {
    for (const ins of s.instructions) {
      if (ins.keyword === 'RUN' && ins.flags.some((f) => f.name === 'mount' && /type=bind/.test(f.value ?? '') && !/from=/.test(f.value ?? '')))
        return mismatch(', and a RUN --mount=type=bind of it');
      const copy = asCopy(ins, df.text);
      if (copy && !copy.flags.some((f) => f.name === 'from') && copy.unusualForm) return mismatch(`, and a COPY/ADD in ${copy.unusualForm}`);
    }
  }
  void runtimeDf;
  return rel;
}
