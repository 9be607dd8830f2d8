// What `migrate` prints in its default (diff) format, and its exit code: shared by runMigrate and the
// launcher's no-scan path (no-scan.ts), which must answer exactly as the full run would.
import internalError from '../../rules/internal-error.js';
import type { OutputFormat, RunReport, ShownSetup } from '../emit/report.js';
import { diffText, stderrText, writtenFilesText, type Verbosity } from '../emit/text.js';
import type { Io } from '../pipeline/io.js';

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

/** The dry run prints the diff; `--write` lists the files it wrote, or the diff with `--diff`. The summary goes to stderr. */
export function printDiffFormat(report: RunReport, setups: ShownSetup[], flags: MigrateFlags, io: Io): void {
  const verbosity: Verbosity = flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
  // Asking whether a stream is a terminal creates it (and loads Node's stream modules): asked only when
  // a line could be coloured. With no setup and not verbose, there is the summary alone.
  const painted = setups.length > 0 || verbosity === 'verbose';
  if (verbosity !== 'quiet') {
    const pieces = flags.write && !flags.diff ? [writtenFilesText(setups)] : diffText(setups, painted && useColor(flags, io, 'stdout'));
    for (const piece of pieces) io.stdout(piece);
  }
  io.stderr(stderrText(report, setups, verbosity, painted && useColor(flags, io, 'stderr')));
}

/** 0 done or nothing to do, 1 pending (--check) or refused, 2 a write failed or restage itself did. */
export function migrateExitCode(report: RunReport & { writeFailed?: boolean }, flags: MigrateFlags): number {
  const all = report.roots.flatMap((r) => r.setups);
  // restage's own failure is not a verdict on the setup: it exits like an I/O error, not a refusal.
  if (report.writeFailed || all.some((s) => s.diagnostics.some((d) => d.ruleId === internalError.id))) return 2;
  if (all.some((s) => s.status === 'refused')) return 1;
  if (flags.check && !flags.write && all.some((s) => s.status === 'migrate')) return 1;
  return 0;
}

/** --color and --no-color win; otherwise a non-empty NO_COLOR turns colour off, and only a terminal gets it. */
function useColor(flags: MigrateFlags, io: Io, stream: 'stdout' | 'stderr'): boolean {
  if (flags.color !== undefined) return flags.color;
  if ((io.env?.NO_COLOR ?? '') !== '') return false;
  return io.isTTY?.[stream] === true;
}
