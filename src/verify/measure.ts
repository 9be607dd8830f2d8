// What the migration buys, measured on both sides in the same run: wall time cold and warm, what
// each side created on the way, the build context each build sent, the files left in the working
// tree, and the final images' size and layer count.
import fs from 'node:fs';
import path from 'node:path';
import type { BuildPlan } from '../plan/model.js';
import { dockerAsync } from './engine.js';
import type { Namer, Replay, ReplayAction } from './replay.js';

export interface SideMeasures {
  /** Every step of the side's replay, with an empty cache and --no-cache. */
  coldMs: number;
  /** The same steps again with the cache the cold run left, after one source the builder reads changed. */
  warmMs: number | null;
  /** Images built, and of those the ones that are not a compared runtime image (builders, kept --target builds). */
  imagesBuilt: number;
  intermediateImages: number;
  /** Containers created (docker create, docker run) to get artifacts out. */
  containers: number;
  /** Bytes of build context sent, summed over the side's cold builds (BuildKit's "transferring context"). */
  contextBytes: number;
  /** Files created or changed in the working tree by the cold run (artifacts the legacy flow leaves there). */
  hostFilesWritten: number;
  /** One per compared runtime image. */
  finalImages: { size: number; layers: number }[];
}

export interface Measures {
  legacy: SideMeasures;
  migrated: SideMeasures;
  /** The builder source changed for the warm rebuild (repo-relative), or why there was no warm rebuild. */
  warmEdit: { path: string } | { skipped: string };
}

/** Counts of what a replay's actions create: read from the actions verify ran, not guessed. */
export function createdBy(replay: Replay): Pick<SideMeasures, 'imagesBuilt' | 'intermediateImages' | 'containers'> {
  const final = new Set(replay.images);
  let imagesBuilt = 0;
  let intermediateImages = 0;
  let containers = 0;
  for (const a of replay.actions) {
    if (a.kind !== 'docker') continue;
    if (a.args[0] === 'build') {
      imagesBuilt++;
      if (!final.has(tagOf(a.args) ?? '')) intermediateImages++;
    } else if (a.args[0] === 'create' || a.args[0] === 'run') containers++;
  }
  return { imagesBuilt, intermediateImages, containers };
}

function tagOf(args: readonly string[]): string | null {
  const i = args.indexOf('-t');
  return i >= 0 ? (args[i + 1] ?? null) : null;
}

/**
 * The bytes BuildKit says it sent as build context: the last "transferring context" of each
 * "[internal] load build context" step of a `--progress=plain` log (the .dockerignore step too
 * says "transferring context"; it is not the context).
 */
export function contextBytesFromLog(log: string): number {
  const contextSteps = new Set<string>();
  const last = new Map<string, number>();
  for (const line of log.split('\n')) {
    const title = /^#(\d+) \[internal\] load build context\s*$/.exec(line);
    if (title) contextSteps.add(title[1]!);
    const sent = /^#(\d+) transferring context: ([\d.]+)([kMGT]?B)\b/.exec(line);
    if (sent) last.set(sent[1]!, Math.round(Number(sent[2]) * UNITS[sent[3]!]!));
  }
  let total = 0;
  for (const [step, bytes] of last) if (contextSteps.has(step)) total += bytes;
  return total;
}

/** BuildKit prints sizes with go-units' HumanSize: decimal multiples. */
const UNITS: Record<string, number> = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

export async function imageSizes(tags: readonly string[]): Promise<SideMeasures['finalImages']> {
  const out: SideMeasures['finalImages'] = [];
  for (const t of tags) {
    const [size = '0', layers = '0'] = (await dockerAsync(['image', 'inspect', '--format', '{{.Size}} {{len .RootFS.Layers}}', t])).trim().split(' ');
    out.push({ size: Number(size), layers: Number(layers) });
  }
  return out;
}

