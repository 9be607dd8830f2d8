import unsupportedDriver from '../../../rules/unsupported-driver.js';
import { LineIndex } from '../../text/lines.js';
import type { DriverAnalysis } from '../steps.js';

const KINDS: [RegExp, string][] = [
  [/\.ps1$/i, 'PowerShell'],
  [/\.(bat|cmd)$/i, 'batch'],
];

/** PowerShell and batch drivers: claimed only so that a builder pattern in one is refused, not missed. */
export function claims(relPath: string): boolean {
  return KINDS.some(([re]) => re.test(relPath));
}

const COPY_OUT = /\bdocker(\.exe)?\s+(container\s+)?cp\s+(-\S+\s+)*["']?[^\s:"'\\/]+["']?:/i;

export async function extract(relPath: string, text: string): Promise<DriverAnalysis> {
  const lines = new LineIndex(text);
  const m = COPY_OUT.exec(text);
  const kind = KINDS.find(([re]) => re.test(relPath))?.[1] ?? 'unknown';
  const diagnostics = m ? [unsupportedDriver.report({ file: relPath, ...lines.position(m.index) }, { kind })] : [];
  return { path: relPath, text, lines, steps: [], units: [], fixes: [], diagnostics, unreadable: m !== null };
}
