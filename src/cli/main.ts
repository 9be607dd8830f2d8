import type { Io } from '../pipeline/io.js';
import { defaultIo } from './default-io.js';
import { internalErrorExit } from './internal-error-exit.js';
import { plainMigrate } from './plain-migrate.js';
import { runMigrate } from './run-migrate.js';

/**
 * Exit codes: 0 done or nothing to do, 1 pending (--check) or refused, 2 usage, I/O or internal error.
 *
 * `restage migrate [--check] [--write] PATH…`, as a pre-commit hook runs it on every commit, is read
 * here; every other command line goes to commander (program.ts), loaded only then: commander was a
 * third of the start-up cost of a run on files that no setup holds.
 */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const plain = plainMigrate(argv.slice(2));
  if (plain === null) {
    const { runProgram } = await import('./program.js');
    return runProgram(argv, io, io === defaultIo);
  }
  try {
    return await runMigrate(plain.paths, plain.flags, io);
  } catch (err) {
    return internalErrorExit(err, io);
  }
}
