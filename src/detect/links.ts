import { joinRel } from '../dockerfile/paths.js';
import type { RepoView } from '../repo/view.js';

/**
 * `p` with the repository's symbolic links on its way resolved (`dist/app` with dist -> bin is
 * bin/app), as a build reads its context. A link out of the repository, an absolute one, or a chain
 * of more than eight leaves the path as written.
 */
export function throughLinks(repo: RepoView, p: string): { path: string; link: string | null } {
  const asWritten = { path: p, link: null };
  if (!repo.linkTarget || p === '') return asWritten;
  let done = '';
  let first: string | null = null;
  const rest = p.split('/');
  for (let hops = 0; rest.length > 0;) {
    const next = done === '' ? rest.shift()! : `${done}/${rest.shift()!}`;
    const target = repo.linkTarget(next);
    if (target === null) {
      done = next;
      continue;
    }
    const resolved = joinRel(next.includes('/') ? next.slice(0, next.lastIndexOf('/')) : '', target);
    if (++hops > 8 || target.startsWith('/') || resolved.startsWith('..')) return asWritten;
    first ??= next;
    // The target may itself pass through links: read it again from the top.
    rest.unshift(...(resolved === '' || resolved === '.' ? [] : resolved.split('/')));
    done = '';
  }
  return { path: done, link: first };
}
