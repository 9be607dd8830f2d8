import { unifiedDiff } from './diff.js';
import { changeAction, lineEdits } from './edits.js';
import { helpUri } from './rule-links.js';
import { counts, type RenderContext, type RunReport } from './report.js';

/**
 * The JSON report, version 1 (schema/report.schema.json). Paths are relative to the setup's root;
 * `root` is relative to the current directory. A later version number means a field was removed or
 * changed meaning; new fields may appear within a version.
 */
export function jsonReport(report: RunReport, ctx: RenderContext): string {
  const doc = {
    version: 1,
    tool: { name: 'restage', version: ctx.toolVersion },
    written: report.written,
    summary: counts(report),
    setups: report.roots.flatMap((r) =>
      r.setups.map((s) => ({
        root: r.root,
        driver: s.driver,
        status: s.status,
        ...(s.status === 'skipped' ? { skipReason: s.skipReason ?? '' } : {}),
        files: s.files,
        changes: s.changes.map((c) => ({ path: c.path, action: changeAction(c), diff: unifiedDiff(c), edits: lineEdits(c) })),
        diagnostics: s.diagnostics.map((d) => ({
          ruleId: d.ruleId,
          messageId: d.messageId,
          severity: d.severity,
          file: d.file,
          line: d.line,
          col: d.col,
          message: d.message,
          helpUri: helpUri(ctx.helpBase, d.ruleId),
        })),
      })),
    ),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
