import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { findRule } from '../../rules/index.js';
import { changeAction, lineEdits } from './edits.js';
import { helpUri, ruleDoc } from './rule-links.js';
import type { RenderContext, ShownSetup } from './report.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** The rule whose finding announces a migration: its result carries the setup's fix. */
const MIGRATION_RULE = 'builder-pattern';

/**
 * A SARIF 2.1.0 log with one run. Every rule a result names is described in tool.driver.rules
 * (title, help URI, the rule page as help text). A migrating setup's first `builder-pattern`
 * result carries the whole migration as one fix: one artifactChange per file, each a list of
 * replacements on the file as it is (a deleted file is replaced by nothing; SARIF has no
 * "delete file", so the fix description says so).
 */
export function sarifLog(setups: ShownSetup[], ctx: RenderContext): string {
  const ruleIds = [...new Set(setups.flatMap((s) => s.diagnostics.map((d) => d.ruleId)))].sort();
  const rules = ruleIds.map((id) => {
    const rule = findRule(id);
    const doc = ruleDoc(id);
    return {
      id,
      name: camelName(id),
      shortDescription: { text: rule?.title ?? id },
      helpUri: helpUri(ctx.helpBase, id),
      ...(doc !== null ? { help: { text: doc, markdown: doc } } : {}),
      defaultConfiguration: { level: LEVEL[rule?.severity ?? 'warning'] },
      // A result's message.id names one of these; its text is the filled-in template.
      ...(rule ? { messageStrings: Object.fromEntries(Object.entries(rule.messages).map(([id, text]) => [id, { text }])) } : {}),
    };
  });
  const results = setups.flatMap((s) => {
    const fixAt = s.setup.status === 'migrate' ? s.diagnostics.findIndex((d) => d.ruleId === MIGRATION_RULE) : -1;
    return s.diagnostics.map((d, i) => ({
      ruleId: d.ruleId,
      ruleIndex: ruleIds.indexOf(d.ruleId),
      level: LEVEL[d.severity],
      message: { text: d.message, id: d.messageId },
      locations: [location(d)],
      ...(i === fixAt ? { fixes: [fix(s)] } : {}),
    }));
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'restage', version: ctx.toolVersion, semanticVersion: ctx.toolVersion, rules } }, results, columnKind: 'utf16CodeUnits' }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function location(d: Diagnostic) {
  return { physicalLocation: { artifactLocation: { uri: fileUri(d.file) }, region: { startLine: d.line, startColumn: d.col } } };
}

function fix(s: ShownSetup) {
  const described = s.changes.map((c) => `${changeAction(c) === 'delete' ? 'delete' : changeAction(c) === 'create' ? 'create' : 'rewrite'} ${c.path}`);
  return {
    description: { text: `Migrate the builder-pattern setup of ${s.driver} to one multi-stage Dockerfile: ${described.join(', ')}.` },
    artifactChanges: s.changes.map((c) => ({
      artifactLocation: { uri: fileUri(c.path) },
      // SARIF wants at least one replacement: an empty file created is an empty insertion.
      replacements: (lineEdits(c).length > 0 ? lineEdits(c) : [{ offset: 0, length: 0, insertedText: '' }]).map((e) => ({
        deletedRegion: { charOffset: e.offset, charLength: e.length },
        ...(e.insertedText !== '' ? { insertedContent: { text: e.insertedText } } : {}),
      })),
    })),
  };
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function fileUri(p: string): string {
  if (p.startsWith('/')) return `file://${p.split('/').map(encodeURIComponent).join('/')}`;
  return p.split('/').map(encodeURIComponent).join('/');
}

function camelName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __: string, c: string) => c.toUpperCase());
}
