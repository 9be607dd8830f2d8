import type { Severity } from '../diagnostics/diagnostic.js';
import type { ShownSetup } from './report.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands, one per diagnostic: `::error file=…,line=…,col=…,title=rule-id::message`.
 * Escaping follows @actions/core (toolkit's command.ts): the message escapes `%`, CR and LF; property
 * values also escape `:` and `,`, which would otherwise end the value.
 */
export function githubCommands(setups: ShownSetup[], quiet: boolean): string {
  let out = '';
  for (const s of setups) {
    for (const d of s.diagnostics) {
      if (quiet && d.severity !== 'error') continue;
      const props = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.col}`, `title=${escapeProperty(d.ruleId)}`].join(',');
      out += `::${COMMAND[d.severity]} ${props}::${escapeData(d.message)}\n`;
    }
  }
  return out;
}

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
