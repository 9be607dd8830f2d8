import path from 'node:path/posix';

/** a is b or lies inside b (repo-relative, '' is the root). */
export function isWithin(a: string, b: string): boolean {
  return b === '' || a === b || a.startsWith(`${b}/`);
}

export function joinRel(...parts: string[]): string {
  const n = path.normalize(parts.filter((p) => p !== '').join('/') || '.');
  return n === '.' ? '' : n.replace(/\/$/, '');
}

/** How `docker cp` names a container path: relative paths resolve from `/`, not the WORKDIR (measured). */
export function containerPath(p: string): { path: string; contents: boolean } {
  const contents = /(^|\/)\.$/.test(p) && p !== '.';
  const trimmed = contents ? p.slice(0, -1) : p;
  const abs = path.normalize(`/${trimmed}`);
  return { path: abs.length > 1 ? abs.replace(/\/$/, '') : abs, contents };
}

export function display(rel: string): string {
  return rel === '' ? '.' : rel;
}

/** An artifact as diagnostics name it: its host path, and for a `docker run -v` build, that it is a mount. */
export function describeArtifact(e: { hostPath: string; source: { kind: string; spec?: { mounts: unknown[]; via?: string } } }): string {
  if (e.source.kind !== 'run') return display(e.hostPath);
  const run = e.source.spec?.via ?? 'docker run';
  return e.source.spec && e.source.spec.mounts.length === 0 ? `${display(e.hostPath)} (made by ${run})` : `${display(e.hostPath)} (mounted into ${run})`;
}

/** Linux's limit on a path's length: a pattern that needs more characters matches no file. */
const PATH_MAX = 4096;

/**
 * A COPY source or .dockerignore pattern as a regular expression over repo paths (Go filepath.Match,
 * plus `**`). A pattern longer than any path matches nothing; it is not compiled, since V8 throws
 * "Regular expression too large" only when such a pattern is first used. A pattern the regex engine
 * rejects (a range like `[z-a]`, which Docker rejects too) matches every path: callers then refuse
 * ("may exclude", "may contain") rather than guess.
 */
export function globToRegExp(glob: string): RegExp {
  const shortestMatch = glob
    .replace(/\[[^\]]*\]/g, '?')
    .replace(/\\(.)/g, '$1')
    .replace(/\*/g, '').length;
  if (shortestMatch > PATH_MAX) return /(?!)/;
  try {
    return new RegExp(globSource(glob));
  } catch {
    return /(?:)/;
  }
}

function globSource(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // moby/patternmatcher: `**/` is `**`; at the end it is anything, elsewhere any directories (none too).
      i++;
      if (glob[i + 1] === '/') i++;
      re += i + 1 === glob.length ? '.*' : '(?:.*/)?';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = classEnd(glob, i + 1);
      if (close < 0) re += '\\[';
      else {
        re += `[${glob
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\(.?)/g, (_, x: string) => (/[A-Za-z0-9]/.test(x) ? x : `\\${x || '\\'}`))}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) re += literal(glob[++i]!);
    else re += literal(c);
  }
  return `^${re}$`;
}

/** Where a class that opens before `from` closes: the first `]` not escaped with `\\`, or -1. */
function classEnd(glob: string, from: number): number {
  for (let j = from; j < glob.length; j++) {
    if (glob[j] === '\\') j++;
    else if (glob[j] === ']') return j;
  }
  return -1;
}

/** A character matched as itself: `\\n` in a pattern is the letter n, not a newline (Go's filepath.Match). */
function literal(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function hasGlob(p: string): boolean {
  return /[*?[\\]/.test(p);
}

/** The path and every ancestor directory, nearest first (excluding the root). */
export function selfAndAncestors(p: string): string[] {
  const out: string[] = [];
  for (let q = p; q !== '' && q !== '.'; q = path.dirname(q)) out.push(q);
  return out;
}

/** The directory a wildcard path is in (`target/*.jar` → `target`, `*.jar` → ''); the path itself when it has none. */
export function globDirectory(p: string): string {
  return hasGlob(p) ? p.slice(0, Math.max(0, p.split(/[*?[\\]/)[0]!.lastIndexOf('/'))) : p;
}
