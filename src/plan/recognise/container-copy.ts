import path from 'node:path/posix';
import cpDestinationConflict from '../../../rules/cp-destination-conflict.js';
import pathOutsideRepo from '../../../rules/path-outside-repo.js';
import unresolvedValue from '../../../rules/unresolved-value.js';
import unsupportedDockerFlag from '../../../rules/unsupported-docker-flag.js';
import unsupportedExtraction, { because, type ExtractionRefusal } from '../../../rules/unsupported-extraction.js';
import { hasFlag } from '../../drivers/docker-cli.js';
import { resolveHostPath } from '../../shell/host-path.js';
import { CONTAINER_ID_TOKEN, type DriverStep } from '../../drivers/steps.js';
import { imageKey, isImageReference } from '../../dockerfile/image-ref.js';
import type { ImageSource } from '../model.js';
import { containerPath, display, joinRel } from '../../dockerfile/paths.js';
import { refuseExtraction, type PlanContext } from '../plan-context.js';
import { entrypointArgument } from '../program-words.js';
import { readRun } from '../run-extraction.js';
import { chainHas, targetStage } from '../run-image.js';
import { readTar } from '../tar-pipe.js';
import type { ContainerCopy } from './containers.js';
import { shownImage } from './run-output.js';

type DockerStep = Extract<DriverStep, { kind: 'docker' }>;

/**
 * `docker create IMG` (or `docker run --name x IMG cmd`) then `docker cp x:/path dest`: an extraction
 * per copy, from the image the container was made of (a builder build, a pulled image, or the run's
 * command in a stage FROM the image).
 */
export function recogniseContainerCopies(ctx: PlanContext, copies: ContainerCopy[]): void {
  for (const cp of copies) {
    const source = copySource(ctx, cp);
    if (source) addCopy(ctx, cp, source);
  }
}

/** What the container was made from, or null when that is refused. */
function copySource(ctx: PlanContext, cp: ContainerCopy): ImageSource | null {
  const { steps, builds, refuse } = ctx;
  const c = cp.container;
  let runSource: ImageSource | null = null;
  if (c.invocation.kind === 'run') {
    runSource = runCopySource(ctx, cp);
    if (!runSource) return null;
  }
  for (const flag of ['--volume', '--mount', '--volumes-from', '--platform']) {
    if (hasFlag(c.invocation.flags, flag))
      refuse(unsupportedDockerFlag, steps[c.step]!.unit.start, { command: 'create', flag, reason: 'it changes which files docker cp reads' });
  }
  if (!c.image.isStatic && !builds.some((b) => b.tags.includes(imageKey(c.image.text)))) {
    refuse(unresolvedValue, c.image.start, { what: 'image', raw: c.image.raw });
    return null;
  }
  if (runSource) return runSource;
  const builder = [...builds].reverse().find((b) => b.step < c.step && b.tags.includes(imageKey(c.image.text)));
  if (builder) {
    const df = ctx.loadDockerfile(builder.dockerfile, steps[builder.step]!.unit.start);
    if (!df) return null;
    const stage = targetStage(df, builder);
    if (!stage) {
      refuse(unsupportedDockerFlag, builder.unit.start, { command: 'build', flag: `--target ${builder.target ?? ''}`, reason: `${df.path} has no such stage` });
      return null;
    }
    for (const f of builder.otherFlags)
      refuse(unsupportedDockerFlag, f.start, {
        command: 'build',
        flag: f.name,
        reason: 'the builder build uses it and the merged build would not reproduce it for the builder stage',
      });
    return { kind: 'built', build: builder, dockerfile: df, stage };
  }
  if (builds.some((b) => b.step > c.step && b.tags.includes(imageKey(c.image.text)))) {
    // The container is made from the image as it was before the driver builds it (a previous run's, or none).
    refuse(unsupportedExtraction, c.image.start, 'containerBeforeBuild', { image: c.image.text });
    return null;
  }
  if (isImageReference(c.image.text)) {
    // `sudo -u ci docker build -t app:build`, a build in a function: taken for a pulled image, the
    // migration would COPY --from an image nothing builds any more.
    const unseen = ctx.builtUnseen(c.image.text);
    if (unseen) {
      refuse(unsupportedExtraction, unseen.unit.start, 'unseenBuild', { image: c.image.text });
      return null;
    }
    return { kind: 'external', ref: c.image.text };
  }
  const captured = CONTAINER_ID_TOKEN.exec(c.image.text);
  const capturedFrom = captured ? steps[Number(captured[1])] : undefined;
  if (capturedFrom?.kind === 'docker' && capturedFrom.parsed.ok && capturedFrom.parsed.invocation.kind === 'build') {
    refuse(unsupportedExtraction, c.image.start, 'imageFromBuildOutput', { image: c.image.raw });
    return null;
  }
  // docker create would fail on it; a stage FROM it would be no image either.
  refuse(unsupportedExtraction, c.image.start, 'cpImageNotReference', { image: shownImage(c.image) });
  return null;
}

