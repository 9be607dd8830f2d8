import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LineIndex } from '../text/lines.js';
import type { Value } from '../shell/evaluate.js';
import type { Arg, ParseResult } from './docker-cli.js';
import { NAMES_CLIENT } from '../text/client-names.js';

/**
 * Where a step sits in its driver file. Units of one `a && b` chain share a group: removing every unit
 * removes the group's lines, removing some splices them out of the chain.
 */
export interface Unit {
  start: number;
  end: number;
  group: number;
  groupStart: number;
  groupEnd: number;
  /**
   * The block whose body holds this unit: a `for` loop (runs once per pass) or a function restage reads
   * at its one call (`call`: the calling statement's unit, which goes when the whole body goes).
   */
  block?: { kind: 'loop' | 'function'; id: number; start: number; end: number; call?: Unit };
}

/** What every driver kind (sh, make, js-ts, ci-yaml) extracts: its docker and host commands in order. */
export type DriverStep =
  /** `pipeTo`: the host command a docker command's output is piped into (`docker run … tar -c | tar -x`). */
  | {
      kind: 'docker';
      unit: Unit;
      args: Arg[];
      parsed: ParseResult;
      cwd: string | null;
      assignTo: string | null;
      stdoutTo: Arg | null;
      unmodelledRedirect: boolean;
      /** `>> file` (or `&>`): the docker command's output lands in a file restage will not migrate, but detection must see written. */
      appendTo?: Arg;
      pipeTo?: Arg[];
      /** The words before the client that run it (`time`, `timeout 10m`, `sudo -E`): see dockerWords. */
      wrappers?: string[];
      /** A `compose run` read as the `docker run` it amounts to (compose/index.ts), and the compose file it read. */
      compose?: { file: string | null };
      /**
       * The shell variables the command sees (absent: the shell's environment), where the driver runs it
       * in a shell it reads. A make recipe line, a CI `run:` and a JS exec call each get a new shell and a
       * function's `local` ends with it: a word carried to another docker command may read another value.
       */
      vars?: ReadonlyMap<string, Value>;
    }
  | { kind: 'host'; unit: Unit; args: Arg[]; cwd: string | null; stdoutTo: Arg | null }
  | {
      kind: 'opaque';
      unit: Unit;
      nodeType: string;
      text: string;
      /** A CI step that runs an action (GitHub's `uses: NAME`): the action's name; its text is then the action and its inputs, no script. */
      action?: string;
    };

/** The nodeType of an opaque step of a driver restage does not read (drivers/unsupported/): a line that may extract. */
export const UNREAD_DRIVER_STEP = 'unread_driver_line';

/** The nodeType of an opaque step that copies out of a container through the Engine API (dockerode's `getArchive`). */
export const ENGINE_API_STEP = 'engine_api_copy';

/**
 * Whether a step restage does not follow may run docker: its text names the client; an action's name
 * does (`addnab/docker-run-action`, `docker://…`), not its inputs (`image-ref: docker.io/…` of a scanner).
 */
export function hidesDocker(s: Extract<DriverStep, { kind: 'opaque' }>): boolean {
  return NAMES_CLIENT.test(s.action ?? s.text);
}

/** A spot where the driver's text must change for reasons of its own syntax (see continuation-trailing-space). */
export interface TextFix {
  start: number;
  end: number;
  text: string;
}

/**
 * How restage writes words into a driver that is not shell text (JS argv arrays, JS string literals).
 * Without one, inserted words are written as sh words.
 */
export interface WordSyntax {
  /**
   * Set when an inserted word is always re-quoted as sh words inside a literal (JS): a word that reads
   * a variable (`V="$V"`, a template's `${version}`) would not keep its meaning there.
   */
  staticOnly?: boolean;
  /** The text to insert at `at` (the end of a word) so the command gains `pieces`, each a run of sh words. */
  insert(at: number, pieces: string[]): string;
  /** The text replacing `arg`'s span so that its value becomes `value` (a flag prefix such as `--file=` kept). */
  replace(arg: Arg, value: string): string;
}

export interface DriverAnalysis {
  path: string;
  text: string;
  lines: LineIndex;
  steps: DriverStep[];
  /** Every top-level statement's unit, steps or not (assignments too), so a rewrite knows whole groups. */
  units: Unit[];
  /** Fixes restage applies to any statement it edits. */
  fixes: TextFix[];
  diagnostics: Diagnostic[];
  /**
   * Edits a rewrite must make when every unit of a set goes: a Makefile rule whose recipe empties gets
   * an empty recipe (` ;`), or make would look for a built-in rule to make the target.
   */
  whenEmptied?: { units: Unit[]; fix: TextFix }[];
  /** Files the driver's own syntax needs to exist (a Makefile rule's prerequisites): a migration keeps them. */
  fileDependencies?: string[];
  /** Other files the reading of the driver depends on (the compose file of a `compose run`): a pre-commit run on them selects the setup. */
  reads?: string[];
  /** Set when the driver cannot be analysed at all (a parse error): its diagnostic is in `diagnostics`. */
  unreadable: boolean;
  wordSyntax?: WordSyntax;
}

/** A marker value for a variable that captured a container id (`id=$(docker create …)`). */
export function containerIdToken(stepIndex: number): string {
  return `\u0001cid${stepIndex}\u0001`;
}

export const CONTAINER_ID_TOKEN = /\u0001cid(\d+)\u0001/;

/** A marker value for a loop variable inside its loop's body: the same in every command of one pass. */
export function loopValueToken(loop: number, name: string): string {
  return `\u0001loop${loop}:${name}\u0001`;
}

export const LOOP_VALUE_TOKEN = /\u0001loop\d+:[A-Za-z_][A-Za-z0-9_]*\u0001/;

/**
 * Text as the user wrote it where it holds stand-ins: a loop pass's value is its variable again, a
 * created container's id says so. Their control characters must never reach a terminal, a JSON report
 * or a SARIF file (rules/rule.ts writes every message through this).
 */
export function readableRunTimeValues(text: string): string {
  return text.replace(/\u0001loop\d+:(\w+)\u0001/g, '$$$1').replace(new RegExp(CONTAINER_ID_TOKEN.source, 'g'), '$(docker create …)');
}

/** Any of the planner's stand-ins for a value only a run knows. */
export const RUN_TIME_VALUE = new RegExp(`${CONTAINER_ID_TOKEN.source}|${LOOP_VALUE_TOKEN.source}`, 'g');
