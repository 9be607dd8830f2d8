import path from 'node:path/posix';
import { REPO_ROOT, underRoot } from './evaluate.js';

/** A host path as the driver would see it from `cwd`, repo-relative; null when it leaves the repo or is absolute elsewhere. */
export function resolveHostPath(cwd: string, p: string): string | null {
  let joined: string;
  if (underRoot(p)) joined = p.slice(REPO_ROOT.length + 1);
  else if (p.startsWith('/') || p.startsWith('~')) return null;
  else joined = path.join(cwd, p);
  const n = path.normalize(joined === '' ? '.' : joined);
  if (n === '..' || n.startsWith('../')) return null;
  // `./` normalizes to itself: without its slash it is the root too.
  const trimmed = n.replace(/\/$/, '');
  return trimmed === '.' ? '' : trimmed;
}
