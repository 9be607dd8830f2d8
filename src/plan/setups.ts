import internalError from '../../rules/internal-error.js';
import { because, reportRefusal, type ExtractionRefusal } from '../../rules/unsupported-extraction.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DriverAnalysis } from '../drivers/steps.js';
import type { FileChange } from '../text/file-change.js';
import type { BuildPlan } from './model.js';
import { planDriver } from './plan-driver.js';
import type { RepoView } from '../repo/view.js';
import { recordingSkips, refusedForSkipped } from './skipped-reads.js';
import path from 'node:path';
import { edgeOr, wordIndexes } from '../text/regexp.js';
import type { Detection } from '../detect/flows.js';
import { refuseImageReads } from './image-reads.js';
import type { Flow } from '../detect/model.js';
import { reconcileWithFlows, type NotASetup } from './flow-coverage.js';
import { COPIES_OUT } from '../text/client-names.js';
import { dockerfilesAnUnreadDriverNames } from './unread-driver-files.js';
import { sourcedBy } from './sourced-files.js';

/** `skipped`: the configuration or a `# restage-ignore` comment leaves the setup alone. */
type SetupStatus = 'migrate' | 'refused' | 'skipped';

/** One builder-pattern setup found in a repository: its driver, the files it involves, and its fate. */
export interface SetupResult {
  driver: string;
  status: SetupStatus;
  /** Every file the setup reads (driver, Dockerfiles): a pre-commit run on any of them selects it. */
  files: string[];
  /**
   * Those of `files` the setup holds only by a guess from text (a Dockerfile path known at run time,
   * the words of a driver restage does not parse or follow, a script that sources the driver): a
   * pre-commit run on one reports the setup, but when it is refused another setup may still rewrite
   * the file (`-f "$1"` would otherwise hold back every migration).
   */
  guessedFiles?: string[];
  changes: FileChange[];
  diagnostics: Diagnostic[];
  /** The plan a migrating setup was synthesised from (restage verify replays it); null when refused. */
  plan: BuildPlan | null;
  /** Why a skipped setup was left alone (the ignore glob or comment, the rule turned off). */
  skipReason?: string;
}

/** A setup the planner would migrate, before synthesis has turned its plan into file changes. */
export interface PlannedSetup {
  driver: string;
  files: string[];
  /** Sorted; info diagnostics included (they say what the migration does). */
  diagnostics: Diagnostic[];
  plan: BuildPlan;
}

/**
 * Synthesis and its checks, supplied by the pipeline (plan/ sits below synthesize/). It is called
 * inside the planning of one driver, with the view that records skipped reads, so that what it reads
 * counts as read by that setup.
 */
export type Realise = (planned: PlannedSetup, repo: RepoView) => SetupResult;

/**
 * Plan each parsed driver, then hold the plans against the flows detection found (see
 * flow-coverage.ts) and against each other. `earlier`: the parse step's refusals, which come first.
 */
export function planSetups(
  repo: RepoView,
  parsed: DriverAnalysis[],
  detection: Detection,
  earlier: SetupResult[],
  builderStage: string,
  realise: Realise,
): { setups: SetupResult[]; notSetups: NotASetup[] } {
  const results = [...earlier];
  const readable = new Map(parsed.filter((a) => !a.unreadable).map((a) => [a.path, a]));
  const flowPaths = consumedByRunMounts(detection, readable);
  for (const analysis of parsed) {
    const driverPath = analysis.path;
    try {
      const { view, skippedReads } = recordingSkips(repo);
      const result = planOne(view, analysis, builderStage, realise, flowPaths.get(driverPath));
      // Planning reads Dockerfiles only for a driver that gets files out of a container: if one of them
      // was skipped, even "not a builder pattern" is a conclusion drawn without it.
      if (skippedReads.size > 0) results.push(refusedForSkipped(result ?? bareRefusal(driverPath), [...skippedReads], repo));
      else if (result) results.push(result);
    } catch (err) {
      results.push(crashed(driverPath, err));
    }
  }
  const { results: reconciled, notSetups } = reconcileWithFlows(results, detection, readable, repo);
  const refused = refuseImageReads(reconciled, detection, readable, repo);
  holdSourcingDrivers(refused, sourcedBy(readable.values(), repo));
  const setupDrivers = new Set(refused.map((r) => r.driver));
  return { setups: refuseTouchingRefused(refuseOverlaps(refused)), notSetups: notSetups.filter((n) => !setupDrivers.has(n.file)) };
}

