import path from 'node:path/posix';
import unresolvedValue from '../../rules/unresolved-value.js';
import buildArgConflict from '../../rules/build-arg-conflict.js';
import buildContextMismatch from '../../rules/build-context-mismatch.js';
import builderDockerfileKept from '../../rules/builder-dockerfile-kept.js';
import builderImageUsedElsewhere from '../../rules/builder-image-used-elsewhere.js';
import globalArgConflict from '../../rules/global-arg-conflict.js';
import parserDirectiveConflict from '../../rules/parser-directive-conflict.js';
import unsupportedDockerFlag from '../../rules/unsupported-docker-flag.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DriverAnalysis } from '../drivers/steps.js';
import type { DockerfileModel, Stage } from '../dockerfile/parse.js';
import type { Extraction, ImageBuild, RuntimeMerge } from './model.js';
import { imageKey } from './image-ref.js';
import type { RepoView } from './repo-view.js';
import { asCopy } from '../dockerfile/parse.js';
import { excludingPattern } from './dockerignore.js';
import { isWithin, joinRel } from './paths.js';
import { stageNameFrom, sourceStageRef } from './stage-ref.js';
import { dockerfileMentions, INDEXABLE_NAME, mayMean } from './mentions.js';

/** Build args every stage sees without an ARG; they never reach the image, so carrying them is safe. */
const PREDEFINED_ARGS = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((n) => [n, n.toLowerCase()]));

export interface MergePlan {
  builders: RuntimeMerge['builders'];
  runStages: RuntimeMerge['runStages'];
  hostStages: RuntimeMerge['hostStages'];
  carriedWords: string[];
  deletions: string[];
  notes: Diagnostic[];
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
  const notes: Diagnostic[] = [];
  const inDriver = (offset: number) => ({ file: driver.path, ...driver.lines.position(offset) });
  const inDockerfile = (df: DockerfileModel, offset: number) => ({ file: df.path, ...df.lines.position(offset) });

  const seen = new Map<ImageBuild, { dockerfile: DockerfileModel; stage: Stage }>();
  for (const e of extractions) if (e.source.kind === 'built' && !seen.has(e.source.build)) seen.set(e.source.build, { dockerfile: e.source.dockerfile, stage: e.source.stage });
  for (const e of extractions) if (e.source.kind === 'run' && e.source.builtOn && !seen.has(e.source.builtOn.build)) seen.set(e.source.builtOn.build, e.source.builtOn);
  const files = new Set<string>();
  for (const [b, { dockerfile }] of seen) {
    if (files.has(dockerfile.path) || dockerfile.path === runtimeDf.path) {
      diagnostics.push(unsupportedDockerFlag.report(inDriver(b.unit.start), { command: 'build', flag: `-f ${dockerfile.path}`, reason: 'the same Dockerfile serves two builds of the setup' }));
      return null;
    }
    files.add(dockerfile.path);
  }

