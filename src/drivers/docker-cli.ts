import type { Value } from '../shell/evaluate.js';
import { CLIENT_ONLY_ENV } from '../shell/script.js';
import { CLIENT_PROGRAM, withClient } from '../text/client-names.js';
import { exactArray } from '../text/exact-array.js';
/**
 * The docker CLI grammar restage understands, shared by every driver kind: a command line (already split
 * into words) becomes a typed invocation, or a reason it cannot be understood.
 */

/** An argument of the docker command line: its index among the driver's words and its static value. */
export interface Arg {
  index: number;
  text: string;
  isStatic: boolean;
  /** Offsets of the word in the driver's text, and the word as written there. */
  start: number;
  end: number;
  raw: string;
  /** See Value.ifUnset: the word's text when the environment variables it reads with a default are unset. */
  ifUnset?: { text: string; variables: string[] };
}

/**
 * An Arg of a word's value. Built with all its fields in one literal: spread between them (`{ index,
 * ...value, start }`), each of a 100,000-file monorepo's 149,000 args got an out-of-object property
 * array, 99 bytes an arg where 72 do.
 */
export function argFrom(index: number, value: Value, start: number, end: number, raw: string): Arg {
  // Most words are written as they evaluate: one string then serves both (the evaluated text was often a
  // concatenation of the word's parts, kept apart from the slice of the source).
  const text = value.text === raw ? raw : value.text;
  const arg: Arg = { index, text, isStatic: value.isStatic, start, end, raw };
  if (value.ifUnset !== undefined) arg.ifUnset = value.ifUnset;
  return arg;
}

export interface FlagUse {
  name: string;
  value: Arg | null;
  /** Indexes of the words the flag occupies (one for `--x=v` and booleans, two for `--x v`). */
  indexes: number[];
  /** Why a build stage would not reproduce it, for a flag restage made up for what the words do not show (compose/). */
  why?: string;
}

export type DockerInvocation =
  | { kind: 'build'; flags: FlagUse[]; context: Arg | null }
  | { kind: 'create'; flags: FlagUse[]; image: Arg; command: Arg[] }
  | { kind: 'run'; flags: FlagUse[]; image: Arg; command: Arg[] }
  | { kind: 'cp'; flags: FlagUse[]; src: Arg; dest: Arg }
  | { kind: 'rm'; flags: FlagUse[]; containers: Arg[] }
  | { kind: 'other'; subcommand: string; args: Arg[] };

export type ParseResult = { ok: true; invocation: DockerInvocation } | { ok: false; flag: string; subcommand: string; index: number };

type Arity = 'value' | 'bool';

const BUILD_FLAGS: Record<string, Arity> = {
  '-t': 'value',
  '--tag': 'value',
  '-f': 'value',
  '--file': 'value',
  '--build-arg': 'value',
  '--target': 'value',
  '--no-cache': 'bool',
  '--pull': 'bool',
  '-q': 'bool',
  '--quiet': 'bool',
  '--rm': 'bool',
  '--force-rm': 'bool',
  '--label': 'value',
  '--network': 'value',
  '--platform': 'value',
  '--secret': 'value',
  '--ssh': 'value',
  '--progress': 'value',
  '--iidfile': 'value',
  '--cache-from': 'value',
  '--add-host': 'value',
  '--squash': 'bool',
  '--compress': 'bool',
  '--isolation': 'value',
  '-m': 'value',
  '--memory': 'value',
  '--shm-size': 'value',
  '--ulimit': 'value',
  '--load': 'bool',
  '--push': 'bool',
  '-o': 'value',
  '--output': 'value',
  // buildx build's own (`docker buildx build`): where the result goes and how it is cached or attested.
  '--builder': 'value',
  '--cache-to': 'value',
  '--provenance': 'value',
  '--sbom': 'value',
  '--metadata-file': 'value',
  '--allow': 'value',
  '--call': 'value',
};

