import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RestageConfig } from '../config/load.js';
import type { SetupResult } from '../plan/setups.js';
import type { NotASetup } from '../plan/flow-coverage.js';
import type { FileChange } from '../synthesize/index.js';

export type OutputFormat = 'diff' | 'json' | 'sarif' | 'markdown' | 'github';
export const OUTPUT_FORMATS: OutputFormat[] = ['diff', 'json', 'sarif', 'markdown', 'github'];

export interface RunReport {
  /** Root each setup was found under, as the user named it, with the configuration read there. */
  roots: { root: string; setups: SetupResult[]; config: RestageConfig; notSetups?: NotASetup[] }[];
  written: boolean;
  /** A write failed: the setup was restored and reported (exit 2). */
  writeFailed?: boolean;
}

/** How a report is rendered: where rule pages live, and the tool version that made it. */
export interface RenderContext {
  helpBase: string;
  toolVersion: string;
}

/** A setup with its paths as the user sees them (root-prefixed, relative to the current directory). */
export interface ShownSetup {
  root: string;
  setup: SetupResult;
  driver: string;
  files: string[];
  changes: FileChange[];
  diagnostics: Diagnostic[];
}

/** Every setup of the run with display paths: the one view all formats render. */
export function shownSetups(report: RunReport): ShownSetup[] {
  return report.roots.flatMap((r) =>
    r.setups.map((s) => ({
      root: r.root,
      setup: s,
      driver: prefix(r.root, s.driver),
      files: s.files.map((f) => prefix(r.root, f)),
      changes: s.changes.map((c) => ({ ...c, path: prefix(r.root, c.path) })),
      diagnostics: s.diagnostics.map((d) => ({ ...d, file: prefix(r.root, d.file) })),
    })),
  );
}

export interface Counts {
  migrated: number;
  refused: number;
  skipped: number;
  filesChanged: number;
}

export function counts(report: RunReport): Counts {
  const setups = report.roots.flatMap((r) => r.setups);
  const migrated = setups.filter((s) => s.status === 'migrate');
  return {
    migrated: migrated.length,
    refused: setups.filter((s) => s.status === 'refused').length,
    skipped: setups.filter((s) => s.status === 'skipped').length,
    filesChanged: migrated.reduce((n, s) => n + s.changes.length, 0),
  };
}

export function summaryLine(report: RunReport): string {
  const c = counts(report);
  const verb = report.written ? 'migrated' : 'to migrate';
  const skipped = c.skipped > 0 ? `, ${c.skipped} skipped` : '';
  return `restage: ${plural(c.migrated, 'setup')} ${verb} (${plural(c.filesChanged, 'file')} changed), ${c.refused} refused${skipped}\n`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function prefix(root: string, p: string): string {
  return root === '.' || root === '' ? p : `${root.replace(/\/$/, '')}/${p}`;
}
