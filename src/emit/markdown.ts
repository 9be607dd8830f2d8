import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { unifiedDiff } from './diff.js';
import { changeAction } from './edits.js';
import { helpUri } from './rule-links.js';
import { counts, plural, type RenderContext, type RunReport, type ShownSetup } from './report.js';

/**
 * A pull-request body: a headline, a table of setups, then per setup its notes and its diff in a
 * ```diff block (migrations) or its refusals with rule ids and links (refused setups).
 */
export function markdownReport(report: RunReport, setups: ShownSetup[], ctx: RenderContext): string {
  const c = counts(report);
  const lines: string[] = [];
  lines.push(
    `## restage: ${plural(c.migrated, 'setup')} ${report.written ? 'migrated' : 'to migrate'}, ${c.refused} refused${c.skipped ? `, ${c.skipped} skipped` : ''}, ${plural(c.filesChanged, 'file')} changed`,
    '',
  );
  if (setups.length === 0) {
    lines.push('No builder-pattern setup found.', '');
    return lines.join('\n');
  }
  lines.push('| setup | status | files changed | findings |', '|---|---|---|---|');
  for (const s of setups) {
    const files =
      s.changes
        .map((ch) => `${code(ch.path)}${changeAction(ch) === 'modify' ? '' : ` (${changeAction(ch) === 'delete' ? 'deleted' : 'created'})`}`)
        .join(', ') || '—';
    const status = s.setup.status === 'migrate' ? 'migrate' : s.setup.status === 'refused' ? '**refused**' : 'skipped';
    const findings = [...new Set(s.diagnostics.map((d) => code(d.ruleId)))].join(', ') || '—';
    lines.push(`| ${cell(code(s.driver))} | ${status} | ${cell(files)} | ${cell(findings)} |`);
  }
  lines.push('');
  for (const s of setups) {
    lines.push(`### ${code(s.driver)}: ${s.setup.status === 'migrate' ? 'migration' : s.setup.status}`, '');
    if (s.setup.status === 'refused') lines.push('restage refused this setup and changed none of its files:', '');
    if (s.setup.status === 'skipped') lines.push(`Left alone: ${s.setup.skipReason ?? 'skipped'}.`, '');
    for (const d of s.diagnostics) lines.push(diagnosticItem(d, ctx));
    if (s.diagnostics.length > 0) lines.push('');
    if (s.changes.length > 0) {
      const diff = s.changes.map((ch) => unifiedDiff({ ...ch, path: ch.path.replace(/^\/+/, '') })).join('');
      const fence = longestFence(diff);
      lines.push(`${fence}diff`, diff.replace(/\n$/, ''), fence, '');
    }
  }
  return lines.join('\n');
}

/** A rule link; the default base is a file: URL on the machine that ran restage, useless to a reader of the PR. */
function diagnosticItem(d: Diagnostic, ctx: RenderContext): string {
  const rule = ctx.helpBase.startsWith('file:') ? code(d.ruleId) : `[${code(d.ruleId)}](${helpUri(ctx.helpBase, d.ruleId)})`;
  return `- ${code(`${d.file}:${d.line}:${d.col}`)} ${d.severity} ${rule}: ${inline(d.message)}`;
}

/** Inline code that survives backticks in the text (CommonMark: a longer fence than any run inside). */
function code(s: string): string {
  const run = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(run + 1);
  return run === 0 ? `${fence}${s}${fence}` : `${fence} ${s} ${fence}`;
}

/** A table cell: a `|` would end it. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** Message text on one line, with characters that would start markup escaped. */
function inline(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/([\\*_[\]<>|])/g, '\\$1');
}

/** A code fence longer than any backtick run at a line start inside the block. */
function longestFence(body: string): string {
  const run = Math.max(2, ...[...body.matchAll(/^\s*(`{3,})/gm)].map((m) => m[1]!.length));
  return '`'.repeat(run + 1);
}
