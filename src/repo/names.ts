// What a path's name says, without reading the file or starting a process: kept apart from disk.ts
// (which lists git's index with a child process) so that a run on files no setup holds loads neither.
import fs from 'node:fs';
import path from 'node:path';

/** Larger files are not parsed (file-not-parsed). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** The git work tree holding `dir` (the nearest ancestor with a `.git`), or null; no process is started. */
export function gitTopLevel(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return null;
  }
}

/** `Dockerfile`, `Dockerfile.build`, `app.Dockerfile`, any case of the `d`, in any directory. */
export function isDockerfilePath(rel: string): boolean {
  return /(^|\/)([^/]*\.)?([Dd]ocker|[Cc]ontainer)file(\.[^/]*)?$/.test(rel);
}

/** Documentation (Markdown, reStructuredText, AsciiDoc), searched for names a migration removes. */
export function isDocument(rel: string): boolean {
  return /\.(md|markdown|rst|adoc)$/i.test(rel);
}