/**
 * `docker run --name x IMG make dist` then `docker cp x:/src/dist .`: the command's effect on the
 * container's files is what a RUN in a stage FROM the image makes. A detached one races the copy.
 */
function runCopySource(ctx: PlanContext, cp: ContainerCopy): ImageSource | null {
  const c = cp.container;
  if (c.invocation.kind !== 'run') return null;
  const runStep = ctx.steps[c.step] as DockerStep;
  const refused = (why: ExtractionRefusal): null => {
    refuseExtraction(ctx.refuse, runStep.unit.start, why);
    return null;
  };
  // The image first: loading a built image's Dockerfile reports one that is missing, whatever follows.
  const built = ctx.runImage(c.step, c.invocation.image.text);
  if (hasFlag(c.invocation.flags, '--detach')) return refused(because('cpRunDetached'));
  // Read without requiring a mount of the repository, so never null.
  const reading = readRun(c.invocation, runStep.cwd, true, built.cmd)!;
  if (!reading.ok) return refused(because('cpRunFlag', { flag: reading.flag, reason: reading.reason }));
  const why: ExtractionRefusal | null =
    reading.spec.mounts.length > 0 || reading.spec.caches.length > 0
      ? because('cpRunWithVolumes')
      : built.builder && reading.spec.platform
        ? because('cpRunFlag', { flag: '--platform', reason: PLATFORM_OF_BUILT_IMAGE })
        : built.builder && !(built.df && built.stage && built.chain)
          ? because('cpRunUnreadableImage')
          : chainHas(built, 'ENTRYPOINT') && !reading.spec.entrypointSet
            ? because('cpRunEntrypoint')
            : entrypointArgument(built, reading.spec.argv, reading.spec.entrypointSet) !== null
              ? because('commandNotProgram', { word: reading.spec.argv[0]! })
              : hasFlag(c.invocation.flags, '--rm')
                ? because('cpRunRemoved')
                : !built.builder && ctx.builtUnseen(c.invocation.image.text)
                  ? because('cpRunUnseenBuild', { image: c.invocation.image.text })
                  : null;
  if (why) return refused(why);
  return {
    kind: 'run',
    step: c.step,
    spec: reading.spec,
    ...(built.builder && built.df && built.stage ? { builtOn: { build: built.builder, dockerfile: built.df, stage: built.stage } } : {}),
  };
}

export const PLATFORM_OF_BUILT_IMAGE = 'the image is one the driver builds, for the platform it builds for, and restage does not rebuild its stage for another';

