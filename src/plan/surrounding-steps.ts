import path from 'node:path/posix';
import artifactUsedAfterBuild from '../../rules/artifact-used-after-build.js';
import builderImageUsedElsewhere from '../../rules/builder-image-used-elsewhere.js';
import driverControlFlow from '../../rules/driver-control-flow.js';
import hostStep from '../../rules/host-step-between-extraction-and-build.js';
import unsupportedExtraction from '../../rules/unsupported-extraction.js';
import type { Arg } from '../drivers/docker-cli.js';
import { resolveHostPath } from '../shell/host-path.js';
import type { DriverStep, Unit } from '../drivers/steps.js';
import { actionInputsName } from './action-inputs.js';
import { describeConstruct, notFollowed } from './control-flow.js';
import { imageKey } from '../dockerfile/image-ref.js';
import { cleanupFunctionName, trapRemovesOnly } from './kept-lines.js';
import type { Extraction, ImageBuild } from './model.js';
import { display, isWithin } from '../dockerfile/paths.js';
import type { PlanContext } from './plan-context.js';
import type { Containers } from './recognise/containers.js';
import { withClient } from '../text/client-names.js';
import { edgeOr, edgeOrNot, wordIndexes } from '../text/regexp.js';

type HostStep = Extract<DriverStep, { kind: 'host' }>;
type DockerStep = Extract<DriverStep, { kind: 'docker' }>;

/** What the migration does with the rest of the driver: the lines it removes, the builder builds it keeps. */
export interface Surroundings {
  removed: Unit[];
  /** Builder builds whose image the driver still uses (tests run in it, pushed, re-tagged): built with --target. */
  keptBuilders: Set<ImageBuild>;
}

/** The setup as the rest of the driver sees it, and the questions each step asks of it. */
interface Scene {
  ctx: PlanContext;
  containers: Containers;
  translated: Set<number>;
  runtimeSteps: Set<number>;
  builderSteps: Set<number>;
  extractionContainers: Set<number>;
  builderTags: Set<string>;
  externalRefs: Set<string>;
  keptBuilders: Set<ImageBuild>;
  lastRuntimeStep: number;
  artifactOnlyDirs: Set<string>;
  /** Definitions of functions that only remove extraction containers, run by traps alone, with their names (see cleanupFunctions). */
  cleanups: Map<DriverStep, string>;
  removed: Unit[];
}

// docker commands whose operands are image names, not files (`docker push org/app` does not name ./app).
const IMAGE_ONLY_COMMANDS = withClient(String.raw`\bCLIENT\s+(image\s+)?(push|pull|tag|login|logout|inspect|images|rmi|ls|rm)\b[^\n;&|]*`, 'g');

// docker commands that may make or read an image, container or artifact of the setup.
const BUILDS_OR_COPIES = withClient(
  String.raw`\bCLIENT\s+((-\S+\s+)*)(image\s+|container\s+|buildx\s+)?(build|cp|create|run|start|exec|commit|export|save|load|import|compose)\b|\bdocker-compose\b`,
);

/**
 * Everything else the driver does around the artifacts and the builder images: removed with the setup
 * (the builder build, the containers, clean-ups of what only the extraction made), kept (steps on other
 * files), or refused (a step on the artifact, a use of the builder image restage cannot keep).
 */
