import path from 'node:path/posix';
import artifactUsedAfterBuild from '../../rules/artifact-used-after-build.js';
import buildContextMismatch from '../../rules/build-context-mismatch.js';
import builderImageUsedElsewhere from '../../rules/builder-image-used-elsewhere.js';
import builderPattern from '../../rules/builder-pattern.js';
import cpDestinationConflict from '../../rules/cp-destination-conflict.js';
import dockerfileNotFound from '../../rules/dockerfile-not-found.js';
import driverControlFlow from '../../rules/driver-control-flow.js';
import extractionNotConsumed from '../../rules/extraction-not-consumed.js';
import hostStep from '../../rules/host-step-between-extraction-and-build.js';
import pathOutsideRepo from '../../rules/path-outside-repo.js';
import generatedDockerfile from '../../rules/generated-dockerfile.js';
import unknownDockerFlag from '../../rules/unknown-docker-flag.js';
import unresolvedValue from '../../rules/unresolved-value.js';
import unsupportedDockerFlag from '../../rules/unsupported-docker-flag.js';
import unsupportedExtraction, { because, type ExtractionRefusal } from '../../rules/unsupported-extraction.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { flagValues, hasFlag, type Arg, type DockerInvocation } from '../drivers/docker-cli.js';
import { resolveHostPath } from '../drivers/sh/index.js';
import { CONTAINER_ID_TOKEN, LOOP_VALUE_TOKEN, type DriverAnalysis, type DriverStep, type Unit } from '../drivers/steps.js';
import type { DockerfileModel, Stage } from '../dockerfile/parse.js';
import { dockerfileModel } from './dockerfile-models.js';
import { imageKey, isImageReference } from './image-ref.js';
import { refuseExtraction, refuser } from './plan-context.js';
import { recogniseBuildOutputs } from './recognise/build-output.js';
import { refuseKeptReadersOfRemovedVariables, trapRemovesOnly } from './kept-lines.js';
import { planMerge, type MergePlan } from './merge.js';
import type { BuildPlan, Extraction, ImageBuild, ImageSource, RuntimeMerge } from './model.js';
import { containerPath, describeArtifact, display, isWithin, joinRel } from './paths.js';
import { excludingPattern } from '../../rules/dockerignore-excludes-artifact.js';
import type { RepoView } from './repo-view.js';
import { translateHostStep } from './host-steps.js';
import { memberPath, readTar } from './tar-pipe.js';
import { namedHostPaths, readRun, type BindMount } from './run-extraction.js';
import { stageRef } from './stage-ref.js';
import { analyseRuntimeCopies, contextSources } from './runtime-copies.js';

/**
 * Flags of a builder build that the merged build reproduces: tags and -f are replaced by the stage,
 * --build-arg, --no-cache and --pull are carried, --target names the stage; the rest only shape
 * output or the builder image's own metadata. Anything else (--platform, --secret, --ssh, --network …)
 * would change the builder stage and is refused.
 */
const BUILDER_FLAGS_HANDLED = new Set(['--tag', '--file', '--build-arg', '--target', '--no-cache', '--pull', '--quiet', '--rm', '--force-rm', '--progress', '--label', '--load']);

export interface DriverPlanResult {
  /** Null when the driver holds no builder pattern (nothing to do) or when it was refused. */
  plan: BuildPlan | null;
  /** True when the driver extracts an artifact: a setup restage migrates or refuses. */
  recognised: boolean;
  diagnostics: Diagnostic[];
  /** The driver and every Dockerfile its builds name: a pre-commit run on any of them selects the setup. */
  files: string[];
}

interface ContainerUse {
  step: number;
  name: string | null;
  image: Arg;
  invocation: Extract<DockerInvocation, { kind: 'create' | 'run' }>;
}

/**
 * `runOutputs`: for a `docker run` step with bind mounts, the host paths detection found a later build
 * reads through them (the flows' consumer end): the outputs of a command that need not spell them.
 */
