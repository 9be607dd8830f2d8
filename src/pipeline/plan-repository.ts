// One repository through the pipeline: parse the drivers, detect the flows, plan each setup,
// synthesize and check its files, then look for other files that name what a migration removes.
import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import { detectFlows } from '../detect/flows.js';
import { driverFor } from '../drivers/index.js';
import type { DriverAnalysis } from '../drivers/steps.js';
import type { NotASetup } from '../plan/flow-coverage.js';
import type { BuildPlan } from '../plan/model.js';
import type { RepoView } from '../repo/view.js';
import { leakedRunTimeValue } from '../plan/run-time-values.js';
import { bareRefusal, certainFiles, crashed, planSetups, type PlannedSetup, type SetupResult } from '../plan/setups.js';
import { refusedForSkipped } from '../plan/skipped-reads.js';
import { checkWrittenDockerfiles } from '../plan/validate-output.js';
import { checkWrittenGitlab } from '../plan/written-ci.js';
import { findReferences } from '../references/index.js';
import { synthesize } from '../synthesize/index.js';
import { MENTIONS_CLIENT } from '../text/client-names.js';

/** Only scripts that mention docker are parsed: the wasm parser is not even loaded for the rest. */
function mentionsDocker(text: string): boolean {
  return MENTIONS_CLIENT.test(text);
}

/** MENTIONS_CLIENT, global: every mention in turn. */
const CLIENT_MENTIONS = new RegExp(MENTIONS_CLIENT.source, 'gi');

/**
 * docker subcommands that neither build an image nor write a file onto the host, nor start a container
 * whose output could be redirected: a script that runs only these takes part in no flow (detect/producers.ts
 * lists what writes), so it is not parsed. In a monorepo most scripts that mention docker push or pull.
 */

const INERT_SUBCOMMAND = /^(push|pull|login|logout|tag|rmi|rm|stop|kill|images|ps|version|info)$/;

/**
 * Whether every mention of docker or podman in the text is the command word followed on its line by an
 * inert subcommand. Anything else (`docker build`, `$DOCKER`, `docker/`, `docker-compose`, a global
 * option before the subcommand, a comment that names another subcommand) sends the script to the parser.
 */
export function onlyInertDocker(text: string): boolean {
  for (const m of text.matchAll(CLIENT_MENTIONS)) {
    const next = /^[ \t]+([a-z]+)(?=[\s;|&)]|$)/.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 24));
    if (!next || !INERT_SUBCOMMAND.test(next[1]!)) return false;
  }
  return true;
}

const INERT_WHY = 'it runs only docker commands that neither build an image nor write files onto the host (push, pull, login, tag, rm …); not parsed';

export async function planRepository(repo: RepoView, driverPaths: string[], builderStage = 'builder'): Promise<SetupResult[]> {
  return (await planRepositoryDetailed(repo, driverPaths, builderStage)).setups;
}

export async function planRepositoryDetailed(
  repo: RepoView,
  driverPaths: string[],
  builderStage = 'builder',
): Promise<{ setups: SetupResult[]; notSetups: NotASetup[] }> {
  const { parsed, refused, inert } = await parseDrivers(repo, driverPaths);
  const readable = parsed.filter((a) => !a.unreadable);
  const detection = detectFlows(readable, repo, repo.dockerfiles?.() ?? []);
  const { setups, notSetups } = planSetups(repo, parsed, detection, refused, builderStage, realise);
  return { setups: withReferences(setups, repo), notSetups: [...notSetups, ...inert.map((file) => ({ file, why: INERT_WHY }))] };
}

/** Every driver that mentions docker, parsed; a skipped one that mentions it, or a parser crash, is refused. */
async function parseDrivers(repo: RepoView, driverPaths: string[]): Promise<{ parsed: DriverAnalysis[]; refused: SetupResult[]; inert: string[] }> {
  const refused: SetupResult[] = [];
  const parsed: DriverAnalysis[] = [];
  const inert: string[] = [];
  for (const driverPath of driverPaths) {
    const text = repo.readText(driverPath);
    const skipped = repo.skipped?.(driverPath);
    if (text === null && skipped?.mentionsDocker) refused.push(refusedForSkipped(bareRefusal(driverPath), [driverPath], repo));
    if (text === null || !mentionsDocker(text)) continue;
    if (onlyInertDocker(text)) {
      inert.push(driverPath);
      continue;
    }
    try {
      const kind = driverFor(driverPath, text.slice(0, 64));
      const analysis = kind ? await kind.extract(driverPath, text, repo) : null;
      if (analysis) parsed.push(analysis);
    } catch (err) {
      refused.push(crashed(driverPath, err));
    }
  }
  return { parsed, refused, inert };
}

/** A plan's files, written out and checked before anything may be written to disk. */
function realise(p: PlannedSetup, repo: RepoView): SetupResult {
  const changes = synthesize(p.plan);
  // The planner's stand-ins for values only a run knows (container ids, a loop pass's value) must never reach a file.
  const leaked = leakedRunTimeValue(
    changes,
    p.files.map((f) => repo.readText(f) ?? ''),
  );
  if (leaked) throw new Error(`a value known only at run time would be written into ${leaked}`);
  const invalid = [...checkWrittenDockerfiles(p.plan, changes), ...checkWrittenGitlab(p.plan, changes)];
  if (invalid.length > 0) {
    const diagnostics = [...p.diagnostics.filter((d) => d.severity !== 'info'), ...invalid].sort(compareDiagnostics);
    return { driver: p.driver, status: 'refused', files: p.files, changes: [], diagnostics, plan: null };
  }
  return { driver: p.driver, status: 'migrate', files: p.files, changes, diagnostics: p.diagnostics, plan: p.plan };
}

/**
 * Other files still naming what a migration removes break silently: each mention is a warning. Only
 * migrating setups are searched, all in one pass, through the repository itself: a document too large
 * to search is no file the setup needs.
 */
function withReferences(results: SetupResult[], repo: RepoView): SetupResult[] {
  const migrating = results.filter((r): r is SetupResult & { plan: BuildPlan } => r.status === 'migrate' && r.plan !== null);
  const found = findReferences(
    // A file the setup holds by a guess (a script that sources its driver) is another file: its mentions count.
    migrating.map((r) => ({ plan: r.plan, own: new Set([...certainFiles(r), ...r.changes.map((c) => c.path)]) })),
    repo,
  );
  migrating.forEach((r, i) => {
    if (found[i]!.length > 0) r.diagnostics = [...r.diagnostics, ...found[i]!].sort(compareDiagnostics);
  });
  return results;
}
