import internalError from '../../rules/internal-error.js';
import unsupportedExtraction from '../../rules/unsupported-extraction.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DriverAnalysis } from '../drivers/steps.js';
import { driverFor } from '../drivers/index.js';
import { findReferences } from '../references/index.js';
import { synthesize, type FileChange } from '../synthesize/index.js';
import type { BuildPlan } from './model.js';
import { planDriver } from './plan-driver.js';
import type { RepoView } from './repo-view.js';

/** `skipped`: the configuration or a `# restage-ignore` comment leaves the setup alone. */
export type SetupStatus = 'migrate' | 'refused' | 'skipped';

/** One builder-pattern setup found in a repository: its driver, the files it involves, and its fate. */
export interface SetupResult {
  driver: string;
  status: SetupStatus;
  /** Every file the setup reads (driver, Dockerfiles): a pre-commit run on any of them selects it. */
  files: string[];
  changes: FileChange[];
  diagnostics: Diagnostic[];
  /** The plan a migrating setup was synthesised from (restage verify replays it); null when refused. */
  plan: BuildPlan | null;
  /** Why a skipped setup was left alone (the ignore glob or comment, the rule turned off). */
  skipReason?: string;
}

/** Only scripts that mention docker are parsed: the wasm parser is not even loaded for the rest. */
export function mentionsDocker(text: string): boolean {
  return /\bdocker\b/i.test(text);
}

export async function planRepository(repo: RepoView, driverPaths: string[], builderStage = 'builder'): Promise<SetupResult[]> {
  const results: SetupResult[] = [];
  for (const driverPath of driverPaths) {
    const text = repo.readText(driverPath);
    if (text === null || !mentionsDocker(text)) continue;
    try {
      const result = await planOne(repo, driverPath, text, builderStage);
      if (result) results.push(result);
    } catch (err) {
      results.push({
        driver: driverPath,
        status: 'refused',
        files: [driverPath],
        changes: [],
        diagnostics: [internalError.report({ file: driverPath, line: 1, col: 1 }, { detail: err instanceof Error ? err.message : String(err) })],
        plan: null,
      });
    }
  }
  return refuseOverlaps(results);
}

/** Two setups that would rewrite the same file cannot both be applied atomically: neither is. */
function refuseOverlaps(results: SetupResult[]): SetupResult[] {
  const owners = new Map<string, SetupResult[]>();
  for (const r of results) for (const c of r.changes) owners.set(c.path, [...(owners.get(c.path) ?? []), r]);
  for (const [file, rs] of owners) {
    if (rs.length < 2) continue;
    for (const r of rs) {
      if (r.status === 'refused') continue;
      r.status = 'refused';
      r.changes = [];
      r.plan = null;
      const others = rs.filter((o) => o !== r).map((o) => o.driver).join(', ');
      // What the migration would have done no longer applies; only the driver's own warnings stay.
      r.diagnostics = r.diagnostics.filter((d) => d.severity !== 'info' && d.file === r.driver);
      r.diagnostics.push(unsupportedExtraction.report({ file: r.driver, line: 1, col: 1 }, { how: `a setup whose migration rewrites ${file}, which the setup of ${others} rewrites too,` }));
      r.diagnostics.sort(compareDiagnostics);
    }
  }
  return results;
}

async function planOne(repo: RepoView, driverPath: string, text: string, builderStage: string): Promise<SetupResult | null> {
  const kind = driverFor(driverPath, text.slice(0, 64));
  if (!kind) return null;
  const analysis: DriverAnalysis = await kind.extract(driverPath, text);
  if (analysis.unreadable) {
    // A script we cannot parse is only our business when it looks like it extracts an artifact.
    if (!/\bdocker\s+(container\s+)?cp\b/.test(text) || analysis.diagnostics.length === 0) return null;
    return { driver: driverPath, status: 'refused', files: [driverPath], changes: [], diagnostics: analysis.diagnostics, plan: null };
  }
  const { plan, recognised, diagnostics, files } = planDriver(analysis, repo, builderStage);
  if (!recognised) return null;
  const sorted = [...diagnostics].sort(compareDiagnostics);
  // A refused setup reports why; what its migration would have done is noise.
  if (!plan) return { driver: driverPath, status: 'refused', files, changes: [], diagnostics: sorted.filter((d) => d.severity !== 'info'), plan: null };
  const changes = synthesize(plan);
  // The planner's stand-ins for values only a run knows (container ids, a loop pass's value) must never reach a file.
  const leaked = changes.find((c) => c.after !== null && c.after.includes('\u0001'));
  if (leaked) throw new Error(`a value known only at run time would be written into ${leaked.path}`);
  // Other files still naming what the migration removes break silently: each mention is a warning.
  const references = findReferences(plan, repo, new Set([...files, ...changes.map((c) => c.path)]));
  return { driver: driverPath, status: 'migrate', files, changes, diagnostics: [...sorted, ...references].sort(compareDiagnostics), plan };
}
