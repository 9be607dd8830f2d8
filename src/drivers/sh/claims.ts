import path from 'node:path/posix';

/** Which files this driver kind claims: shell scripts by name, or by a sh/bash shebang. */
export function claims(relPath: string, head: string): boolean {
  if (/\.(sh|bash)$/.test(relPath)) return true;
  return path.basename(relPath).indexOf('.') < 0 && /^#!\s*\S*\/(env\s+)?(ba|da)?sh\b/.test(head);
}
