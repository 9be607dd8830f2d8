// One setup: the legacy image and the migrated image, each built in a temp copy under verify's names,
// compared, and everything made on the way removed.
import fs from 'node:fs';
import path from 'node:path';
import type { BuildPlan } from '../plan/model.js';
import type { RepoView } from '../repo/view.js';
import type { FileChange } from '../text/file-change.js';
import { buildArgv, type BuildClient } from './client.js';
import { CommandFailed, dockerLogged, runAsync, tailLines } from './engine.js';
import {
  contextBytesFromLog,
  createdBy,
  editSource,
  filesWritten,
  imageSizes,
  removeAdded,
  treeState,
  warmEditTarget,
  warmReplay,
  type Measures,
  type SideMeasures,
} from './measure.js';
import { expandFromEnv } from './env-words.js';
import { staysInside } from './host-commands.js';
import { CONFIG_KEYS, snapshotImage } from './image-snapshot.js';
import { OwnedResources } from './owned.js';
import { legacyReplay, migratedReplay, NotReplayable, replayedRuntimes, type HostRun, type Replay } from './replay.js';
import { proofOf, reportDifferences, type SetupReport, type Side, type VerifyMode } from './report.js';
import { readRewrittenDriver, RewrittenDriverBroken, treeRepo } from './rewritten-driver.js';
import { rewrittenReplay } from './rewritten-replay.js';
import { driverCommand, runDriver } from './run-driver.js';
import { driverKindOf } from '../drivers/claims.js';
import { invokedFrom } from '../drivers/index.js';
import { diffSnapshots } from './snapshot-diff.js';
import { applyChanges, copyTree, removeStaleArtifacts, removeTree } from './workspace.js';

export interface SetupJob {
  /** The driver as the report shows it. */
  display: string;
  plan: BuildPlan;
  /** Tree the legacy side copies (the checkout, or the --base revision). */
  legacyTree: string;
  /** Tree the migrated side copies, before `changes` are applied to the copy. */
  migratedTree: string;
  changes: FileChange[];
  /** The legacy tree as the planner saw it (what a fresh checkout holds). */
  view: RepoView;
}

export interface VerifySession {
  runId: string;
  mode: VerifyMode;
  /** The client builds go through (buildx, or docker build with DOCKER_BUILDKIT=1). */
  client: BuildClient;
  /** Rebuild each side warm after changing one builder source, and time it (--no-warm: not). */
  warm: boolean;
  /** Called before each step; reports progress and throws Interrupted after Ctrl-C. */
  step(label: string, index: number, total: number): Promise<void>;
  /** Lets a pending SIGINT be seen, then throws Interrupted if there was one. */
  checkInterrupt(): Promise<void>;
}

export class Interrupted extends Error {}

/** A client with BuildKit built in: execute()'s default when no client was looked for. */
const CLASSIC_CLIENT: BuildClient = { kind: 'docker-buildkit', version: '' };

class SideFailed extends Error {
  constructor(
    readonly side: Side,
    readonly stepLabel: string,
    readonly log: string[],
  ) {
    super(`${side}: ${stepLabel}`);
  }
}

/** Where a setup's verify is: a could-not-build verdict names the side and step that failed. */
interface Progress {
  side: Side;
  stepLabel: string;
  done: number;
  total: number;
}

type Step = (s: Side, label: string) => Promise<void>;

/** The images each side ended with, in driver order, and what building them measured (the replays only). */
interface Built {
  legacyImages: string[];
  migratedImages: string[];
  measures: Measures | null;
}