/** The files a setup holds for certain: what it reads and would rewrite, not what it holds by a guess. */
export function certainFiles(r: SetupResult): string[] {
  return r.guessedFiles ? r.files.filter((f) => !r.guessedFiles!.includes(f)) : r.files;
}

/** A setup in a file other drivers source holds them, by a guess: they run what it migrates or refuses. */
function holdSourcingDrivers(results: SetupResult[], sourcing: Map<string, string[]>): void {
  for (const r of results) {
    const by = (sourcing.get(r.driver) ?? []).filter((d) => !r.files.includes(d));
    if (by.length === 0) continue;
    r.files = [...r.files, ...by];
    r.guessedFiles = [...(r.guessedFiles ?? []), ...by];
  }
}

/** restage's own failure on one driver: refused with internal-error, the others go on. */
export function crashed(driverPath: string, err: unknown): SetupResult {
  return {
    driver: driverPath,
    status: 'refused',
    files: [driverPath],
    changes: [],
    diagnostics: [internalError.report({ file: driverPath, line: 1, col: 1 }, { detail: err instanceof Error ? err.message : String(err) })],
    plan: null,
  };
}

/**
 * Per driver and step, the host paths a build reads that a `docker run` bind mount of that step writes.
 * Several runs mounting the same directory (`-v $(CURDIR):/src` for each binary) could each have
 * written a path: it goes to the runs whose command names it, else to the last one (the last writer
 * is what the build read).
 */
