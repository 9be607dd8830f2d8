import type { DfInstruction, DockerfileModel } from './parse.js';

/**
 * The values a Dockerfile's variables have where a COPY reads them (`ARG JAR_FILE=target/*.jar`, then
 * `COPY ${JAR_FILE} app.jar`): a stage's ARGs (the build's `--build-arg` wins) and ENVs, in order.
 * Both detection and the planner read COPY sources through these, so the two agree on what is read.
 */

/** Name → value; null for a value known only when the build runs. */
export type Variables = Map<string, string | null>;

/** `--build-arg NAME=VALUE` words as a map; a value the shell gives only at run time is null. */
export function buildArgValues(words: readonly { text: string; isStatic: boolean }[]): Variables {
  const out: Variables = new Map();
  for (const w of words) {
    const eq = w.text.indexOf('=');
    const name = eq < 0 ? w.text : w.text.slice(0, eq);
    out.set(name, eq < 0 || !w.isStatic ? null : w.text.slice(eq + 1));
  }
  return out;
}

/**
 * Every instruction of every stage with the variables in force there (those its stage declared before
 * it, and its own), for a build given `given` as its `--build-arg`s. The map is the stage's, updated
 * as the walk goes on: read it at the instruction.
 */
export function* withVariables(df: DockerfileModel, given: ReadonlyMap<string, string | null> | undefined): Generator<[DfInstruction, Variables]> {
  for (const stage of df.stages) {
    const vars: Variables = new Map();
    for (const ins of stage.instructions) {
      declareVariables(ins, vars, given, df.globalArgs);
      yield [ins, vars];
    }
  }
}

/** A COPY source as the build reads it: its variables expanded; null when one is known only at run time. */
export function sourceValue(written: string, vars: ReadonlyMap<string, string | null>): string | null {
  return written.includes('$') ? expandVariables(written, vars) : written;
}

/**
 * A stage's `ARG NAME[=default]` (the build's `--build-arg` wins; a bare `ARG NAME` takes the global
 * default) or `ENV NAME=value` (or the old `ENV NAME value`), added to `vars`.
 */
export function declareVariables(
  ins: { keyword: string; args: readonly { value: string }[] },
  vars: Variables,
  given: ReadonlyMap<string, string | null> | undefined,
  globals: DockerfileModel['globalArgs'],
): void {
  if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') return;
  if (ins.keyword === 'ENV' && ins.args.length >= 2 && !ins.args[0]!.value.includes('=')) {
    vars.set(
      ins.args[0]!.value,
      expandVariables(
        ins.args
          .slice(1)
          .map((a) => unquote(a.value))
          .join(' '),
        vars,
      ),
    );
    return;
  }
  for (const a of ins.args) {
    const eq = a.value.indexOf('=');
    const name = eq < 0 ? a.value : a.value.slice(0, eq);
    const written = eq < 0 ? null : expandVariables(unquote(a.value.slice(eq + 1)), vars);
    if (ins.keyword === 'ENV') vars.set(name, written);
    else if (given?.has(name)) vars.set(name, given.get(name)!);
    // BuildKit fills these from the platform it builds for, over any default (the classic builder leaves them empty).
    else if (PLATFORM_ARGS.has(name)) vars.set(name, null);
    else vars.set(name, eq < 0 ? ([...globals].reverse().find((g) => g.name === name)?.defaultValue ?? '') : written);
  }
}

const PLATFORM_ARGS = new Set(['PLATFORM', 'OS', 'ARCH', 'VARIANT'].flatMap((p) => [`TARGET${p}`, `BUILD${p}`]));

function unquote(v: string): string {
  return /^"[^"]*"$|^'[^']*'$/.test(v) ? v.slice(1, -1) : v;
}

/**
 * `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME:+word}` with the stage's values (a name the stage does
 * not declare is empty, as in Docker); null when a value is known only at run time, or the text holds
 * a form restage does not expand.
 */
export function expandVariables(text: string, vars: ReadonlyMap<string, string | null>): string | null {
  let unknown = false;
  const out = text.replace(
    /\$(?:\{([A-Za-z_]\w*)(?::([-+])([^}]*))?\}|([A-Za-z_]\w*))/g,
    (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare)!;
      const value = vars.has(name) ? vars.get(name)! : '';
      if (value === null) {
        unknown = true;
        return '';
      }
      if (op === '-') return value === '' ? (word ?? '') : value;
      if (op === '+') return value === '' ? '' : (word ?? '');
      return value;
    },
  );
  return unknown || out.includes('$') ? null : out;
}
