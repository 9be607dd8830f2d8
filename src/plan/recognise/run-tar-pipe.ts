import path from 'node:path/posix';
import { because, type ExtractionRefusal } from '../../../rules/unsupported-extraction.js';
import { resolveHostPath } from '../../shell/host-path.js';
import type { Extraction } from '../model.js';
import { joinRel } from '../../dockerfile/paths.js';
import type { PlanContext } from '../plan-context.js';
import { runImageSource, STDOUT_RUN_FLAGS } from '../run-image.js';
import { containerTar, memberPath, readTar } from '../tar-pipe.js';
import { recogniseRunOutputs, runImageRefusal, withEntrypoint, type RunInvocation, type RunStep } from './run-output.js';

/**
 * `docker run --rm IMG tar -C /dir -cf - . | tar -C out -xf -` (or the tar wrapped in `sh -c`, see
 * containerTar): docker cp by other means. As root,
 * the host tar keeps the members' modes (and owners, which the context COPY then made 0:0). Any other
 * pipeline out of a run is refused; returns whether one was.
 */
export function recogniseRunTarPipes(ctx: PlanContext): boolean {
  return recogniseRunOutputs(ctx, (i, s, inv) => (s.pipeTo && !s.stdoutTo ? runTarPipe(ctx, i, s, inv) : null));
}

function runTarPipe(ctx: PlanContext, i: number, s: RunStep, written: RunInvocation): Extraction[] | ExtractionRefusal {
  const pipeTo = s.pipeTo!;
  const { run: inv, entrypointSet } = withEntrypoint(written);
  const create = inv.command.every((a) => a.isStatic) ? containerTar(inv.command.map((a) => a.text)) : null;
  const extract = pipeTo.every((a) => a.isStatic)
    ? readTar(
        pipeTo.map((a) => a.text),
        true,
      )
    : null;
  const image = ctx.runImage(i, inv.image.text);
  const { workdir } = image;
  const archiveRoot = create?.directory
    ? create.directory.startsWith('/')
      ? path.normalize(create.directory)
      : workdir === null
        ? null
        : path.normalize(`${workdir}/${create.directory}`)
    : workdir;
  const outDir = extract && s.cwd !== null ? resolveHostPath(s.cwd, extract.directory ?? '.') : null;
  const members = create ? create.members.map(memberPath) : [];
  const why = inv.flags.some((f) => !STDOUT_RUN_FLAGS.has(f.name))
    ? because('pipeRunFlags')
    : !create || create.mode !== 'c' || !extract || extract.mode !== 'x'
      ? because('pipeNotTar')
      : create.compression !== extract.compression
        ? because('tarCompressionDiffers')
        : (runImageRefusal(inv.image, image, 'tarEntrypoint', entrypointSet) ??
          (archiveRoot === null
            ? because('tarRelativeRoot')
            : outDir === null
              ? because('tarIntoUnknownDir')
              : outDir !== '' && !ctx.repo.isDir(outDir) && !ctx.mkdirBefore(outDir, i)
                ? because('tarIntoMissingDir', { dir: outDir })
                : members.some((m) => m === null)
                  ? because('tarMembersOutside')
                  : outDir === '' && members.includes('')
                    ? because('tarWholeIntoRoot')
                    : image.builder && !image.stage
                      ? because('runMissingTarget')
                      : null));
  if (why) return why;
  const source = runImageSource(image, inv.image.text);
  return (members as string[]).map((m) => {
    const containerPath = m === '' ? archiveRoot! : `${archiveRoot!.replace(/\/$/, '')}/${m}`;
    const hostPath = joinRel(outDir!, m);
    return {
      step: i,
      unit: s.unit,
      source,
      containerPath,
      contents: m === '',
      dest: m === '' ? outDir! : hostPath,
      destExisted: m === '',
      hostPath,
      hostCommands: [],
    };
  });
}
