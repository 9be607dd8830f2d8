import path from 'node:path/posix';
import continuationTrailingSpace from '../../../rules/continuation-trailing-space.js';
import shellParseError from '../../../rules/shell-parse-error.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { commandOutput, evaluateWord, type ShellEnv, type Value } from '../../shell/evaluate.js';
import { resolveHostPath } from '../../shell/host-path.js';
import { parseShell } from '../../shell/parser.js';
import type { Statement, Word } from '../../shell/script.js';
import { ShellVariables } from '../../shell/variables.js';
import { LineIndex } from '../../text/lines.js';
import { argFrom, type Arg } from '../docker-cli.js';
import { commandArgs, dockerStep, commandStringStep, type ShellWords } from '../shell-command.js';
import { invokedFrom } from '../invoked-from.js';
import type { DriverRepo } from '../index.js';
import { containerIdToken, loopValueToken, type DriverAnalysis, type DriverStep, type TextFix, type Unit } from '../steps.js';

/** Backslash + blanks + newline: sh reads an escaped blank, then ends the command. */
const BROKEN_CONTINUATION = /\\([ \t]+)(?=\r?\n)/g;

export async function extract(relPath: string, text: string, repo?: DriverRepo): Promise<DriverAnalysis> {
  const own = path.dirname(relPath) === '.' ? '' : path.dirname(relPath);
  return extractShell(relPath, text, (repo && invokedFrom(relPath, repo)) ?? own);
}

/**
 * A shell text run from `cwd` (repo-relative): a script file, or a script embedded in another file (see
 * ../embedded), whose steps will follow `stepBase` steps of that file.
 */