export function planDriver(driver: DriverAnalysis, repo: RepoView, builderStage = 'builder', runOutputs: ReadonlyMap<number, string[]> = new Map()): DriverPlanResult {
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number) => ({ file: driver.path, ...driver.lines.position(offset) });
  const refuse = refuser(diagnostics, at);
  const steps = driver.steps;

  const containers = new Map<number, ContainerUse>();
  const cps: { step: number; inv: Extract<DockerInvocation, { kind: 'cp' }>; container: ContainerUse; path: string }[] = [];
  for (const [i, s] of steps.entries()) {
    if (s.kind !== 'docker' || !s.parsed.ok) continue;
    const inv = s.parsed.invocation;
    if (inv.kind === 'create' || inv.kind === 'run') {
      const name = flagValues(inv.flags, '--name')[0];
      containers.set(i, { step: i, name: name?.isStatic ? name.text : (name?.text ?? null), image: inv.image, invocation: inv });
    } else if (inv.kind === 'cp') {
      const found = containerRef(inv.src.text, i);
      if (found && !containerRef(inv.dest.text, i)) cps.push({ step: i, inv, ...found });
    }
  }

  function containerRef(text: string, before: number): { container: ContainerUse; path: string } | null {
    const token = CONTAINER_ID_TOKEN.exec(text);
    if (token && token.index === 0) {
      const c = containers.get(Number(token[1]));
      const rest = text.slice(token[0].length);
      if (c && rest.startsWith(':')) return { container: c, path: rest.slice(1) };
    }
    // By name, as written: a name built from a variable (`"x-$VERSION"`) may hold `/` or `:` itself.
    const candidates = [...containers.values()].filter((c) => c.step < before && c.name !== null && c.name !== '' && text.startsWith(`${c.name}:`));
    const c = candidates.at(-1);
    return c ? { container: c, path: text.slice(c.name!.length + 1) } : null;
  }

  // A copy out of a container that restage could not follow (unknown flags on its create, control flow)
  // still makes this a builder-pattern setup: refused, not silently left half-understood.
  const COPY_OUT = /\b(?:docker|podman)\s+(container\s+)?cp\s+(-\S+\s+)*["']?[^\s:"'/]+["']?:/;
  const hiddenCopyOut = steps.some((s) => (s.kind === 'opaque' && COPY_OUT.test(s.text)) || (s.kind === 'docker' && !s.parsed.ok && s.parsed.subcommand !== '' && /^(container )?(cp|create|run)$/.test(s.parsed.subcommand)))
    || steps.some((s) => s.kind === 'docker' && s.parsed.ok && s.parsed.invocation.kind === 'cp' && /^[^:/]+:/.test(s.parsed.invocation.src.text) && !cps.some((c) => c.step === steps.indexOf(s)) && steps.some((o) => o.kind === 'docker' && !o.parsed.ok));
  // Other ways a file may leave a container: run with mounts, output redirected or piped, export/save.
  const otherWaysOut = steps.some((s) => s.kind === 'docker' && s.parsed.ok && (s.stdoutTo !== null || s.pipeTo !== undefined || s.args.some((a) => /^(-o|--output)(=|$)/.test(a.text)) || (s.parsed.invocation.kind === 'run' && s.parsed.invocation.flags.some((f) => f.name === '--volume' || f.name === '--mount'))));
  if (cps.length === 0 && !hiddenCopyOut && !otherWaysOut) return { plan: null, recognised: false, diagnostics: [], files: [] };

  // From here on the driver is a builder-pattern setup: whatever cannot be migrated exactly is refused.
  diagnostics.push(...driver.diagnostics);
  for (const s of steps) {
    if (s.kind === 'docker' && !s.parsed.ok) {
      const arg = s.args[s.parsed.index];
      refuse(unknownDockerFlag, arg?.start ?? s.unit.start, { command: s.parsed.subcommand || '(global)', flag: s.parsed.flag });
    } else if (s.kind === 'docker' && s.unmodelledRedirect) {
      refuse(unsupportedDockerFlag, s.unit.start, { command: s.args[1]?.text ?? '', flag: '(redirection or environment prefix)', reason: 'restage does not model redirections or environment prefixes on docker commands' });
    }
  }

  const builds: ImageBuild[] = [];
  const files = new Set<string>([driver.path]);
  for (const [i, s] of steps.entries()) {
    if (s.kind === 'docker' && s.parsed.ok && s.parsed.invocation.kind === 'build') {
      const b = readBuild(i, s, s.parsed.invocation);
      if (b) builds.push(b);
    }
  }

  function readBuild(i: number, s: Extract<DriverStep, { kind: 'docker' }>, inv: Extract<DockerInvocation, { kind: 'build' }>): ImageBuild | null {
    if (s.cwd === null) {
      refuse(unresolvedValue, s.unit.start, { what: 'the working directory of', raw: 'this docker build' });
      return null;
    }
    const ctxArg = inv.context;
    if (!ctxArg) {
      refuse(unknownDockerFlag, s.unit.start, { command: 'build', flag: '(missing context)' });
      return null;
    }
    if (!ctxArg.isStatic || ctxArg.text === '-' || /^[a-z]+:\/\//.test(ctxArg.text) || ctxArg.text.startsWith('git@')) {
      if (ctxArg.isStatic) refuse(unsupportedDockerFlag, ctxArg.start, { command: 'build', flag: ctxArg.raw, reason: 'a context from stdin or a URL cannot be merged' });
      else refuse(unresolvedValue, ctxArg.start, { what: 'build context', raw: ctxArg.raw });
      return null;
    }
    const context = resolveHostPath(s.cwd, ctxArg.text);
    const fileArg = flagValues(inv.flags, '--file')[0];
    if (fileArg && !fileArg.isStatic) {
      refuse(unresolvedValue, fileArg.start, { what: 'Dockerfile path', raw: fileArg.raw });
      return null;
    }
    if (fileArg?.text === '-') {
      refuse(unsupportedDockerFlag, fileArg.start, { command: 'build', flag: '-f -', reason: 'a Dockerfile read from stdin cannot be merged' });
      return null;
    }
    const dockerfile = fileArg ? resolveHostPath(s.cwd, fileArg.text) : context === null ? null : joinRel(context, 'Dockerfile');
    if (context === null || dockerfile === null) {
      refuse(pathOutsideRepo, (context === null ? ctxArg : fileArg ?? ctxArg).start, { path: context === null ? ctxArg.raw : fileArg?.raw ?? '' });
      return null;
    }
    files.add(dockerfile);
    const buildArgs: ImageBuild['buildArgs'] = inv.flags
      .filter((f) => f.name === '--build-arg' && f.value)
      .map((f) => {
        const words = f.indexes.map((ix) => s.args[ix]!);
        const value = f.value!;
        return { name: value.text.split('=')[0]!, value: value.text, raw: driver.text.slice(words[0]!.start, words.at(-1)!.end), args: words };
      });
    const targetArg = flagValues(inv.flags, '--target')[0] ?? null;
    const sub = s.args[1]?.text === 'build' ? s.args[1] : s.args[2];
    const otherFlags = inv.flags.filter((f) => !BUILDER_FLAGS_HANDLED.has(f.name)).map((f) => ({ name: f.name, start: s.args[f.indexes[0]!]!.start }));
    return {
      cwd: s.cwd,
      fileWord: fileArg ?? null,
      targetWord: targetArg,
      otherFlags,
      step: i,
      unit: s.unit,
      tags: flagValues(inv.flags, '--tag').map((t) => imageKey(t.text)),
      dockerfile,
      context,
      target: targetArg ? targetArg.text : null,
      buildArgs,
      noCache: inv.flags.find((f) => f.name === '--no-cache') ? s.args[inv.flags.find((f) => f.name === '--no-cache')!.indexes[0]!]! : null,
      pull: inv.flags.find((f) => f.name === '--pull') ? s.args[inv.flags.find((f) => f.name === '--pull')!.indexes[0]!]! : null,
      subcommandEnd: sub?.end ?? s.args[1]!.end,
    };
  }

  // A Dockerfile the driver writes (sed on a template, a heredoc) is not the one in the repository.
  const WRITERS = new Set(['sed', 'cp', 'mv', 'envsubst', 'tee', 'm4', 'install', 'ln', 'touch', 'rm', 'awk', 'perl', 'python', 'python3']);
  for (const [i, s] of steps.entries()) {
    if (s.kind !== 'host' || s.cwd === null) continue;
    const name = s.args[0]?.text ?? '';
    const written = [...(s.stdoutTo ? [s.stdoutTo] : []), ...(WRITERS.has(name) ? s.args.slice(1) : [])];
    for (const a of written) {
      const p = a.isStatic ? resolveHostPath(s.cwd, a.text) : null;
      const build = p === null ? undefined : builds.find((b) => b.step > i && b.dockerfile === p);
      if (build) refuse(generatedDockerfile, s.unit.start, { path: p!, command: name });
    }
  }
  if (diagnostics.some((d) => d.ruleId === generatedDockerfile.id)) return { plan: null, recognised: true, diagnostics, files: [...files] };

  const dockerfiles = new Map<string, DockerfileModel | null>();
  function loadDockerfile(rel: string, offset: number): DockerfileModel | null {
    if (!dockerfiles.has(rel)) {
      const text = repo.readText(rel);
      dockerfiles.set(rel, text === null ? null : dockerfileModel(repo, rel, text));
      if (text === null) refuse(dockerfileNotFound, offset, { path: rel });
    }
    return dockerfiles.get(rel) ?? null;
  }

  /** How the driver names its extraction containers: the variables holding their ids, and their names. */
  function extractionContainerRefs(): { variables: Set<string>; names: Set<string> } {
    const ours = [...containers.values()].filter((c) => cps.some((cp) => cp.container === c));
    const assigned = (c: ContainerUse) => (steps[c.step]?.kind === 'docker' ? (steps[c.step] as Extract<DriverStep, { kind: 'docker' }>).assignTo : null);
    return { variables: new Set(ours.flatMap((c) => assigned(c) ?? [])), names: new Set(ours.flatMap((c) => (c.name ? [c.name] : []))) };
  }

  /** A step that builds the image `ref` but that restage does not read as a docker build. */
  function builtUnseen(ref: string): DriverStep | undefined {
    const tag = imageKey(ref).replace(/:latest$/, '');
    const words = (st: DriverStep) => (st.kind === 'opaque' ? st.text : st.args.map((a) => a.text).join(' '));
    // Control flow that builds it is refused on its own (driver-control-flow), more precisely.
    return steps.find((st) => st.kind !== 'opaque' && !(st.kind === 'docker' && st.parsed.ok && st.parsed.invocation.kind !== 'other') && /\bbuild\b/.test(words(st)) && words(st).includes(tag));
  }

  /** The image a `docker run` at step i starts: the driver's own builder build (its stage chain and WORKDIR), or none. */
  function runImage(i: number, image: string) {
    const builder = [...builds].reverse().find((b) => b.step < i && b.tags.includes(imageKey(image)));
    const df = builder ? loadDockerfile(builder.dockerfile, builder.unit.start) : null;
    const stage = builder && df ? (builder.target === null ? df.stages.at(-1) : df.stages.find((st) => st.name?.toLowerCase() === builder.target!.toLowerCase())) : undefined;
    const chain = df && stage ? stageChain(df, stage) : null;
    return { builder, df, stage, chain, workdir: chain ? chainWorkdir(chain) : null };
  }

  // The extraction containers and what they were made from.
  const extractions: Extraction[] = [];
  const mkdirBefore = (dir: string, step: number) =>
    steps.some((s, i) => i < step && s.kind === 'host' && s.args[0]?.text === 'mkdir' && s.cwd !== null && s.args.slice(1).some((a) => a.isStatic && !a.text.startsWith('-') && resolveHostPath(s.cwd!, a.text) === dir));
  for (const cp of cps) {
    const s = steps[cp.step] as Extract<DriverStep, { kind: 'docker' }>;
    const c = cp.container;
    let runSource: ImageSource | null = null;
    if (c.invocation.kind === 'run') {
      // `docker run --name x IMG make dist` then `docker cp x:/src/dist .`: the command's effect on the
      // container's files is what a RUN in a stage FROM the image makes. A detached one races the copy.
      const detached = hasFlag(c.invocation.flags, '--detach');
      const runStep = steps[c.step] as Extract<DriverStep, { kind: 'docker' }>;
      const reading = detached ? null : readRun(c.invocation, runStep.cwd, true);
      const built = runImage(c.step, c.invocation.image.text);
      const why: ExtractionRefusal | null =
        detached ? because('cpRunDetached')
        : !reading?.ok ? (reading ? because('cpRunFlag', { flag: reading.flag, reason: reading.reason }) : because('cpRunUnread'))
        : reading.spec.mounts.length > 0 || reading.spec.caches.length > 0 ? because('cpRunWithVolumes')
        : built.builder && !(built.df && built.stage && built.chain) ? because('cpRunUnreadableImage')
        : built.chain?.some((st) => st.instructions.some((ins) => ins.keyword === 'ENTRYPOINT')) && !reading.spec.entrypointSet ? because('cpRunEntrypoint')
        : hasFlag(c.invocation.flags, '--rm') ? because('cpRunRemoved')
        : !built.builder && builtUnseen(c.invocation.image.text) ? because('cpRunUnseenBuild', { image: c.invocation.image.text })
        : null;
      if (why || !reading?.ok) {
        refuseExtraction(refuse, steps[c.step]!.unit.start, why ?? because('cpRunUnread'));
        continue;
      }
      runSource = { kind: 'run', step: c.step, spec: reading.spec, ...(built.builder && built.df && built.stage ? { builtOn: { build: built.builder, dockerfile: built.df, stage: built.stage } } : {}) };
    }
    for (const flag of ['--volume', '--mount', '--volumes-from', '--platform']) {
      if (hasFlag(c.invocation.flags, flag)) refuse(unsupportedDockerFlag, steps[c.step]!.unit.start, { command: 'create', flag, reason: 'it changes which files docker cp reads' });
    }
    if (!c.image.isStatic && !builds.some((b) => b.tags.includes(imageKey(c.image.text)))) {
      refuse(unresolvedValue, c.image.start, { what: 'image', raw: c.image.raw });
      continue;
    }
    const builder = [...builds].reverse().find((b) => b.step < c.step && b.tags.includes(imageKey(c.image.text)));
    let source: ImageSource;
    if (runSource) {
      source = runSource;
    } else if (builder) {
      const df = loadDockerfile(builder.dockerfile, steps[builder.step]!.unit.start);
      if (!df) continue;
      const stage = builder.target === null ? df.stages.at(-1) : df.stages.find((st) => st.name?.toLowerCase() === builder.target!.toLowerCase());
      if (!stage) {
        refuse(unsupportedDockerFlag, builder.unit.start, { command: 'build', flag: `--target ${builder.target ?? ''}`, reason: `${df.path} has no such stage` });
        continue;
      }
      for (const f of builder.otherFlags) refuse(unsupportedDockerFlag, f.start, { command: 'build', flag: f.name, reason: 'the builder build uses it and the merged build would not reproduce it for the builder stage' });
      source = { kind: 'built', build: builder, dockerfile: df, stage };
    } else if (builds.some((b) => b.step > c.step && b.tags.includes(imageKey(c.image.text)))) {
      // The container is made from the image as it was before the driver builds it (a previous run's, or none).
      refuse(unsupportedExtraction, c.image.start, 'containerBeforeBuild', { image: c.image.text });
      continue;
    } else if (isImageReference(c.image.text)) {
      // `sudo -u ci docker build -t app:build`, a build in a function: taken for a pulled image, the
      // migration would COPY --from an image nothing builds any more.
      const unseen = builtUnseen(c.image.text);
      if (unseen) {
        refuse(unsupportedExtraction, unseen.unit.start, 'unseenBuild', { image: c.image.text });
        continue;
      }
      source = { kind: 'external', ref: c.image.text };
    } else {
      // docker create would fail on it; a stage FROM it would be no image either.
      refuse(unsupportedExtraction, c.image.start, 'cpImageNotReference', { image: c.image.text });
      continue;
    }
    const srcArg = cp.inv.src;
    // A container named from a variable (`"x-$VERSION":/app`): only the name part may be run-time text;
    // a path of plain characters after it cannot hold an expansion.
    const onlyNameVaries = !srcArg.isStatic && c.name !== null && srcArg.text === `${c.name}:${cp.path}` && /^[A-Za-z0-9_./@+,=-]+$/.test(cp.path);
    if (!srcArg.isStatic && !onlyNameVaries) {
      refuse(unresolvedValue, srcArg.start, { what: 'container path', raw: srcArg.raw });
      continue;
    }
    const cpath = containerPath(cp.path);
    if (cpath.path === '/') {
      refuse(unsupportedExtraction, srcArg.start, 'cpWholeFilesystem', {});
      continue;
    }
    const destArg = cp.inv.dest;
    if (destArg.text === '-') {
      // `docker cp c:/src/dist - | tar -x -C out`: the stream holds dist/ itself, so this is
      // `docker cp c:/src/dist out/` into a directory that must exist (tar -C needs it).
      const into = cpToTarDirectory(s);
      if (into === null || cpath.contents || !(into === '' || repo.isDir(into) || mkdirBefore(into, cp.step))) {
        refuseExtraction(refuse, destArg.start, into === null ? because('cpStdoutNotTar') : cpath.contents ? because('cpStdoutContents') : because('cpStdoutMissingDir', { dir: display(into) }));
        continue;
      }
      const hostPath = joinRel(into, path.basename(cpath.path));
      extractions.push({ step: cp.step, unit: s.unit, source, containerPath: cpath.path, contents: false, dest: into, destExisted: true, hostPath, hostCommands: [] });
      continue;
    }
    if (!destArg.isStatic || s.cwd === null) {
      refuse(unresolvedValue, destArg.start, { what: 'docker cp destination', raw: destArg.raw });
      continue;
    }
    const dest = resolveHostPath(s.cwd, destArg.text);
    if (dest === null) {
      refuse(pathOutsideRepo, destArg.start, { path: destArg.raw });
      continue;
    }
    if (repo.isFile(dest)) {
      refuse(cpDestinationConflict, destArg.start, { dest: destArg.raw, reason: 'a file of the repository is there and docker cp would overwrite it' });
      continue;
    }
    const destExisted = dest === '' || repo.isDir(dest) || mkdirBefore(dest, cp.step);
    if (!destExisted && (destArg.text.endsWith('/') || cpath.contents)) {
      if (destArg.text.endsWith('/')) {
        refuse(cpDestinationConflict, destArg.start, { dest: destArg.raw, reason: 'it ends with / but does not exist in a fresh checkout, so docker cp of a file would fail' });
        continue;
      }
    }
    const hostPath = cpath.contents || !destExisted ? dest : joinRel(dest, path.basename(cpath.path));
    if (hostPath === '') {
      refuse(cpDestinationConflict, destArg.start, { dest: destArg.raw, reason: 'the artifact would be spread over the repository root' });
      continue;
    }
    extractions.push({ step: cp.step, unit: s.unit, source, containerPath: cpath.path, contents: cpath.contents, dest, destExisted, hostPath, hostCommands: [] });
  }

  let runRefused = false;
  if (recogniseBuildOutputs({ steps, repo, refuse, loadDockerfile, extractions }, builds)) runRefused = true;

  // `docker run --rm IMG cat /path/app > app`: the file's bytes in a file the shell creates, so with
  // mode 0644 (umask 022), whatever the mode in the image: a derived stage sets that mode.
  const STDOUT_RUN_FLAGS = new Set(['--rm', '--interactive', '--tty', '--init', '--name', '--label', '--user', '--pull']);
  for (const [i, s] of steps.entries()) {
    if (s.kind !== 'docker' || !s.parsed.ok || s.parsed.invocation.kind !== 'run' || !s.stdoutTo) continue;
    const inv = s.parsed.invocation;
    const target = s.stdoutTo.isStatic && s.cwd !== null ? resolveHostPath(s.cwd, s.stdoutTo.text) : null;
    const readLater = target !== null && builds.some((b) => b.step > i && repo.readText(b.dockerfile) !== null && contextSources(loadDockerfile(b.dockerfile, b.unit.start)!, b.context).some((c) => isWithin(target, c)));
    if (!readLater) continue;
    const catPath = inv.command.length === 2 && inv.command[0]!.text === 'cat' && inv.command[1]!.isStatic ? inv.command[1]!.text : null;
    const { builder, df, stage, chain, workdir } = runImage(i, inv.image.text);
    const why: ExtractionRefusal | null =
      inv.flags.some((f) => !STDOUT_RUN_FLAGS.has(f.name)) ? because('stdoutRunFlags')
      : catPath === null ? because('stdoutNotCat')
      : !inv.image.isStatic ? because('runImageNotStatic')
      : !builder && !isImageReference(inv.image.text) ? because('runImageNotReference', { image: inv.image.text })
      : chain?.some((st) => st.instructions.some((x) => x.keyword === 'ENTRYPOINT')) ? because('catEntrypoint')
      : !catPath.startsWith('/') && (builder === undefined || workdir === null) ? because('catRelativePath')
      : builder && !stage ? because('runMissingTarget')
      : null;
    if (why) {
      refuseExtraction(refuse, s.unit.start, why);
      runRefused = true;
      continue;
    }
    const containerFile = path.normalize(catPath!.startsWith('/') ? catPath! : `${workdir}/${catPath}`);
    const source: ImageSource = builder && df && stage ? { kind: 'built', build: builder, dockerfile: df, stage } : { kind: 'external', ref: inv.image.text };
    extractions.push({ step: i, unit: s.unit, source, containerPath: containerFile, contents: false, dest: target!, destExisted: false, hostPath: target!, hostCommands: [['chmod', '0644', containerFile]] });
  }
  // `docker export C > rootfs.tar` (or `-o`), `docker save`: a file a later build reads that no COPY --from
  // reproduces (an export holds the files docker injects into every container: /.dockerenv, /etc/hosts …).
  for (const [i, s] of steps.entries()) {
    if (s.kind !== 'docker' || !s.parsed.ok || s.parsed.invocation.kind !== 'other') continue;
    const inv = s.parsed.invocation;
    const outFlag = inv.args.findIndex((a) => a.text === '-o' || a.text === '--output');
    const out = s.stdoutTo ?? (outFlag >= 0 ? inv.args[outFlag + 1] : undefined) ?? inv.args.find((a) => a.text.startsWith('--output='));
    const target = out?.isStatic && s.cwd !== null ? resolveHostPath(s.cwd, out.text.replace(/^--output=/, '')) : null;
    if (target === null) continue;
    const readLater = builds.some((b) => b.step > i && repo.readText(b.dockerfile) !== null && contextSources(loadDockerfile(b.dockerfile, b.unit.start)!, b.context).some((c) => isWithin(target, c)));
    if (!readLater) continue;
    refuse(unsupportedExtraction, s.unit.start, 'exportIntoBuild', { command: inv.subcommand });
    runRefused = true;
  }

  // `docker run --rm IMG tar -C /dir -cf - . | tar -C out -xf -`: docker cp by other means. As root,
  // the host tar keeps the members' modes (and owners, which the context COPY then made 0:0).
  for (const [i, s] of steps.entries()) {
    if (s.kind !== 'docker' || !s.parsed.ok || s.parsed.invocation.kind !== 'run' || !s.pipeTo || s.stdoutTo) continue;
    const inv = s.parsed.invocation;
    const create = inv.command.every((a) => a.isStatic) ? readTar(inv.command.map((a) => a.text)) : null;
    const extract = s.pipeTo.every((a) => a.isStatic) ? readTar(s.pipeTo.map((a) => a.text)) : null;
    const { builder, df, stage, chain, workdir } = runImage(i, inv.image.text);
    const archiveRoot = create?.directory ? (create.directory.startsWith('/') ? path.normalize(create.directory) : workdir === null ? null : path.normalize(`${workdir}/${create.directory}`)) : workdir;
    const outDir = extract && s.cwd !== null ? resolveHostPath(s.cwd, extract.directory ?? '.') : null;
    const members = create ? create.members.map(memberPath) : [];
    const why: ExtractionRefusal | null =
      inv.flags.some((f) => !STDOUT_RUN_FLAGS.has(f.name)) ? because('pipeRunFlags')
      : !create || create.mode !== 'c' || !extract || extract.mode !== 'x' ? because('pipeNotTar')
      : create.compression !== extract.compression ? because('tarCompressionDiffers')
      : !inv.image.isStatic ? because('runImageNotStatic')
      : !builder && !isImageReference(inv.image.text) ? because('runImageNotReference', { image: inv.image.text })
      : chain?.some((st) => st.instructions.some((x) => x.keyword === 'ENTRYPOINT')) ? because('tarEntrypoint')
      : archiveRoot === null ? because('tarRelativeRoot')
      : outDir === null ? because('tarIntoUnknownDir')
      : outDir !== '' && !repo.isDir(outDir) && !mkdirBefore(outDir, i) ? because('tarIntoMissingDir', { dir: outDir })
      : members.some((m) => m === null) ? because('tarMembersOutside')
      : outDir === '' && members.includes('') ? because('tarWholeIntoRoot')
      : builder && !stage ? because('runMissingTarget')
      : null;
    if (why) {
      refuseExtraction(refuse, s.unit.start, why);
      runRefused = true;
      continue;
    }
    const source: ImageSource = builder && df && stage ? { kind: 'built', build: builder, dockerfile: df, stage } : { kind: 'external', ref: inv.image.text };
    for (const m of members as string[]) {
      const containerPath = m === '' ? archiveRoot! : `${archiveRoot!.replace(/\/$/, '')}/${m}`;
      const hostPath = joinRel(outDir!, m);
      extractions.push({ step: i, unit: s.unit, source, containerPath, contents: m === '', dest: m === '' ? outDir! : hostPath, destExisted: m === '', hostPath, hostCommands: [] });
    }
  }

  // `docker run -v "$PWD":/src IMG go build -o bin/app`: a build done in a container on the mounted repository.
  // It is one when a later build copies a path its command names; its writable mounts are then the artifacts.
  for (const [i, s] of steps.entries()) {
    if (s.kind !== 'docker' || !s.parsed.ok || s.parsed.invocation.kind !== 'run') continue;
    const reading = readRun(s.parsed.invocation, s.cwd);
    if (!reading) continue;
    const later = builds.filter((b) => b.step > i).flatMap((b) => {
      const df = repo.readText(b.dockerfile) === null ? null : loadDockerfile(b.dockerfile, b.unit.start);
      return df ? contextSources(df, b.context) : [];
    });
    if (!reading.ok) {
      // Unreadable, but its output directory is copied later: a build step restage cannot reproduce.
      const outputs = s.parsed.invocation.flags.filter((f) => f.name === '--volume' && f.value?.isStatic).map((f) => resolveHostPath(s.cwd ?? '', f.value!.text.split(':')[0]!)).filter((d): d is string => !!d);
      if (outputs.some((d) => d !== '' && later.some((c) => isWithin(c, d))) || (runOutputs.get(i)?.length ?? 0) > 0) {
        refuse(unsupportedDockerFlag, reading.at || s.unit.start, { command: 'run', flag: reading.flag, reason: reading.reason });
        runRefused = true;
      }
      continue;
    }
    // An output is a named path a fresh checkout does not have (sources the command reads are not outputs).
    // A relative one starts at -w, or at the WORKDIR of an image the driver builds.
    const built = runImage(i, reading.spec.image.text);
    const named = [...namedHostPaths({ ...reading.spec, workdir: reading.spec.workdir ?? built.workdir }), ...(runOutputs.get(i) ?? [])].filter((h) => h !== '' && !repo.isFile(h) && !repo.isDir(h));
    if (!named.some((h) => later.some((c) => isWithin(c, h) || isWithin(h, c)))) continue;
    const finalBuild = builds.find((b) => b.step > i);
    const finalContext = finalBuild?.context ?? '';
    // The stage COPYs the mounted directory from the build context, which .dockerignore filters: what it
    // hides (.git, which go build stamps into binaries; node_modules an earlier step installed) the
    // command saw through the mount and would not see in the stage.
    const ignorePath = finalBuild ? [`${finalBuild.dockerfile}.dockerignore`, joinRel(finalContext, '.dockerignore')].find((p) => repo.readText(p) !== null) : undefined;
    for (const m of reading.spec.mounts) {
      m.existsInRepo = m.hostDir === '' || repo.isDir(m.hostDir);
      if (!isWithin(m.hostDir, finalContext)) refuse(buildContextMismatch, s.unit.start, { builder: `the mounted ${display(m.hostDir)}`, runtime: `the runtime build (context ${display(finalContext)})` });
      else if (ignorePath) {
        const rel = finalContext === '' ? m.hostDir : m.hostDir.slice(finalContext.length + 1);
        const hit = excludingPattern(repo.readText(ignorePath)!, rel)?.pattern;
        if (hit) refuse(buildContextMismatch, s.unit.start, { builder: `the mounted ${display(m.hostDir)}`, runtime: `the stage that replaces docker run, which copies it from a context whose ${ignorePath} (${hit}) hides part of it` });
      }
    }
    // On an image the driver builds, the run's stage builds on the builder stage, which a RUN starts
    // like docker run does, except for an ENTRYPOINT (docker run runs the command through it).
    if (built.builder && !(built.df && built.stage && built.chain)) {
      refuse(unsupportedExtraction, s.unit.start, 'mountRunUnreadableImage', {});
      runRefused = true;
      continue;
    }
    if (built.chain && built.chain.some((st) => st.instructions.some((ins) => ins.keyword === 'ENTRYPOINT')) && !reading.spec.entrypointSet) {
      refuse(unsupportedExtraction, s.unit.start, 'mountRunEntrypoint', {});
      runRefused = true;
      continue;
    }
    if (built.chain && built.chain.some((st) => st.instructions.some((ins) => ins.keyword === 'USER'))) {
      refuse(unsupportedExtraction, s.unit.start, 'mountRunUser', {});
      runRefused = true;
      continue;
    }
    // Each run becomes its own stage, which starts from the checkout: a run that mounts what an earlier
    // build run wrote into (`npm ci`, then `npm run build`) would not see its files there.
    const earlier = extractions.find((x) => x.source.kind === 'run' && x.source.step < i && x.source.spec.mounts.some((em) => !em.readOnly && reading.spec.mounts.some((m) => isWithin(em.hostDir, m.hostDir) || isWithin(m.hostDir, em.hostDir))));
    if (earlier) {
      refuse(unsupportedExtraction, s.unit.start, 'mountRunReadsEarlier', { line: String(driver.lines.position(earlier.unit.start).line) });
      runRefused = true;
      continue;
    }
    const source: ImageSource = { kind: 'run', step: i, spec: reading.spec, ...(built.builder && built.df && built.stage ? { builtOn: { build: built.builder, dockerfile: built.df, stage: built.stage } } : {}) };
    const writable = reading.spec.mounts.filter((m) => !m.readOnly);
    // A host path is written through the most specific mount that holds it (`-v "$PWD":/src -v
    // "$PWD/build":/out`: build/app comes from /out/app, not /src/build/app).
    const throughMount = (h: string, m: BindMount) => isWithin(h, m.hostDir) && !writable.some((o) => o !== m && o.hostDir.length > m.hostDir.length && isWithin(h, o.hostDir));
    for (const m of writable) {
      // A mount of the checkout itself (or a directory it holds) is not the artifact: the outputs in it
      // are, the paths a later build reads. Narrowed so, a host command on another file (`git describe`,
      // a linter) is not taken for a step on the artifact.
      const outputs = m.existsInRepo ? named.filter((h) => throughMount(h, m) && later.some((c) => isWithin(c, h) || isWithin(h, c))) : [];
      const outermost = outputs.filter((h, k) => !outputs.some((o, j) => j !== k && o !== h && isWithin(h, o)) && outputs.indexOf(h) === k);
      // A checkout mount whose outputs all come through a more specific mount is only the command's input.
      if (outermost.length === 0 && m.existsInRepo && named.some((h) => isWithin(h, m.hostDir)) && named.every((h) => !isWithin(h, m.hostDir) || !throughMount(h, m))) continue;
      if (outermost.length === 0) {
        extractions.push({ step: i, unit: s.unit, source, containerPath: m.target, contents: false, dest: m.hostDir, destExisted: false, hostPath: m.hostDir, hostCommands: [] });
        continue;
      }
      for (const h of outermost) {
        const rest = m.hostDir === '' ? h : h.slice(m.hostDir.length + 1);
        extractions.push({ step: i, unit: s.unit, source, containerPath: path.normalize(`${m.target}/${rest}`), contents: false, dest: h, destExisted: false, hostPath: h, hostCommands: [] });
      }
    }
  }
  if (extractions.length === 0 && cps.length === 0 && !runRefused) {
    // Only a copy-out restage could not follow makes this a setup; runs with mounts alone (tests) do not.
    if (!hiddenCopyOut) return { plan: null, recognised: false, diagnostics: [], files: [] };
    for (const s of steps) if (s.kind === 'opaque' && /\b(docker|podman)\b/.test(s.text)) refuse(driverControlFlow, s.unit.start, { construct: describeConstruct(s.nodeType), detail: NOT_FOLLOWED });
  }
  if (diagnostics.some((d) => d.severity === 'error') || extractions.length === 0) return { plan: null, recognised: true, diagnostics, files: [...files] };

  // Host steps between the extractions and the next build that restage can move into the build.
  const translated = new Set<number>();
  {
    const lastCopyOut = Math.max(...extractions.map((e) => e.step));
    const nextBuild = builds.find((b) => b.step > lastCopyOut)?.step ?? steps.length;
    for (let i = Math.min(...extractions.map((e) => e.step)) + 1; i < nextBuild; i++) {
      const s = steps[i]!;
      if (s.kind !== 'host' || s.stdoutTo || extractions.some((e) => e.step > i)) continue;
      const t = translateHostStep(s.args, s.cwd, extractions, (p) => repo.isDir(p) || mkdirBefore(p, i));
      if (!t) continue;
      translated.add(i);
      if (t.kind === 'chmod') t.extraction.hostCommands.push(t.argv);
      else if (t.kind === 'move') Object.assign(t.extraction, { hostPath: t.to, dest: t.to, destExisted: false, contents: false });
      else extractions.push({ ...t.extraction, hostPath: t.to, dest: t.to, destExisted: false, contents: false, hostCommands: [...t.extraction.hostCommands] });
    }
  }

  // The runtime build: the one after the extractions whose Dockerfile reads an artifact.
  const lastExtraction = Math.max(...extractions.map((e) => e.step));
  const consumers = builds
    .filter((b) => b.step > lastExtraction && extractions.some((e) => isWithin(e.hostPath, b.context)))
    .map((b) => ({ build: b, df: loadDockerfile(b.dockerfile, b.unit.start) }))
    .filter((x): x is { build: ImageBuild; df: DockerfileModel } => x.df !== null)
    .map((x) => ({ ...x, copies: analyseRuntimeCopies(x.df, x.build, extractions, repo, driver.path) }))
    .filter((x) => x.copies.readsArtifact);
  if (consumers.length === 0) {
    // A destination named after a loop's variable cannot be matched to the COPY that reads it.
    const perPass = extractions.find((e) => LOOP_VALUE_TOKEN.test(e.hostPath) && steps[e.step]!.unit.block?.kind === 'loop');
    if (perPass) {
      refuse(driverControlFlow, steps[perPass.step]!.unit.block!.start, { construct: 'a for loop', detail: 'extracts to a host path named after its variable; restage cannot tell which later build reads which file' });
      return { plan: null, recognised: true, diagnostics, files: [...files] };
    }
    // `tar -x`/`unzip` of the artifact into a directory a later build copies: a builder pattern restage
    // cannot follow (see host-step-between-extraction-and-build), not a release extraction.
    for (const [i, s] of steps.entries()) {
      if (s.kind !== 'host' || i <= lastExtraction || s.cwd === null) continue;
      const unpacks = (s.args[0]?.text === 'tar' && /^-?[a-zA-Z]*x/.test(s.args[1]?.text ?? '')) || s.args[0]?.text === 'unzip';
      if (!unpacks) continue;
      const e = extractions.find((x) => s.args.slice(1).some((a) => a.isStatic && resolveHostPath(s.cwd!, a.text) === x.hostPath));
      const outArg = s.args.findIndex((a) => a.text === '-C' || a.text === '-d');
      const outDir = outArg > 0 && s.args[outArg + 1]?.isStatic ? resolveHostPath(s.cwd, s.args[outArg + 1]!.text) : s.cwd;
      const read = outDir !== null && builds.some((b) => {
        const df = b.step > i && repo.readText(b.dockerfile) !== null ? loadDockerfile(b.dockerfile, b.unit.start) : null;
        return df !== null && contextSources(df, b.context).some((c) => isWithin(c, outDir) || isWithin(outDir, c));
      });
      if (e && read) {
        refuse(hostStep, s.unit.start, { command: s.args[0]?.text ?? '', artifact: display(e.hostPath) });
        return { plan: null, recognised: true, diagnostics, files: [...files] };
      }
    }
    // The runtime build may sit in control flow restage does not follow: refuse rather than miss it.
    const hidden = steps.filter((s): s is Extract<DriverStep, { kind: 'opaque' }> => s.kind === 'opaque' && /\b(docker|podman)\b/.test(s.text));
    for (const s of hidden) refuse(driverControlFlow, s.unit.start, { construct: describeConstruct(s.nodeType), detail: NOT_FOLLOWED });
    if (hidden.length > 0) return { plan: null, recognised: true, diagnostics, files: [...files] };
    // Artifacts extracted for the host only (release binaries): no runtime image, no builder pattern.
    return { plan: null, recognised: false, diagnostics: [], files: [] };
  }
  // Several runtime images from one builder: each runtime Dockerfile gets the stages it needs.
  const seenFiles = new Set<string>();
  for (const c of consumers) {
    if (seenFiles.has(c.df.path)) refuse(unsupportedExtraction, c.build.unit.start, 'runtimeBuiltTwice', { dockerfile: c.df.path });
    seenFiles.add(c.df.path);
  }
  for (const c of consumers) diagnostics.push(...c.copies.diagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return { plan: null, recognised: true, diagnostics, files: [...files] };
  const consumed = (c: (typeof consumers)[number], e: Extraction) => c.copies.rewrites.some((r) => r.parts.some((p) => p.kind === 'stage' && p.extraction === e));
  for (const e of extractions) {
    if (!consumers.some((c) => consumed(c, e))) refuse(extractionNotConsumed, e.unit.start, { artifact: display(e.hostPath) });
  }
  const runtimeSteps = new Set(consumers.map((c) => c.build.step));
  const lastRuntimeStep = Math.max(...runtimeSteps);

  // A loop's body is read once for every pass: the whole setup (builds, containers, extractions and the
  // runtime builds) must run in the same pass, so each pass migrates alone.
  const setupSteps = [...new Set([...extractions.flatMap((e) => [e.step, ...(e.source.kind === 'built' ? [e.source.build.step] : e.source.kind === 'run' && e.source.builtOn ? [e.source.builtOn.build.step] : [])]), ...cps.filter((c) => extractions.some((e) => e.step === c.step)).map((c) => c.container.step), ...runtimeSteps])].sort((a, b) => a - b);
  const loopOf = (i: number) => (steps[i]!.unit.block?.kind === 'loop' ? steps[i]!.unit.block! : null);
  const looped = setupSteps.filter((i) => loopOf(i) !== null);
  if (looped.length > 0 && (looped.length !== setupSteps.length || new Set(looped.map((i) => loopOf(i)!.id)).size > 1)) {
    const loop = loopOf(looped[0]!)!;
    refuse(driverControlFlow, loop.start, { construct: 'a for loop', detail: 'runs part of the setup and the rest runs outside it; restage migrates a loop only when every pass builds, extracts and builds the runtime image itself' });
  }
  for (const e of extractions) {
    const tokened = [e.containerPath, e.hostPath, ...e.hostCommands.flat(), ...(e.source.kind === 'run' ? [JSON.stringify(e.source.spec)] : [])].find((t) => LOOP_VALUE_TOKEN.test(t));
    if (tokened !== undefined) refuse(unresolvedValue, e.unit.start, { what: 'a path or command of this extraction', raw: 'that uses the loop variable' });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { plan: null, recognised: true, diagnostics, files: [...files] };

  // Everything else the driver does around the artifacts and the builder images.
  const builderSteps = new Set(extractions.flatMap((e) => (e.source.kind === 'built' ? [e.source.build.step] : e.source.kind === 'run' && e.source.builtOn ? [e.source.builtOn.build.step] : [])));
  const extractionContainers = new Set(extractions.flatMap((e) => cps.filter((c) => c.step === e.step).map((c) => c.container.step)));
  const builderTags = new Set(builds.filter((b) => builderSteps.has(b.step)).flatMap((b) => b.tags));
  const removed: Unit[] = [];
  const externalRefs = new Set(extractions.flatMap((e) => (e.source.kind === 'external' ? [imageKey(e.source.ref)] : [])));
  const artifactOf = (s: DriverStep): Extraction | null => {
    if (s.kind === 'opaque') return null;
    // The command name counts when it is a path (`./app --version` runs the artifact).
    const candidates = s.kind === 'host' ? [...(s.args[0]?.text.includes('/') ? [s.args[0]] : []), ...s.args.slice(1), ...(s.stdoutTo ? [s.stdoutTo] : [])] : [];
    for (const a of candidates) {
      if (a.text.startsWith('-') && a !== s.stdoutTo) continue;
      for (const e of extractions) {
        if (!a.isStatic) {
          if (a.text.includes(path.basename(e.hostPath))) return e;
          continue;
        }
        const p = s.cwd === null ? null : resolveHostPath(s.cwd, a.text);
        if (p === null ? a.text.includes(path.basename(e.hostPath)) : p !== '' && (isWithin(p, e.hostPath) || isWithin(e.hostPath, p) && isWithin(p, e.dest))) return e;
      }
    }
    return null;
  };
  const mentionsBuilderTag = (args: Arg[]) => args.some((a) => builderTags.has(imageKey(a.text)) || [...builderTags].some((t) => a.text.includes(t)));
  // A builder image the driver still uses (tests run in it, pushed, re-tagged) keeps a --target build.
  const builderUsedBy = (s: DriverStep, i: number): ImageBuild | undefined => {
    if (s.kind === 'opaque' || builderSteps.has(i) || extractionContainers.has(i) || runtimeSteps.has(i) || extractions.some((e) => e.step === i)) return undefined;
    if (s.kind === 'host' && (s.args[0]?.text === 'echo' || s.args[0]?.text === 'printf') && !s.stdoutTo) return undefined;
    if (s.kind === 'docker' && s.parsed.ok && s.parsed.invocation.kind === 'rm') return undefined;
    if (!mentionsBuilderTag(s.args.slice(1))) return undefined;
    return builds.find((b) => builderSteps.has(b.step) && b.step < i && s.args.slice(1).some((a) => b.tags.some((t) => imageKey(a.text) === t || a.text.includes(t))));
  };
  const keptBuilders = new Set<ImageBuild>();
  for (const [i, s] of steps.entries()) {
    const b = builderUsedBy(s, i);
    if (b) keptBuilders.add(b);
  }
  const firstExtraction = Math.min(...extractions.map((e) => e.step));
  // Directories that exist only to receive artifacts (`mkdir -p out` before `docker cp … out/app`, and
  // `rm -rf out` after the build): not in the checkout, no build's context, named by no other step.
  const hostOperands = (s: Extract<DriverStep, { kind: 'host' }>) => (s.cwd === null ? null : s.args.slice(1).filter((a) => !a.text.startsWith('-')).map((a) => (a.isStatic ? resolveHostPath(s.cwd!, a.text) : null)));
  const artifactOnlyDirs = new Set<string>();
  for (const e of extractions) {
    for (let d = path.dirname(e.hostPath); d !== '.' && d !== ''; d = path.dirname(d)) {
      if (repo.isDir(d) || repo.isFile(d) || builds.some((b) => isWithin(b.context, d))) break;
      const dir = d;
      const namedElsewhere = steps.some((o, j) => {
        if (extractions.some((x) => x.step === j) || extractionContainers.has(j)) return false;
        if (o.kind === 'opaque') return o.text.includes(dir);
        if (o.kind === 'host' && (o.args[0]?.text === 'mkdir' || o.args[0]?.text === 'rm')) return false;
        return o.cwd === null || o.args.slice(1).some((a) => {
          const p = a.isStatic ? resolveHostPath(o.cwd!, a.text.replace(/^[^:/]*:/, '')) : null;
          return p === null ? a.text.includes(dir) : isWithin(p, dir);
        });
      });
      if (namedElsewhere) break;
      artifactOnlyDirs.add(dir);
    }
  }
  const onlyArtifactDirs = (s: Extract<DriverStep, { kind: 'host' }>) => {
    const ops = hostOperands(s);
    return ops !== null && ops.length > 0 && ops.every((p) => p !== null && (artifactOnlyDirs.has(p) || extractions.some((x) => x.hostPath === p)));
  };
  const onlyRunOutputs = (s: Extract<DriverStep, { kind: 'host' }>) => {
    const operands = s.args.slice(1).filter((a) => !a.text.startsWith('-'));
    return s.cwd !== null && operands.length > 0 && operands.every((a) => {
      const p = a.isStatic ? resolveHostPath(s.cwd!, a.text) : null;
      return p !== null && p !== '' && !repo.isFile(p) && !repo.isDir(p) && extractions.some((x) => x.source.kind === 'run' && isWithin(p, x.hostPath));
    });
  };
  for (const [i, s] of steps.entries()) {
    if (s.kind === 'opaque') {
      // A block restage does not follow runs the same before and after, unless it builds, copies or runs
      // containers (a hidden part of the setup) or names what the migration removes.
      const containerNames = [...extractionContainers].flatMap((c) => containers.get(c)?.name ?? []);
      const touches = BUILDS_OR_COPIES.test(s.text)
        || extractions.some((e) => namesFile(s.text.replace(IMAGE_ONLY_COMMANDS, ''), path.basename(e.hostPath)))
        || [...builderTags].some((t) => s.text.includes(t.replace(/:latest$/, '')))
        || containerNames.some((n) => s.text.includes(n));
      if (touches) refuse(driverControlFlow, s.unit.start, { construct: describeConstruct(s.nodeType), detail: NOT_FOLLOWED });
      continue;
    }
    if (builderSteps.has(i) && [...keptBuilders].some((b) => b.step === i)) continue;
    if (builderSteps.has(i) || extractionContainers.has(i) || extractions.some((e) => e.step === i) || translated.has(i)) {
      removed.push(s.unit);
      continue;
    }
    if (s.kind === 'docker') {
      if (!s.parsed.ok || runtimeSteps.has(i)) continue;
      const inv = s.parsed.invocation;
      if (inv.kind === 'rm') {
        // A clean start (`docker rm -f extract || true` before the create) names the container the create makes later.
        const laterByName = (name: string) => [...extractionContainers].find((c) => c > i && containers.get(c)?.name === name);
        const ours = inv.containers.map((a) => containerRef(`${a.text}:`, i)?.container.step ?? laterByName(a.text));
        if (ours.length > 0 && ours.every((c) => c !== undefined && extractionContainers.has(c))) removed.push(s.unit);
        else if (ours.some((c) => c !== undefined && extractionContainers.has(c))) refuse(unsupportedExtraction, s.unit.start, 'rmWithOtherContainers', {});
        continue;
      }
      // Pulling the external builder image by hand is no longer needed: the build pulls it.
      if (inv.kind === 'other' && inv.subcommand === 'pull' && inv.args.length === 1 && externalRefs.has(imageKey(inv.args[0]!.text))) {
        removed.push(s.unit);
        continue;
      }
      if (mentionsBuilderTag(s.args.slice(1))) {
        if (!builderUsedBy(s, i)) refuse(builderImageUsedElsewhere, s.unit.start, { image: [...builderTags].join(', '), use: `docker ${s.args[1]?.text ?? ''}` });
      } else if (s.args.slice(1).some((a) => containerRef(`${a.text.split(':')[0]}:`, i) && extractionContainers.has(containerRef(`${a.text.split(':')[0]}:`, i)!.container.step))) {
        refuse(unsupportedExtraction, s.unit.start, 'otherCommandOnContainer', {});
      }
      continue;
    }
    // Host commands.
    const name = s.args[0]?.text ?? '';
    const printsOnly = (name === 'echo' || name === 'printf') && !s.stdoutTo;
    if (printsOnly && mentionsBuilderTag(s.args.slice(1))) {
      // Still true when the builder image is still built; stale otherwise.
      if (![...keptBuilders].some((b) => b.tags.some((t) => s.args.some((a) => a.text.includes(t))))) removed.push(s.unit);
      continue;
    }
    if (printsOnly || name === 'cd' || name === 'set' || name === 'true' || name === ':') continue;
    // `trap 'docker rm -f "$CID"' EXIT`: the clean-up of an extraction container goes with it.
    if (name === 'trap' && s.args.length >= 3 && s.args[1]!.isStatic && trapRemovesOnly(s.args[1]!.text, extractionContainerRefs())) {
      removed.push(s.unit);
      continue;
    }
    if (mentionsBuilderTag(s.args.slice(1))) {
      if (!builderUsedBy(s, i)) refuse(builderImageUsedElsewhere, s.unit.start, { image: [...builderTags].join(', '), use: name });
      continue;
    }
    // `rm -rf dist` first is a clean start, `rm -rf dist` last a clean-up: neither is needed when nothing is extracted.
    if (((name === 'mkdir' && i < firstExtraction) || (name === 'rm' && (i > lastRuntimeStep || i < firstExtraction))) && onlyArtifactDirs(s)) {
      removed.push(s.unit);
      continue;
    }
    const e = artifactOf(s);
    if (!e) continue;
    const operands = s.args.slice(1).filter((a) => !a.text.startsWith('-'));
    const onlyArtifactPaths = (paths: (x: Extraction) => string[]) =>
      s.cwd !== null && operands.length > 0 && operands.every((a) => a.isStatic && extractions.some((x) => paths(x).includes(resolveHostPath(s.cwd!, a.text) ?? '\0')));
    if (i < firstExtraction && (name === 'mkdir' || name === 'rm') && onlyArtifactPaths((x) => (x.destExisted && !repo.isDir(x.dest) ? [x.dest, x.hostPath] : [x.hostPath]))) {
      removed.push(s.unit);
    } else if (i > lastRuntimeStep && name === 'rm' && onlyArtifactPaths((x) => (x.destExisted && !repo.isDir(x.dest) ? [x.dest, x.hostPath] : [x.hostPath]))) {
      removed.push(s.unit);
    } else if (i > lastRuntimeStep && name === 'rm' && onlyRunOutputs(s)) {
      // What a `docker run -v` build left in the checkout: gone with the run, and nothing tracked is there.
      removed.push(s.unit);
    } else if (i > lastRuntimeStep) {
      refuse(artifactUsedAfterBuild, s.unit.start, { command: name, artifact: display(e.hostPath) });
    } else {
      refuse(hostStep, s.unit.start, { command: name, artifact: display(e.hostPath) });
    }
  }

  refuseKeptReadersOfRemovedVariables({ steps, repo, refuse, loadDockerfile, extractions }, driver.text, removed);

  const merges: MergePlan[] = [];
  for (const c of consumers) {
    const merge = planMerge(extractions.filter((e) => consumed(c, e)), c.build, c.df, builds, repo, driver, diagnostics, builderStage);
    if (merge) merges.push(merge);
  }
  if (diagnostics.some((d) => d.severity === 'error') || merges.length !== consumers.length) return { plan: null, recognised: true, diagnostics, files: [...files] };
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
    const stage = stageRef(runtimes.find((r) => r.copyRewrites.some((w) => w.parts.some((p) => p.kind === 'stage' && p.extraction === e)))!, e);
    diagnostics.push(builderPattern.report(at(e.unit.start), { artifact: describeArtifact(e), stage }));
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { plan: null, recognised: true, diagnostics, files: [...files] };

  const kept = runtimes.flatMap((r) => r.builders.filter((b) => keptBuilders.has(b.build)).map((b) => ({ build: b.build, stageName: b.stageName, dockerfile: r.finalDockerfile.path })));
  const notes = merges.flatMap((m) => m.notes).filter((d, i, all) => all.findIndex((x) => x.message === d.message && x.file === d.file) === i);
  return {
    plan: {
      driver,
      builds,
      extractions,
      runtimes,
      removedUnits: removed,
      // A builder kept for other uses is built once, from the first merged file that holds its stage.
      keptBuilderBuilds: kept.filter((k, i) => kept.findIndex((x) => x.build === k.build) === i),
      // A builder Dockerfile goes only when no merge found a reason to keep it.
      deletions: [...new Set(merges.flatMap((m) => m.deletions))].filter((p) => merges.every((m) => m.deletions.includes(p) || !m.builders.some((b) => b.dockerfile.path === p))),
    },
    recognised: true,
    diagnostics: [...diagnostics, ...notes],
    files: [...files],
  };
}

/** The directory `docker cp … - | tar -x [-C dir]` unpacks into (repo-relative), or null for any other pipe. */
function cpToTarDirectory(s: Extract<DriverStep, { kind: 'docker' }>): string | null {
  if (!s.pipeTo || s.stdoutTo || s.cwd === null || s.pipeTo.some((a) => !a.isStatic)) return null;
  const tar = readTar(s.pipeTo.map((a) => a.text), true);
  if (!tar || tar.mode !== 'x' || tar.compression !== null) return null;
  return resolveHostPath(s.cwd, tar.directory ?? '.');
}

/** Whether shell text names a file as a word or a path's last part (`app`, `./app`, `"$D/app"`, not `ifp/app:1` or `apple`). */
function namesFile(text: string, base: string): boolean {
  const b = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s"'=])(\\S*/)?${b}(?=$|[\\s"';|&)<>])`, 'm').test(text);
}

/** docker commands whose operands are image names, not files (`docker push org/app` does not name ./app). */
const IMAGE_ONLY_COMMANDS = /\b(?:docker|podman)\s+(image\s+)?(push|pull|tag|login|logout|inspect|images|rmi|ls|rm)\b[^\n;&|]*/g;

/** docker commands that may make or read an image, container or artifact of the setup. */
const BUILDS_OR_COPIES = /\b(?:docker|podman)\s+((-\S+\s+)*)(image\s+|container\s+|buildx\s+)?(build|cp|create|run|start|exec|commit|export|save|load|import|compose)\b|\bdocker-compose\b/;

const NOT_FOLLOWED = 'runs docker or touches the artifact; restage follows straight-line scripts, && chains, functions called once, and for loops over written-out words whose body is plain commands';

function describeConstruct(nodeType: string): string {
  const name = constructName(nodeType);
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
}

function constructName(nodeType: string): string {
  const names: Record<string, string> = {
    if_statement: 'if statement', for_statement: 'for loop', while_statement: 'while loop', c_style_for_statement: 'for loop',
    function_definition: 'function', pipeline: 'pipeline', subshell: 'subshell', case_statement: 'case statement',
    compound_statement: 'command group', negated_command: 'negated command',
  };
  return names[nodeType] ?? nodeType.replace(/_/g, ' ');
}

/** The stage and the stages it builds on (`FROM <earlier stage>`), base first. */
function stageChain(df: DockerfileModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !chain.includes(s); ) {
    chain.unshift(s);
    const parent = s.image.value.toLowerCase();
    const at: number = s.index;
    s = df.stages.find((p) => p.index < at && p.name?.toLowerCase() === parent);
  }
  return chain;
}

/** The WORKDIR a container of the chain's last stage starts in; null when a base image may set one. */
function chainWorkdir(chain: Stage[]): string | null {
  let dir: string | null = chain[0]!.image.value.toLowerCase() === 'scratch' ? '/' : null;
  for (const st of chain) {
    for (const ins of st.instructions) {
      if (ins.keyword !== 'WORKDIR') continue;
      const v = ins.args[0]?.value ?? '';
      if (v.includes('$')) return null;
      dir = v.startsWith('/') ? path.normalize(v) : dir === null ? null : path.normalize(`${dir}/${v}`);
    }
  }
  return dir;
}
