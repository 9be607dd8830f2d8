import type { Arg } from '../drivers/docker-cli.js';
import type { DriverAnalysis, DriverStep } from '../drivers/steps.js';
import type { RepoView } from '../repo/view.js';
import { resolveHostPath } from '../shell/host-path.js';
import { SOURCES_A_FILE } from '../shell/script.js';
import { PROGRAM_COPIES_OUT } from '../text/client-names.js';
import type { HostWrite } from './model.js';

/** A command's word: its text, and whether the shell computes it. */
type Word = Pick<Arg, 'text' | 'isStatic'>;

/**
 * Interpreters whose first operand that is a repository file is the program they run (`python3
 * tools/extract.py`, `java tools/Pull.java`, `deno run pull.ts`).
 */
const INTERPRETERS =
  'python[0-9.]*|pypy[0-9.]*|node|deno|bun|ruby|perl|php|pwsh|powershell|zsh|ksh|fish|tsx|ts-node|groovy|lua|Rscript|java|kotlin|kotlinc|scala|elixir|escript|julia|dart|swift|tclsh|raku|crystal|runghc|runhaskell';
const INTERPRETER = new RegExp(`^(.*/)?(${INTERPRETERS})$`);

/**
 * Commands that run the rest of their words as a command (`env A=1 python3 x.py`, `uv run x.py`,
 * `bundle exec ruby x.rb`, `poetry run python x.py`, `yarn node x.js`).
 */
const WRAPPERS =
  'env|sudo|doas|time|nice|ionice|nohup|exec|command|timeout|xargs|flock|stdbuf|setsid|chronic|unbuffer|taskset|npx|uv|uvx|poetry|pipenv|pdm|rye|hatch|bundle|pnpm|yarn';
const WRAPPER = new RegExp(`^(${WRAPPERS})$`);

/** A word that may start the command a wrapper runs: a path, an interpreter, another wrapper, go. */
const RUNS_A_PROGRAM = new RegExp(`/|^(?:${INTERPRETERS}|${WRAPPERS}|go)$`);

/** A wrapper's subcommand that runs the words after it (`uv run`, `bundle exec`, `pnpm dlx`). */
const RUNNING_SUBCOMMAND = /^(run|exec|dlx|x)$/;

/** A Go source file `go run` compiles (not a test). */
const GO_SOURCE = /\.go$/;

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
    let program: Ran[] = [];
    let through: string[] = [];
    if (s.kind === 'host' && s.cwd !== null) {
      const at = resolvedFrom(s.cwd);
      const sourced = SOURCES_A_FILE.test(s.args[0]?.text ?? '') && s.args[1] ? at(s.args[1]) : null;
      // A library that names no docker is no driver: the programs its functions run are the script's.
      if (sourced === null) program = programOf(s.args, at, repo);
      else if (!read.has(sourced)) [program, through] = [programsInText(repo.readText(sourced) ?? '', s.cwd, repo), [sourced]];
    } else if (s.kind === 'opaque') {
      const cwd = cwdBefore(driver.steps, i);
      if (cwd !== null) program = programsInText(s.text, cwd, repo);
    }
    const copying = program.filter((r) =>
      'code' in r ? PROGRAM_COPIES_OUT.test(r.code) : !read.has(r.file) && PROGRAM_COPIES_OUT.test(repo.readText(r.file) ?? ''),
    );
    if (copying.length > 0) {
      const files = copying.flatMap((r) => ('file' in r ? [r.file] : []));
      out.push({ driver: driver.path, step: i, offset: s.unit.start, kind: 'unread-program', path: null, reads: [...through, ...files] });
    }
  }
  return out;
}

/**
 * The directory a step restage does not follow (a subshell, an `if`) starts in: the last one known
 * before it (a subshell's `cd` ends with it); null when none is known.
 */
function cwdBefore(steps: DriverStep[], i: number): string | null {
  for (let j = i - 1; j >= 0; j--) {
    const s = steps[j]!;
    if (s.kind !== 'opaque') return s.cwd;
  }
  return null;
}

/**
 * The programs the commands of a compound statement's text run (`(cd tools && python3 pull.py)`, `if
 * ./pull.rb; then …`), read word by word: each command after `;`, `&&`, `||`, `|`, a parenthesis or a
 * brace, past the keywords that open it, from the directory its `cd`s lead to (the statement's own for
 * a computed one; unknown after `cd` alone or out of the repository). Quoted words are taken as written without their quotes; a word with an
 * expansion is not known.
 */
