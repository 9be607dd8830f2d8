import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SetupResult } from '../plan/setups.js';
import { unifiedDiff } from './diff.js';

export type OutputFormat = 'diff' | 'json';
export const OUTPUT_FORMATS: OutputFormat[] = ['diff', 'json'];

export interface RunReport {
  /** Root each setup was found under, as the user named it. */
  roots: { root: string; setups: SetupResult[] }[];
  written: boolean;
  /** A write failed: the setup was restored and reported (exit 2). */
  writeFailed?: boolean;
}

/** What goes to stdout for a format. Diagnostics of the diff format go to stderr (see diagnosticsText). */
export function renderStdout(report: RunReport, format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(toJson(report), null, 2)}\n`;
  return report.roots
    .flatMap((r) => r.setups.flatMap((s) => s.changes.map((c) => unifiedDiff({ ...c, path: prefix(r.root, c.path) }))))
    .join('');
}

export function diagnosticsText(report: RunReport): string {
  return report.roots
    .flatMap((r) => r.setups.flatMap((s) => s.diagnostics.map((d) => `${formatDiagnostic({ ...d, file: prefix(r.root, d.file) })}\n`)))
    .join('');
}

export function summaryLine(report: RunReport): string {
  const setups = report.roots.flatMap((r) => r.setups);
  const migrated = setups.filter((s) => s.status === 'migrate');
  const refused = setups.filter((s) => s.status === 'refused').length;
  const files = migrated.reduce((n, s) => n + s.changes.length, 0);
  const verb = report.written ? 'migrated' : 'to migrate';
  return `restage: ${migrated.length} setup${migrated.length === 1 ? '' : 's'} ${verb} (${files} file${files === 1 ? '' : 's'} changed), ${refused} refused\n`;
}

function prefix(root: string, p: string): string {
  // Diff headers read `a/<path>`: an absolute root loses its leading slash there, as in git.
  return root === '.' || root === '' ? p : `${root.replace(/\/$/, '').replace(/^\/+/, '')}/${p}`;
}

interface JsonDiagnostic extends Diagnostic {
  helpUri: string;
}

function toJson(report: RunReport) {
  return {
    version: 1,
    written: report.written,
    setups: report.roots.flatMap((r) =>
      r.setups.map((s) => ({
        root: r.root,
        driver: s.driver,
        status: s.status,
        files: s.files,
        changes: s.changes.map((c) => ({ path: c.path, action: c.before === null ? 'create' : c.after === null ? 'delete' : 'modify', diff: unifiedDiff(c) })),
        diagnostics: s.diagnostics.map((d): JsonDiagnostic => ({ ...d, helpUri: `rules/${d.ruleId}.md` })),
      })),
    ),
  };
}
