import path from 'node:path';
import internalError from '../../rules/internal-error.js';
import { githubCommands } from '../emit/github.js';
import { jsonReport } from '../emit/json.js';
import { markdownReport } from '../emit/markdown.js';
import { verifyMarkdown } from '../verify/measures-text.js';
import { readVerifyReport, ReportFileError } from '../verify/report-file.js';
import { shownSetups, summaryLine, type OutputFormat, type RenderContext, type RunReport, type ShownSetup } from '../emit/report.js';
import { defaultHelpBase, packageVersion } from '../emit/rule-links.js';
import { sarifLog } from '../emit/sarif.js';
import { diffText, stderrText, writtenFilesText, type Verbosity } from '../emit/text.js';
import type { Io } from '../pipeline/io.js';
import { migrateTargets } from '../pipeline/migrate.js';
import { UsageError } from '../pipeline/usage-error.js';

export interface MigrateFlags {
  write?: boolean;
  /** With --write: the diff on stdout instead of the list of written files. */
  diff?: boolean;
  check?: boolean;
  format: OutputFormat;
  /** true: --color, false: --no-color, undefined: neither (NO_COLOR and the terminal decide). */
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  helpBaseUrl?: string;
  /** --format markdown: a `restage verify --format json` report whose section follows the migration's. */
  verifyReport?: string;
}

/** Exit codes: 0 done or nothing to do, 1 pending (--check) or refused, 2 usage, configuration, I/O or internal error. */
export async function runMigrate(paths: string[], flags: MigrateFlags, io: Io): Promise<number> {
  let report: RunReport;
  let verifySection = '';
  try {
    if (flags.helpBaseUrl !== undefined && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(flags.helpBaseUrl))
      throw new UsageError(`--help-base-url: ${flags.helpBaseUrl} is not an absolute URL`);
    if (flags.verifyReport !== undefined && flags.format !== 'markdown')
      throw new UsageError('--verify-report goes with --format markdown (the pull-request body it adds a section to)');
    verifySection = flags.verifyReport === undefined ? '' : verifyMarkdown(readVerifyReport(path.resolve(io.cwd, flags.verifyReport)));
    report = await migrateTargets(paths.length > 0 ? paths : ['.'], { write: flags.write === true, cwd: io.cwd });
  } catch (err) {
    if (err instanceof UsageError || err instanceof ReportFileError) {
      io.stderr(`restage: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const verbosity: Verbosity = flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
  const setups = shownSetups(report);
  const ctx: RenderContext = { helpBase: helpBase(flags, report), toolVersion: packageVersion() };
  if (flags.format === 'diff') {
    if (verbosity !== 'quiet') for (const piece of diffFormatStdout(setups, flags, useColor(flags, io, 'stdout'))) io.stdout(piece);
    io.stderr(stderrText(report, setups, verbosity, useColor(flags, io, 'stderr')));
  } else {
    // Structured formats are whole documents on stdout; the terminal only gets the summary.
    if (flags.format === 'json') io.stdout(jsonReport(report, ctx));
    if (flags.format === 'sarif') io.stdout(sarifLog(setups, ctx));
    if (flags.format === 'markdown') io.stdout(markdownReport(report, setups, ctx) + (verifySection ? `\n${verifySection}` : ''));
    if (flags.format === 'github') io.stdout(githubCommands(setups, verbosity === 'quiet'));
    if (verbosity !== 'quiet') io.stderr(summaryLine(report));
  }
  const all = report.roots.flatMap((r) => r.setups);
  // restage's own failure is not a verdict on the setup: it exits like an I/O error, not a refusal.
  if (report.writeFailed || all.some((s) => s.diagnostics.some((d) => d.ruleId === internalError.id))) return 2;
  if (all.some((s) => s.status === 'refused')) return 1;
  if (flags.check && !flags.write && all.some((s) => s.status === 'migrate')) return 1;
  return 0;
}

/** The dry run prints the diff; `--write` lists the files it wrote, or the diff with `--diff`. */
function diffFormatStdout(setups: ShownSetup[], flags: MigrateFlags, color: boolean): Iterable<string> {
  return flags.write && !flags.diff ? [writtenFilesText(setups)] : diffText(setups, color);
}

function helpBase(flags: MigrateFlags, report: RunReport): string {
  const configured = flags.helpBaseUrl ?? report.roots.find((r) => r.config.helpBaseUrl)?.config.helpBaseUrl ?? null;
  if (configured === null) return defaultHelpBase();
  return configured.endsWith('/') ? configured : `${configured}/`;
}

/** --color and --no-color win; otherwise a non-empty NO_COLOR turns colour off, and only a terminal gets it. */
function useColor(flags: MigrateFlags, io: Io, stream: 'stdout' | 'stderr'): boolean {
  if (flags.color !== undefined) return flags.color;
  if ((io.env?.NO_COLOR ?? '') !== '') return false;
  return io.isTTY?.[stream] === true;
}
