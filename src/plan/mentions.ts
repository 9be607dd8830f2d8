import path from 'node:path/posix';
import { cacheKey, type RepoView } from '../repo/view.js';

/**
 * Whether a mention of `target`'s file name at `index` in `file` may mean `target`. It does not when the
 * path written there, read from the mentioning file's directory or from the root, is another file that
 * exists: in a monorepo every service's build.sh names its own `Dockerfile.build`. Anything else (a path
 * from a cwd restage cannot know, a file that does not exist) still counts, so a real use is never missed.
 */
export function mayMean(text: string, index: number, length: number, file: string, target: string, repo: RepoView): boolean {
  const means = meaning(text, index, length, file, repo);
  return means === null || means === target;
}

/** The existing file a mention names, read as a path, or null when it cannot be placed. */
function meaning(text: string, index: number, length: number, file: string, repo: RepoView): string | null {
  let start = index;
  while (start > 0 && /[A-Za-z0-9_./-]/.test(text[start - 1]!)) start--;
  const written = text.slice(start, index + length).replace(/^(\.\/)+/, '');
  // Read from the mentioning file's directory, or from the repository root (CI configs, Makefiles).
  const readings = [path.normalize(path.join(path.dirname(file), written)), path.normalize(written)];
  return readings.find((r) => repo.isFile(r)) ?? null;
}

export interface Mention {
  file: string;
  index: number;
  length: number;
  /** The existing file the mention names, or null when it may name any file of that name. */
  means: string | null;
}

/** Names worth indexing: Dockerfile-like file names (`Dockerfile.build`, `build.Dockerfile`). */
export const INDEXABLE_NAME = /^[A-Za-z0-9_.-]*[Dd]ockerfile[A-Za-z0-9_.-]*$/;

/**
 * Every mention of a Dockerfile-like name in `files`, by name, built once per repository and file list:
 * asking per setup grew with setups × files. A name matches at the start of a run of [A-Za-z0-9_.-]
 * that is the name or continues it with a '.'; so each run is indexed under itself and under every
 * prefix ending before a '.'. Mentions keep the files' order.
 */
const indexes = new WeakMap<RepoView, Map<string, Map<string, Mention[]>>>();
export function dockerfileMentions(repo: RepoView, list: 'candidates' | 'searched', files: () => string[]): Map<string, Mention[]> {
  const perRepo = indexes.get(cacheKey(repo)) ?? new Map<string, Map<string, Mention[]>>();
  indexes.set(cacheKey(repo), perRepo);
  let index = perRepo.get(list);
  if (index) return index;
  index = new Map();
  for (const f of files()) {
    const text = repo.readText(f);
    if (text === null) continue;
    // Runs first, then the name test: a pattern with the name inside would backtrack quadratically on a long run.
    for (const m of text.matchAll(/[A-Za-z0-9_.-]+/g)) {
      const run = m[0];
      if (!/[Dd]ockerfile/.test(run)) continue;
      for (let i = run.indexOf('.'); ; i = run.indexOf('.', i + 1)) {
        const key = i < 0 ? run : run.slice(0, i);
        const mentions = index.get(key) ?? [];
        mentions.push({ file: f, index: m.index, length: key.length, means: meaning(text, m.index, key.length, f, repo) });
        index.set(key, mentions);
        if (i < 0) break;
      }
    }
  }
  perRepo.set(list, index);
  return index;
}