  // Stage names must stay unique in the merged file.
  const runtimeNames = new Set(runtimeDf.stages.flatMap((s) => (s.name ? [s.name.toLowerCase()] : [])));
  // Image names used in FROM count as taken too: a stage of that name would shadow the image.
  const taken = new Set([...runtimeNames, ...[runtimeDf, ...[...seen.values()].map((x) => x.dockerfile)].flatMap((d) => d.stages.map((s) => s.image.value.toLowerCase()))]);
  // A builder stage whose name the runtime file (or an earlier builder) already uses, as a stage or an
  // image, is renamed together with every reference to it in its own file.
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
    const rebase = rebaseFor(build, dockerfile, runtime, runtimeDf, repo, diagnostics, inDriver);
    builders.push({ build, dockerfile, stage, stageName, needsName: stage.name === null, rebase: rebase ?? '', renames: renamed, argRenames: new Map() });
  }

  const runs = new Map<number, Extract<Extraction['source'], { kind: 'run' }>>();
  for (const e of extractions) if (e.source.kind === 'run') runs.set(e.source.step, e.source);
  const runStages: RuntimeMerge['runStages'] = [];
  for (const source of runs.values()) {
    const image = source.spec.image.text.split('/').pop()!.split(/[:@]/)[0]!;
    const candidates = seen.size + runs.size === 1 ? [builderStage, image] : [image, builderStage];
    let stageName = candidates.map((c) => stageNameFrom(c)).find((c): c is string => c !== null && !taken.has(c)) ?? null;
    for (let n = 2; stageName === null; n++) if (!taken.has(`${builderStage}-${n}`)) stageName = `${builderStage}-${n}`;
    taken.add(stageName);
    const on = source.builtOn;
    runStages.push({ source, stageName, from: on ? builders.find((b) => b.build === on.build)!.stageName : (source.spec.carriedImage?.from ?? source.spec.image.text) });
  }

  const hostStages: RuntimeMerge['hostStages'] = [];
  for (const e of extractions) {
    if (e.hostCommands.length === 0) continue;
    const base = stageNameFrom(`${sourceStageRef({ builders, runStages }, e.source).split('/').pop()!.split(/[:@]/)[0]}-host`) ?? `${builderStage}-host`;
    let stageName = base;
    for (let n = 2; taken.has(stageName); n++) stageName = `${base}-${n}`;
    taken.add(stageName);
    hostStages.push({ extraction: e, stageName });
  }

  // The runtime Dockerfile must not build on the builder image by its tag.
  const builderTags = new Set(builders.flatMap((b) => b.build.tags));
  for (const s of runtimeDf.stages) {
    if (builderTags.has(imageKey(s.image.value))) diagnostics.push(builderImageUsedElsewhere.report(inDockerfile(runtimeDf, s.image.start), { image: s.image.value, use: 'FROM in the runtime Dockerfile' }));
    for (const ins of s.instructions) {
      const from = ins.flags.find((f) => f.name === 'from');
      if (from?.value && builderTags.has(imageKey(from.value))) diagnostics.push(builderImageUsedElsewhere.report(inDockerfile(runtimeDf, from.start), { image: from.value, use: `${ins.keyword} --from in the runtime Dockerfile` }));
    }
  }

  // One file has one set of parser directives.
  const all = [...builders.map((b) => b.dockerfile), runtimeDf];
  const directiveNames = new Set(all.flatMap((d) => d.directives.map((x) => x.name)));
  for (const name of directiveNames) {
    const values = all.map((d) => d.directives.find((x) => x.name === name)?.value.trim() ?? null);
    const present = values.filter((v): v is string => v !== null);
    const differs = new Set(present).size > 1 || (name === 'escape' && present.length !== values.length && present.some((v) => v !== '\\'));
    if (differs) diagnostics.push(parserDirectiveConflict.report(inDockerfile(runtimeDf, 0), { name }));
  }

  // A builder's global ARG that only its FROM lines read can take another name in the merged file
  // (with the driver's --build-arg for it), so that the runtime file's ARG of that name stays its own.
  const stageDeclared = (d: DockerfileModel) => new Set(d.stages.flatMap((st) => st.instructions.filter((i) => i.keyword === 'ARG').flatMap((i) => i.args.map((a) => a.value.split('=')[0]!))));
  const allArgNames = new Set(all.flatMap((d) => [...d.globalArgs.map((g) => g.name), ...stageDeclared(d)]));
  const renameArg = (b: RuntimeMerge['builders'][number], name: string): boolean => {
    if (!b.dockerfile.globalArgs.some((g) => g.name === name) || stageDeclared(b.dockerfile).has(name)) return false;
    if (!b.argRenames.has(name)) {
      const base = `${name}_${b.stageName.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
      let candidate = base;
      for (let n = 2; allArgNames.has(candidate); n++) candidate = `${base}_${n}`;
      allArgNames.add(candidate);
      b.argRenames.set(name, candidate);
    }
    return true;
  };
  const argName = (d: DockerfileModel, name: string) => builders.find((b) => b.dockerfile === d)?.argRenames.get(name) ?? name;

  // Global ARGs become shared by every stage's FROM; one name must keep one default.
  const globals = new Map<string, string | null>();
  for (const d of [runtimeDf, ...builders.map((b) => b.dockerfile)]) {
    const b = builders.find((x) => x.dockerfile === d);
    for (const g of d.globalArgs) {
      const clash = globals.has(argName(d, g.name)) && globals.get(argName(d, g.name)) !== g.defaultValue;
      if (clash && !(b && renameArg(b, g.name))) diagnostics.push(globalArgConflict.report(inDockerfile(d, g.instruction.start), { name: g.name }));
      globals.set(argName(d, g.name), g.defaultValue);
    }
  }

  // BuildKit reads <Dockerfile>.dockerignore before the context's: a builder with its own saw another context.
  for (const d of all) {
    if (repo.readText(`${d.path}.dockerignore`) !== null) {
      diagnostics.push(buildContextMismatch.report(inDockerfile(d, 0), { builder: `${d.path}, with its own ${d.path}.dockerignore,`, runtime: 'the other Dockerfile' }));
    }
  }

  // Build args: the merged build passes both builds' args to every stage.
  const declared = (d: DockerfileModel) => new Set([...d.globalArgs.map((g) => g.name), ...d.stages.flatMap((s) => s.instructions.filter((i) => i.keyword === 'ARG').flatMap((i) => i.args.map((a) => a.value.split('=')[0]!)))]);
  const runtimeDeclared = declared(runtimeDf);
  const carriedWords: string[] = [];
  const runtimeValue = new Map(runtime.buildArgs.map((a) => [a.name, a.value]));
  for (const b of builders) {
    const builderDeclared = declared(b.dockerfile);
    for (const a of b.build.buildArgs) {
      const same = runtimeValue.get(a.name);
      const conflict = same !== undefined
        ? (same !== a.value ? 'the two builds pass different values' : null)
        : runtimeDeclared.has(a.name) && !PREDEFINED_ARGS.has(a.name) ? 'only the builder build passes it, but the runtime Dockerfile declares it too' : null;
      if (b.argRenames.has(a.name) || (conflict !== null && renameArg(b, a.name))) {
        const word = renamedBuildArg(a, b.argRenames.get(a.name)!);
        if (word === null) diagnostics.push(buildArgConflict.report(inDriver(a.args[0]!.start), { name: a.name, detail: `the builder's ARG becomes ${b.argRenames.get(a.name)!} in the merged file, and restage cannot rewrite this --build-arg word for it` }));
        else if (!carriedWords.includes(word)) carriedWords.push(word);
      } else if (conflict !== null) diagnostics.push(buildArgConflict.report(inDriver(a.args[0]!.start), { name: a.name, detail: conflict }));
      else if (same === undefined && !carriedWords.includes(a.raw)) carriedWords.push(a.raw);
    }
    for (const a of runtime.buildArgs) {
      if (!b.build.buildArgs.some((x) => x.name === a.name) && builderDeclared.has(a.name) && !PREDEFINED_ARGS.has(a.name) && !renameArg(b, a.name)) {
        diagnostics.push(buildArgConflict.report(inDriver(a.args[0]!.start), { name: a.name, detail: 'only the runtime build passes it, but the builder Dockerfile declares it too' }));
      }
    }
    if (b.build.noCache && !runtime.noCache && !carriedWords.includes('--no-cache')) carriedWords.push('--no-cache');
    if (b.build.pull && !runtime.pull && !carriedWords.includes('--pull')) carriedWords.push('--pull');
  }

  // Values only a run knows reach the merged build as --build-arg with the words the driver wrote:
  // `docker run -e CC=$(CC)` (an ARG of its stage) and `docker run "$GO_IMAGE"` (a global ARG of its
  // FROM). A name another build passes, or a Dockerfile declares where the ARG would reach, mixes values.
  const passedElsewhere = (name: string) => runtime.buildArgs.some((a) => a.name === name) || builders.some((b) => b.build.buildArgs.some((a) => a.name === name));
  const anyDeclares = (name: string) => [runtimeDf, ...builders.map((b) => b.dockerfile)].some((d) => declared(d).has(name));
  for (const r of runStages) {
    const at = inDriver(r.source.spec.image.start);
    const carried = [
      ...(r.source.builtOn ? [] : (r.source.spec.carriedImage?.args ?? [])).map((c) => ({ ...c, what: 'the image of', clash: anyDeclares(c.name), detail: 'the docker run image is named through it, and a Dockerfile or another build uses the same name' })),
      ...r.source.spec.carriedEnv.map((c) => ({ ...c, what: `the -e ${c.name} value of`, clash: runtimeDeclared.has(c.name), detail: 'docker run -e passes it to the build step, and another build or the runtime Dockerfile uses the same name' })),
    ];
    for (const c of carried) {
      const word = `--build-arg ${c.word}`;
      if (driver.wordSyntax) diagnostics.push(unresolvedValue.report(at, { what: c.what, raw: 'this docker run (restage carries such values as shell words only)' }));
      else if (c.clash || passedElsewhere(c.name)) diagnostics.push(buildArgConflict.report(at, { name: c.name, detail: c.detail }));
      else if (!carriedWords.includes(word)) carriedWords.push(word);
    }
  }

  // A stage's own `ARG NAME` inherits the global default: a global hoisted from the other file would give it one.
  for (const d of all) {
    const stageArgs = new Set(d.stages.flatMap((st) => st.instructions.filter((i) => i.keyword === 'ARG').flatMap((i) => i.args.map((a) => a.value.split('=')[0]!))));
    for (const other of all) {
      if (other === d) continue;
      for (const g of other.globalArgs) {
        const own = d.globalArgs.find((x) => argName(d, x.name) === argName(other, g.name));
        if (stageArgs.has(argName(other, g.name)) && (!own || own.defaultValue !== g.defaultValue)) diagnostics.push(globalArgConflict.report(inDockerfile(other, g.instruction.start), { name: g.name }));
      }
    }
  }

  // The builder Dockerfile goes unless something else still names it.
  const deletions: string[] = [];
  for (const b of builders) {
    const p = b.dockerfile.path;
    const otherBuild = builds.find((x) => x !== b.build && x.dockerfile === p);
    const by = otherBuild || driver.fileDependencies?.includes(p) ? driver.path : referencedBy(p, repo, new Set([driver.path, p, runtimeDf.path]));
    if (by) notes.push(builderDockerfileKept.report(inDockerfile(b.dockerfile, 0), { path: p, by }));
    else deletions.push(p);
  }
  return { builders, runStages, hostStages, carriedWords, deletions, notes };
}

