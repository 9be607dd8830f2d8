import { parseDockerfile, type DockerfileModel } from './parse.js';
import { cacheKey, type RepoView } from '../repo/view.js';

/**
 * Each Dockerfile of a repository parsed once per run: detection reads every build's Dockerfile and
 * the planner reads them again (dockerfile-ast's argument parsing was the largest single cost of a
 * 20,000-file scan). Keyed on the repository, so the models go when the run's view does.
 */
const models = new WeakMap<RepoView, Map<string, DockerfileModel>>();

export function dockerfileModel(repo: RepoView, rel: string, text: string): DockerfileModel {
  const key = cacheKey(repo);
  let byPath = models.get(key);
  if (!byPath) models.set(key, (byPath = new Map()));
  const known = byPath.get(rel);
  // The text decides: a view may read a file differently (a skipped read is null, never parsed here).
  if (known && known.text === text) return known;
  const model = parseDockerfile(rel, text);
  byPath.set(rel, model);
  return model;
}
