import unrecognisedExtraction from '../../rules/unrecognised-extraction.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Detection } from '../detect/flows.js';
import type { Flow, ImageBuildSite, ProducerKind } from '../detect/model.js';
import type { DriverAnalysis } from '../drivers/steps.js';
import { LineIndex } from '../text/lines.js';
import { display, isWithin } from '../dockerfile/paths.js';
import type { RepoView } from '../repo/view.js';
import type { SetupResult } from './setups.js';

/** A file that runs docker but holds no setup, and why not (`migrate --verbose` says it). */
export interface NotASetup {
  file: string;
  why: string;
}

/** Rules whose refusal stands whatever detection finds: restage could not read enough to look for flows. */
const UNREADABLE_RULES = new Set([
  'shell-parse-error',
  'driver-parse-error',
  'unsupported-driver',
  'file-not-parsed',
  'generated-dockerfile',
  'dockerfile-not-found',
  'path-outside-repo',
  'internal-error',
]);

/**
 * Planner results held against the flows detection found from the artifact:
 * - a flow no setup accounts for (the planner did not recognise its driver, or migrates the driver
 *   without that flow) is refused with `unrecognised-extraction`: never "0 setups", never half a migration;
 * - a refusal of a driver that takes part in no flow (a script that extracts test reports or release
 *   binaries no image build reads) is no setup at all: a refusal there is a false alarm.
 */
export function reconcileWithFlows(
  results: SetupResult[],
  detection: Detection,
  analyses: Map<string, DriverAnalysis>,
  repo: RepoView,
): { results: SetupResult[]; notSetups: NotASetup[] } {
  const byDriver = new Map<string, Flow[]>();
  for (const f of detection.flows) byDriver.set(f.producer.driver, [...(byDriver.get(f.producer.driver) ?? []), f]);
  const inFlow = new Set(detection.flows.flatMap((f) => [f.producer.driver, ...(f.consumer.build.driver ? [f.consumer.build.driver] : [])]));
  const out: SetupResult[] = [];
  const notSetups: NotASetup[] = [];
  for (const r of results) {
    const flows = byDriver.get(r.driver) ?? [];
    if (r.status === 'refused' && !inFlow.has(r.driver) && droppable(r, detection)) {
      notSetups.push({
        file: r.driver,
        why: 'no image build reads what its docker commands write (a test report, a release file): nothing to migrate, so nothing to refuse',
      });
      continue;
    }
    if (r.status === 'migrate' && r.plan) {
      const missed = flows.filter((f) => !covered(f, r));
      if (missed.length > 0) {
        out.push({
          ...r,
          status: 'refused',
          changes: [],
          plan: null,
          diagnostics: [
            ...r.diagnostics.filter((d) => d.severity !== 'info'),
            ...report(
              missed,
              analyses,
              repo,
              detection.builds,
              'the migration restage planned for this driver does not account for it, and a partial migration would stop feeding that build',
            ),
          ].sort(compareDiagnostics),
        });
        continue;
      }
    }
    out.push(r);
  }
  const seen = new Set(results.map((r) => r.driver));
  for (const [driver, flows] of byDriver) {
    if (seen.has(driver)) continue;
    out.push({
      driver,
      status: 'refused',
      files: flowFiles([driver, ...(analyses.get(driver)?.reads ?? []), ...builtBy(driver, detection.builds)], flows),
      changes: [],
      diagnostics: report(flows, analyses, repo, detection.builds, null).sort(compareDiagnostics),
      plan: null,
    });
  }
  const accounted = new Set([...byDriver.keys(), ...out.map((r) => r.driver), ...notSetups.map((n) => n.file)]);
  const writers = new Set(detection.writes.map((w) => w.driver));
  const builders = new Set(detection.builds.flatMap((b) => (b.driver ? [b.driver] : [])));
  for (const a of analyses.values()) {
    if (!accounted.has(a.path)) notSetups.push({ file: a.path, why: whyNot(writers.has(a.path), builders.has(a.path)) });
  }
  return { results: out, notSetups };
}

function droppable(r: SetupResult, detection: Detection): boolean {
  return !detection.unreadBuilds.has(r.driver) && !r.diagnostics.some((d) => UNREADABLE_RULES.has(d.ruleId));
}

/** A flow is the setup's when one of its extractions is (or holds, or lies in) the path a runtime Dockerfile it merges reads. */
function covered(f: Flow, r: SetupResult): boolean {
  // The planner reads paths as written: one through a link it never ties to the extraction.
  if (f.consumer.throughLink !== undefined || f.producer.throughLink !== undefined) return false;
  const plan = r.plan!;
  const merged = plan.runtimes.some((rt) => rt.finalDockerfile.path === f.consumer.build.dockerfile);
  return merged && plan.extractions.some((e) => isWithin(f.consumer.path, e.hostPath) || isWithin(e.hostPath, f.consumer.path));
}