export async function verifySetup(job: SetupJob, index: number, session: VerifySession): Promise<SetupReport> {
  const owned = new OwnedResources(session.runId, index);
  const dirs: string[] = [];
  // What an `equivalent` would prove; the replay of the rewritten driver says how it read it.
  const base: SetupReport = { driver: job.display, verdict: 'equivalent', proof: proofOf(session.mode, null), compared: null, differences: [], notes: [] };
  const at: Progress = { side: 'legacy', stepLabel: 'preparing the temp copies', done: 0, total: 1 };
  const step: Step = async (s, label) => {
    at.side = s;
    at.stepLabel = label;
    await session.step(`${s}: ${label}`, ++at.done, at.total);
  };
  try {
    const legacyDir = copyTree(job.legacyTree, 'legacy');
    dirs.push(legacyDir);
    const migratedDir = copyTree(job.migratedTree, 'migrated');
    dirs.push(migratedDir);
    at.side = 'migrated';
    applyChanges(migratedDir, job.changes);
    at.side = 'legacy';
    removeStaleArtifacts(legacyDir, job.plan, job.view);
    removeStaleArtifacts(migratedDir, job.plan, job.view);
    const built =
      session.mode !== 'run-driver'
        ? await replayBoth(job, session, owned, base, at, step, legacyDir, migratedDir)
        : await runDriverBoth(job, owned, at, step, legacyDir, migratedDir);
    at.side = 'legacy';
    await session.step('comparing the images', ++at.done, at.total);
    return { ...base, ...(await compareImages(job, owned, built, at)), measures: built.measures };
  } catch (err) {
    await session.checkInterrupt();
    if (err instanceof Interrupted) throw err;
    if (err instanceof SideFailed) return { ...base, verdict: 'could-not-build', side: err.side, step: err.stepLabel, log: err.log.join('\n') };
    if (err instanceof CommandFailed)
      return { ...base, verdict: 'could-not-build', side: at.side, step: at.stepLabel, log: tailLines(`${err.command}\n${err.output}`).join('\n') };
    if (err instanceof RewrittenDriverBroken)
      return { ...base, verdict: 'could-not-build', side: 'migrated', step: 'reading the rewritten driver', log: err.message };
    if (err instanceof NotReplayable) {
      return {
        ...base,
        verdict: 'could-not-build',
        side: at.side,
        step: at.stepLabel,
        log: `${err.message}\n(restage verify --run-driver runs the driver as written instead; that executes the script)`,
      };
    }
    throw err;
  } finally {
    owned.cleanup();
    for (const d of dirs) removeTree(d);
  }
}

/** The plan's replay on the legacy side, the rewritten driver's (or, with --plan-only, the plan's) on the migrated one; each cold, then warm after the same edit. */
async function replayBoth(
  job: SetupJob,
  session: VerifySession,
  owned: OwnedResources,
  base: SetupReport,
  at: Progress,
  step: Step,
  legacyDir: string,
  migratedDir: string,
): Promise<Built> {
  at.stepLabel = 'reading the plan';
  const legacy = legacyReplay(job.plan, legacyDir, owned);
  at.side = 'migrated';
  at.stepLabel = 'reading the rewritten driver';
  let migrated: Replay;
  if (session.mode === 'plan') {
    migrated = migratedReplay(job.plan, migratedDir, owned);
  } else {
    const rewritten = await readRewrittenDriver(migratedDir, job.plan.driver.path, job.plan.driver.text);
    base.proof = proofOf(session.mode, rewritten.readBy);
    migrated = rewrittenReplay(rewritten, job.plan, migratedDir, owned);
  }
  at.side = 'legacy';
  base.notes.push(...legacy.notes, ...migrated.notes);
  const edit = session.warm ? warmEditTarget(job.plan, legacyDir) : null;
  at.total = (legacy.actions.length + migrated.actions.length) * (edit ? 2 : 1) + 1;
  // Each side: cold (empty cache for this setup, --no-cache), then warm after the same edit.
  const measureSide = async (replay: Replay, s: Side, dir: string): Promise<SideMeasures> => {
    const before = treeState(dir);
    const t0 = performance.now();
    const { contextBytes } = await execute(replay, s, step, base.notes, session.client);
    const coldMs = Math.round(performance.now() - t0);
    const hostFilesWritten = filesWritten(before, treeState(dir));
    const finalImages = await imageSizes(replay.images);
    let warmMs: number | null = null;
    if (edit) {
      removeAdded(dir, before);
      owned.removeContainers();
      editSource(dir, edit);
      const t1 = performance.now();
      try {
        await execute(warmReplay(replay, owned, s), s, step, [], session.client);
        warmMs = Math.round(performance.now() - t1);
      } catch (err) {
        if (!(err instanceof SideFailed || err instanceof CommandFailed)) throw err;
        base.notes.push(`${s}: the warm rebuild after changing ${edit} failed, so it is not measured: ${err.message.split('\n', 1)[0]}`);
      }
    }
    return { coldMs, warmMs, ...createdBy(replay), contextBytes, hostFilesWritten, finalImages };
  };
  const legacyMeasures = await measureSide(legacy, 'legacy', legacyDir);
  // BuildKit 0.8 can reuse a cached COPY layer whose source differs only in owners (measured):
  // the migrated build must not see the legacy build's cache.
  owned.pruneBuildCache();
  const migratedMeasures = await measureSide(migrated, 'migrated', migratedDir);
  const warmEdit = edit ? { path: edit } : { skipped: session.warm ? 'no builder source file found to change' : 'not asked for (--no-warm)' };
  return { legacyImages: legacy.images, migratedImages: migrated.images, measures: { legacy: legacyMeasures, migrated: migratedMeasures, warmEdit } };
}

