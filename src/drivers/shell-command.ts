import type { Value } from '../shell/evaluate.js';
import type { Statement, Word } from '../shell/script.js';
import { snapshotOf, type ShellVariables } from '../shell/variables.js';
import { dockerWords, isLatestContainerLookup, parseDockerCommand, type Arg } from './docker-cli.js';
import { containerIdToken, type DriverStep, type Unit } from './steps.js';
import { CLIENT_PROGRAM } from '../text/client-names.js';
import { exactArray } from '../text/exact-array.js';

type CommandStatement = Extract<Statement, { kind: 'command' }>;

/** How a driver reads one word of its shell text: its value, and the place in the driver file it comes from. */
export interface ShellWords {
  evaluate(w: Word): Value;
  argOf(w: Word, index: number): Arg;
  /** Steps of the driver before this text's first (a JS driver's earlier calls): a container id names its step by its index in the driver. */
  stepBase?: number;
  /** The shell variables this command sees, as the driver knows them: a docker step keeps a snapshot (see DriverStep's `vars`). */
  vars?: ShellVariables;
}

/**
 * The arguments of one shell command, as every shell-reading driver (sh, make recipes) must see them.
 * `docker cp $(docker create IMG):/out/app .`: the create runs first, in the same statement; it is
 * pushed onto `steps` as a step of its own and the word names its container as `id=$(docker create …)` would.
 */
export function commandArgs(st: CommandStatement, unit: Unit, cwd: string | null, read: ShellWords, steps: DriverStep[]): Arg[] {
  const args = st.cmd.words.flatMap((w, index) => {
    const create = inlineCreate(w, unit, cwd, read);
    if (!create) return splitFields(w, read.argOf(w, index));
    steps.push(create);
    const rest = read.evaluate({ ...w, parts: w.parts.slice(1) });
    const arg = read.argOf(w, index);
    return [{ ...arg, text: containerIdToken((read.stepBase ?? 0) + steps.length - 1) + rest.text, isStatic: rest.isStatic }];
  });
  return args.some((a, i) => a.index !== i) ? args.map((a, index) => ({ ...a, index })) : exactArray(args);
}

/**
 * `$DOCKER build …` with `DOCKER="sudo docker"`: an unquoted variable is split into words at blanks, as
 * the shell does (blanks around a single word go too); each word keeps the variable's place in the
 * text. A value with a wildcard would also be matched against files, which restage does not do: it
 * stays one word.
 */
