export type Severity = 'error' | 'warning' | 'info';

/** One finding. `file` is relative to the scanned root, positions are 1-based. */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
  col: number;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.ruleId}: ${d.message}`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.ruleId.localeCompare(b.ruleId);
}
