import path from 'node:path/posix';

/**
 * A hook husky runs (`.husky/pre-push`): husky 9 writes them without a shebang and runs them with sh.
 * Its own files live in `.husky/_/`.
 */
const HUSKY_HOOK = /(^|\/)\.husky\/[^/._][^/.]*$/;

/** Which files this driver kind claims: shell scripts by name, or by a sh/bash shebang. */
export function claims(relPath: string, head: string): boolean {
  if (/\.(sh|bash)$/.test(relPath) || HUSKY_HOOK.test(relPath)) return true;
  return path.basename(relPath).indexOf('.') < 0 && /^#!\s*\S*\/(env\s+)?(ba|da)?sh\b/.test(head);
}
