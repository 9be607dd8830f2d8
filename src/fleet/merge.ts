// `restage report merge`: the JSON reports of many repositories (one `migrate --format json` or
// `verify --format json` per repository, e.g. one per CI shard) summed into one summary: counts by
// status, verdict and rule id, and the setups that need a person.
import fs from 'node:fs';

export interface FleetSummary {
  version: 1;
  /** Each input report: its file, kind and how many setups it holds. */
  reports: { file: string; kind: 'migrate' | 'verify'; setups: number }[];
  setups: number;
  /** migrate reports: migrate / refused / skipped. */
  byStatus: Record<string, number>;
  /** verify reports: equivalent / different / could-not-build / refused. */
  byVerdict: Record<string, number>;
  /** Rule ids of refusals (migrate: error diagnostics; verify: a refused setup's rules), by setups. */
  byRule: Record<string, number>;
  /** Setups refused, different or not built, in input order. */
  attention: { file: string; root: string | null; driver: string; outcome: string; rules: string[] }[];
}

export class MergeInputError extends Error {}

interface MigrateSetup {
  root?: unknown;
  driver?: unknown;
  status?: unknown;
  diagnostics?: { ruleId?: unknown; severity?: unknown }[];
}
interface VerifySetup {
  driver?: unknown;
  verdict?: unknown;
  rules?: unknown;
}

/** `shown`: the file as the user named it (in the summary and errors); `path`: where to read it. */
export function mergeReports(inputs: readonly { shown: string; path: string }[]): FleetSummary {
  const out: FleetSummary = { version: 1, reports: [], setups: 0, byStatus: {}, byVerdict: {}, byRule: {}, attention: [] };
  const count = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  for (const input of inputs) {
    const file = input.shown;
    const r = readJson(input.path, file);
    const kind = reportKind(r, file);
    const setups = r.setups as unknown[];
    out.reports.push({ file, kind, setups: setups.length });
    out.setups += setups.length;
    for (const [i, raw] of setups.entries()) {
      if (typeof raw !== 'object' || raw === null) throw new MergeInputError(`${file}: setups[${i}] is not an object`);
      if (kind === 'migrate') {
        const s = raw as MigrateSetup;
        if (typeof s.status !== 'string' || typeof s.driver !== 'string') throw new MergeInputError(`${file}: setups[${i}] has no status or driver`);
        count(out.byStatus, s.status);
        const rules = [...new Set((s.diagnostics ?? []).filter((d) => d.severity === 'error' && typeof d.ruleId === 'string').map((d) => d.ruleId as string))];
        for (const rule of rules) count(out.byRule, rule);
        if (s.status === 'refused') out.attention.push({ file, root: typeof s.root === 'string' ? s.root : null, driver: s.driver, outcome: s.status, rules });
      } else {
        const s = raw as VerifySetup;
        if (typeof s.verdict !== 'string' || typeof s.driver !== 'string') throw new MergeInputError(`${file}: setups[${i}] has no verdict or driver`);
        count(out.byVerdict, s.verdict);
        const rules = Array.isArray(s.rules) ? s.rules.filter((x): x is string => typeof x === 'string') : [];
        for (const rule of rules) count(out.byRule, rule);
        if (s.verdict !== 'equivalent') out.attention.push({ file, root: null, driver: s.driver, outcome: s.verdict, rules });
      }
    }
  }
  return out;
}

function readJson(at: string, file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(at, 'utf8');
  } catch (err) {
    throw new MergeInputError(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as Record<string, unknown>;
  } catch (err) {
    throw new MergeInputError(`${file}: not JSON (${(err as Error).message.split('\n', 1)[0]})`);
  }
  throw new MergeInputError(`${file}: not a restage report (a JSON object)`);
}

/** migrate's report has a tool and a summary; verify's a mode. Versions this restage writes only. */
function reportKind(r: Record<string, unknown>, file: string): 'migrate' | 'verify' {
  if (!Array.isArray(r.setups)) throw new MergeInputError(`${file}: not a restage report (no setups)`);
  if (typeof r.mode === 'string') {
    if (r.version !== 2) throw new MergeInputError(`${file}: a verify report of version ${String(r.version)}; this restage merges version 2`);
    return 'verify';
  }
  if (typeof r.tool === 'object' && r.tool !== null) {
    if (r.version !== 1) throw new MergeInputError(`${file}: a migrate report of version ${String(r.version)}; this restage merges version 1`);
    return 'migrate';
  }
  throw new MergeInputError(`${file}: not a restage migrate or verify report`);
}

export function summaryLineOf(s: FleetSummary): string {
  const part = (m: Record<string, number>) =>
    Object.entries(m)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${v} ${k}`)
      .join(', ');
  const parts = [part(s.byStatus), part(s.byVerdict)].filter((x) => x !== '');
  return `restage report merge: ${s.reports.length} report${s.reports.length === 1 ? '' : 's'}, ${s.setups} setup${s.setups === 1 ? '' : 's'}${parts.length ? `: ${parts.join('; ')}` : ''}\n`;
}
