import { RUN_TIME_VALUE } from '../drivers/steps.js';
import { REPO_ROOT } from '../shell/evaluate.js';
import type { FileChange } from '../text/file-change.js';

/**
 * The file a planner stand-in would be written into, if any. A stand-in is a marker between U+0001
 * characters; the same text already in a file the setup read (a stray control byte in a comment that
 * is copied over) is the user's, not a leak.
 */
export function leakedRunTimeValue(changes: FileChange[], inputs: string[]): string | null {
  for (const c of changes) {
    for (const m of c.after?.matchAll(RUN_TIME_VALUE) ?? []) if (!inputs.some((t) => t.includes(m[0]))) return c.path;
    // The checkout's own path (`$PWD`), which restage reads as a marker: only a run knows it.
    if (c.after?.includes(REPO_ROOT) && !inputs.some((t) => t.includes(REPO_ROOT))) return c.path;
  }
  return null;
}
