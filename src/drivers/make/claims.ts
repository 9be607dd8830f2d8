import path from 'node:path/posix';

/** Which files this driver kind claims: Makefiles by their conventional names, and `*.mk`. */
export function claims(relPath: string, _head: string): boolean {
  const base = path.basename(relPath);
  return base === 'Makefile' || base === 'makefile' || base === 'GNUmakefile' || /\.mk$/.test(base);
}
