import path from 'node:path/posix';
import type { RepoView } from './repo-view.js';

/**
 * Whether a mention of `target`'s file name at `index` in `file` may mean `target`. It does not when the
 * path written there, read from the mentioning file's directory or from the root, is another file that exists: in a
 * monorepo every service's build.sh names its own `Dockerfile.build`. Anything else (a path from a cwd
 * restage cannot know, a file that does not exist) still counts, so a real use is never missed.
 */
export function mayMean(text: string, index: number, length: number, file: string, target: string, repo: RepoView): boolean {
  let start = index;
  while (start > 0 && /[A-Za-z0-9_./-]/.test(text[start - 1]!)) start--;
  const written = text.slice(start, index + length).replace(/^(\.\/)+/, '');
  // Read from the mentioning file's directory, or from the repository root (CI configs, Makefiles).
  const readings = [path.normalize(path.join(path.dirname(file), written)), path.normalize(written)];
  if (readings.includes(target)) return true;
  return !readings.some((r) => repo.isFile(r));
}
