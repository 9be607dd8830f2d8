import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LineIndex } from '../text/lines.js';
import type { Arg, ParseResult } from './docker-cli.js';

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
}

/** What every driver kind (sh, make, js-ts, ci-yaml) extracts: its docker and host commands in order. */
export type DriverStep =
  /** `pipeTo`: the host command a docker command's output is piped into (`docker run … tar -c | tar -x`). */
  | { kind: 'docker'; unit: Unit; args: Arg[]; parsed: ParseResult; cwd: string | null; assignTo: string | null; stdoutTo: Arg | null; unmodelledRedirect: boolean; pipeTo?: Arg[] }
  | { kind: 'host'; unit: Unit; args: Arg[]; cwd: string | null; stdoutTo: Arg | null }
  | { kind: 'opaque'; unit: Unit; nodeType: string; text: string };

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
  /** Set when the driver cannot be analysed at all (a parse error): its diagnostic is in `diagnostics`. */
  unreadable: boolean;
  wordSyntax?: WordSyntax;
}

/** A marker value for a variable that captured a container id (`id=$(docker create …)`). */
export function containerIdToken(stepIndex: number): string {
  return `\u0001cid${stepIndex}\u0001`;
}

export const CONTAINER_ID_TOKEN = /\u0001cid(\d+)\u0001/;
