import type { Arg } from '../drivers/docker-cli.js';
import type { DriverAnalysis } from '../drivers/steps.js';
import type { RepoView } from '../repo/view.js';
import { resolveHostPath } from '../shell/host-path.js';
import { PROGRAM_COPIES_OUT } from '../text/client-names.js';
import type { HostWrite } from './model.js';

/** Interpreters whose first operand is the program they run (`python3 tools/extract.py`). */
const INTERPRETER = /^(.*\/)?(python[0-9.]*|node|deno|bun|ruby|perl|php|pwsh|powershell|zsh|ksh|fish|tsx|ts-node|groovy|lua|Rscript)$/;

/**
 * A program of the repository that a driver runs and restage does not read (`python3
 * extract_artifact.py`, `./extract` with no shebang; one whose shebang names another language is
 * claimed as an unsupported driver) whose text copies out of a container:
 * between the builder's build and the image's, it may be what makes the file the image copies. Listed
 * as a write restage cannot place (like a line of a driver it does not parse), so that a later build
 * reading a file the checkout lacks is refused instead of passing as "0 setups". A program restage
 * reads as a driver (`read`: a sh script, a JS file) has its own writes.
 */
export function programWrites(driver: DriverAnalysis, repo: RepoView, read: ReadonlySet<string>): HostWrite[] {
  const out: HostWrite[] = [];
  for (const [i, s] of driver.steps.entries()) {
    if (s.kind !== 'host' || s.cwd === null) continue;
    const rel = programOf(s.args, s.cwd, repo);
    if (rel === null || read.has(rel)) continue;
    if (PROGRAM_COPIES_OUT.test(repo.readText(rel) ?? ''))
      out.push({ driver: driver.path, step: i, offset: s.unit.start, kind: 'unread-program', path: null, reads: [rel] });
  }
  return out;
}

/**
 * The repository file a command runs: its first word when that is a path (a bare name is looked up on
 * PATH: `make`, `go`), or after an interpreter its first word that is a repository file, past options
 * and their values (`python3 -W ignore extract.py`).
 */
function programOf(words: Arg[], cwd: string, repo: RepoView): string | null {
  const at = (a: Arg) => (a.isStatic ? resolveHostPath(cwd, a.text) : null);
  if (!INTERPRETER.test(words[0]?.text ?? '')) return words[0]?.text.includes('/') ? at(words[0]) : null;
  return (
    words
      .slice(1)
      .map(at)
      .find((rel) => rel !== null && repo.isFile(rel)) ?? null
  );
}
