// Which files a scan will read whole, and in what order, for the thread that reads them ahead
// (src/repo/prefetch.ts). A guess that only decides when a file is read: a file left out is read when
// the scan asks for it, one listed and never asked for costs the other thread a read.
import path from 'node:path';
import { driverKindOf } from '../drivers/claims.js';
import { isReferenceCandidate, type RepoFiles } from '../repo/disk.js';
import { isDockerfilePath, isDocument } from '../repo/names.js';

/**
 * Below this many files to read, starting the thread (a second V8 isolate: a few milliseconds of this
 * thread's time, ~10 MB while it runs) costs more than the reads it saves.
 */
export const PREFETCH_MIN_FILES = 2000;

/**
 * The order of a scan: the drivers (files a kind claims by name, and extensionless ones a shebang may
 * make one), then the Dockerfiles, then the files searched for what a migration removes, then the
 * documents; each in the walk's order, as the scan goes through them.
 */
export function readOrder(repo: RepoFiles): string[] {
  const phases: string[][] = [[], [], [], []];
  for (const f of repo.files) {
    const phase = isDockerfilePath(f)
      ? 1
      : driverKindOf(f, '') !== undefined || !path.posix.basename(f).includes('.')
        ? 0
        : isReferenceCandidate(f)
          ? 2
          : isDocument(f)
            ? 3
            : -1;
    if (phase >= 0) phases[phase]!.push(f);
  }
  return phases.flat();
}