/** Where the copy lands on the host: an extraction, or a refusal. */
function addCopy(ctx: PlanContext, cp: ContainerCopy, source: ImageSource): void {
  const { repo, refuse, extractions } = ctx;
  const s = ctx.steps[cp.step] as DockerStep;
  const srcArg = cp.inv.src;
  const c = cp.container;
  // A container named from a variable (`"x-$VERSION":/app`): only the name part may be run-time text;
  // a path of plain characters after it cannot hold an expansion.
  const onlyNameVaries = !srcArg.isStatic && c.name !== null && srcArg.text === `${c.name}:${cp.path}` && /^[A-Za-z0-9_./@+,=-]+$/.test(cp.path);
  if (!srcArg.isStatic && !onlyNameVaries) {
    refuse(unresolvedValue, srcArg.start, { what: 'container path', raw: srcArg.raw });
    return;
  }
  const cpath = containerPath(cp.path);
  if (cpath.path === '/') {
    refuse(unsupportedExtraction, srcArg.start, 'cpWholeFilesystem', {});
    return;
  }
  const destArg = cp.inv.dest;
  if (destArg.text === '-') {
    // `docker cp c:/src/dist - | tar -x -C out`: the stream holds dist/ itself, so this is
    // `docker cp c:/src/dist out/` into a directory that must exist (tar -C needs it).
    const into = cpToTarDirectory(s);
    if (into === null || cpath.contents || !(into === '' || repo.isDir(into) || ctx.mkdirBefore(into, cp.step))) {
      refuseExtraction(
        refuse,
        destArg.start,
        into === null ? because('cpStdoutNotTar') : cpath.contents ? because('cpStdoutContents') : because('cpStdoutMissingDir', { dir: display(into) }),
      );
      return;
    }
    const hostPath = joinRel(into, path.basename(cpath.path));
    extractions.push({
      step: cp.step,
      unit: s.unit,
      source,
      containerPath: cpath.path,
      contents: false,
      dest: into,
      destExisted: true,
      hostPath,
      hostCommands: [],
    });
    return;
  }
  if (!destArg.isStatic || s.cwd === null) {
    refuse(unresolvedValue, destArg.start, { what: 'docker cp destination', raw: destArg.raw });
    return;
  }
  const dest = resolveHostPath(s.cwd, destArg.text);
  if (dest === null) {
    refuse(pathOutsideRepo, destArg.start, { path: destArg.raw });
    return;
  }
  if (repo.isFile(dest)) {
    refuse(cpDestinationConflict, destArg.start, 'cpDestinationConflict', {
      dest: destArg.raw,
      reason: 'a file of the repository is there and docker cp would overwrite it',
    });
    return;
  }
  const destExisted = dest === '' || repo.isDir(dest) || ctx.mkdirBefore(dest, cp.step);
  if (!destExisted && destArg.text.endsWith('/')) {
    refuse(cpDestinationConflict, destArg.start, 'cpDestinationConflict', {
      dest: destArg.raw,
      reason: 'it ends with / but does not exist in a fresh checkout, so docker cp of a file would fail',
    });
    return;
  }
  const hostPath = cpath.contents || !destExisted ? dest : joinRel(dest, path.basename(cpath.path));
  if (hostPath === '') {
    refuse(cpDestinationConflict, destArg.start, 'cpDestinationConflict', {
      dest: destArg.raw,
      reason: 'the artifact would be spread over the repository root',
    });
    return;
  }
  extractions.push({ step: cp.step, unit: s.unit, source, containerPath: cpath.path, contents: cpath.contents, dest, destExisted, hostPath, hostCommands: [] });
}

/** The directory `docker cp … - | tar -x [-C dir]` unpacks into (repo-relative), or null for any other pipe. */
function cpToTarDirectory(s: DockerStep): string | null {
  if (!s.pipeTo || s.stdoutTo || s.cwd === null || s.pipeTo.some((a) => !a.isStatic)) return null;
  const tar = readTar(
    s.pipeTo.map((a) => a.text),
    true,
  );
  if (!tar || tar.mode !== 'x' || tar.compression !== null) return null;
  return resolveHostPath(s.cwd, tar.directory ?? '.');
}