export function sortSurroundingSteps(ctx: PlanContext, containers: Containers, runtimeSteps: Set<number>, translated: Set<number>): Surroundings {
  const { extractions, builds } = ctx;
  const builderSteps = new Set(
    extractions.flatMap((e) =>
      e.source.kind === 'built' ? [e.source.build.step] : e.source.kind === 'run' && e.source.builtOn ? [e.source.builtOn.build.step] : [],
    ),
  );
  const scene: Scene = {
    ctx,
    containers,
    translated,
    runtimeSteps,
    builderSteps,
    extractionContainers: new Set(extractions.flatMap((e) => containers.copies.filter((c) => c.step === e.step).map((c) => c.container.step))),
    builderTags: new Set(builds.filter((b) => builderSteps.has(b.step)).flatMap((b) => b.tags)),
    externalRefs: new Set(extractions.flatMap((e) => (e.source.kind === 'external' ? [imageKey(e.source.ref)] : []))),
    keptBuilders: new Set(),
    lastRuntimeStep: Math.max(...runtimeSteps),
    artifactOnlyDirs: new Set(),
    cleanups: new Map(),
    removed: [],
  };
  scene.cleanups = cleanupFunctions(scene);
  for (const [i, s] of ctx.steps.entries()) {
    const b = builderUsedBy(scene, s, i);
    if (b) scene.keptBuilders.add(b);
  }
  findArtifactOnlyDirs(scene);
  for (const [i, s] of ctx.steps.entries()) {
    if (scene.cleanups.has(s)) scene.removed.push(s.unit);
    else if (s.kind === 'opaque') refuseOpaque(scene, s);
    else if (scene.builderSteps.has(i) && [...scene.keptBuilders].some((b) => b.step === i)) continue;
    else if (
      scene.builderSteps.has(i) ||
      scene.extractionContainers.has(i) ||
      extractions.some((e) => e.step === i) ||
      translated.has(i) ||
      // `CID=$(docker ps -lq)`: finds the extraction container, which the migration no longer makes.
      scene.extractionContainers.has(containers.lookups.get(i)?.step ?? -1)
    )
      scene.removed.push(s.unit);
    else if (s.kind === 'docker') sortDockerStep(scene, s, i);
    else sortHostStep(scene, s, i);
  }
  return { removed: scene.removed, keptBuilders: scene.keptBuilders };
}

/** Whether `text` names `word` as a whole (a tag `b` is not named by `bin2`, a container `x` not by `next`). */
const namesWord = (text: string, word: string) => wordIndexes(text, word, edgeOrNot(/[\w.-]/), edgeOrNot(/[\w.-]/)).length > 0;

/**
 * A block restage does not follow runs the same before and after, unless it builds, copies or runs
 * containers (a hidden part of the setup) or names what the migration removes.
 */
function refuseOpaque(scene: Scene, s: Extract<DriverStep, { kind: 'opaque' }>): void {
  const containerNames = [...scene.extractionContainers].flatMap((c) => scene.containers.byStep.get(c)?.name ?? []);
  const touches =
    BUILDS_OR_COPIES.test(s.text) ||
    scene.ctx.extractions.some((e) => namesFile(s.text.replace(IMAGE_ONLY_COMMANDS, ''), path.basename(e.hostPath))) ||
    (s.action !== undefined && scene.ctx.extractions.some((e) => actionInputsName(s.text, e.hostPath))) ||
    [...scene.builderTags].some((t) => namesWord(s.text, t.replace(/:latest$/, ''))) ||
    containerNames.some((n) => namesWord(s.text, n));
  if (touches) scene.ctx.refuse(driverControlFlow, s.unit.start, { construct: describeConstruct(s.nodeType), detail: notFollowed(s) });
}

