export type Severity = 'error' | 'warning' | 'info';

/** One finding. `file` is relative to the scanned root, positions are 1-based. */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
  col: number;
  /** Which of its rule's messages this is (the rule's meta.messages key): stable where the text is not. */
  messageId: string;
  message: string;
}

/** A diagnostic is one line of output, whatever text (a multi-line shell word, an exception) its message quotes. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.ruleId.localeCompare(b.ruleId);
}