function programsInText(text: string, start: string, repo: RepoView): Ran[] {
  const found: Ran[] = [];
  let cwd: string | null = start;
  for (const command of text.split(/&&|\|\||[;|(){}\n]/)) {
    const words = command
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '')
      .map((w) => w.replace(/^(["'])(.*)\1$/, '$2'));
    while (words.length > 0 && SHELL_KEYWORD.test(words[0]!)) words.shift();
    if (words.length === 0 || cwd === null) continue;
    if (words[0] === 'cd' || words[0] === 'pushd') {
      const to = words[1];
      // A computed directory (`cd "$(dirname "$0")"`, `cd "$HERE"`) is most often the script's own: read
      // from where the statement starts, a guess that can only refuse (the write's place stays unknown).
      cwd = to === undefined ? null : UNKNOWN_WORD.test(to) ? start : resolveHostPath(cwd, to);
      continue;
    }
    const args = words.map((text) => ({ text, isStatic: !UNKNOWN_WORD.test(text) }));
    found.push(...programOf(args, resolvedFrom(cwd), repo));
  }
  return found;
}

/** A word as the repository path it names from `cwd`; null when the shell computes it or it leaves the repository. */
function resolvedFrom(cwd: string): (a: Word) => string | null {
  return (a) => (a.isStatic ? resolveHostPath(cwd, a.text) : null);
}

/** Words that open or continue a compound command before the command it runs. */
const SHELL_KEYWORD = /^(if|then|else|elif|do|while|until|!|time)$/;

/** A word whose value the shell computes. */
const UNKNOWN_WORD = /[$`*?~\\]/;

/**
 * The repository files a command runs: its first word when that is a path (a bare name is looked up on
 * PATH: `make`, `go`), or after an interpreter (or a variable that may hold one) its first word that is
 * a repository file, past options and their values (`python3 -W ignore extract.py`); `go run`'s files,
 * or a directory's Go files (`go run ./tools/pull`). Wrappers (`env A=1`, `uv run`, `timeout 60`) are
 * read through.
 */
function programOf(words: Word[], at: (a: Word) => string | null, repo: RepoView): Ran[] {
  const first = words[0]?.text ?? '';
  if (WRAPPER.test(first.replace(/^.*\//, ''))) {
    const rest = RUNNING_SUBCOMMAND.test(words[1]?.text ?? '') ? words.slice(2) : words.slice(1);
    // The wrapper's own options, their values and its operands (`timeout 60`, `sudo -u ci`, `flock
    // /tmp/lock`) and `env`'s assignments come before the command: the first word that runs a program
    // (an interpreter, another wrapper, go, or a path) that names one is it.
    for (const [n, w] of rest.entries()) {
      if (w.text.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text) || !RUNS_A_PROGRAM.test(w.text)) continue;
      const found = programOf(rest.slice(n), at, repo);
      if (found.length > 0) return found;
    }
    return [];
  }
  if (first === 'go' && words[1]?.text === 'run') return goProgram(words.slice(2), at, repo).map((file) => ({ file }));
  // An interpreter named by a variable (`$(PYTHON) tools/pull.py`, `"${RUBY:-ruby}" pull.rb`) is read as one.
  if (!INTERPRETER.test(first) && words[0]?.isStatic !== false) {
    const rel = first.includes('/') ? at(words[0]!) : null;
    return rel === null ? [] : [{ file: rel }];
  }
  for (const [n, w] of words.slice(1).entries()) {
    const next = words[n + 2];
    // `python3 -c '…'`, `ruby -e '…'`, `node -e "…"`: the program is the next word's text.
    if (INLINE_CODE.some(([interpreter, flag]) => interpreter.test(first) && flag.test(w.text))) return next ? [{ code: next.text }] : [];
    // `python3 -m tools.pull_artifact`: the module's file, or its package's __main__.py.
    if (w.text === '-m' && next) {
      const base = next.text.replaceAll('.', '/');
      const file = [`${base}.py`, `${base}/__main__.py`].map((text) => at({ text, isStatic: next.isStatic })).find((r) => r !== null && repo.isFile(r));
      return file ? [{ file }] : [];
    }
    const rel = at(w);
    if (rel !== null && repo.isFile(rel)) return [{ file: rel }];
  }
  return [];
}

/** Each interpreter's options whose value is the program's text. */
const INLINE_CODE: [RegExp, RegExp][] = [
  [/(^|\/)(python[0-9.]*|pypy[0-9.]*|zsh|ksh|fish)$/, /^-c$/],
  [/(^|\/)(node|bun)$/, /^(-e|--eval|-p|--print)$/],
  [/(^|\/)(ruby|perl)$/, /^-[eE]$/],
  [/(^|\/)php$/, /^-r$/],
  [/(^|\/)(pwsh|powershell)$/, /^-(c|Command|command)$/],
];

/** What a command runs that restage may read: a repository file, or program text written in the command. */
type Ran = { file: string } | { code: string };

/** `go run main.go util.go` or `go run ./tools/pull`: the Go files it compiles, as far as the checkout shows. */
function goProgram(words: Word[], at: (a: Word) => string | null, repo: RepoView): string[] {
  const operands = words.filter((w) => !w.text.startsWith('-')).map(at);
  const named = operands.filter((r): r is string => r !== null && GO_SOURCE.test(r) && repo.isFile(r));
  if (named.length > 0) return named;
  const dir = operands.find((r): r is string => r !== null && repo.isDir(r));
  if (dir === undefined || !repo.files) return [];
  const prefix = dir === '' ? '' : `${dir}/`;
  return [...repo.files()].filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/') && GO_SOURCE.test(f) && !f.endsWith('_test.go'));
}