/** --run-driver: the driver as written on each side, its runtime images kept under verify's tags. */
async function runDriverBoth(job: SetupJob, owned: OwnedResources, at: Progress, step: Step, legacyDir: string, migratedDir: string): Promise<Built> {
  at.total = 3;
  const [image, ...others] = replayedRuntimes(job.plan).map((rt) => finalTag(job.plan, rt));
  const knownTags = job.plan.builds.flatMap((b) => b.tags.flatMap((t) => expandTag(t) ?? []));
  const containerImages = job.plan.extractions.flatMap((e) => (e.source.kind === 'external' ? [e.source.ref] : []));
  // Where the planner read the script as starting: its caller's directory (a package.json script, a
  // Makefile recipe) for a sh or JS script, else its own.
  const own = path.posix.dirname(job.plan.driver.path) === '.' ? '' : path.posix.dirname(job.plan.driver.path);
  const legacy = treeRepo(legacyDir);
  const kind = driverKindOf(job.plan.driver.path, (legacy.readText(job.plan.driver.path) ?? '').slice(0, 64));
  const runDir = ((kind === 'sh' || kind === 'js') && invokedFrom(job.plan.driver.path, legacy)) || own;
  const inDriverDir = (root: string) => (runDir === '' ? root : path.join(root, runDir));
  const driver = runDir === '' ? job.plan.driver.path : job.plan.driver.path.slice(runDir.length + 1);
  const legacyImages = [image!, ...others].map((_, n) => owned.imageTag(n === 0 ? 'legacy' : `legacy${n + 1}`));
  const migratedImages = [image!, ...others].map((_, n) => owned.imageTag(n === 0 ? 'migrated' : `migrated${n + 1}`));
  const keep = (tags: string[]) => ({ image: image!, keepAs: tags[0]!, also: others.map((o, n) => ({ image: o, keepAs: tags[n + 1]! })) });
  await step('legacy', `running ${job.plan.driver.path}`);
  const command = driverCommand(inDriverDir(legacyDir), driver);
  runDriver({ cwd: inDriverDir(legacyDir), driver, command, ...keep(legacyImages), knownTags, containerImages, owned });
  owned.pruneBuildCache();
  await step('migrated', `running ${job.plan.driver.path}`);
  runDriver({ cwd: inDriverDir(migratedDir), driver, command, ...keep(migratedImages), knownTags, containerImages, owned });
  return { legacyImages, migratedImages, measures: null };
}

