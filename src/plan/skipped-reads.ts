/** Files planning wanted but restage skipped (too large, not text, linked out of the repository), and the refusal they cause. */
import dockerfileNotFound from '../../rules/dockerfile-not-found.js';
import pathOutsideRepo from '../../rules/path-outside-repo.js';
import fileNotParsed from '../../rules/file-not-parsed.js';
import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import type { RepoView } from '../repo/view.js';
import type { SetupResult } from './setups.js';

const DOCKERFILE_OR_IGNORE = /(^|\/)([^/]*\.)?[Dd]ockerfile(\.[^/]*)?$|\.dockerignore$/;

/** A view that notes which files planning asked for and got null because they were skipped (too large, not text). */
export function recordingSkips(repo: RepoView): { view: RepoView; skippedReads: Set<string> } {
  const skippedReads = new Set<string>();
  // A CI config or script is only searched for the builder Dockerfile's name; a skipped one (a huge
  // package-lock.json) is not searched, as before, and does not hold the setup back.
  let searchedOnly: Set<string> | undefined;
  const isSearchedOnly = (rel: string) => (searchedOnly ??= new Set(repo.referenceCandidates().filter((f) => !DOCKERFILE_OR_IGNORE.test(f)))).has(rel);
  const readText = (rel: string) => {
    const text = repo.readText(rel);
    if (text === null && repo.skipped?.(rel) && !isSearchedOnly(rel)) skippedReads.add(rel);
    return text;
  };
  // Every other member of the view passes through, including ones RepoView gains later.
  const view = new Proxy(repo, {
    get(target, prop, receiver) {
      if (prop === 'readText') return readText;
      if (prop === 'underlying') return target.underlying ?? target;
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { view, skippedReads };
}

/**
 * A setup that needed a file restage would not parse (or follow out of the repository) is refused:
 * the planner saw that file as absent, and a plan built on a missing .dockerignore or Dockerfile
 * could be wrong. Each such file is named.
 */
export function refusedForSkipped(result: SetupResult, files: string[], repo: RepoView): SetupResult {
  // The planner saw a skipped Dockerfile as missing; the skip, reported below, is the true reason.
  const missing = new Set(files.map((f) => dockerfileNotFound.report({ file: '', line: 1, col: 1 }, { path: f }).message));
  const diagnostics = result.diagnostics.filter((d) => d.severity !== 'info' && !(d.ruleId === dockerfileNotFound.id && missing.has(d.message)));
  for (const f of files) {
    const skipped = repo.skipped?.(f);
    diagnostics.push(
      skipped?.leavesRepo
        ? pathOutsideRepo.report({ file: f, line: 1, col: 1 }, { path: `${f} (${skipped.why})` })
        : fileNotParsed.report({ file: f, line: 1, col: 1 }, { path: f, why: skipped?.why ?? 'could not be read' }),
    );
  }
  return {
    ...result,
    status: 'refused',
    files: [...new Set([...result.files, ...files])],
    changes: [],
    plan: null,
    diagnostics: diagnostics.sort(compareDiagnostics),
  };
}
