import type { Arg } from '../docker-cli.js';

/**
 * `docker compose [global options] run [options] SERVICE [COMMAND…]` (and `docker-compose …`), as the
 * compose CLI reads it: the files and project directory it names, the run's own options, the service
 * and the command that replaces the service's. Anything else compose does is not a run.
 */
export interface ComposeRunLine {
  files: Arg[];
  projectDirectory: Arg | null;
  /** The run's options, long names (`-e` is `--env`), each with its value or null. */
  options: { name: string; value: Arg | null; at: Arg }[];
  service: Arg;
  command: Arg[];
}

/** `docker-compose`, `podman-compose`, as a program of their own. */
export const COMPOSE_PROGRAM = /^(.*\/)?(docker|podman)-compose$/;

type Arity = 'value' | 'bool';

const GLOBAL: Record<string, Arity> = {
  '-f': 'value',
  '--file': 'value',
  '-p': 'value',
  '--project-name': 'value',
  '--project-directory': 'value',
  '--env-file': 'value',
  '--profile': 'value',
  '--ansi': 'value',
  '--progress': 'value',
  '--parallel': 'value',
  '--log-level': 'value',
  '--no-ansi': 'bool',
  '--compatibility': 'bool',
  '--verbose': 'bool',
};

const RUN: Record<string, Arity> = {
  '-e': 'value',
  '--env': 'value',
  '-w': 'value',
  '--workdir': 'value',
  '-v': 'value',
  '--volume': 'value',
  '-u': 'value',
  '--user': 'value',
  '--entrypoint': 'value',
  '--name': 'value',
  '-l': 'value',
  '--label': 'value',
  '-p': 'value',
  '--publish': 'value',
  '--pull': 'value',
  '--cap-add': 'value',
  '--cap-drop': 'value',
  '--rm': 'bool',
  '-d': 'bool',
  '--detach': 'bool',
  '-T': 'bool',
  '--no-TTY': 'bool',
  '--no-tty': 'bool',
  '-i': 'bool',
  '--interactive': 'bool',
  '--no-deps': 'bool',
  '--service-ports': 'bool',
  '--use-aliases': 'bool',
  '--build': 'bool',
  '--remove-orphans': 'bool',
  '--quiet-pull': 'bool',
};

/** Short names by their long ones: `-p` is `--project-name` before `run` and `--publish` after it. */
const GLOBAL_LONG: Record<string, string> = { '-f': '--file', '-p': '--project-name' };
const RUN_LONG: Record<string, string> = {
  '-p': '--publish',
  '-e': '--env',
  '-w': '--workdir',
  '-v': '--volume',
  '-u': '--user',
  '-l': '--label',
  '-d': '--detach',
  '-T': '--no-TTY',
  '--no-tty': '--no-TTY',
  '-i': '--interactive',
};

/** Options up to the first operand; null at a flag compose would not take. */
function readOptions(
  words: Arg[],
  from: number,
  [table, long]: [Record<string, Arity>, Record<string, string>],
  section: 'global' | 'run',
): { options: ComposeRunLine['options']; next: number } | null {
  const options: ComposeRunLine['options'] = [];
  let i = from;
  for (; i < words.length; i++) {
    const a = words[i]!;
    if (a.text === '--' && section === 'run') return { options, next: i + 1 };
    if (!a.text.startsWith('-') || !a.isStatic) break;
    const eq = a.text.startsWith('--') ? a.text.indexOf('=') : -1;
    const name = eq > 0 ? a.text.slice(0, eq) : a.text;
    const arity = table[name];
    if (!arity) return null;
    if (arity === 'bool') {
      options.push({ name: long[name] ?? name, value: null, at: a });
    } else if (eq > 0) {
      options.push({ name: long[name] ?? name, value: { ...a, text: a.text.slice(eq + 1) }, at: a });
    } else {
      const v = words[i + 1];
      if (!v) return null;
      options.push({ name: long[name] ?? name, value: v, at: a });
      i++;
    }
  }
  return { options, next: i };
}

/** `words` start after `compose` (or after the `docker-compose` word). Null for a compose command that is not a `run` restage reads. */
export function readComposeRun(words: Arg[]): ComposeRunLine | null {
  const global = readOptions(words, 0, [GLOBAL, GLOBAL_LONG], 'global');
  if (global === null || words[global.next]?.text !== 'run') return null;
  const run = readOptions(words, global.next + 1, [RUN, RUN_LONG], 'run');
  const service = run === null ? undefined : words[run.next];
  if (run === null || !service) return null;
  return {
    files: global.options.filter((o) => o.name === '--file').map((o) => o.value!),
    projectDirectory: global.options.find((o) => o.name === '--project-directory')?.value ?? null,
    options: run.options,
    service,
    command: words.slice(run.next + 1),
  };
}
