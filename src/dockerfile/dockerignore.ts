import { requirePackage } from '../packages/require-package.js';
import type { Ignore } from '@balena/dockerignore';
import { globToRegExp } from './paths.js';

/**
 * The .dockerignore pattern that hides (part of) the artifact (context-relative) from a build, or null
 * when the whole artifact reaches the build. Docker's own rules (through @balena/dockerignore): later
 * patterns win, `!` re-includes, a pattern matching a directory covers all below it. So an allow-list
 * (`*` then `!dist/`) hides nothing of dist/, and `dist/*.map` after it hides part of it.
 */
export function excludingPattern(dockerignore: string, artifact: string): { pattern: string; line: number } | null {
  const rules = dockerignore.split(/\r?\n/).flatMap((line, index) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return [];
    const negated = t.startsWith('!');
    const pat = t.replace(/^!/, '').trim().replace(/^\/+/, '').replace(/\/+$/, '');
    return pat === '' ? [] : [{ text: t, pat, negated, line: index + 1 }];
  });
  // The whole context (a mount of the checkout's root): any exclusion hides part of it.
  if (artifact === '') {
    const first = rules.find((r) => !r.negated);
    return first ? { pattern: first.text, line: first.line } : null;
  }
  // The last pattern that covers the whole artifact (it, or a directory it is in) decides for all of it…
  let decided = -1;
  for (const [k, r] of rules.entries()) {
    // Longer than any path Linux allows: it matches nothing.
    if (r.pat.length > 4096) continue;
    const covers = coversWhole(r.pat, artifact);
    // A pattern the matcher cannot compile (a range such as [z-a], which Docker rejects too): refuse on it.
    if (covers === null) return { pattern: r.text, line: r.line };
    if (covers) decided = k;
  }
  if (decided >= 0 && !rules[decided]!.negated) return { pattern: rules[decided]!.text, line: rules[decided]!.line };
  // …unless a later one reaches inside it.
  for (const r of rules.slice(decided + 1)) if (r.pat.length <= 4096 && mayMatchBelow(r.pat, artifact)) return { pattern: r.text, line: r.line };
  return null;
}

/** Loaded on first use (a CommonJS module; pre-commit runs that read no .dockerignore never load it). */
let factory: ((options?: { ignorecase?: boolean }) => Ignore) | undefined;

/** Whether the pattern matches the artifact or a directory above it; null when it cannot be compiled. */
function coversWhole(pat: string, artifact: string): boolean | null {
  factory ??= requirePackage('@balena/dockerignore') as (options?: { ignorecase?: boolean }) => Ignore;
  try {
    // Docker matches case-sensitively on Linux.
    return factory({ ignorecase: false }).add(pat).ignores(artifact);
  } catch {
    return null;
  }
}

/** Whether the pattern may match something strictly inside `artifact` (a path not known file by file). */
function mayMatchBelow(pat: string, artifact: string): boolean {
  const segments = pat.split('/');
  if (segments.includes('**') || /\*\*/.test(pat)) return true;
  const depth = artifact.split('/').length;
  if (segments.length <= depth) return false;
  return globToRegExp(segments.slice(0, depth).join('/')).test(artifact);
}
