// The launcher's first try (bin/restage.js, through dist/bundle/no-scan.cjs): a pre-commit run on files
// that belong to no setup is answered here, as a CommonJS bundle of this module and what it imports,
// before Node's ES module loader and the CLI's bundle load (they were most of such a run's cost above
// `node -e 0`). Anything else, including every error, is left to the full CLI, which starts over.
import { reportWithoutScan } from '../pipeline/configured-roots.js';
import type { Io } from '../pipeline/io.js';
import { shownSetups } from '../emit/report.js';
import { directIo } from './direct-io.js';
import { internalErrorExit } from './internal-error-exit.js';
import { migrateExitCode, printDiffFormat } from './migrate-output.js';
import { plainMigrate } from './plain-migrate.js';

/** The exit code of a plain `migrate` none of whose roots needs a scan, its output written; null for any other run. */
export function noScanMain(argv: string[], io: Io = directIo): number | null {
  const plain = plainMigrate(argv.slice(2));
  if (plain === null) return null;
  let report: ReturnType<typeof reportWithoutScan>;
  try {
    report = reportWithoutScan(plain.paths, { write: plain.flags.write === true, cwd: io.cwd });
  } catch {
    // A usage or configuration error: the full CLI reports it, in its own words.
    return null;
  }
  if (report === null) return null;
  try {
    printDiffFormat(report, shownSetups(report), plain.flags, io);
    return migrateExitCode(report, plain.flags);
  } catch (err) {
    // Output may have begun: answered here, as the full CLI answers its own failures.
    return internalErrorExit(err, io);
  }
}
