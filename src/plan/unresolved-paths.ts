import path from 'node:path/posix';
import { UNEVALUATED } from '../drivers/docker-cli.js';
import { RUN_TIME_VALUE } from '../drivers/steps.js';
import { REPO_ROOT, underRoot } from '../shell/evaluate.js';
import { isDockerfilePath } from '../repo/names.js';
import { cacheKey, type RepoView } from '../repo/view.js';
import { escapeRegExp } from '../text/regexp.js';

/** Stands for one value restage could not know while the path around it is normalised. */
const HOLE = '\u0002';

/**
 * The repository's files a Dockerfile path restage could not resolve may name (`-f
 * "docker/Dockerfile.$t"`, `-f "$1"`): each unknown part read as any text, the rest as written. The
 * setup is refused either way; these join its files so that a pre-commit run on the Dockerfile it
 * builds reports that refusal instead of "0 setups". A path with nothing of its own but slashes and dots
 * (`"$1"`, `"$DIR/$NAME"`) would match every file, so it stands for the Dockerfiles by name only.
 */
export function filesAnUnresolvedPathMayName(cwd: string, text: string, repo: RepoView): string[] {
  const all = repo.files?.();
  if (!all) return [];
  const holed = text.replace(RUN_TIME_VALUE, HOLE).replace(UNEVALUATED, HOLE);
  // An unknown start may be absolute or reach anywhere: only the rest of the path is known.
  const known = holed.startsWith(HOLE) ? holed : joinInside(cwd, holed);
  // Many scripts of a monorepo may spell the same path (`-f "$1"`): each is matched against the checkout once.
  const cache = matched.get(cacheKey(repo)) ?? new Map<string, string[]>();
  matched.set(cacheKey(repo), cache);
  const hit = cache.get(known);
  if (hit) return hit;
  // An unknown directory may be `.` (`"$DIR/Dockerfile"` with DIR=.): it and its slash may be nothing.
  const pattern = new RegExp(`^${escapeRegExp(known).replaceAll(`${HOLE}/`, '(?:.*/)?').replaceAll(HOLE, '.*')}$`);
  const byName = !/[^/.]/.test(known.replaceAll(HOLE, ''));
  const out: string[] = [];
  for (const f of all) if (pattern.test(f) && (!byName || isDockerfilePath(f))) out.push(f);
  cache.set(known, out);
  return out;
}

const matched = new WeakMap<RepoView, Map<string, string[]>>();

/** A path from `cwd`, normalised: one that leaves the repository or is absolute matches no file of it. */
function joinInside(cwd: string, p: string): string {
  if (underRoot(p)) return joinInside('', p.slice(REPO_ROOT.length + 1));
  return path.normalize(path.join(cwd, p));
}