export async function extractShell(
  relPath: string,
  text: string,
  cwd: string,
  stepBase = 0,
  environment: ReadonlyMap<string, Value> = new Map(),
): Promise<DriverAnalysis> {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const fixes: TextFix[] = [];
  const normalized = joinBrokenContinuations(text, relPath, lines, diagnostics, fixes);
  const base: DriverAnalysis = { path: relPath, text, lines, steps: [], units: [], fixes, diagnostics, unreadable: false };
  const parsed = await parseShell(normalized);
  if (parsed.errorAt !== null) {
    const p = lines.position(parsed.errorAt);
    diagnostics.push(
      shellParseError.report(
        { file: relPath, line: p.line, col: p.col },
        { detail: `syntax error near ${JSON.stringify(text.slice(parsed.errorAt, parsed.errorAt + 20).split('\n')[0])}` },
      ),
    );
    return { ...base, unreadable: true };
  }
  const env: ShellEnv = { vars: new ShellVariables(environment), scriptPath: relPath, cwd };
  // A script runs from wherever it is called; restage assumes the conventional `./build.sh` from its own directory.
  const steps: DriverStep[] = [];
  const units: Unit[] = [];
  // bash's directory stack; null: sh without one (dash), where pushd and popd are no commands at all.
  const dirs: DirectoryStack = /^#!.*\bbash\b/.test(text.slice(0, text.indexOf('\n') >>> 0)) ? [] : null;
  let blocks = 0;
  const top = parsed.statements;
  const inlined = functionsReadAtCall(top, text);
  // After a plain `exit` nothing of the script runs: what follows is no step (a wrong migration would
  // otherwise count an extraction written after it).
  let exited = false;
  const walk = (statements: Statement[], block: Unit['block']): void => {
    for (const st of statements) {
      if (exited) return;
      const unit: Unit = { start: st.start, end: st.end, group: st.group, groupStart: st.groupStart, groupEnd: st.groupEnd, ...(block ? { block } : {}) };
      // A function called once runs its body there: read it at the call (see functionsReadAtCall).
      if (st.kind === 'function' && inlined.has(st.name)) continue;
      const readAt = st.kind === 'command' && block?.kind !== 'loop' ? inlined.get(st.cmd.words[0]?.raw ?? '') : undefined;
      const fn = readAt?.call === st ? readAt.fn : undefined;
      if (fn) {
        units.push(unit);
        // `local x` (also `declare`, `typeset`) lasts until the function returns; the caller's x comes back.
        const saved = localNames(fn.text).map((name) => [name, env.vars.get(name)] as const);
        walk(fn.body, { kind: 'function', id: blocks++, start: fn.start, end: fn.end, call: unit });
        for (const [name, value] of saved) {
          if (value) env.vars.set(name, value);
          else env.vars.delete(name);
        }
        continue;
      }
      if (st.kind === 'loop' && !block && followsLoop(st, env)) {
        // Every pass runs the same body; read once with the variable standing for "this pass's value".
        env.vars.set(st.variable, { text: loopValueToken(blocks, st.variable), isStatic: true });
        walk(st.body, { kind: 'loop', id: blocks++, start: st.start, end: st.end });
        // After the loop, its variable and whatever the body assigned hold the last pass's values.
        env.vars.delete(st.variable);
        forgetWhatMayChange(st.text, env);
        continue;
      }
      units.push(unit);
      if (st.kind === 'assign') {
        env.vars.set(st.name, st.value ? evaluateWord(st.value, env) : { text: '', isStatic: true });
        continue;
      }
      if (st.kind === 'compound' || st.kind === 'loop' || st.kind === 'function') {
        steps.push({
          kind: 'opaque',
          unit,
          nodeType: st.kind === 'loop' ? 'for_statement' : st.kind === 'function' ? 'function_definition' : st.nodeType,
          text: st.text,
        });
        forgetWhatMayChange(st.text, env);
        continue;
      }
      const read: ShellWords = { evaluate: (w) => evaluateWord(w, env), argOf: (w, index) => argOf(w, index, env, text), stepBase, vars: env.vars };
      const args = commandArgs(st, unit, env.cwd, read, steps);
      const stdoutTo = st.cmd.stdoutTo ? read.argOf(st.cmd.stdoutTo, -1) : null;
      const name = args[0]?.text ?? '';
      const docker = dockerStep(st, unit, env.cwd, args, stdoutTo, read);
      const hidden = docker ? null : commandStringStep(args, unit);
      if (hidden) {
        steps.push(hidden);
        forgetWhatMayChange(hidden.text, env);
        continue;
      }
      if (docker) {
        steps.push(docker);
        // The token stands for the container id: static, since the planner resolves it, and never a valid path.
        if (st.assignTo) env.vars.set(st.assignTo, { text: containerIdToken(stepBase + steps.length - 1), isStatic: true });
      } else {
        if (st.assignTo) {
          env.vars.set(st.assignTo, commandOutput(args, env) ?? { text: `$(${text.slice(st.cmd.start, st.cmd.end)})`, isStatic: false });
        }
        for (const n of namesSetBy(args)) env.vars.delete(n);
        env.cwd = directoryAfter(name, env.cwd, args.slice(1), dirs);
        steps.push({ kind: 'host', unit, args, cwd: env.cwd, stdoutTo });
      }
      // `exit`, and `exec docker build …` (the shell becomes the command): nothing after it runs. Behind a
      // test in an && chain (`[ -n "$SKIP" ] && exit 0`) it may not run; the run that builds the images is
      // read as going on. After any other command (which succeeds on that run) it runs.
      const endsScript = name === 'exit' || (name === 'exec' && args.length > 1);
      if (endsScript && !steps.some((o) => o.unit.group === unit.group && o !== steps[steps.length - 1] && mayFail(o))) exited = true;
    }
  };
  walk(top, undefined);
  return { ...base, steps, units };
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The variables a builtin sets (`read -r T`, `getopts ab T`, `printf -v T …`, `mapfile T`, `let T=1`;
 * `unset` is a statement of its own, see forgetWhatMayChange): after it their value is not the one the
 * script assigned before. Forgotten (the environment's, unknown) rather than modelled: an option's
 * value that looks like a name (`read -p prompt`) is forgotten too, which only makes a value less known.
 */
function namesSetBy(args: Arg[]): string[] {
  const [cmd, ...rest] = args.map((a) => a.text);
  const names = (words: string[]) => words.filter((w) => VARIABLE_NAME.test(w));
  switch (cmd) {
    case 'read':
    case 'mapfile':
    case 'readarray':
    case 'getopts':
      return names(rest);
    case 'printf': {
      const v = rest.indexOf('-v');
      return v >= 0 && rest[v + 1] !== undefined ? names([rest[v + 1]!]) : [];
    }
    case 'let':
      // Each argument an expression: the name it starts with (`T=2`, `T += 2`, `T++`, `++T`) may be assigned.
      return rest.flatMap((w) => /^(?:\+\+|--)?([A-Za-z_][A-Za-z0-9_]*)/.exec(w)?.[1] ?? []);
    default:
      return [];
  }
}

/**
 * A backslash followed by blanks before the newline is no continuation to sh, but plainly meant as one:
 * each is reported and fixed, and the parser reads the text with the blanks moved before the backslash
 * (a same-length rewrite, so every offset still points into the original).
 */
function joinBrokenContinuations(text: string, relPath: string, lines: LineIndex, diagnostics: Diagnostic[], fixes: TextFix[]): string {
  return text.replace(BROKEN_CONTINUATION, (_match: string, blanks: string, offset: number) => {
    const p = lines.position(offset);
    diagnostics.push(continuationTrailingSpace.report({ file: relPath, line: p.line, col: p.col }, {}));
    fixes.push({ start: offset + 1, end: offset + 1 + blanks.length, text: '' });
    return `${blanks}\\`;
  });
}

function argOf(w: Word, index: number, env: ShellEnv, text: string): Arg {
  return argFrom(index, evaluateWord(w, env), w.start, w.end, text.slice(w.start, w.end));
}

/**
 * A `for` loop over words written out, whose body is plain statements that neither leave the loop
 * early nor change directory (a pass would then start elsewhere), is read like straight-line code.
 */
function followsLoop(st: Extract<Statement, { kind: 'loop' }>, env: ShellEnv): boolean {
  return st.values.every((w) => evaluateWord(w, env).isStatic) && plainBody(st.body);
}

/** A step a run that builds the images may see fail: a test, or control flow restage does not read. */
function mayFail(s: DriverStep): boolean {
  return s.kind === 'opaque' || (s.kind === 'host' && /^(.*\/)?(\[|test|grep|command|which|type|cmp|diff|false)$/.test(s.args[0]?.text ?? ''));
}

/** Plain commands and assignments that neither leave the block early nor change directory or shell state. */
function plainBody(body: Statement[]): boolean {
  return body.every(
    (b) =>
      b.kind === 'assign' ||
      (b.kind === 'command' && !/^(cd|pushd|popd|break|continue|exit|return|exec|set|shift|source|\.|local)$/.test(b.cmd.words[0]?.raw ?? '')),
  );
}

type FunctionDefinition = Extract<Statement, { kind: 'function' }>;
type CommandStatement = Extract<Statement, { kind: 'command' }>;

/** `$1`, `${2}`, `$@`, `$*`, `$#`, `${#}`, `shift`, `getopts`: a body that reads its arguments. */
const READS_ARGUMENTS = /\$(\{#?)?[0-9@*#]|(^|[\s;&|(])(shift|getopts)\b/;

/**
 * Functions read at their one call, as if their body were written there: defined once at the top
 * with a plain body, named once outside the definition, by a statement of its own at the top or in the
 * body of another such function (`main "$@"` calling `build` and `package`: the shape many scripts
 * have), defined before that statement runs; arguments only when the body reads none.
 */
function functionsReadAtCall(top: Statement[], text: string): Map<string, { fn: FunctionDefinition; call: CommandStatement }> {
  const defined = top.filter((st): st is FunctionDefinition => st.kind === 'function');
  const words = wordsOutsideComments(text);
  // A function defined twice is not named once: each definition's name is outside the other.
  const candidates = defined.filter((fn) => plainBody(fn.body) && namedOnce(fn, words));
  const callOf = (fn: FunctionDefinition, statements: Statement[]): CommandStatement | undefined =>
    statements.find(
      (st): st is CommandStatement =>
        st.kind === 'command' &&
        st.cmd.words[0]?.raw === fn.name &&
        !st.assignTo &&
        !st.pipeTo &&
        st.cmd.stdoutTo === null &&
        !st.cmd.otherRedirects &&
        (st.cmd.words.length === 1 || !READS_ARGUMENTS.test(fn.text)),
    );
  // The candidates whose body has a statement starting with a name, in order: a script of 3,000
  // functions asked each of the others for each (seconds, growing with the square).
  const callersOf = new Map<string, FunctionDefinition[]>();
  for (const caller of candidates) {
    for (const name of new Set(caller.body.flatMap((st) => (st.kind === 'command' ? [st.cmd.words[0]?.raw ?? ''] : []))))
      callersOf.set(name, [...(callersOf.get(name) ?? []), caller]);
  }
  const out = new Map<string, { fn: FunctionDefinition; call: CommandStatement }>();
  // Where the statement that runs a function sits at the top: its own call, or its caller's.
  const runsAt = (fn: FunctionDefinition, seen: Set<string>): { call: CommandStatement; at: number } | null => {
    const atTop = callOf(fn, top);
    if (atTop) return { call: atTop, at: atTop.start };
    for (const caller of callersOf.get(fn.name) ?? []) {
      const call = caller !== fn && !seen.has(caller.name) ? callOf(fn, caller.body) : undefined;
      const at = call ? runsAt(caller, new Set([...seen, fn.name]))?.at : undefined;
      if (call && at !== undefined) return { call, at };
    }
    return null;
  };
  for (const fn of candidates) {
    const run = runsAt(fn, new Set([fn.name]));
    // Defined after the statement that runs it, the name is not a function yet when the call runs.
    if (run && run.at >= fn.end) out.set(fn.name, { fn, call: run.call });
  }
  return out;
}

/** The names a function body declares local (`local a b=1`, `declare -r c`, `typeset d`). */
function localNames(text: string): string[] {
  return [...text.matchAll(/(?:^|[\s;&|({])(?:local|declare|typeset)\s+([^\n;&|)}]*)/g)].flatMap((m) =>
    m[1]!.split(/\s+/).flatMap((w) => /^([A-Za-z_]\w*)(\+?=|$)/.exec(w)?.[1] ?? []),
  );
}

/**
 * Where each word starts, outside comments (blanked, as `#` starts one at a line's start or after a
 * blank), by word: a word is a run of characters other than whitespace, `;`, `&`, `|`, parentheses and
 * backquotes (none of which a function's name holds). Every run counts, `x)f` of a
 * case item and the `f` of `$(f)` too: a name used more than once is not read at a call.
 */
function wordsOutsideComments(text: string): Map<string, number[]> {
  const code = text.replace(/(^|[ \t])#[^\n]*/gm, (m) => ' '.repeat(m.length));
  const words = new Map<string, number[]>();
  for (const m of code.matchAll(/[^\s;&|()`]+/g)) {
    const at = words.get(m[0]);
    if (at) at.push(m.index);
    else words.set(m[0], [m.index]);
  }
  return words;
}

/** The function's name appears once outside its definition (comments do not count). */
function namedOnce(fn: FunctionDefinition, words: ReadonlyMap<string, number[]>): boolean {
  return (words.get(fn.name) ?? []).filter((i) => i < fn.start || i >= fn.end).length === 1;
}

/**
 * Control flow restage does not follow may assign variables or change directory: afterwards, those
 * variables are unknown and so is the cwd, so nothing is resolved from a value that might not hold.
 */
export function forgetWhatMayChange(text: string, env: ShellEnv): void {
  for (const m of text.matchAll(/(?:^|[\s;&|(`{])(?:(?:export|local|readonly|declare)\s+)?([A-Za-z_][A-Za-z0-9_]*)\+?=/g)) env.vars.delete(m[1]!);
  for (const m of text.matchAll(/\b(?:for|read(?:\s+-\w+)*)\s+([A-Za-z_][A-Za-z0-9_]*)/g)) env.vars.delete(m[1]!);
  // `unset T U` (not `unset -f`, which removes functions).
  for (const m of text.matchAll(/(?:^|[\s;&|(`{])unset((?:[ \t]+[^\s;&|)]+)+)/g)) {
    const words = m[1]!.trim().split(/\s+/);
    if (!words.some((w) => /^-[a-z]*f/.test(w))) for (const w of words) if (VARIABLE_NAME.test(w)) env.vars.delete(w);
  }
  if (/(^|[\s;&|(`{])(cd|pushd|popd)\b/.test(text)) env.cwd = null;
}

/** bash's `pushd` stack (directories, null where unknown), or null where the shell may have none. */
export type DirectoryStack = (string | null)[] | null;

/**
 * The cwd after a command: `cd DIR` moves it (changeDirectory); `cd -` goes back to a directory restage
 * does not track, so it is unknown. `pushd DIR` and `popd` follow bash's stack when the script is a bash
 * script; elsewhere (`#!/bin/sh` may be dash, where they are no commands and the cwd stays) the cwd after
 * them is unknown, since the same script would write its files in two places.
 */
export function directoryAfter(name: string, cwd: string | null, args: Arg[], stack: DirectoryStack): string | null {
  if (name === 'cd') return args.some((a) => a.text === '-') ? null : changeDirectory(cwd, args);
  if (name !== 'pushd' && name !== 'popd') return cwd;
  if (stack === null) return null;
  const operands = args.filter((a) => a.text !== '--');
  if (name === 'pushd') {
    // `pushd` alone swaps the top two, `+N`/`-N` rotate, `-n` does not move: not followed.
    const target = operands.length === 1 && !/^[-+]/.test(operands[0]!.text) ? changeDirectory(cwd, operands) : null;
    stack.push(cwd);
    if (target === null) stack.fill(null);
    return target;
  }
  // popd: bash fails on an empty stack and stays; with operands it drops other entries.
  if (operands.length > 0) {
    stack.fill(null);
    return null;
  }
  return stack.length === 0 ? cwd : (stack.pop() ?? null);
}

export function changeDirectory(cwd: string | null, args: Arg[]): string | null {
  const target = args.filter((a) => a.text !== '-P' && a.text !== '-L');
  if (target.length !== 1 || !target[0]!.isStatic || cwd === null) return null;
  return resolveHostPath(cwd, target[0]!.text);
}
