import path from 'node:path/posix';

/**
 * Which files this driver kind claims: Makefiles by their conventional names, `Makefile.docker` and the
 * like (`make -f Makefile.docker`; not automake's `Makefile.am`/`Makefile.in` templates, cargo-make's
 * `Makefile.toml`, which drivers/unsupported claims, or a backup such as `Makefile.bak`), and `*.mk`,
 * `*.mak`, `*.make` (files a Makefile includes).
 */
export function claims(relPath: string, _head: string): boolean {
  const base = path.basename(relPath);
  return /^(GNUmakefile|[Mm]akefile)$|^[Mm]akefile\.(?!(am|in|toml|ya?ml|json|md|txt|bak|orig|old|save|backup|tmp|rej)$)[a-z0-9-]+$|\.(mk|mak|make)$/i.test(
    base,
  );
}
