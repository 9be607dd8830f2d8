// `--run-driver`: the repository's own driver script runs (this executes it) in a temp copy, and its
// final image is kept under verify's tag. The driver tags images with the user's names, so the tags
// it touches are set aside before and put back after; what it created goes.
import fs from 'node:fs';
import path from 'node:path';
import { CommandFailed, docker, dockerQuiet, run } from './engine.js';
import { setupScriptName } from '../drivers/index.js';
import { TAG_PREFIX, type OwnedResources } from './owned.js';

export interface DriverRun {
  /** Directory the driver runs in (restage assumes a script starts in its own directory). */
  cwd: string;
  /** The driver, relative to cwd. */
  driver: string;
  /** How to run it (driverCommand of the legacy tree); by default, driverCommand of cwd. */
  command?: DriverCommand;
  /** The final image the driver builds (a tag). */
  image: string;
  /** Further images the driver builds (several runtime images), each kept under its own tag. */
  also?: { image: string; keepAs: string }[];
  /** Verify's tag for that image. */
  keepAs: string;
  /** Every tag the driver is known to write (the user's images under them are set aside meanwhile). */
  knownTags: string[];
  /** Images (pulled builder images) whose containers the driver may leave behind. */
  containerImages: string[];
  owned: OwnedResources;
}

export interface DriverCommand {
  command: string;
  args: string[];
}

/**
 * How the driver (relative to cwd) is run: `sh`/`bash` per its shebang, `make -f` for a Makefile,
 * this Node for a JavaScript file, `npm run <the setup's script>` for package.json. Read from the
 * legacy tree: the migrated package.json's script no longer copies out of a container, but it is the
 * same script. TypeScript files and CI configurations need a runner restage does not have: it says so.
 */
export function driverCommand(cwd: string, driver: string): DriverCommand {
  const base = path.basename(driver);
  if (/^(GNUmakefile|[Mm]akefile)$/.test(base) || base.endsWith('.mk')) return { command: 'make', args: ['-f', driver] };
  if (base === 'package.json') {
    const script = setupScriptName(fs.readFileSync(path.join(cwd, driver), 'utf8'));
    if (script === null) throw new CommandFailed(`npm run (${driver})`, 1, 'no script of this package.json copies files out of a container');
    return { command: 'npm', args: ['--no-update-notifier', 'run', script] };
  }
  if (/\.[cm]?js$/.test(base)) return { command: process.execPath, args: [driver] };
  if (/\.[cm]?ts$/.test(base) || /\.ya?ml$/.test(base)) {
    const what = /ts$/.test(base) ? 'a TypeScript driver (it needs a TypeScript runner)' : 'a CI configuration';
    throw new CommandFailed(`run ${driver}`, 1, `--run-driver does not run ${what}; verify without --run-driver replays restage's plan of it`);
  }
  const head = fs.readFileSync(path.join(cwd, driver), 'utf8').split('\n', 1)[0] ?? '';
  return { command: /^#!.*\bbash\b/.test(head) ? 'bash' : 'sh', args: [driver] };
}

/** tag → image id, for every tagged image. */
function imageTags(): Map<string, string> {
  const out = docker(['image', 'ls', '--no-trunc', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
  const pairs = out
    .split('\n')
    .filter((l) => l && !l.includes('<none>'))
    .map((l) => l.split(' ') as [string, string]);
  return new Map(pairs);
}

function containerIds(): Set<string> {
  return new Set(docker(['ps', '-aq', '--no-trunc']).split('\n').filter(Boolean));
}

export function imageExists(ref: string): boolean {
  return run('docker', ['image', 'inspect', ref]).status === 0;
}

/**
 * Runs the driver and tags its final image as keepAs. Throws CommandFailed when the driver fails or
 * builds no image: a sh script without `set -e` exits 0 after a failed build, so only a tag that did
 * not exist before the run proves the build.
 */
export function runDriver(r: DriverRun): void {
  const tagsBefore = imageTags();
  const containersBefore = containerIds();
  const setAside = new Map<string, string>();
  const keep = [{ image: r.image, keepAs: r.keepAs }, ...(r.also ?? [])];
  for (const t of new Set([...r.knownTags, ...keep.map((k) => k.image)])) {
    if (!tagsBefore.has(t) || t.startsWith(TAG_PREFIX)) continue;
    const aside = r.owned.imageTag(`aside${setAside.size + 1}`);
    docker(['tag', t, aside]);
    docker(['rmi', t]); // only untags: the image keeps the aside tag
    setAside.set(t, aside);
  }
  try {
    const { command, args } = r.command ?? driverCommand(r.cwd, r.driver);
    const res = run(command, args, { cwd: r.cwd });
    const output = `${res.stdout}${res.stderr}`;
    const shown = `${command} ${args.join(' ')}`;
    if (res.status !== 0) throw new CommandFailed(shown, res.status, output);
    for (const k of keep) {
      if (!imageExists(k.image)) throw new CommandFailed(shown, 0, `${output}\n(the driver exited 0 but built no ${k.image})`);
      docker(['tag', k.image, k.keepAs]);
    }
  } finally {
    restore(r, tagsBefore, containersBefore, setAside);
  }
}

/** Puts the user's tags back, and removes the tags, images and containers the driver made. */
function restore(r: DriverRun, tagsBefore: Map<string, string>, containersBefore: Set<string>, setAside: Map<string, string>): void {
  const after = imageTags();
  const kept = new Set([r.keepAs, ...(r.also ?? []).map((k) => k.keepAs)]);
  const made = new Set<string>();
  for (const [tag, id] of after) {
    if (kept.has(tag) || tag.startsWith(TAG_PREFIX) || tagsBefore.get(tag) === id) continue;
    made.add(id);
    const old = tagsBefore.get(tag);
    if (old === undefined || setAside.has(tag)) dockerQuiet(['rmi', tag]);
    else dockerQuiet(['tag', old, tag]);
  }
  for (const [tag, aside] of setAside) dockerQuiet(['tag', aside, tag]);
  // Containers the driver left, made from images it built (a user's container made meanwhile is not ours).
  const left = [...containerIds()].filter((c) => !containersBefore.has(c));
  if (left.length > 0) {
    const theirs = new Set([...made, ...r.containerImages.map((ref) => run('docker', ['image', 'inspect', '--format', '{{.Id}}', ref]).stdout.trim())]);
    for (const c of left) if (theirs.has(run('docker', ['inspect', '--format', '{{.Image}}', c]).stdout.trim())) dockerQuiet(['rm', '-f', '-v', c]);
  }
  const now = imageTags();
  const keptIds = new Set([...kept].map((t) => now.get(t)));
  for (const id of made) if (!keptIds.has(id)) r.owned.adoptImage(id);
}
