import { because, type ExtractionRefusal } from '../../../rules/unsupported-extraction.js';
import type { Arg, DockerInvocation } from '../../drivers/docker-cli.js';
import { CONTAINER_ID_TOKEN, type DriverStep } from '../../drivers/steps.js';
import { isImageReference } from '../../dockerfile/image-ref.js';
import type { Extraction } from '../model.js';
import { refuseExtraction, type PlanContext } from '../plan-context.js';
import { chainHas, type RunImage } from '../run-image.js';

export type RunStep = Extract<DriverStep, { kind: 'docker' }>;
export type RunInvocation = Extract<DockerInvocation, { kind: 'run' }>;

/**
 * A `docker run` whose output reaches the host through the shell (a redirect, a pipe): for each run
 * step, `one` gives the extractions it makes, why it is refused, or null when it is none of its
 * business. Returns whether one was refused.
 */
export function recogniseRunOutputs(ctx: PlanContext, one: (i: number, s: RunStep, inv: RunInvocation) => Extraction[] | ExtractionRefusal | null): boolean {
  let refused = false;
  for (const [i, s] of ctx.steps.entries()) {
    if (s.kind !== 'docker' || !s.parsed.ok || s.parsed.invocation.kind !== 'run') continue;
    const found = one(i, s, s.parsed.invocation);
    if (found === null) continue;
    if (Array.isArray(found)) ctx.extractions.push(...found);
    else {
      refuseExtraction(ctx.refuse, s.unit.start, found);
      refused = true;
    }
  }
  return refused;
}

/** What the run's image may not be for its output to be a stage's: named at run time, not an image, with an ENTRYPOINT. */
export function runImageRefusal(
  image: Arg,
  run: RunImage,
  onEntrypoint: 'catEntrypoint' | 'tarEntrypoint' | 'stdoutEntrypoint',
  entrypointSet = false,
): ExtractionRefusal | null {
  // A tag known only at run time (`b-$SHA`) is the image an earlier build tagged with the same words.
  return !image.isStatic && !run.builder
    ? because('runImageNotStatic')
    : !run.builder && !isImageReference(image.text)
      ? because('runImageNotReference', { image: shownImage(image) })
      : !entrypointSet && chainHas(run, 'ENTRYPOINT')
        ? because(onEntrypoint)
        : null;
}

/**
 * `docker run --entrypoint cat IMG /out/app` runs `cat /out/app`, whatever ENTRYPOINT the image has
 * (`--entrypoint ""` clears it: the arguments run as written). The run as that command, without the
 * flag; the run as written when it has none, or when the entrypoint is a value only a run knows or not
 * one word (docker runs it as one executable name), which the flag checks then refuse.
 */
export function withEntrypoint(inv: RunInvocation): { run: RunInvocation; entrypointSet: boolean } {
  const set = inv.flags.filter((f) => f.name === '--entrypoint');
  const value = set.at(-1)?.value;
  if (!value || !value.isStatic || /\s/.test(value.text)) return { run: inv, entrypointSet: false };
  const flags = inv.flags.filter((f) => f.name !== '--entrypoint');
  return { run: { ...inv, flags, command: value.text === '' ? inv.command : [value, ...inv.command] }, entrypointSet: true };
}

/** The image as the message shows it: the words written, where it holds an id only a run knows (`"$IMG"`). */
export function shownImage(image: Arg): string {
  return CONTAINER_ID_TOKEN.test(image.text) ? image.raw : image.text;
}