/** Another file that names the Dockerfile by its file name (and may mean it: see mayMean), or null. */
function referencedBy(dockerfile: string, repo: RepoView, exclude: Set<string>): string | null {
  const name = path.basename(dockerfile);
  if (INDEXABLE_NAME.test(name)) {
    const hit = dockerfileMentions(repo, 'candidates', () => repo.referenceCandidates()).get(name)?.find((m) => !exclude.has(m.file) && (m.means === null || m.means === dockerfile));
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
  const tag = build.tags[0] ? build.tags[0].split('/').pop()!.replace(/:/g, '-') : null;
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
    diagnostics.push(buildContextMismatch.report(inDriver(build.unit.start), { builder: `the builder (context ${build.context || '.'}${why})`, runtime: `the runtime image (context ${runtime.context || '.'})` }));
    return null;
  };
  if (!isWithin(build.context, runtime.context)) return mismatch(', not inside the runtime context');
  const rel = runtime.context === '' ? build.context : build.context.slice(runtime.context.length + 1);
  if (repo.readText(joinRel(build.context, '.dockerignore')) !== null) return mismatch(', with a .dockerignore of its own');
  const runtimeIgnore = repo.readText(joinRel(runtime.context, '.dockerignore'));
  if (runtimeIgnore !== null && excludingPattern(runtimeIgnore, rel) !== null) return mismatch(`, part of which the runtime context's .dockerignore may hide`);
  for (const s of df.stages) {
    for (const ins of s.instructions) {
      if (ins.keyword === 'RUN' && ins.flags.some((f) => f.name === 'mount' && /type=bind/.test(f.value ?? '') && !/from=/.test(f.value ?? ''))) return mismatch(', and a RUN --mount=type=bind of it');
      const copy = asCopy(ins, df.text);
      if (copy && !copy.flags.some((f) => f.name === 'from') && copy.unusualForm) return mismatch(`, and a COPY/ADD in ${copy.unusualForm}`);
    }
  }
  void runtimeDf;
  return rel;
}

/** The `--build-arg NAME=…` words as written with NAME replaced, or null when the name is not spelled out (`--build-arg NAME`). */
function renamedBuildArg(a: ImageBuild['buildArgs'][number], to: string): string | null {
  if (!a.value.startsWith(`${a.name}=`)) return null;
  const last = a.args.at(-1)!;
  const lastAt = a.raw.length - last.raw.length;
  const m = new RegExp(`(^|[="'])${a.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=`).exec(last.raw);
  if (!m) return null;
  const at = lastAt + m.index + m[1]!.length;
  return `${a.raw.slice(0, at)}${to}${a.raw.slice(at + a.name.length)}`;
}
