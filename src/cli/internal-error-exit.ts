import internalError from '../../rules/internal-error.js';
import { oneLine } from '../diagnostics/diagnostic.js';
import type { Io } from '../pipeline/io.js';

/** A bug outside the per-setup work: one line with the rule id, never a stack trace; exit code 2. */
export function internalErrorExit(err: unknown, io: Io): number {
  io.stderr(`restage: ${internalError.id}: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
  return 2;
}
