import { driverKindOf } from '../drivers/claims.js';
import { excludingPattern } from '../dockerfile/dockerignore.js';
import { RUN_TIME_VALUE, type DriverAnalysis } from '../drivers/steps.js';
import type { DockerfileModel } from '../dockerfile/parse.js';
import { globToRegExp, isWithin, joinRel, selfAndAncestors } from '../dockerfile/paths.js';
import type { RepoView } from '../repo/view.js';
import { readCompose } from './compose.js';
import { consumedPaths, driverBuilds, loadDockerfile } from './consumers.js';
import { throughLinks } from './links.js';
import type { ConsumedPath, Flow, HostWrite, ImageBuildSite, ImageRead } from './model.js';
import { imageReads } from './image-reads.js';
import { hostWrites } from './producers.js';
import { bakeOutputs } from './bake.js';
import { PathIndex } from './path-index.js';
import { readWorkflows } from './workflows.js';
import { ciArtifactWrites } from './ci-artifacts.js';
import { programWrites } from './program-writes.js';
import { withClient } from '../text/client-names.js';

/** The subcommand of a docker step that did not parse, when it is an image build. */
const UNREAD_BUILD_COMMAND = /^(build|image build|builder build|buildx build|buildx b)$/;

/** An opaque step (a pipeline, an `if`) that runs a build restage did not read as a step. */
const OPAQUE_BUILD = withClient(String.raw`\bCLIENT\b[^\n]*\sbuild\b`);

export interface Detection {
  flows: Flow[];
  writes: HostWrite[];
  builds: ImageBuildSite[];
  /** Drivers that run an image build whose Dockerfile restage cannot read: what it consumes is unknown. */
  unreadBuilds: Set<string>;
  /** Builds that read an earlier build of their driver by its tag (see image-reads.ts). */
  imageReads: ImageRead[];
}

/**
 * Flows from the artifact: every COPY/ADD source of every image build (scripts, Makefiles, package.json,
 * JS/TS, CI, compose; and Dockerfiles nothing seen builds, from their own directory) that a docker
 * command writes onto the host. Pure: reads only through the repository view.
 */
