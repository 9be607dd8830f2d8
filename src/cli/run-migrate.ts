import path from 'node:path';
import { githubCommands } from '../emit/github.js';
import { jsonReport } from '../emit/json.js';
import { markdownReport } from '../emit/markdown.js';
import { verifyMarkdown } from '../verify/measures-text.js';
import { readVerifyReport, ReportFileError } from '../verify/report-file.js';
import { shownSetups, summaryLine, type RenderContext, type RunReport } from '../emit/report.js';
import { defaultHelpBase, packageVersion } from '../emit/rule-links.js';
import { sarifLog } from '../emit/sarif.js';
import type { Io } from '../pipeline/io.js';
import { migrateTargets } from '../pipeline/migrate.js';
import { UsageError } from '../pipeline/usage-error.js';
import { migrateExitCode, printDiffFormat, type MigrateFlags } from './migrate-output.js';

export type { MigrateFlags } from './migrate-output.js';

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
  const setups = shownSetups(report);
  if (flags.format === 'diff') printDiffFormat(report, setups, flags, io);
  else {
    const ctx: RenderContext = { helpBase: helpBase(flags, report), toolVersion: packageVersion() };
    // Structured formats are whole documents on stdout; the terminal only gets the summary.
    if (flags.format === 'json') io.stdout(jsonReport(report, ctx));
    if (flags.format === 'sarif') io.stdout(sarifLog(setups, ctx));
    if (flags.format === 'markdown') io.stdout(markdownReport(report, setups, ctx) + (verifySection ? `\n${verifySection}` : ''));
    if (flags.format === 'github') io.stdout(githubCommands(setups, flags.quiet === true));
    if (!flags.quiet) io.stderr(summaryLine(report));
  }
  return migrateExitCode(report, flags);
}

function helpBase(flags: MigrateFlags, report: RunReport): string {
  const configured = flags.helpBaseUrl ?? report.roots.find((r) => r.config.helpBaseUrl)?.config.helpBaseUrl ?? null;
  if (configured === null) return defaultHelpBase();
  return configured.endsWith('/') ? configured : `${configured}/`;
}