const CREATE_FLAGS: Record<string, Arity> = {
  '--name': 'value',
  '-e': 'value',
  '--env': 'value',
  '--env-file': 'value',
  '-v': 'value',
  '--volume': 'value',
  '--mount': 'value',
  '--entrypoint': 'value',
  '-w': 'value',
  '--workdir': 'value',
  '-u': 'value',
  '--user': 'value',
  '--platform': 'value',
  '--network': 'value',
  '--net': 'value',
  '-l': 'value',
  '--label': 'value',
  '--pull': 'value',
  '-t': 'bool',
  '--tty': 'bool',
  '-i': 'bool',
  '--interactive': 'bool',
  '--rm': 'bool',
  '--init': 'bool',
  '--privileged': 'bool',
  '-d': 'bool',
  '--detach': 'bool',
  '--read-only': 'bool',
  '--volumes-from': 'value',
  '-p': 'value',
  '--publish': 'value',
  '-P': 'bool',
  '--publish-all': 'bool',
  '--expose': 'value',
  '--restart': 'value',
  '-h': 'value',
  '--hostname': 'value',
  '--add-host': 'value',
  '--dns': 'value',
  '--cap-add': 'value',
  '--cap-drop': 'value',
  '--device': 'value',
  '--security-opt': 'value',
  '--log-driver': 'value',
  '--log-opt': 'value',
  '-m': 'value',
  '--memory': 'value',
  '--cpus': 'value',
  '--shm-size': 'value',
  '--tmpfs': 'value',
  '--ulimit': 'value',
  '--group-add': 'value',
  '--ipc': 'value',
};

const CP_FLAGS: Record<string, Arity> = { '-a': 'bool', '--archive': 'bool', '-L': 'bool', '--follow-link': 'bool', '-q': 'bool', '--quiet': 'bool' };
const RM_FLAGS: Record<string, Arity> = { '-f': 'bool', '--force': 'bool', '-v': 'bool', '--volumes': 'bool', '-l': 'bool', '--link': 'bool' };

/** Long forms, so callers ask for one name per flag. */
const CANONICAL: Record<string, string> = {
  '-t': '--tag',
  '-f': '--file',
  '-q': '--quiet',
  '-e': '--env',
  '-v': '--volume',
  '-w': '--workdir',
  '-u': '--user',
  '-l': '--label',
  '-a': '--archive',
  '-L': '--follow-link',
  '-m': '--memory',
  '-o': '--output',
  '-i': '--interactive',
  '-d': '--detach',
  '--net': '--network',
};

/**
 * Short flags that mean something else in one subcommand: `docker run -t` is --tty (build's -t is
 * --tag), `docker rm -f` is --force and `-v` --volumes (not --file and --volume).
 */
const CANONICAL_IN: Partial<Record<'build' | 'create' | 'run' | 'cp' | 'rm', Record<string, string>>> = {
  create: { '-t': '--tty', '-a': '--attach' },
  run: { '-t': '--tty', '-a': '--attach' },
  rm: { '-f': '--force', '-v': '--volumes', '-l': '--link' },
};

const SUBCOMMANDS: Record<string, 'build' | 'create' | 'run' | 'cp' | 'rm'> = {
  build: 'build',
  'image build': 'build',
  'builder build': 'build',
  'buildx build': 'build',
  'buildx b': 'build',
  create: 'create',
  'container create': 'create',
  run: 'run',
  'container run': 'run',
  cp: 'cp',
  'container cp': 'cp',
  rm: 'rm',
  'container rm': 'rm',
};