/** Each legacy image against its migrated counterpart: files and runtime config. */
async function compareImages(
  job: SetupJob,
  owned: OwnedResources,
  built: Built,
  at: Progress,
): Promise<Pick<SetupReport, 'verdict' | 'compared' | 'differences'>> {
  at.stepLabel = 'reading the legacy image';
  const runtimes = replayedRuntimes(job.plan);
  const differences: SetupReport['differences'] = [];
  let paths = 0;
  for (const [n, legacyImage] of built.legacyImages.entries()) {
    at.side = 'legacy';
    at.stepLabel = 'reading the legacy image';
    const a = await snapshotImage(legacyImage, owned.containerName(`export-legacy${n + 1}`));
    at.side = 'migrated';
    at.stepLabel = 'reading the migrated image';
    const b = await snapshotImage(built.migratedImages[n]!, owned.containerName(`export-migrated${n + 1}`));
    // With several runtime images, each difference says which Dockerfile's image it is in.
    const image = built.legacyImages.length > 1 ? runtimes[n]!.finalDockerfile.path : null;
    differences.push(...reportDifferences(diffSnapshots(a, b)).map((d) => (image === null ? d : { ...d, image })));
    paths += new Set([...a.files.keys(), ...b.files.keys()]).size;
  }
  return {
    verdict: differences.length === 0 ? 'equivalent' : 'different',
    compared: { paths, configKeys: CONFIG_KEYS.length * built.legacyImages.length },
    differences,
  };
}

/** Runs a replay's actions; `step` is told before each. Returns the build context bytes BuildKit reported. */
export async function execute(
  replay: Replay,
  side: Side,
  step: (s: Side, label: string) => Promise<void>,
  notes: string[],
  client: BuildClient = CLASSIC_CLIENT,
): Promise<{ contextBytes: number }> {
  let contextBytes = 0;
  for (const a of replay.actions) {
    await step(side, a.label);
    if (a.kind === 'docker' && !a.stdout) {
      const r = await dockerLogged(buildArgv(client, a.args), { cwd: a.cwd });
      if (a.args[0] === 'build') contextBytes += contextBytesFromLog(r.stderr);
    } else if (a.kind === 'docker') {
      const r = await runAsync('docker', a.args, { cwd: a.cwd });
      if (r.status !== 0) throw new SideFailed(side, a.label, tailLines(r.stderr));
      if ('file' in a.stdout!) {
        checkInside(a.stdout.file, a.cwd, a.label);
        // As the shell's `>` does: truncate, or create with 0666 less the umask.
        fs.writeFileSync(a.stdout.file, r.stdout);
      } else {
        const pipe = a.stdout!.pipe;
        checkPaths(pipe, a.label);
        const p = await runAsync(pipe.argv[0]!, pipe.argv.slice(1), { cwd: pipe.cwd, input: r.stdout });
        if (p.status !== 0) throw new SideFailed(side, `${a.label} | ${pipe.argv.join(' ')}`, tailLines(p.stderr));
      }
    } else {
      checkPaths(a, a.label);
      const r = await runAsync(a.argv[0]!, a.argv.slice(1), { cwd: a.cwd });
      if (r.status !== 0 && a.errexit) throw new SideFailed(side, a.label, tailLines(`${r.stdout.toString('utf8')}${r.stderr}`));
      if (r.status !== 0) notes.push(`${side}: ${a.label} failed (exit ${r.status}); without set -e the driver goes on, and so does the replay`);
    }
  }
  return { contextBytes };
}

function checkPaths(h: HostRun, label: string): void {
  for (const p of h.paths) checkInside(p, h.root, label);
}

function checkInside(p: string, root: string, label: string): void {
  if (!staysInside(root, p)) throw new NotReplayable(`${label}: ${p} leads out of the copy through a symlink`);
}

/** The runtime build's first tag, which --run-driver finds the driver's image by. */
function finalTag(plan: BuildPlan, rt: BuildPlan['runtimes'][number]): string {
  const t = rt.final.tags[0];
  if (t === undefined) throw new NotReplayable(`the runtime build in ${plan.driver.path} has no -t, so --run-driver cannot find its image`);
  const x = expandTag(t);
  if (x === null) throw new NotReplayable(`the runtime build's tag ${t} is not known (a variable verify cannot read)`);
  return x;
}

function expandTag(t: string): string | null {
  const x = expandFromEnv(t);
  return x.ok ? x.text : null;
}
