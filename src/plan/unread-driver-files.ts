import path from 'node:path/posix';
import { isDockerfilePath } from '../repo/names.js';
import type { RepoView } from '../repo/view.js';
import { withClient } from '../text/client-names.js';

/** A build command on one line of any language's text (`docker build`, `["podman", "build"`), not a `.build` file name. */
const BUILDS = withClient(String.raw`\bCLIENT\b[^\n]*?[\s"'[,(]build(?=[\s"',\])]|$)`, 'm');

/** A word that may be a path, between blanks, quotes and the punctuation of a YAML, JSON or call's list. */
const WORD = /[^\s"'=:(,[{;)\]}]+/g;

/**
 * The Dockerfiles a driver restage does not parse (a Taskfile, a justfile, a Python script) names in
 * its text: a word that is one's path from the repository root or from the driver's directory (`-f
 * Dockerfile.build` beside a Taskfile, `./` before either), and the `Dockerfile` of the driver's
 * directory and of the root when the text builds (the default of `docker build .`). Its refusal holds
 * them, so that a pre-commit run on one of them reports the refusal instead of "0 setups". A guess
 * from text, which only widens what a setup holds: it never makes a migration. Each word is looked up
 * (not each Dockerfile searched for): a monorepo has thousands of Dockerfiles and hundreds of such drivers.
 */
export function dockerfilesAnUnreadDriverNames(driver: string, text: string, repo: RepoView): string[] {
  const dir = path.dirname(driver);
  const out = new Set<string>();
  const add = (p: string) => {
    if (repo.isFile(p)) out.add(p);
  };
  for (const [word] of text.matchAll(WORD)) {
    // By its name, as every path joined from it would be.
    if (!isDockerfilePath(word)) continue;
    add(path.normalize(word));
    add(path.join(dir, word));
  }
  if (BUILDS.test(text)) {
    add(path.join(dir, 'Dockerfile'));
    add('Dockerfile');
  }
  return [...out];
}
