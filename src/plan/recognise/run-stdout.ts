import path from 'node:path/posix';
import { because, type ExtractionRefusal } from '../../../rules/unsupported-extraction.js';
import { resolveHostPath } from '../../shell/host-path.js';
import type { Extraction } from '../model.js';
import type { PlanContext } from '../plan-context.js';
import { runImageSource, STDOUT_RUN_FLAGS } from '../run-image.js';
import { entrypointArgument } from '../program-words.js';
import { readLater } from './read-later.js';
import { shellScript } from '../tar-pipe.js';
import { recogniseRunOutputs, runImageRefusal, withEntrypoint, type RunInvocation, type RunStep } from './run-output.js';

/**
 * `docker run --rm IMG cat /path/app > app`: the file's bytes in a file the shell creates, so with
 * mode 0644 (umask 022), whatever the mode in the image: a derived stage sets that mode. Any other
 * run whose output a later build reads is refused. Returns whether one was.
 */
export function recogniseRunStdout(ctx: PlanContext): boolean {
  return recogniseRunOutputs(ctx, (i, s, inv) => (s.stdoutTo ? runStdout(ctx, i, s, inv) : null));
}

const CAT = /^(\/(usr\/)?bin\/)?cat$/;

/**
 * The one file a command prints: `cat PATH`, or that cat alone in a shell (`sh -c 'cat /out/app'`, as
 * containerTar reads tar). A script with quotes, expansions or more commands is not read (null).
 */
function catOf(argv: string[]): string | null {
  if (argv.length === 2 && CAT.test(argv[0]!)) return argv[1]!;
  const words = shellScript(argv)?.trim().split(/\s+/) ?? [];
  // `;`, `&` and `|` join commands (shellScript lets them through for `cd DIR && tar …`).
  return words.length === 2 && CAT.test(words[0]!) && !/[;&|]/.test(words[1]!) ? words[1]! : null;
}

function runStdout(ctx: PlanContext, i: number, s: RunStep, written: RunInvocation): Extraction[] | ExtractionRefusal | null {
  const target = s.stdoutTo!.isStatic && s.cwd !== null ? resolveHostPath(s.cwd, s.stdoutTo!.text) : null;
  if (target === null || !readLater(ctx, i, target)) return null;
  const { run: inv, entrypointSet } = withEntrypoint(written);
  const catPath = inv.command.every((a) => a.isStatic) ? catOf(inv.command.map((a) => a.text)) : null;
  const image = ctx.runImage(i, inv.image.text);
  if (inv.flags.some((f) => !STDOUT_RUN_FLAGS.has(f.name))) return because('stdoutRunFlags');
  if (catPath === null) return commandStdout(i, s, inv, entrypointSet, image, target);
  const why =
    runImageRefusal(inv.image, image, 'catEntrypoint', entrypointSet) ??
    // A pulled image's WORKDIR is unknown too: with no Dockerfile, its workdir is null.
    (!catPath.startsWith('/') && image.workdir === null ? because('catRelativePath') : image.builder && !image.stage ? because('runMissingTarget') : null);
  if (why) return why;
  const containerFile = path.normalize(catPath.startsWith('/') ? catPath : `${image.workdir}/${catPath}`);
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

/**
 * Flags a run of any command may have for its output to be a stage's: none that changes who runs it
 * (`--user`), what it reads (`-i` passes the script's stdin), where (`-w`) or with what (`-e`, mounts).
 */
const COMMAND_STDOUT_FLAGS = new Set(['--rm', '--init', '--name', '--label', '--pull']);

/** Where a derived stage keeps a command's output: under /tmp, which the image's USER can write. */
const STDOUT_DIR = '/tmp/restage-stdout';

/**
 * `docker run --rm IMG tar -c -C /out app > app.tar`, or the image's own CMD (`docker run --rm IMG >
 * app.tar`): the command runs in a stage derived from the image, as the run ran it (the image's ENV,
 * WORKDIR and USER; no ENTRYPOINT), its output in a file the shell creates there as on the host (0644).
 * The stage runs it through `/bin/sh`, which an image whose base is `scratch` does not have.
 */
function commandStdout(
  i: number,
  s: RunStep,
  inv: RunInvocation,
  entrypointSet: boolean,
  image: ReturnType<PlanContext['runImage']>,
  target: string,
): Extraction[] | ExtractionRefusal {
  if (inv.flags.some((f) => !COMMAND_STDOUT_FLAGS.has(f.name))) return because('stdoutCommandFlags');
  const argv = inv.command.length === 0 ? image.cmd : inv.command.every((a) => a.isStatic) ? inv.command.map((a) => a.text) : null;
  const why =
    argv === null || argv.length === 0
      ? because('stdoutNotCat')
      : (runImageRefusal(inv.image, image, 'stdoutEntrypoint', entrypointSet) ??
        (!image.builder && !entrypointSet
          ? because('stdoutPulledImage')
          : image.builder && !image.stage
            ? because('runMissingTarget')
            : entrypointArgument(image, argv, entrypointSet) !== null
              ? because('commandNotProgram', { word: argv[0]! })
              : image.chain?.[0]?.image.value === 'scratch'
                ? because('stdoutNoShell')
                : null));
  if (why) return why;
  const file = `${STDOUT_DIR}/${path.basename(target)}`;
  return [
    {
      step: i,
      unit: s.unit,
      source: runImageSource(image, inv.image.text),
      containerPath: file,
      contents: false,
      dest: target,
      destExisted: false,
      hostPath: target,
      // The file is an argument, not part of the script: a name with blanks or `$` stays one word.
      stdoutCommand: ['/bin/sh', '-c', `mkdir -p ${STDOUT_DIR} && out="$1" && shift && exec "$@" > "$out"`, 'sh', file, ...argv!],
      hostCommands: [['chmod', '0644', file]],
    },
  ];
}