const PRODUCER: Record<ProducerKind, string> = {
  cp: 'docker cp',
  'run-mount': 'a docker run bind mount',
  'run-volumes-from': "a docker run with another container's volumes (--volumes-from)",
  'run-stdout': "a docker run's redirected output",
  'stdout-append': "a docker command's output appended (>>) or mixed with its errors (&>)",
  'run-pipe': "a docker run's output piped into the host",
  exec: "a docker exec's output",
  'build-output': 'a BuildKit --output export',
  'bake-output': "a buildx bake target's export (its bake file's output)",
  export: 'docker export/save',
  'compose-run': "a compose service's bind mount",
  'compose-run-mount': "a compose run's bind mount",
  'compose-cp': "docker compose cp out of a service's container",
  'action-container': 'a `uses: docker://` step (the runner mounts the workspace into its container)',
  'ci-artifact': "a CI job's artifact (made in the job's container image, handed to a later job)",
  unfollowed: 'a docker command restage does not follow',
  'unread-driver': 'a docker run or export in a file restage does not parse',
  'unread-program': 'a program the driver runs, which copies out of a container and which restage does not read,',
  'engine-api': "a copy out of a container through the Docker Engine API (dockerode's getArchive)",
};

/** A driver's lines for a diagnostic's position: its analysis's, or read again for a file no driver kind parsed. */
export function driverLines(analyses: Map<string, DriverAnalysis>, repo: RepoView, driver: string): LineIndex {
  return analyses.get(driver)?.lines ?? new LineIndex(repo.readText(driver) ?? '');
}

function report(flows: Flow[], analyses: Map<string, DriverAnalysis>, repo: RepoView, builds: ImageBuildSite[], why: string | null): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const f of flows) {
    const key = `${f.producer.driver}:${f.producer.offset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const p = f.producer;
    const lines = driverLines(analyses, repo, p.driver);
    const pos = lines.position(p.offset);
    out.push(
      unrecognisedExtraction.report(
        { file: p.driver, line: pos.line, col: pos.col },
        {
          producer: PRODUCER[p.kind],
          path: p.path === null ? 'files' : display(p.path),
          consumer: `${f.consumer.build.dockerfile}:${f.consumer.line} (${f.consumer.source})`,
          why: why ?? throughLink(f) ?? actionBuilt(f, builds, lines) ?? reason(f, lines),
        },
      ),
    );
  }
  return out;
}

/**
 * The files a refused flow spans: the driver that writes it and the files it read (a compose file),
 * the files its producer read (a bake file), the Dockerfile that reads it and the driver that runs that
 * build (the workflow that downloads a CI artifact). A pre-commit run on any of them reports the refusal.
 */
function flowFiles(driverFiles: string[], flows: Flow[]): string[] {
  return [
    ...new Set([
      ...driverFiles,
      ...flows.flatMap((f) => [
        ...(f.producer.reads ?? []),
        f.consumer.build.dockerfile,
        ...(f.consumer.build.driver === null ? [] : [f.consumer.build.driver]),
      ]),
    ]),
  ];
}

/** The Dockerfiles a driver builds: a refused setup holds its builder's as the planner's refusals do. */
function builtBy(driver: string, builds: Detection['builds']): string[] {
  return builds.flatMap((b) => (b.driver === driver ? [b.dockerfile] : []));
}

/** A COPY that reads the artifact through a symbolic link of the repository (`dist/app`, dist -> bin). */
function throughLink(f: Flow): string | null {
  const [link, who] = f.consumer.throughLink !== undefined ? [f.consumer.throughLink, 'the Dockerfile names'] : [f.producer.throughLink, 'the driver writes'];
  if (link === undefined) return null;
  return `${who} it through the symbolic link ${link}, and restage does not rewrite a path through a link; name the path itself and run restage again`;
}

const UNREAD_DRIVER =
  'restage does not read this kind of driver (see unsupported-driver); migrate by hand or move the docker steps into a sh script, which restage reads';

const UNREAD_PROGRAM =
  'restage reads sh, make, JS/TS and CI files, not this program; migrate by hand, or write its docker commands in the script, which restage reads';

const ENGINE_API =
  'restage reads docker commands, not Engine API calls; migrate by hand, or copy with `docker cp` (or `docker create` and `docker cp`) in the script, which restage reads';

/** A service's mounts, when restage could not read which run of it the driver makes. */
const COMPOSE_GAP = 'restage migrates a `compose run SERVICE` whose compose file it can read (one file, no override) and no other compose command';

/** What restage's planner lacks for each way out, when it saw the flow but made no migration of it. */
const MODEL_GAP: Record<ProducerKind, string> = {
  cp: 'restage could not tie the container to an image build or image it can name',
  'run-mount': 'restage could not reproduce that docker run as a build stage',
  'run-volumes-from':
    'restage does not migrate --volumes-from: where those volumes lie on the host is set where that container was created, which a build stage does not reproduce; mount the host directory with -v on the run itself',
  'run-stdout': 'restage reproduces only `docker run IMG cat /path > file` of this kind',
  'stdout-append':
    'restage reproduces `> file` only: `>>` adds to whatever the file held before the run, `&>` writes the error stream into it too, and a COPY --from stage holds neither; write `> file` if that is what the build means',
  'run-pipe': 'restage reproduces only `docker run IMG tar -c … | tar -x …` of this kind',
  exec: 'restage does not migrate docker exec: what a running container holds depends on everything that ran in it before (its command, earlier execs), which a build stage does not reproduce; `docker run --rm IMG cat /path > file` or `docker cp` of a created container is migrated',
  'build-output': 'restage does not migrate this BuildKit export',
  'bake-output': 'restage does not migrate buildx bake',
  export: 'an export also holds files docker injects into every container, which COPY --from would not',
  'compose-run': COMPOSE_GAP,
  'compose-run-mount': 'restage could not reproduce that compose run as a build stage',
  'compose-cp': 'restage does not migrate compose services',
  'ci-artifact':
    'restage does not migrate across CI jobs: a Dockerfile stage that builds the artifact would replace the job that makes it in its image and the hand-over to the job that builds the image, which restage does not rewrite',
  'action-container':
    "restage does not migrate a container action: it runs with the runner's environment (CI, HOME, GITHUB_*) and mounts, which a build stage would not have; written as `docker run -v` in a `run:` step it is migrated",
  unfollowed: 'restage does not follow that command',
  'unread-driver': UNREAD_DRIVER,
  'unread-program': UNREAD_PROGRAM,
  'engine-api': ENGINE_API,
};

/**
 * A workflow whose `run:` step copies out of an image a `docker/build-push-action` step built (`load:
 * true`, `tags: app-builder:ci`): restage reads builds in `run:` scripts, not the action's, so it cannot
 * tie the container to its build. Said plainly, with the step, when one of the action's tags is named
 * between that step and the copy.
 */
function actionBuilt(f: Flow, builds: ImageBuildSite[], lines: LineIndex): string | null {
  const p = f.producer;
  if (p.kind !== 'cp' && p.kind !== 'run-mount' && p.kind !== 'run-stdout' && p.kind !== 'run-pipe') return null;
  const end = lines.text.indexOf('\n', p.offset);
  for (const b of builds) {
    if (b.driver !== p.driver || b.step >= 0 || b.offset === undefined || b.offset >= p.offset) continue;
    const between = lines.text.slice(b.offset, end < 0 ? undefined : end);
    // Named once in the action's own `tags:`, and again after it (`docker create app-builder:ci`).
    const tag = b.actionTags?.find((t) => between.includes(t, between.indexOf(t) + t.length));
    if (tag)
      return `the image it copies from, ${tag}, is built by the docker/build-push-action step at line ${lines.position(b.offset).line}; restage migrates a builder built by \`docker build\` in a run: step, not by the action`;
  }
  return null;
}