function splitFields(w: Word, arg: Arg): Arg[] {
  const lone = w.parts.length === 1 && w.parts[0]!.kind === 'var' && w.raw.startsWith('$');
  if (!lone || !arg.isStatic || !/\s/.test(arg.text) || /[*?[]/.test(arg.text)) return [arg];
  return arg.text
    .split(/[ \t\n]+/)
    .filter((f) => f !== '')
    .map((text) => ({ ...arg, text }));
}

function inlineCreate(w: Word, unit: Unit, cwd: string | null, read: ShellWords): DriverStep | null {
  const first = w.parts[0];
  if (first?.kind !== 'cmdsub' || !first.inner) return null;
  const create = dockerWords(first.inner.words.map((iw, index) => read.argOf(iw, index)));
  const parsed = create ? parseDockerCommand(create) : null;
  const names = parsed?.ok && (parsed.invocation.kind === 'create' || isLatestContainerLookup(parsed.invocation));
  // A redirect inside (`$(docker create img > id)`) makes the substitution's command a redirected
  // statement, which has no inner command: not read as a create.
  if (!create || !parsed?.ok || !names) return null;
  return { kind: 'docker', unit, args: create, parsed, cwd, assignTo: null, stdoutTo: null, unmodelledRedirect: first.inner.envPrefix };
}

/**
 * The step of a command whose words name the docker client, else null. `docker run … tar -c | tar -x`
 * carries the host command it pipes into: dropping it would hide the extraction (a silent "0 setups").
 */
export function dockerStep(st: CommandStatement, unit: Unit, cwd: string | null, args: Arg[], stdoutTo: Arg | null, read: ShellWords): DriverStep | null {
  const docker = dockerWords(args);
  if (!docker) return null;
  const wrappers = args.filter((a) => a.start < docker[0]!.start).map((a) => a.text);
  const pipeTo = st.pipeTo?.words.map((w, index) => read.argOf(w, index));
  const piped = st.pipeTo ? st.pipeTo.otherRedirects || st.pipeTo.envPrefix || st.pipeTo.stdoutTo !== null : false;
  return {
    kind: 'docker',
    unit,
    args: docker,
    parsed: parseDockerCommand(docker),
    cwd,
    assignTo: st.assignTo,
    stdoutTo,
    unmodelledRedirect: st.cmd.otherRedirects || st.cmd.envPrefix || piped,
    ...(st.cmd.appendTo ? { appendTo: read.argOf(st.cmd.appendTo, -1) } : {}),
    ...(pipeTo ? { pipeTo } : {}),
    ...(wrappers.length > 0 ? { wrappers } : {}),
    ...(read.vars ? { vars: snapshotOf(read.vars) } : {}),
  };
}

/** Programs that run their arguments as shell text: `eval …`, `sh -c '…'`, `su -c '…' user`, `ssh host '…'`. */
const SHELLS = /^(?:.*\/)?(?:sh|bash|dash|zsh|ksh|mksh|ash|busybox)$/;
const STRING_RUNNERS = /^(?:.*\/)?(?:su|runuser|flock|script)$/;

/**
 * A host command that runs shell text restage does not read (`eval "…"`, `sh -c "…"`, `sudo su -c '…'
 * ci`, `ssh host '…'`): an opaque step whose text is that shell text, so that a copy out of a container
 * or a use of the artifact in it is seen (and the setup refused) rather than passing as a host command.
 * Null for any other command. A `sh -c` after the client's words (`setsid docker run img sh -c …`, or
 * `$ENGINE run …` with a client known only at run time) is the container's command, not the host's:
 * detection reads those words as a client's (src/detect/producers.ts).
 */
export function commandStringStep(args: Arg[], unit: Unit): Extract<DriverStep, { kind: 'opaque' }> | null {
  if (!args[0]?.isStatic) return null;
  const texts = args.map((a) => a.text);
  const program = texts[0]!.replace(/^.*\//, '');
  const strings = /^(eval|ssh|watch)$/.test(program) ? [texts.slice(1).join(' ')] : [];
  // What runs the text, for the message: `sh` of `sudo -u ci sh -c …`.
  let by = program;
  const runnerBefore = (i: number, runner: (w: string) => boolean) => texts.slice(0, i).reverse().find(runner)?.replace(/^.*\//, '');
  for (const [i, word] of texts.entries()) {
    if (CLIENT_PROGRAM.test(word)) break;
    // `sh -c`, `bash -ec`, `sh -c -- '…'`; su's `-c`/`--command`; `flock LOCK -c`.
    const shell = /^-[a-z]*c[a-z]*$|^--command$/.test(word) ? runnerBefore(i, (w) => SHELLS.test(w) || STRING_RUNNERS.test(w)) : undefined;
    const runner = word.startsWith('--command=') ? runnerBefore(i, (w) => STRING_RUNNERS.test(w)) : undefined;
    if (shell !== undefined) {
      strings.push(texts[i + 1] === '--' ? (texts[i + 2] ?? '') : (texts[i + 1] ?? ''));
      by = shell;
    } else if (runner !== undefined) {
      strings.push(word.slice('--command='.length));
      by = runner;
    }
  }
  return strings.length === 0 ? null : { kind: 'opaque', unit, nodeType: `command string run by ${by}`, text: strings.join('\n') };
}
