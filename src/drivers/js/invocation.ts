import path from 'node:path/posix';

/**
 * The directory a JS/TS build script runs from when a package.json runs it: `"build": "node
 * scripts/build.mjs"` runs it from the package's directory (npm, pnpm and yarn run scripts there),
 * not from scripts/. The nearest package.json above the script whose scripts name it by its path from
 * there (`scripts/build.mjs`, `./scripts/build.mjs`) decides; undefined when none does, and the script
 * is read as running from its own directory.
 */
export function npmScriptDir(relPath: string, readText: (rel: string) => string | null): string | undefined {
  const own = path.dirname(relPath) === '.' ? '' : path.dirname(relPath);
  for (let dir = own; ; dir = dir === '' ? '' : path.dirname(dir) === '.' ? '' : path.dirname(dir)) {
    const pkg = readText(dir === '' ? 'package.json' : `${dir}/package.json`);
    if (pkg !== null && scriptsRun(pkg, dir === '' ? relPath : relPath.slice(dir.length + 1))) return dir;
    if (dir === '') return undefined;
  }
}

function scriptsRun(pkgText: string, rel: string): boolean {
  let scripts: unknown;
  try {
    scripts = (JSON.parse(pkgText) as { scripts?: unknown }).scripts;
  } catch {
    return false;
  }
  if (typeof scripts !== 'object' || scripts === null) return false;
  const escaped = rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The path as a word of the command line: `node scripts/build.mjs`, `tsx ./scripts/build.ts && …`.
  const named = new RegExp(`(^|[\\s'"=])(\\./)?${escaped}($|[\\s'";&|)])`);
  return Object.values(scripts).some((v) => typeof v === 'string' && named.test(v));
}