function reason(f: Flow, lines: LineIndex): string {
  const p = f.producer;
  const b = f.consumer.build;
  // Whatever else is missing, the command restage did not follow is what it would have to read first.
  if (p.kind === 'unread-driver') return UNREAD_DRIVER;
  if (p.kind === 'unread-program') return UNREAD_PROGRAM;
  if (p.kind === 'engine-api') return ENGINE_API;
  if (p.kind === 'unfollowed') return 'restage does not follow that command (control flow, or a spelling of docker it does not read)';
  if (b.driver === null) return `no docker build restage reads builds ${b.dockerfile}, so it cannot tell with which context and arguments it is built`;
  if (b.driver !== p.driver)
    return `the build runs in ${b.driver}, the extraction in ${p.driver}; restage migrates an extraction together with the build that reads it when one driver runs both`;
  if (p.kind === 'compose-run') return COMPOSE_GAP;
  if (b.step < 0 && b.offset !== undefined && p.step >= 0)
    return `the build that reads it is the docker/build-push-action step at line ${lines.position(b.offset).line}, which restage does not rewrite; it migrates a build run by \`docker build\` in a run: step`;
  if (p.path === null) return 'where it writes is known only at run time';
  if (p.kind === 'compose-cp') return 'restage does not migrate compose services';
  // What docker wrote became this path on the host: the command that made it is what the planner lacks.
  if (p.via !== undefined)
    return `${display(p.path)} is made on the host from what docker wrote, by the command at line ${lines.position(p.via).line}, which restage does not reproduce in a build stage here`;
  return MODEL_GAP[p.kind];
}

function whyNot(writes: boolean, builds: boolean): string {
  if (!writes && !builds) return 'its docker commands neither build an image nor write files onto the host';
  if (!writes) return 'it builds images, but no docker command of it writes a file that a build reads';
  return 'no image build reads what its docker commands write';
}