function consumedByRunMounts(detection: Detection, analyses: Map<string, DriverAnalysis>): Map<string, Map<number, string[]>> {
  const out = new Map<string, Map<number, string[]>>();
  const byPath = new Map<string, Flow[]>();
  for (const f of detection.flows) {
    if (
      (f.producer.kind !== 'run-mount' && f.producer.kind !== 'compose-run-mount') ||
      f.producer.path === null ||
      f.consumer.build.driver !== f.producer.driver
    )
      continue;
    const key = `${f.producer.driver}\u0000${f.consumer.path}`;
    byPath.set(key, [...(byPath.get(key) ?? []), f]);
  }
  for (const flows of byPath.values()) {
    const driver = analyses.get(flows[0]!.producer.driver);
    const stepText = (f: Flow) => (driver ? driver.text.slice(driver.steps[f.producer.step]!.unit.start, driver.steps[f.producer.step]!.unit.end) : '');
    const base = path.posix.basename(flows[0]!.consumer.path.replace(/\/$/, ''));
    const naming = flows.filter((f) => wordIndexes(stepText(f), base, edgeOr(/[\s"'/=]/), edgeOr(/[\s"';/)]/)).length > 0);
    const chosen = naming.length > 0 ? naming : [flows.reduce((a, b) => (b.producer.step > a.producer.step ? b : a))];
    for (const f of chosen) {
      const steps = out.get(f.producer.driver) ?? new Map<number, string[]>();
      steps.set(f.producer.step, [...(steps.get(f.producer.step) ?? []), f.consumer.path]);
      out.set(f.producer.driver, steps);
    }
  }
  return out;
}

/** A refusal that has nothing of a plan yet: only its driver, whose diagnostics are added by the caller. */
export function bareRefusal(driver: string): SetupResult {
  return { driver, status: 'refused', files: [driver], changes: [], diagnostics: [], plan: null };
}

/** Two setups that would rewrite the same file cannot both be applied atomically: neither is. */
function refuseOverlaps(results: SetupResult[]): SetupResult[] {
  const owners = new Map<string, SetupResult[]>();
  for (const r of results) for (const c of r.changes) owners.set(c.path, [...(owners.get(c.path) ?? []), r]);
  for (const [file, rs] of owners) {
    if (rs.length < 2) continue;
    for (const r of rs) {
      if (r.status === 'refused') continue;
      const others = rs
        .filter((o) => o !== r)
        .map((o) => o.driver)
        .join(', ');
      refuse(r, because('setupsRewriteOneFile', { file, others }));
    }
  }
  return results;
}

/**
 * A refused setup leaves its files byte-identical, so a migration that would rewrite one of them (a
 * runtime Dockerfile two drivers build) is refused too; refusing it may in turn hold back another.
 */
function refuseTouchingRefused(results: SetupResult[]): SetupResult[] {
  // Indexed by file: a monorepo's 5,000 setups compared pairwise took over a second.
  const refusedByFile = new Map<string, number[]>();
  const index = (i: number) => certainFiles(results[i]!).forEach((f) => refusedByFile.set(f, [...(refusedByFile.get(f) ?? []), i]));
  results.forEach((r, i) => r.status === 'refused' && index(i));
  for (let changed = true; changed;) {
    changed = false;
    results.forEach((r, i) => {
      if (r.status !== 'migrate') return;
      // The first refused setup in results' order that uses a file this one rewrites.
      let held = -1;
      for (const c of r.changes) {
        for (const o of refusedByFile.get(c.path) ?? []) if (results[o]!.driver !== r.driver && (held < 0 || o < held)) held = o;
      }
      if (held < 0) return;
      const holder = results[held]!;
      const file = r.changes.find((c) => holder.files.includes(c.path))!.path;
      refuse(r, because('rewritesRefusedSetupFile', { file, driver: holder.driver }));
      index(i);
      changed = true;
    });
  }
  return results;
}

function refuse(r: SetupResult, why: ExtractionRefusal): void {
  r.status = 'refused';
  r.changes = [];
  r.plan = null;
  // What the migration would have done no longer applies; only the driver's own warnings stay.
  r.diagnostics = r.diagnostics.filter((d) => d.severity !== 'info' && d.file === r.driver);
  r.diagnostics.push(reportRefusal({ file: r.driver, line: 1, col: 1 }, why));
  r.diagnostics.sort(compareDiagnostics);
}

function planOne(repo: RepoView, analysis: DriverAnalysis, builderStage: string, realise: Realise, runOutputs?: Map<number, string[]>): SetupResult | null {
  const driverPath = analysis.path;
  const text = analysis.text;
  if (analysis.unreadable) {
    // A script we cannot parse is only our business when it looks like it extracts an artifact (the
    // unsupported driver reports only a copy out, in any language's spelling).
    const extracts = COPIES_OUT.test(text) || analysis.diagnostics.some((d) => d.ruleId === 'unsupported-driver');
    if (!extracts || analysis.diagnostics.length === 0) return null;
    const guessedFiles = dockerfilesAnUnreadDriverNames(driverPath, text, repo);
    return {
      driver: driverPath,
      status: 'refused',
      files: [driverPath, ...guessedFiles],
      guessedFiles,
      changes: [],
      diagnostics: analysis.diagnostics,
      plan: null,
    };
  }
  const { plan, recognised, diagnostics, files, guessedFiles } = planDriver(analysis, repo, builderStage, runOutputs);
  if (!recognised) return null;
  const sorted = [...diagnostics].sort(compareDiagnostics);
  // A refused setup reports why; what its migration would have done is noise.
  if (!plan)
    return { driver: driverPath, status: 'refused', files, guessedFiles, changes: [], diagnostics: sorted.filter((d) => d.severity !== 'info'), plan: null };
  return realise({ driver: driverPath, files, diagnostics: sorted, plan }, repo);
}
