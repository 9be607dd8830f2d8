import path from 'node:path/posix';
import type { RepoView } from '../repo/view.js';
import { withClient } from '../text/client-names.js';
import { edgeOr, wordIndexes } from '../text/regexp.js';

/** A build command on one line of any language's text (`docker build`, `["podman", "build"`), not a `.build` file name. */
const BUILDS = withClient(String.raw`\bCLIENT\b[^\n]*?[\s"'[,(]build(?=[\s"',\])]|$)`, 'm');

const BEFORE = edgeOr(/[\s"'=:(,[{]/);
const AFTER = edgeOr(/[\s"';:),\]}]/);

/**
 * The Dockerfiles a driver restage does not parse (a Taskfile, a justfile, a Python script) names in
 * its text: by its path from the repository root, from the driver's directory (`-f
 * Dockerfile.build` beside a Taskfile) or as `./` that, and the `Dockerfile` of the driver's
 * directory and of the root when the text builds (the default of `docker build .`). Its refusal holds them, so that a
 * pre-commit run on one of them reports the refusal instead of "0 setups". A guess from text, which
 * only widens what a refused setup holds: it never makes a migration.
 */
export function dockerfilesAnUnreadDriverNames(driver: string, text: string, repo: RepoView): string[] {
  const dir = path.dirname(driver);
  const own = dir === '.' ? '' : `${dir}/`;
  const out: string[] = [];
  for (const f of repo.dockerfiles?.() ?? []) {
    const spellings = [f, ...(f.startsWith(own) ? [f.slice(own.length), `./${f.slice(own.length)}`] : [])];
    if (spellings.some((s) => wordIndexes(text, s, BEFORE, AFTER).length > 0)) out.push(f);
    // Such a driver may run from its own directory or the root (`python3 deploy/build_images.py`).
    else if ((f === `${own}Dockerfile` || f === 'Dockerfile') && BUILDS.test(text)) out.push(f);
  }
  return out;
}
