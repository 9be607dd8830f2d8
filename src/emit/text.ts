import { createRequire } from 'node:module';
import { oneLine, type Diagnostic } from '../diagnostics/diagnostic.js';
import { unifiedDiff } from './diff.js';
import { summaryLine, type RunReport, type ShownSetup } from './report.js';

/** How much the terminal formats say: `quiet` only errors, `verbose` adds each setup's fate. */
export type Verbosity = 'quiet' | 'normal' | 'verbose';

type Colors = Pick<ReturnType<typeof import('picocolors').createColors>, 'bold' | 'cyan' | 'dim' | 'green' | 'red' | 'yellow'>;

/** What picocolors' createColors(false) gives: each formatter returns its text. */
const PLAIN: Colors = { bold: String, cyan: String, dim: String, green: String, red: String, yellow: String };

let picocolors: typeof import('picocolors') | undefined;

/**
 * picocolors is required only to colour: loading it asks whether stdout is a terminal, which creates
 * the stream and loads Node's stream modules, in a run that may print nothing there.
 */
function createColors(color: boolean): Colors {
  if (!color) return PLAIN;
  picocolors ??= createRequire(import.meta.url)('picocolors') as typeof import('picocolors');
  return picocolors.createColors(true);
}

/**
 * The diff format's stdout: every migrating setup's changes, coloured by line kind when asked. In pieces
 * of about CHUNK characters, each whole files' diffs, to be written as they come: a monorepo's diff runs
 * to megabytes (5 MB for 5,000 setups), and as one string, with its copy for the write, it was what
 * pushed a scan's memory to its peak.
 */
export function* diffText(setups: ShownSetup[], color: boolean): Generator<string> {
  let out = '';
  for (const s of setups) {
    for (const ch of s.changes) {
      // Diff headers read `a/<path>`: an absolute root loses its leading slash there, as in git.
      out += unifiedDiff({ ...ch, path: ch.path.replace(/^\/+/, '') });
      if (out.length >= CHUNK) {
        yield colourDiff(out, color);
        out = '';
      }
    }
  }
  if (out !== '') yield colourDiff(out, color);
}

const CHUNK = 64 * 1024;

function colourDiff(text: string, color: boolean): string {
  if (!color) return text;
  const c = createColors(color);
  return text.replace(/^.*$/gm, (line) =>
    line.startsWith('diff --git') || line.startsWith('--- ') || line.startsWith('+++ ')
      ? c.bold(line)
      : line.startsWith('@@')
        ? c.cyan(line)
        : line.startsWith('+')
          ? c.green(line)
          : line.startsWith('-')
            ? c.red(line)
            : line,
  );
}

/** The diff format's stderr: diagnostics as `file:line:col: rule-id: message`, skipped setups, the summary. */
export function stderrText(report: RunReport, setups: ShownSetup[], verbosity: Verbosity, color: boolean): string {
  const c = createColors(color);
  let out = '';
  if (verbosity === 'verbose') {
    for (const r of report.roots)
      out += `restage: ${r.root}: configuration ${r.config.source ?? 'defaults (no restage.config.json, no "restage" in package.json)'}\n`;
  }
  for (const s of setups) {
    if (verbosity === 'verbose')
      out += c.dim(
        `restage: ${s.driver}: ${s.setup.status}${s.setup.status === 'skipped' ? ` (${s.setup.skipReason ?? ''})` : ''}; files ${s.files.join(', ')}\n`,
      );
    for (const d of s.diagnostics) if (verbosity !== 'quiet' || d.severity === 'error') out += `${diagnosticLine(d, c)}\n`;
  }
  // A file that runs docker and holds no setup: why not, so "0 setups" can be checked rather than trusted.
  if (verbosity === 'verbose') {
    for (const r of report.roots)
      for (const n of r.notSetups ?? []) out += c.dim(`restage: ${r.root === '.' ? '' : `${r.root}/`}${n.file}: not a setup: ${n.why}\n`);
  }
  if (verbosity !== 'quiet') out += summaryLine(report);
  return out;
}

function diagnosticLine(d: Diagnostic, c: Colors): string {
  const paint = d.severity === 'error' ? c.red : d.severity === 'warning' ? c.yellow : c.cyan;
  // One line per diagnostic, whatever multi-line text (a shell word, an exception) the message quotes.
  return `${c.bold(`${oneLine(d.file)}:${d.line}:${d.col}:`)} ${paint(d.ruleId)}: ${oneLine(d.message)}`;
}

/**
 * The diff format's stdout after `--write` (without `--diff`): one line per file written, as
 * `ruff --fix` and `prettier --write` report what they changed; the diff itself stays in the dry run.
 */
export function writtenFilesText(setups: ShownSetup[]): string {
  return setups
    .filter((s) => s.setup.status === 'migrate')
    .flatMap((s) => s.changes.map((ch) => `${ch.before === null ? 'created' : ch.after === null ? 'deleted' : 'modified'} ${ch.path}\n`))
    .join('');
}
