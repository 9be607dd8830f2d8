/**
 * Path globs of the `ignore` setting, matched against root-relative paths with `/` separators:
 * `*` and `?` stay inside one path segment, `**` spans segments, a pattern without a `/` matches a
 * file or directory name at any depth (as in .gitignore), and a match on a directory covers
 * everything below it.
 */
export function globMatcher(patterns: readonly string[]): (relPath: string) => boolean {
  const regexps = patterns.map(ignoreGlobRegExp);
  return (relPath) => regexps.some((r) => r.test(relPath));
}

/**
 * Not plan/paths.ts's globToRegExp: that one is Docker's (Go filepath.Match for COPY sources and
 * .dockerignore: `[…]` classes, `\` escapes, no anchoring rules). These globs follow .gitignore, as
 * docs/configuration.md says, and must keep doing so.
 */
function ignoreGlobRegExp(pattern: string): RegExp {
  let p = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  const anchored = p.includes('/');
  p = p.replace(/^\//, '');
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*') {
      // `**/` is zero or more whole segments; a trailing or inner `**` is anything.
      if (p[i + 2] === '/') {
        out += '(?:[^/]+/)*';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${anchored ? '^' : '(?:^|/)'}${out}(?:/.*)?$`);
}