export function detectFlows(drivers: DriverAnalysis[], repo: RepoView, dockerfiles: readonly string[] = []): Detection {
  const workflows = readWorkflows(repo);
  const own = drivers.map((d) => hostWrites(d));
  // A file of a language restage does not parse (a Ruby script in tools/) is claimed for its `docker cp`,
  // SDK copies and extracting lines: when those found nothing, its other ways out of a container are
  // looked for in it as in any program a driver runs. A driver refused as unreadable is not passed here:
  // the driver that runs it is refused too, and holds the files a pre-commit run may be given.
  const read = new Set(drivers.filter((d, i) => own[i]!.length > 0 || driverKindOf(d.path, d.text.slice(0, 64)) !== 'unsupported').map((d) => d.path));
  // A write lands where the repository's links lead (`docker cp … dist/app` with dist -> bin writes bin/app).
  const writes = [
    ...own.flat(),
    ...drivers.flatMap((d) => programWrites(d, repo, read)),
    ...drivers.flatMap((d) => bakeOutputs(d, repo)),
    ...workflows.outputs,
    ...ciArtifactWrites(repo),
  ].map((w) => writtenThroughLinks(w, repo));
  const builds = [...drivers.flatMap((d) => driverBuilds(d, repo)), ...workflows.builds];
  const unreadBuilds = new Set<string>();
  for (const d of drivers) {
    if (
      d.steps.some(
        (s) =>
          (s.kind === 'docker' && s.parsed.ok && s.parsed.invocation.kind === 'build' && (s.cwd === null || !s.parsed.invocation.context?.isStatic)) ||
          // A build with a flag restage cannot read (`--build-context`, `--annotation`): its Dockerfile is not read either.
          (s.kind === 'docker' && !s.parsed.ok && UNREAD_BUILD_COMMAND.test(s.parsed.subcommand)) ||
          (s.kind === 'opaque' && OPAQUE_BUILD.test(s.text)),
      )
    )
      unreadBuilds.add(d.path);
  }
  const cache = new Map<string, DockerfileModel | null>();
  const byTag = imageReads(builds, repo, cache);
  // No docker command writes anything: no flow is possible, and no compose file or Dockerfile needs parsing.
  if (writes.length === 0) return { flows: [], writes, builds, unreadBuilds, imageReads: byTag };
  const compose = readCompose(repo);
  builds.push(...compose.builds);
  // A compose service's mounts write only when something runs it.
  if (writes.some((w) => w.kind === 'compose-run')) writes.push(...compose.mounts);
  const built = new Set(builds.map((b) => b.dockerfile));
  // A Dockerfile nothing seen builds is read only where a write could reach its directory (a monorepo
  // has many; most are built by the drivers that name them).
  const anywhere = writes.some((w) => w.path === null);
  const written = new PathIndex(writes.flatMap((w) => (w.path === null ? [] : [[w.path.replace(RUN_TIME_VALUE_IN_PATH_G, 'x'), w] as [string, HostWrite]])));
  const reachable = (dir: string) => anywhere || written.atOrAbove(dir).length > 0 || written.below(dir).length > 0;
  for (const df of dockerfiles) {
    const dir = df.includes('/') ? df.slice(0, df.lastIndexOf('/')) : '';
    if (!built.has(df) && reachable(dir)) builds.push({ dockerfile: df, context: dir, driver: null, step: -1 });
  }

  const consumed: ConsumedPath[] = [];
  for (const b of builds) {
    const df = loadDockerfile(repo, b.dockerfile, cache);
    if (df === null) {
      if (b.driver !== null) unreadBuilds.add(b.driver);
      continue;
    }
    consumed.push(...consumedPaths(b, df, repo));
  }

  // Only pairs whose paths can meet are tested: a consumer at, above or below the written path (and
  // every wildcard, unknown or run-time-named one); testing all writes × all sources was quadratic.
  const flows: Flow[] = [];
  const plain = new PathIndex(consumed.filter((c) => c.glob === null).map((c) => [c.path, c] as [string, ConsumedPath]));
  // A wildcard source reads only paths under its fixed directory (`svc/package*.json`: svc/): indexed
  // there, it meets a write at, above or below it; a monorepo of services with `COPY package*.json ./`
  // tested every write against every one. Kept in the order of `consumed`.
  const globs = new PathIndex(consumed.flatMap((c, i) => (c.glob === null ? [] : [[c.path, i] as [string, number]])));
  const globsMeeting = (p: string) => inOrder(consumed, [...globs.atOrAbove(p), ...globs.below(p)]);
  const callers = fileCallers(drivers);
  const absent = absentByDriver(consumed);
  const ownGlobs = globsByDriver(consumed);
  const position = new Map(consumed.map((c, i) => [c, i]));
  for (const w of writes) {
    // The drivers that run the writing file, for a write restage cannot place (found once per write, not per source).
    const runBy = w.path === null && RUN_BY_CALLER.has(w.kind) ? callers(w.driver) : NO_CALLERS;
    const candidates =
      w.path === null
        ? inOrder(consumed, [...new Set([...absent([w.driver, null, ...runBy]), ...ownGlobs(w.driver)].map((c) => position.get(c)!))])
        : RUN_TIME_VALUE_IN_PATH.test(w.path)
          ? consumed
          : [...plain.atOrAbove(w.path), ...plain.below(w.path), ...globsMeeting(w.path)];
    for (const c of candidates) {
      if (reads(w, c, repo, runBy)) flows.push({ producer: w, consumer: c });
    }
  }
  return { flows, writes, builds, unreadBuilds, imageReads: byTag };
}

function writtenThroughLinks(w: HostWrite, repo: RepoView): HostWrite {
  if (w.path === null) return w;
  const { path, link } = throughLinks(repo, w.path);
  return link === null ? w : { ...w, path, throughLink: link };
}

/**
 * The sources a write restage cannot place may reach: absent ones, of a build of the writing driver, of
 * no driver, or of a driver that runs it (see reads). In the order of `consumed`. A monorepo's hundreds
 * of such writes each tested every source: 4.6 million pairs at 100,000 files.
 */
function absentByDriver(consumed: ConsumedPath[]): (drivers: (string | null)[]) => ConsumedPath[] {
  const byDriver = new Map<string | null, number[]>();
  consumed.forEach((c, i) => {
    if (!c.absent) return;
    const list = byDriver.get(c.build.driver);
    if (list) list.push(i);
    else byDriver.set(c.build.driver, [i]);
  });
  return (drivers) =>
    inOrder(
      consumed,
      [...new Set(drivers)].flatMap((d) => byDriver.get(d) ?? []),
    );
}

/** The wildcard sources the checkout holds the directory of, by the driver whose build reads them (see reads). */
function globsByDriver(consumed: ConsumedPath[]): (driver: string) => ConsumedPath[] {
  const byDriver = new Map<string, ConsumedPath[]>();
  for (const c of consumed)
    if (c.glob !== null && !c.absent && c.build.driver !== null) byDriver.set(c.build.driver, [...(byDriver.get(c.build.driver) ?? []), c]);
  return (driver) => byDriver.get(driver) ?? [];
}

/** The sources at these indexes of `consumed`, in its order: flows come out as the unindexed loop gave them. */
function inOrder(consumed: ConsumedPath[], indexes: number[]): ConsumedPath[] {
  return indexes.sort((a, b) => a - b).map((i) => consumed[i]!);
}

/** Writes of a program another driver may run (not a compose file's services, which a compose command runs). */
const RUN_BY_CALLER = new Set<HostWrite['kind']>(['engine-api', 'unread-driver', 'unread-program', 'unfollowed']);

