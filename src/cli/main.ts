import type { Io } from '../pipeline/io.js';
import { internalErrorExit } from './internal-error-exit.js';
import { runMigrate, type MigrateFlags } from './run-migrate.js';

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  env: process.env,
  isTTY: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
};

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

/**
 * The paths and flags of `migrate` with only --check and --write (each once) and paths that do not
 * start with `-`: exactly what commander would pass to the migrate action (a table test holds the two
 * to the same result). Null for anything else.
 */
export function plainMigrate(args: string[]): { paths: string[]; flags: MigrateFlags } | null {
  if (args[0] !== 'migrate') return null;
  const flags: MigrateFlags = { format: 'diff' };
  const paths: string[] = [];
  for (const a of args.slice(1)) {
    if (a === '--check' && flags.check === undefined) flags.check = true;
    else if (a === '--write' && flags.write === undefined) flags.write = true;
    else if (a === '' || a.startsWith('-')) return null;
    else paths.push(a);
  }
  return { paths, flags };
}