/** `args[0]` is `docker`. */
export function parseDockerCommand(args: Arg[]): ParseResult {
  const first = args[1];
  if (!first) return { ok: true, invocation: { kind: 'other', subcommand: '', args: [] } };
  if (first.text.startsWith('-')) return { ok: false, flag: first.text, subcommand: '', index: first.index };
  const two = `${first.text} ${args[2]?.text ?? ''}`;
  const kind = SUBCOMMANDS[two] ?? SUBCOMMANDS[first.text];
  const subcommand = SUBCOMMANDS[two] ? two : first.text;
  const rest = args.slice(SUBCOMMANDS[two] ? 3 : 2);
  if (!kind) return { ok: true, invocation: { kind: 'other', subcommand, args: rest } };
  const table = kind === 'build' ? BUILD_FLAGS : kind === 'cp' ? CP_FLAGS : kind === 'rm' ? RM_FLAGS : CREATE_FLAGS;
  // create/run stop reading flags at the image: what follows is the container's command.
  const stopAtFirstOperand = kind === 'create' || kind === 'run';
  const flags: FlagUse[] = [];
  const operands: Arg[] = [];
  const canon = (flag: string) => CANONICAL_IN[kind]?.[flag] ?? CANONICAL[flag] ?? flag;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (stopAtFirstOperand && operands.length > 0) {
      operands.push(a);
      continue;
    }
    if (a.text === '--') {
      operands.push(...rest.slice(i + 1));
      break;
    }
    if (!a.text.startsWith('-') || a.text === '-' || (!a.isStatic && !/^-/.test(a.text))) {
      operands.push(a);
      continue;
    }
    const eq = a.text.indexOf('=');
    const name = a.text.startsWith('--') && eq > 0 ? a.text.slice(0, eq) : a.text;
    const shortJoined = !a.text.startsWith('--') && a.text.length > 2 && table[a.text.slice(0, 2)] === 'value' ? a.text.slice(0, 2) : null;
    const arity = table[name] ?? (shortJoined ? 'value' : undefined);
    if (!arity) {
      // Bundled short booleans such as `rm -fv`.
      const letters = /^-[A-Za-z]{2,}$/.test(a.text)
        ? a.text
            .slice(1)
            .split('')
            .map((c) => `-${c}`)
        : [];
      if (letters.length > 0 && letters.every((l) => table[l] === 'bool')) {
        for (const l of letters) flags.push({ name: canon(l), value: null, indexes: [a.index] });
        continue;
      }
      return { ok: false, flag: name, subcommand, index: a.index };
    }
    if (arity === 'bool') {
      flags.push({ name: canon(name), value: null, indexes: [a.index] });
    } else if (shortJoined) {
      flags.push({ name: canon(shortJoined), value: { ...a, text: a.text.slice(2) }, indexes: [a.index] });
    } else if (eq > 0 && a.text.startsWith('--')) {
      flags.push({ name: canon(name), value: { ...a, text: a.text.slice(eq + 1) }, indexes: [a.index] });
    } else {
      const v = rest[i + 1];
      if (!v) return { ok: false, flag: name, subcommand, index: a.index };
      flags.push({ name: canon(name), value: v, indexes: [a.index, v.index] });
      i++;
    }
  }
  return invocationOf(kind, subcommand, exactArray(flags), operands, args);
}

/** The invocation of a subcommand whose flags are read, or why its operands do not make one. */
function invocationOf(kind: 'build' | 'create' | 'run' | 'cp' | 'rm', subcommand: string, flags: FlagUse[], operands: Arg[], args: Arg[]): ParseResult {
  switch (kind) {
    case 'build':
      if (operands.length > 1) {
        // `docker build $FLAGS -t x .`: an unquoted expansion may be any number of words.
        const split = operands.find((o) => !o.isStatic && /^\$/.test(o.raw));
        const culprit = split ?? operands[1]!;
        return { ok: false, flag: split ? `${split.raw} (an unquoted expansion that may be several words)` : culprit.text, subcommand, index: culprit.index };
      }
      return { ok: true, invocation: { kind, flags, context: operands[0] ?? null } };
    case 'create':
    case 'run': {
      const [image, ...command] = operands;
      if (!image) return { ok: false, flag: '(image)', subcommand, index: args[args.length - 1]!.index };
      return { ok: true, invocation: { kind, flags, image, command } };
    }
    case 'cp':
      if (operands.length !== 2) return { ok: false, flag: '(operands)', subcommand, index: args[1]!.index };
      return { ok: true, invocation: { kind, flags, src: operands[0]!, dest: operands[1]! } };
    case 'rm':
      return { ok: true, invocation: { kind, flags, containers: exactArray(operands) } };
  }
}

export function flagValues(flags: FlagUse[], name: string): Arg[] {
  return flags.filter((f) => f.name === name && f.value).map((f) => f.value!);
}

export function hasFlag(flags: FlagUse[], name: string): boolean {
  return flags.some((f) => f.name === name);
}

