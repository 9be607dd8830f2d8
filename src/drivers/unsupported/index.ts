import unsupportedDriver from '../../../rules/unsupported-driver.js';
import { LineIndex } from '../../text/lines.js';
import type { DriverAnalysis } from '../steps.js';
import { KINDS } from './claims.js';
import { withClient } from '../../text/client-names.js';

// The source names a container: a word with no path separator before its colon, or a command substitution (`$(docker create …):`).
const COPY_OUT = withClient(String.raw`\bCLIENT(\.exe)?\s+(container\s+)?cp\s+(-\S+\s+)*["']?([^\s:"'\\/]+|\$\([^)]*\))["']?:`, 'i');

export async function extract(relPath: string, text: string): Promise<DriverAnalysis> {
  const lines = new LineIndex(text);
  const m = COPY_OUT.exec(text);
  const kind = KINDS.find(([re]) => re.test(relPath))?.[1] ?? 'unknown';
  const diagnostics = m ? [unsupportedDriver.report({ file: relPath, ...lines.position(m.index) }, { kind })] : [];
  return { path: relPath, text, lines, steps: [], units: [], fixes: [], diagnostics, unreadable: m !== null };
}
