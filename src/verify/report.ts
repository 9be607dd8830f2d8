// What `restage verify` says about each setup: as text (aligned rows), or as one JSON object.
import type { ConfigKey, JsonValue } from './image-snapshot.js';
import type { Measures } from './measure.js';
import { measuresText } from './measures-text.js';
import type { Difference, FileDiffKind } from './snapshot-diff.js';

type Verdict = 'equivalent' | 'different' | 'could-not-build' | 'refused';
export type Side = 'legacy' | 'migrated';

/** `image`: the runtime Dockerfile whose image differs, when the setup builds several. */
export type ReportedDifference =
  | { path: string; kind: FileDiffKind; legacy: string; migrated: string; image?: string }
  | { config: ConfigKey; kind: 'config'; legacy: JsonValue; migrated: JsonValue; image?: string };

/**
 * How the migrated side was built, which is what an `equivalent` proves: `rewritten-driver` (the
 * default) replays the driver restage wrote, read afresh; `plan` replays restage's plan on both sides
 * (the merged Dockerfile only); `run-driver` runs both drivers as written.
 */
export type VerifyMode = 'rewritten-driver' | 'plan' | 'run-driver';

export interface Proof {
  kind: 'rewritten-driver-replayed' | 'merged-dockerfile' | 'driver-run';
  /** One sentence: what was built on each side. */
  text: string;
}

export function proofOf(mode: VerifyMode, readBy: string | null): Proof {
  switch (mode) {
    case 'rewritten-driver':
      return {
        kind: 'rewritten-driver-replayed',
        text: `the rewritten driver replayed (read by ${readBy ?? 'its parser'}) against restage's replay of the legacy driver`,
      };
    case 'plan':
      return { kind: 'merged-dockerfile', text: "the merged Dockerfile only: restage's plan replayed on both sides, the rewritten driver not read" };
    case 'run-driver':
      return { kind: 'driver-run', text: 'both drivers run as written' };
  }
}

export interface SetupReport {
  /** The driver, as a path from the current directory. */
  driver: string;
  verdict: Verdict;
  /** What the verdict rests on (absent for a refused setup: nothing was built). */
  proof?: Proof;
  /** How much was compared (equivalent / different). */
  compared: { paths: number; configKeys: number } | null;
  /** Paths are absolute in the image (`/usr/local/bin/app`). */
  differences: ReportedDifference[];
  /** could-not-build: which side, at which step, and the last lines of its output. */
  side?: Side;
  step?: string;
  log?: string;
  /** refused: the rules that refused it (`restage migrate` shows the diagnostics). */
  rules?: string[];
  /** Steps of the driver the replay left out. */
  notes: string[];
  /** What each side took and made (replay modes; null for --run-driver and when nothing was built). */
  measures?: Measures | null;
}

export interface VerifyReport {
  /** 2: `mode` names what the migrated side is built from, each setup says what it proved (`proof`). */
  version: 2;
  mode: VerifyMode;
  /** --base: the revision the legacy side was taken from. */
  base: string | null;
  /** The engine both sides were built on (null when nothing was built): its version, ID, data root and how it was reached. */
  engine: { server: string; id: string; dataRoot: string; client: string; host: string | null; context: string | null } | null;
  setups: SetupReport[];
}

export function reportDifferences(diffs: Difference[]): ReportedDifference[] {
  return diffs.map((d) =>
    'config' in d
      ? { config: d.config, kind: 'config', legacy: d.a, migrated: d.b }
      : { path: `/${d.path === '.' ? '' : d.path}`, kind: d.kind, legacy: d.a, migrated: d.b },
  );
}

const VERDICT_TEXT: Record<Verdict, string> = { equivalent: 'equivalent', different: 'different', 'could-not-build': 'could not build', refused: 'refused' };

export function setupText(s: SetupReport): string {
  const lines: string[] = [];
  const compared = s.compared ? `${s.compared.paths} paths, ${s.compared.configKeys} config keys compared` : '';
  switch (s.verdict) {
    case 'equivalent':
      lines.push(`${s.driver}: equivalent (${compared})`);
      break;
    case 'different':
      lines.push(`${s.driver}: different (${s.differences.length} difference${s.differences.length === 1 ? '' : 's'}; ${compared})`);
      lines.push(...table([['path or config key', 'what', 'legacy', 'migrated'], ...s.differences.map(row)]).map((l) => `  ${l}`));
      break;
    case 'could-not-build':
      lines.push(`${s.driver}: could not build (${s.side ?? 'legacy'}: ${s.step ?? ''})`);
      for (const l of (s.log ?? '').split('\n').filter((x) => x !== '')) lines.push(`  | ${l}`);
      break;
    case 'refused':
      lines.push(`${s.driver}: refused, nothing to verify (${(s.rules ?? []).join(', ') || 'see restage migrate'}); \`restage migrate\` says why`);
      break;
  }
  if (s.proof && s.verdict !== 'could-not-build') lines.push(`  proved: ${s.proof.text}`);
  if (s.measures) lines.push(...measuresText(s.measures).map((l) => `  ${l}`));
  for (const n of s.notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}

export function summaryText(r: VerifyReport): string {
  const count = (v: Verdict) => r.setups.filter((s) => s.verdict === v).length;
  if (r.setups.length === 0) return `restage verify: no builder-pattern setup found${r.base ? ` at ${r.base}` : ''}, nothing to verify\n`;
  return `restage verify: ${(Object.keys(VERDICT_TEXT) as Verdict[]).map((v) => `${count(v)} ${VERDICT_TEXT[v]}`).join(', ')}\n`;
}

export function reportJson(r: VerifyReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

function row(d: ReportedDifference): string[] {
  const where = d.image === undefined ? '' : `${d.image}: `;
  if (d.kind === 'config') return [`${where}${d.config}`, 'config', shortJson(d.legacy), shortJson(d.migrated)];
  const v = (x: string) => (d.kind === 'content' && /^[0-9a-f]{64}$/.test(x) ? `sha256:${x.slice(0, 12)}` : x);
  return [`${where}${d.path}`, d.kind, v(d.legacy), v(d.migrated)];
}

function shortJson(v: JsonValue): string {
  const s = v === null ? '(none)' : JSON.stringify(v);
  return s.length > 48 ? `${s.slice(0, 47)}…` : s;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