/** `sudo` options that take a value: `sudo -u root docker …`. */
const SUDO_VALUE_FLAGS = new Set([
  '-u',
  '--user',
  '-g',
  '--group',
  '-C',
  '--close-from',
  '-D',
  '--chdir',
  '-h',
  '--host',
  '-p',
  '--prompt',
  '-r',
  '--role',
  '-t',
  '--type',
  '-T',
  '--command-timeout',
  '-U',
  '--other-user',
]);

/**
 * The words of a docker command as the docker CLI reads them, re-indexed from the docker word, or null
 * when the command is not docker. Users spell the client many ways that run the same CLI: `podman`
 * (a drop-in for every subcommand restage models), a path (`/usr/bin/docker`), a variable that names it
 * (`$DOCKER`, `${DOCKER:-docker}`, `$CONTAINER_ENGINE`), and behind wrappers that run it unchanged
 * (`sudo -E docker`, `time docker`, `exec docker`, `timeout 30m docker`; see wrapperLength). The words
 * keep their spans, so a rewrite splices only the words it changes and the spelling the user wrote stays.
 */
export function dockerWords(args: Arg[]): Arg[] | null {
  let i = 0;
  for (let n = wrapperLength(args, i); n > 0; n = wrapperLength(args, i)) i += n;
  const word = args[i];
  if (!word || !isDockerClient(word)) return null;
  const quiet = loggingFlags(args, i + 1);
  if (i === 0 && quiet === 0) return args;
  return [word, ...args.slice(i + 1 + quiet)].map((a, index) => ({ ...a, index }));
}

/**
 * How a wrapper reads its own words: options that take no value, options that take the next word, and
 * how many operands (a duration, a niceness) come before the command. Any other option (`env -i`, `env
 * -C dir`, `command -v`, `time -o file`) changes what runs or where, or writes a file: the command is not read.
 */
interface Wrapper {
  bare: RegExp;
  valued: Set<string>;
  operands: number;
  /** `sudo FOO=1 docker`, `env FOO=1 docker`: the wrapper sets the environment; only client-side settings are harmless. */
  setsEnvironment: boolean;
}

const WRAPPERS = new Map<string, Wrapper>(
  Object.entries({
    sudo: { bare: /^-/, valued: SUDO_VALUE_FLAGS, operands: 0, setsEnvironment: true },
    env: { bare: /^$/, valued: new Set(), operands: 0, setsEnvironment: true },
    command: { bare: /^-p$/, valued: new Set(), operands: 0, setsEnvironment: false },
    exec: { bare: /^$/, valued: new Set(), operands: 0, setsEnvironment: false },
    time: { bare: /^-p$/, valued: new Set(), operands: 0, setsEnvironment: false },
    nohup: { bare: /^$/, valued: new Set(), operands: 0, setsEnvironment: false },
    nice: { bare: /^-\d+$|^--adjustment=-?\d+$/, valued: new Set(['-n']), operands: 0, setsEnvironment: false },
    timeout: {
      bare: /^(--foreground|--preserve-status|-v|--verbose|--signal=\w+|--kill-after=\w+)$/,
      valued: new Set(['-s', '-k']),
      operands: 1,
      setsEnvironment: false,
    },
    stdbuf: { bare: /^-[ioe]\w+$|^--(input|output|error)=\w+$/, valued: new Set(['-i', '-o', '-e']), operands: 0, setsEnvironment: false },
  } satisfies Record<string, Wrapper>),
);

/**
 * The number of words a wrapper at `at` takes before the command it runs, 0 when `args[at]` is no
 * wrapper, or when the wrapper's words are not all known (an option given by a variable, an option that
 * changes the command's environment or directory): then the command is not read as docker.
 */
function wrapperLength(args: Arg[], at: number): number {
  const name = args[at];
  const wrapper = name?.isStatic ? WRAPPERS.get(/^(?:.*\/)?([a-z]+)$/.exec(name.text)?.[1] ?? '') : undefined;
  if (!wrapper) return 0;
  let i = at + 1;
  while (args[i]?.isStatic && args[i]!.text.startsWith('-') && args[i]!.text !== '--') {
    const option = args[i]!.text;
    if (wrapper.valued.has(option)) i += 2;
    else if (wrapper.bare.test(option)) i += 1;
    else return 0;
  }
  if (args[i]?.text === '--') i++;
  while (wrapper.setsEnvironment && args[i]?.isStatic && /^[A-Za-z_]\w*=/.test(args[i]!.text)) {
    if (!CLIENT_ONLY_ENV.test(args[i]!.text)) return 0;
    i++;
  }
  for (let k = 0; k < wrapper.operands; k++, i++) if (!args[i]?.isStatic || !/^\d+(\.\d+)?[smhd]?$/.test(args[i]!.text)) return 0;
  return args[i] ? i - at : 0;
}

