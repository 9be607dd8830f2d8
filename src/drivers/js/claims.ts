/** JS/TS build scripts; declaration files and minified bundles are nobody's driver. */
export function claims(relPath: string, _head: string): boolean {
  return /\.(js|mjs|cjs|ts|mts|cts)$/.test(relPath) && !/\.d\.[mc]?ts$|\.min\.js$/.test(relPath);
}
