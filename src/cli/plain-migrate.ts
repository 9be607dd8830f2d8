import type { MigrateFlags } from './migrate-output.js';

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