/** Every path of a tree (not .git) with what tells a change: `dir`, or size, mode and mtime. */
export function treeState(root: string): Map<string, string> {
  const state = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const p = rel === '' ? e.name : `${rel}/${e.name}`;
      if (p === '.git') continue;
      if (e.isDirectory()) {
        state.set(p, 'dir');
        walk(p);
      } else {
        const st = fs.lstatSync(path.join(root, p));
        state.set(p, `${st.size} ${st.mode} ${st.mtimeMs}`);
      }
    }
  };
  walk('');
  return state;
}

/** Files (not directories) created or changed between two states. */
export function filesWritten(before: Map<string, string>, after: Map<string, string>): number {
  let n = 0;
  for (const [p, s] of after) if (s !== 'dir' && before.get(p) !== s) n++;
  return n;
}

/**
 * Removes what a run added to the tree (files and directories not in `before`), so the warm rebuild
 * starts from the checkout as the cold one did (a `mkdir bin` would fail on the bin/ it left).
 */
export function removeAdded(root: string, before: Map<string, string>): void {
  const added = [...treeState(root).keys()].filter((p) => !before.has(p)).sort((a, b) => b.length - a.length);
  for (const p of added) fs.rmSync(path.join(root, p), { recursive: true, force: true });
}

/**
 * The source the warm rebuild changes: a file of a builder's context that its Dockerfile names (the
 * first by path), else any file of that context; for a setup without a builder build, of the runtime
 * build's context. Never a Dockerfile, .dockerignore, the driver or a file under .git.
 */
export function warmEditTarget(plan: BuildPlan, root: string): string | null {
  const builders = plan.runtimes.flatMap((rt) => rt.builders.map((b) => b.build));
  const builds = builders.length > 0 ? builders : plan.runtimes.map((rt) => rt.final);
  for (const b of builds) {
    const dockerfileText = readOr(path.join(root, b.dockerfile));
    const files = contextFiles(root, b.context).filter((f) => f !== plan.driver.path && !/(^|\/)(Dockerfile[^/]*|[^/]*\.Dockerfile|\.dockerignore)$/.test(f));
    const named = files.find((f) => dockerfileText.includes(path.posix.basename(f)));
    if (named ?? files[0]) return named ?? files[0]!;
  }
  return null;
}

function contextFiles(root: string, context: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const dir = path.join(root, rel);
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.name === '.git') continue;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(context);
  return out;
}

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The everyday edit: one more line at the end of the source (content changes, so the cache must notice). */
export function editSource(root: string, rel: string): void {
  fs.appendFileSync(path.join(root, rel), '\n');
}

/**
 * The replay again, for the warm rebuild: builds keep their cache (no --no-cache) and everything the
 * replay names gets a name of its own, so the cold images stay for the comparison.
 */
export function warmReplay(replay: Replay, names: Namer, side: string): Replay {
  const renamed = new Map<string, string>();
  let n = 0;
  const rename = (old: string, make: (role: string) => string) => {
    if (!renamed.has(old)) renamed.set(old, make(`${side}-warm${++n}`));
    return renamed.get(old)!;
  };
  for (const a of replay.actions) {
    if (a.kind !== 'docker') continue;
    const t = a.args[0] === 'build' ? tagOf(a.args) : null;
    if (t) rename(t, (r) => names.imageTag(r));
    const nameAt = a.args.indexOf('--name');
    if (nameAt >= 0) rename(a.args[nameAt + 1]!, (r) => names.containerName(r));
  }
  // `docker cp NAME:path dest`: the container is the part before the first colon (a tag has its own).
  const swap = (w: string): string => {
    if (renamed.has(w)) return renamed.get(w)!;
    const colon = w.indexOf(':');
    return colon > 0 && renamed.has(w.slice(0, colon)) ? `${renamed.get(w.slice(0, colon))}${w.slice(colon)}` : w;
  };
  const actions: ReplayAction[] = replay.actions.map((a) => (a.kind === 'docker' ? { ...a, args: a.args.filter((w) => w !== '--no-cache').map(swap) } : a));
  return { actions, images: replay.images.map(swap), notes: [] };
}