/**
 * `docker --log-level warn build …`, `docker -D cp …`: the client's global options that change only what
 * it prints, dropped so the subcommand is read; the words stay in the text. Options that pick another
 * engine (`-H`, `--context`, `--config`, `--tls…`) are kept, and the command is not read (the engine's
 * platform may not be the merged build's).
 */
function loggingFlags(args: Arg[], from: number): number {
  let n = 0;
  for (;;) {
    const a = args[from + n];
    if (!a?.isStatic) return n;
    if (a.text === '-D' || a.text === '--debug' || /^--log-level=\w+$/.test(a.text)) n += 1;
    else if ((a.text === '-l' || a.text === '--log-level') && args[from + n + 1]?.isStatic) n += 2;
    else return n;
  }
}

/** A variable that names the client: `${DOCKER:-docker}`, `$DOCKER`, `${CONTAINER_ENGINE}`, `$(DOCKER)`. */
const CLIENT_VARIABLE = withClient(
  String.raw`^\$\{?\(?[A-Za-z_]*(CLIENT|container_?(engine|runtime|cli|tool)|oci_?(engine|runtime|cli))[A-Za-z_]*(:?-CLIENT)?\}?\)?$`,
  'i',
);

function isDockerClient(word: Arg): boolean {
  if (word.isStatic) return CLIENT_PROGRAM.test(word.text);
  // `ENGINE=${CONTAINER_ENGINE:-docker}` then `$ENGINE build`: the client the default names.
  if (word.ifUnset && CLIENT_PROGRAM.test(word.ifUnset.text)) return true;
  // `${DOCKER:-docker}`, `$DOCKER`, `${CONTAINER_ENGINE}`, `$(DOCKER)`: a variable naming the client.
  return CLIENT_VARIABLE.test(word.raw.replace(/^"(.*)"$/, '$1'));
}

/** `$(…)` (one level of nesting), `` `…` ``, `${…}` and `$name`: expansions a value may still hold unevaluated. */
export const UNEVALUATED = /\$\((?:[^()]|\([^()]*\))*\)|`[^`]*`|\$\{[^}]*\}|\$[A-Za-z_0-9@*#?$!-]\w*/g;

/**
 * Whether a `docker cp` operand names a container (`name:/path`): the client's rule, a colon before any
 * slash, applied to what the word holds at run time. An expansion restage could not evaluate stands for
 * a value (a container id, in practice), not for the slashes written inside it: `"$(docker create
 * app/builder | tail -1):/out/app"` names a container.
 */
export function namesContainer(a: Pick<Arg, 'text' | 'isStatic'>): boolean {
  const text = a.isStatic ? a.text : a.text.replace(UNEVALUATED, 'x');
  return /^[^/.~][^:/]*:/.test(text) || /^\u0001cid\d+\u0001:/.test(a.text);
}

/**
 * `docker ps -lq` (`-l -q`, `-alq`, `--latest --quiet`, `container ls`): the id of the container created
 * last, which the scripts that `docker run` a build and then copy out of it use instead of a name.
 */
export function isLatestContainerLookup(inv: DockerInvocation): boolean {
  if (inv.kind !== 'other') return false;
  const args = inv.subcommand === 'ps' ? inv.args : inv.subcommand === 'container' && /^(ls|list|ps)$/.test(inv.args[0]?.text ?? '') ? inv.args.slice(1) : null;
  if (!args || args.length === 0 || !args.every((a) => a.isStatic)) return false;
  const letters = args
    .map((a) => (a.text === '--latest' ? 'l' : a.text === '--quiet' ? 'q' : a.text === '--all' ? 'a' : /^-[alq]+$/.test(a.text) ? a.text.slice(1) : '!'))
    .join('');
  return !letters.includes('!') && letters.includes('l') && letters.includes('q');
}
