import type { Diagnostic, Severity } from '../src/diagnostics/diagnostic.js';

/**
 * A rule is one refusal or one rewrite decision with a stable id (hadolint's catalogue, ESLint's meta).
 * Its message is a template; the engine reports it with data at a position.
 */
export interface Rule<Data extends string = string> {
  id: string;
  title: string;
  severity: Severity;
  message: string;
  report(at: { file: string; line: number; col: number }, data: Record<Data, string>): Diagnostic;
}

export function defineRule<Data extends string = never>(meta: {
  id: string;
  title: string;
  severity: Severity;
  message: string;
}): Rule<Data> {
  return {
    ...meta,
    report(at, data) {
      const message = meta.message.replace(/\{\{(\w+)\}\}/g, (_, k: string) => (data as Record<string, string>)[k] ?? `{{${k}}}`);
      return { ruleId: meta.id, severity: meta.severity, file: at.file, line: at.line, col: at.col, message };
    },
  };
}