function sortDockerStep(scene: Scene, s: DockerStep, i: number): void {
  const { ctx, containers, extractionContainers } = scene;
  if (!s.parsed.ok || scene.runtimeSteps.has(i)) return;
  const inv = s.parsed.invocation;
  // `docker rm $(docker ps -aq -f name=extract)`, `docker ps -q --filter name=^extract$ | xargs docker rm`:
  // the container is found by a filter at run time; after the migration the filter finds none, and
  // `docker rm` with no container fails.
  if (filtersExtractionContainer(scene, s)) {
    ctx.refuse(unsupportedExtraction, s.unit.start, 'otherCommandOnContainer', {});
    return;
  }
  if (inv.kind === 'rm') {
    // A clean start (`docker rm -f extract || true` before the create) names the container the create makes later.
    const laterByName = (name: string) => [...extractionContainers].find((c) => c > i && containers.byStep.get(c)?.name === name);
    const ours = inv.containers.map((a) => containers.ref(`${a.text}:`, i)?.container.step ?? laterByName(a.text));
    if (ours.length > 0 && ours.every((c) => c !== undefined && extractionContainers.has(c))) scene.removed.push(s.unit);
    else if (ours.some((c) => c !== undefined && extractionContainers.has(c))) ctx.refuse(unsupportedExtraction, s.unit.start, 'rmWithOtherContainers', {});
    return;
  }
  // Pulling the external builder image by hand is no longer needed: the build pulls it.
  if (inv.kind === 'other' && inv.subcommand === 'pull' && inv.args.length === 1 && scene.externalRefs.has(imageKey(inv.args[0]!.text))) {
    scene.removed.push(s.unit);
    return;
  }
  const onExtractionContainer = (a: Arg) => {
    const ref = containers.ref(`${a.text.split(':')[0]}:`, i);
    return ref !== null && extractionContainers.has(ref.container.step);
  };
  const removedImages = imagesRemoved(s);
  if (removedImages && removedImages.length > 0 && removedImages.every((a) => scene.builderTags.has(imageKey(a.text)))) {
    // `docker rmi app:build`: a clean-up of an image the migration no longer builds goes with it; it stays
    // when the builder is still built (--target) for a later use.
    const kept = [...scene.keptBuilders].some((b) => b.tags.some((t) => removedImages.some((a) => imageKey(a.text) === t)));
    if (!kept) scene.removed.push(s.unit);
    return;
  }
  if (mentionsBuilderTag(scene, s.args.slice(1))) {
    if (!builderUsedBy(scene, s, i))
      ctx.refuse(builderImageUsedElsewhere, s.unit.start, { image: [...scene.builderTags].join(', '), use: `docker ${s.args[1]?.text ?? ''}` });
  } else if (s.args.slice(1).some(onExtractionContainer)) {
    ctx.refuse(unsupportedExtraction, s.unit.start, 'otherCommandOnContainer', {});
  }
}

/** Whether the step's words hold a `name=` filter (`-f name=x`, `--filter "name=^/x$"`) for an extraction container's name. */
function filtersExtractionContainer(scene: Scene, s: DockerStep): boolean {
  const names = new Set([...scene.extractionContainers].flatMap((c) => scene.containers.byStep.get(c)?.name ?? []));
  if (names.size === 0) return false;
  const words = [...s.args, ...(s.pipeTo ?? [])].map((a) => a.raw);
  return words.some((w) => [...w.matchAll(NAME_FILTER)].some((m) => names.has(m[1]!)));
}

