import path from 'node:path/posix';
import { because, type ExtractionRefusal } from '../../../rules/unsupported-extraction.js';
import { resolveHostPath } from '../../shell/host-path.js';
import type { Extraction } from '../model.js';
import type { PlanContext } from '../plan-context.js';
import { runImageSource, STDOUT_RUN_FLAGS } from '../run-image.js';
import { readLater } from './read-later.js';
import { recogniseRunOutputs, runImageRefusal, withEntrypoint, type RunInvocation, type RunStep } from './run-output.js';

/**
 * `docker run --rm IMG cat /path/app > app`: the file's bytes in a file the shell creates, so with
 * mode 0644 (umask 022), whatever the mode in the image: a derived stage sets that mode. Any other
 * run whose output a later build reads is refused. Returns whether one was.
 */
export function recogniseRunStdout(ctx: PlanContext): boolean {
  return recogniseRunOutputs(ctx, (i, s, inv) => (s.stdoutTo ? runStdout(ctx, i, s, inv) : null));
}

function runStdout(ctx: PlanContext, i: number, s: RunStep, written: RunInvocation): Extraction[] | ExtractionRefusal | null {
  const target = s.stdoutTo!.isStatic && s.cwd !== null ? resolveHostPath(s.cwd, s.stdoutTo!.text) : null;
  if (target === null || !readLater(ctx, i, target)) return null;
  const { run: inv, entrypointSet } = withEntrypoint(written);
  const catPath = inv.command.length === 2 && /^(\/(usr\/)?bin\/)?cat$/.test(inv.command[0]!.text) && inv.command[1]!.isStatic ? inv.command[1]!.text : null;
  const image = ctx.runImage(i, inv.image.text);
  const why = inv.flags.some((f) => !STDOUT_RUN_FLAGS.has(f.name))
    ? because('stdoutRunFlags')
    : catPath === null
      ? because('stdoutNotCat')
      : (runImageRefusal(inv.image, image, 'catEntrypoint', entrypointSet) ??
        // A pulled image's WORKDIR is unknown too: with no Dockerfile, its workdir is null.
        (!catPath.startsWith('/') && image.workdir === null ? because('catRelativePath') : image.builder && !image.stage ? because('runMissingTarget') : null));
  if (why) return why;
  const containerFile = path.normalize(catPath!.startsWith('/') ? catPath! : `${image.workdir}/${catPath}`);
  const source = runImageSource(image, inv.image.text);
  return [
    {
      step: i,
      unit: s.unit,
      source,
      containerPath: containerFile,
      contents: false,
      dest: target,
      destExisted: false,
      hostPath: target,
      hostCommands: [['chmod', '0644', containerFile]],
    },
  ];
}
