import { globToRegExp, selfAndAncestors } from '../src/plan/paths.js';
import { defineRule } from './rule.js';

const rule = defineRule<'pattern' | 'artifact'>({
  id: 'dockerignore-excludes-artifact',
  title: 'The runtime build context .dockerignore may exclude part of the extracted artifact',
  severity: 'error',
  message: '.dockerignore pattern {{pattern}} may exclude (part of) the extracted {{artifact}} from the legacy build, which COPY --from would not exclude',
});

/**
 * The first .dockerignore pattern that may exclude the artifact (context-relative) or anything inside
 * it. Exceptions (`!pat`) count too: they only matter when another pattern excludes part of the tree.
 */
export function excludingPattern(dockerignore: string, artifact: string): { pattern: string; line: number } | null {
  for (const [index, line] of dockerignore.split(/\r?\n/).entries()) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const pat = t.replace(/^!/, '').replace(/^\/+/, '').replace(/\/+$/, '');
    if (pat === '') continue;
    const re = globToRegExp(pat);
    if (selfAndAncestors(artifact).some((p) => re.test(p))) return { pattern: t, line: index + 1 };
    if (pat.startsWith(`${artifact}/`) || pat.includes('**') || re.test(`${artifact}/x`)) return { pattern: t, line: index + 1 };
  }
  return null;
}

export default rule;