/** A `name=` filter's container name, with the regular-expression anchors docker users write (`^/x$`). */
const NAME_FILTER = /\bname=\^?\/?([A-Za-z0-9][A-Za-z0-9_.-]*?)\$?(?=["'\s)]|$)/g;

function sortHostStep(scene: Scene, s: HostStep, i: number): void {
  const { ctx, removed } = scene;
  const name = s.args[0]?.text ?? '';
  const printsOnly = (name === 'echo' || name === 'printf') && !s.stdoutTo;
  if (printsOnly && mentionsBuilderTag(scene, s.args.slice(1))) {
    // Still true when the builder image is still built; stale otherwise.
    if (![...scene.keptBuilders].some((b) => b.tags.some((t) => s.args.some((a) => a.text.includes(t))))) removed.push(s.unit);
    return;
  }
  if (printsOnly || name === 'cd' || name === 'set' || name === 'true' || name === ':') return;
  // `trap 'docker rm -f "$CID"' EXIT`: the clean-up of an extraction container goes with it.
  if (
    name === 'trap' &&
    s.args.length >= 3 &&
    s.args[1]!.isStatic &&
    (trapRemovesOnly(s.args[1]!.text, extractionContainerRefs(scene)) || [...scene.cleanups.values()].includes(s.args[1]!.text))
  ) {
    removed.push(s.unit);
    return;
  }
  if (mentionsBuilderTag(scene, s.args.slice(1))) {
    if (!builderUsedBy(scene, s, i)) ctx.refuse(builderImageUsedElsewhere, s.unit.start, { image: [...scene.builderTags].join(', '), use: name });
    return;
  }
  // `rm -rf dist` first is a clean start, `rm -rf dist` last a clean-up: neither is needed when nothing is extracted.
  if (
    (((name === 'mkdir' || name === 'rm') && noEarlierExtractionInto(scene, s, i)) || (name === 'rm' && i > scene.lastRuntimeStep)) &&
    onlyArtifactDirs(scene, s)
  ) {
    removed.push(s.unit);
    return;
  }
  const e = artifactOf(scene, s);
  if (!e) return;
  const operands = s.args.slice(1).filter((a) => !a.text.startsWith('-'));
  const artifactPaths = (x: Extraction) => (x.destExisted && !ctx.repo.isDir(x.dest) ? [x.dest, x.hostPath] : [x.hostPath]);
  const onlyArtifactPaths =
    s.cwd !== null &&
    operands.length > 0 &&
    operands.every((a) => a.isStatic && ctx.extractions.some((x) => artifactPaths(x).includes(resolveHostPath(s.cwd!, a.text) ?? '\0')));
  if ((name === 'mkdir' || name === 'rm') && onlyArtifactPaths && noEarlierExtractionInto(scene, s, i)) {
    removed.push(s.unit);
  } else if (i > scene.lastRuntimeStep && name === 'rm' && onlyArtifactPaths) {
    removed.push(s.unit);
  } else if (i > scene.lastRuntimeStep && name === 'rm' && onlyRunOutputs(scene, s)) {
    // What a `docker run -v` build left in the checkout: gone with the run, and nothing tracked is there.
    removed.push(s.unit);
  } else if (i > scene.lastRuntimeStep) {
    ctx.refuse(artifactUsedAfterBuild, s.unit.start, { command: name, artifact: display(e.hostPath) });
  } else {
    ctx.refuse(hostStep, s.unit.start, { command: name, artifact: display(e.hostPath) });
  }
}

/**
 * `cleanup() { docker rm -f "$cid" …; }` + `trap cleanup EXIT`: the function goes with the extraction when
 * its body only removes extraction containers and its name is used nowhere but in `trap NAME …`
 * statements (which go too); otherwise a call left behind would run a function that no longer exists.
 */
function cleanupFunctions(scene: Scene): Map<DriverStep, string> {
  const { steps, driver } = scene.ctx;
  const refs = extractionContainerRefs(scene);
  const out = new Map<DriverStep, string>();
  for (const s of steps) {
    const name = s.kind === 'opaque' && s.nodeType === 'function_definition' ? cleanupFunctionName(s.text, refs) : null;
    if (!name) continue;
    const traps = steps.filter((t) => t.kind === 'host' && t.args[0]?.text === 'trap' && t.args[1]?.isStatic && t.args[1].text === name);
    const uses = [...driver.text.matchAll(new RegExp(`(?<![\\w-])${name}(?![\\w-])`, 'g'))].filter((m) => m.index < s.unit.start || m.index >= s.unit.end);
    if (traps.length > 0 && uses.every((m) => traps.some((t) => m.index >= t.unit.start && m.index < t.unit.end))) out.set(s, name);
  }
  return out;
}

/** How the driver names its extraction containers: the variables holding their ids, and their names. */
function extractionContainerRefs(scene: Scene): { variables: Set<string>; names: Set<string> } {
  const { steps } = scene.ctx;
  const ours = [...scene.containers.byStep.values()].filter((c) => scene.containers.copies.some((cp) => cp.container === c));
  const assigned = (c: { step: number }) => (steps[c.step]?.kind === 'docker' ? (steps[c.step] as DockerStep).assignTo : null);
  return { variables: new Set(ours.flatMap((c) => assigned(c) ?? [])), names: new Set(ours.flatMap((c) => (c.name ? [c.name] : []))) };
}

/** The extraction a host step names (an operand, the command itself when it is a path, its redirect). */
function artifactOf(scene: Scene, s: HostStep): Extraction | null {
  // The command name counts when it is a path (`./app --version` runs the artifact).
  const candidates = [...(s.args[0]?.text.includes('/') ? [s.args[0]] : []), ...s.args.slice(1), ...(s.stdoutTo ? [s.stdoutTo] : [])];
  for (const a of candidates) {
    if (a.text.startsWith('-') && a !== s.stdoutTo) continue;
    for (const e of scene.ctx.extractions) {
      if (!a.isStatic) {
        if (a.text.includes(path.basename(e.hostPath))) return e;
        continue;
      }
      const p = s.cwd === null ? null : resolveHostPath(s.cwd, a.text);
      if (p === null ? a.text.includes(path.basename(e.hostPath)) : p !== '' && (isWithin(p, e.hostPath) || (isWithin(e.hostPath, p) && isWithin(p, e.dest))))
        return e;
    }
  }
  return null;
}

function mentionsBuilderTag(scene: Scene, args: Arg[]): boolean {
  return args.some((a) => [...scene.builderTags].some((t) => namesTag(a, t)));
}

/**
 * Whether a word names the image `t` (`name:tag`): as itself, inside a longer word, or as a word of a
 * command substitution or filter (`$(docker images -q app/builder)`, `--filter reference=app/builder`),
 * where an untagged name means `:latest`.
 */
function namesTag(a: Arg, t: string): boolean {
  if (imageKey(a.text) === t || a.text.includes(t)) return true;
  if (!t.endsWith(':latest')) return false;
  const name = t.slice(0, -':latest'.length);
  // A string search: a regular expression per word and tag was the planner's largest self time on a
  // monorepo of 3,000 setups, and V8 will not compile one from a name of a very long line.
  return wordIndexes(a.raw, name, edgeOr(/[\s=("']/), edgeOr(/[\s)"']/)).length > 0;
}

/**
 * The images `docker rmi [-f] IMG…` / `docker image rm|remove IMG…` removes; null for any other command,
 * or one with another flag.
 */
function imagesRemoved(s: DockerStep): Arg[] | null {
  if (!s.parsed.ok || s.parsed.invocation.kind !== 'other') return null;
  const { subcommand, args } = s.parsed.invocation;
  const operands = subcommand === 'rmi' ? args : subcommand === 'image' && (args[0]?.text === 'rm' || args[0]?.text === 'remove') ? args.slice(1) : null;
  if (operands === null || operands.some((a) => a.text.startsWith('-') && !RMI_FLAGS.has(a.text))) return null;
  return operands.filter((a) => !a.text.startsWith('-'));
}

const RMI_FLAGS = new Set(['-f', '--force', '--no-prune']);

/** A builder image the driver still uses (tests run in it, pushed, re-tagged) keeps a --target build. */
function builderUsedBy(scene: Scene, s: DriverStep, i: number): ImageBuild | undefined {
  if (
    s.kind === 'opaque' ||
    scene.builderSteps.has(i) ||
    scene.extractionContainers.has(i) ||
    scene.runtimeSteps.has(i) ||
    scene.ctx.extractions.some((e) => e.step === i)
  )
    return undefined;
  if (s.kind === 'host' && (s.args[0]?.text === 'echo' || s.args[0]?.text === 'printf') && !s.stdoutTo) return undefined;
  if (s.kind === 'docker' && s.parsed.ok && s.parsed.invocation.kind === 'rm') return undefined;
  // Removing the builder image is no use of it (sortDockerStep removes the line with the build).
  if (s.kind === 'docker' && (imagesRemoved(s)?.every((a) => scene.builderTags.has(imageKey(a.text))) ?? false)) return undefined;
  if (!mentionsBuilderTag(scene, s.args.slice(1))) return undefined;
  return scene.ctx.builds.find((b) => scene.builderSteps.has(b.step) && b.step < i && s.args.slice(1).some((a) => b.tags.some((t) => namesTag(a, t))));
}

/**
 * Directories that exist only to receive artifacts (`mkdir -p out` before `docker cp … out/app`, and
 * `rm -rf out` after the build): not in the checkout, no build's context, named by no other step.
 */
function findArtifactOnlyDirs(scene: Scene): void {
  const { ctx } = scene;
  for (const e of ctx.extractions) {
    for (let d = path.dirname(e.hostPath); d !== '.' && d !== ''; d = path.dirname(d)) {
      if (ctx.repo.isDir(d) || ctx.repo.isFile(d) || ctx.builds.some((b) => isWithin(b.context, d))) break;
      const dir = d;
      const namedElsewhere = ctx.steps.some((o, j) => {
        if (ctx.extractions.some((x) => x.step === j) || scene.extractionContainers.has(j)) return false;
        if (o.kind === 'opaque') return o.text.includes(dir);
        if (o.kind === 'host' && (o.args[0]?.text === 'mkdir' || o.args[0]?.text === 'rm')) return false;
        return (
          o.cwd === null ||
          o.args.slice(1).some((a) => {
            const p = a.isStatic ? resolveHostPath(o.cwd!, a.text.replace(/^[^:/]*:/, '')) : null;
            return p === null ? a.text.includes(dir) : isWithin(p, dir);
          })
        );
      });
      if (namedElsewhere) break;
      scene.artifactOnlyDirs.add(dir);
    }
  }
}

/**
 * A step that makes or clears where artifacts go, with no extraction before it writing there: the
 * migration removes it (nothing is extracted any more). After an extraction into the same place, an
 * `rm` would have thrown that artifact away, so it stays a refusal.
 */
function noEarlierExtractionInto(scene: Scene, s: HostStep, i: number): boolean {
  const ops = operandPaths(s);
  return ops !== null && scene.ctx.extractions.every((x) => x.step > i || !ops.some((p) => p === null || isWithin(x.hostPath, p) || isWithin(p, x.hostPath)));
}

function operandPaths(s: HostStep): (string | null)[] | null {
  if (s.cwd === null) return null;
  const cwd = s.cwd;
  return s.args
    .slice(1)
    .filter((a) => !a.text.startsWith('-'))
    .map((a) => (a.isStatic ? resolveHostPath(cwd, a.text) : null));
}

function onlyArtifactDirs(scene: Scene, s: HostStep): boolean {
  const ops = operandPaths(s);
  return (
    ops !== null && ops.length > 0 && ops.every((p) => p !== null && (scene.artifactOnlyDirs.has(p) || scene.ctx.extractions.some((x) => x.hostPath === p)))
  );
}

function onlyRunOutputs(scene: Scene, s: HostStep): boolean {
  const { repo, extractions } = scene.ctx;
  const operands = s.args.slice(1).filter((a) => !a.text.startsWith('-'));
  return (
    s.cwd !== null &&
    operands.length > 0 &&
    operands.every((a) => {
      const p = a.isStatic ? resolveHostPath(s.cwd!, a.text) : null;
      return p !== null && p !== '' && !repo.isFile(p) && !repo.isDir(p) && extractions.some((x) => x.source.kind === 'run' && isWithin(p, x.hostPath));
    })
  );
}

/** Whether shell text names a file as a word or a path's last part (`app`, `./app`, `"$D/app"`, not `ifp/app:1` or `apple`). */
function namesFile(text: string, base: string): boolean {
  const b = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s"'=])(\\S*/)?${b}(?=$|[\\s"';|&)<>])`, 'm').test(text);
}