const NO_CALLERS: ReadonlySet<string> = new Set();

/**
 * The drivers whose text names a file as a word (`node tools/extract.js`, `./scripts/copy.sh`): they
 * may run it. Indexed by last path segment once, on first use: a monorepo has thousands of drivers.
 */
function fileCallers(drivers: DriverAnalysis[]): (file: string) => ReadonlySet<string> {
  let byName: Map<string, Set<string>> | undefined;
  return (file) => {
    if (byName === undefined) {
      byName = new Map();
      for (const d of drivers)
        for (const m of d.text.matchAll(/(?:^|[\s'"=/])([^\s'"=/;&|()]+)(?=$|[\s'";&|)])/gm)) byName.set(m[1]!, (byName.get(m[1]!) ?? new Set()).add(d.path));
    }
    return byName.get(file.slice(file.lastIndexOf('/') + 1)) ?? NO_CALLERS;
  };
}

/** Whether the build reads (part of) what the write puts on the host. */
function reads(w: HostWrite, c: ConsumedPath, repo: RepoView, runBy: ReadonlySet<string>): boolean {
  // A container action may write anything into the workspace: what a later build of the same workflow reads and the checkout lacks.
  if (w.kind === 'action-container') return c.absent && c.build.driver === w.driver && (c.build.offset === undefined || c.build.offset > w.offset);
  // A workflow step's export lands after its own build read the context, and after any earlier step's build.
  if (w.step < 0 && c.build.driver === w.driver && c.build.offset !== undefined && c.build.offset <= w.offset) return false;
  // A job's artifact reaches a build that copies it or its directory as a path the checkout lacks:
  // `COPY . .` next to a test job that uploads coverage/ is no use of it.
  if (w.kind === 'ci-artifact') return c.absent && (w.path === null ? c.build.driver === w.driver : isWithin(c.path, w.path) || isWithin(w.path, c.path));
  if (w.path === null) {
    // Somewhere unknown: only a file nothing else provides, read by this driver's own builds, a driver's
    // that runs this one (`node tools/extract.js`, then `docker build .`), or a Dockerfile nothing seen builds.
    // A wildcard (`COPY app-* /srv/`) counts by its directory, which the checkout may hold: what the
    // driver's own build matches (the only such candidates, see globsByDriver) may be what the write
    // named at run time (`./app-$(git rev-parse HEAD)`).
    if (c.glob !== null && !c.absent) return true;
    return c.absent && (c.build.driver === w.driver || c.build.driver === null || runBy.has(c.build.driver));
  }
  // A path named after a loop's variable (`./app-$variant`) stands for every value it takes.
  const varying = RUN_TIME_VALUE_IN_PATH.test(w.path) ? globToRegExp(w.path.replace(RUN_TIME_VALUE_IN_PATH_G, '*')) : null;
  const p = varying ? w.path.replace(RUN_TIME_VALUE_IN_PATH_G, 'x') : w.path;
  const tracked = p === '' || repo.isFile(p) || repo.isDir(p);
  if (varying && selfAndAncestors(c.path).some((a) => varying.test(a))) return true;
  // `COPY b* /srv/` matching the directory bin reads what was written into it.
  if (c.glob && !tracked && (selfAndAncestors(p).some((a) => c.glob!.test(a)) || isWithin(c.path, p))) return true;
  if (c.absent) return isWithin(c.path, p) || isWithin(p, c.path);
  // A writable bind mount of a tracked directory (`-v "$PWD/dist":/out` with a dist/.gitkeep): the run
  // writes inside it, so a COPY of the directory or of a path in it reads what the run wrote. Not the
  // checkout itself, and not a COPY of a directory above the mount (`COPY . .` after a linter that
  // mounted src/): nothing says the run wrote there.
  const intoTrackedMount = (w.kind === 'run-mount' || w.kind === 'compose-run-mount') && p !== '' && repo.isDir(p) && isWithin(c.path, p);
  // `COPY dist /srv` of a tracked dist/ that the write adds to, or `COPY . .` reading an extracted ./app.
  if (!intoTrackedMount && (tracked || c.glob || !isWithin(p, c.path))) return false;
  // A test report copied out after the image was built is not in it, and a build reads its context
  // before its own --output lands (absent sources above need no order: a Makefile's rules are not in
  // the order make runs them).
  if (c.build.driver === w.driver && c.build.step >= 0 && w.step >= c.build.step) return false;
  const ignore = repo.readText(joinRel(c.build.context, '.dockerignore'));
  const rel = c.build.context === '' ? p : p.slice(c.build.context.length + 1);
  return ignore === null || excludingPattern(ignore, rel) === null;
}

/** The planner's stand-ins for run-time values (steps.ts), tested without the global flag's state. */
const RUN_TIME_VALUE_IN_PATH = new RegExp(RUN_TIME_VALUE.source);
const RUN_TIME_VALUE_IN_PATH_G = RUN_TIME_VALUE;
