import path from 'node:path/posix';
import type { SimpleCommand, Word, WordPart } from './script.js';
import type { ShellVariables } from './variables.js';

/** A word's value. When a part cannot be known statically the text keeps its source form (`$TAG`). */
export interface Value {
  text: string;
  isStatic: boolean;
  /**
   * For a value that is not static only because it reads variables the script never sets, each with a
   * default (`${OUT_DIR:-dist}`): the text when none of them is set in the environment, and their names.
   */
  ifUnset?: { text: string; variables: string[] };
  /** The make target whose recipes alone have this value (a target-specific variable): elsewhere it is another. */
  scope?: string;
}

/** Marks "the repository root" inside an evaluated path, for `$PWD`, `$(pwd)` and `$(dirname "$0")`. */
export const REPO_ROOT = '\u0000repo';

export interface ShellEnv {
  vars: ShellVariables;
  /** Repo-relative POSIX path of the script ('' for the root). */
  scriptPath: string;
  /** Repo-relative cwd at this point of the script ('' for the root); null once it is unknown. */
  cwd: string | null;
}

export function evaluateWord(word: Word, env: ShellEnv): Value {
  return evaluateParts(word.parts, env);
}

function evaluateParts(parts: WordPart[], env: ShellEnv): Value {
  let text = '';
  let isStatic = true;
  // The text with every environment default taken, while each part has one (or is static).
  let unset: { text: string; variables: string[] } | null = { text: '', variables: [] };
  for (const p of parts) {
    const v = evaluatePart(p, env);
    text += v.text;
    isStatic &&= v.isStatic;
    if (unset && (v.isStatic || v.ifUnset))
      unset = { text: unset.text + (v.ifUnset?.text ?? v.text), variables: [...unset.variables, ...(v.ifUnset?.variables ?? [])] };
    else unset = null;
  }
  return isStatic || !unset ? { text, isStatic } : { text, isStatic, ifUnset: unset };
}

function evaluatePart(p: WordPart, env: ShellEnv): Value {
  switch (p.kind) {
    case 'lit':
      return { text: p.text, isStatic: true };
    case 'opaque':
      return { text: p.text, isStatic: false };
    case 'cmdsub':
      return evaluateCommandSubstitution(p.inner, p.text, env);
    case 'var': {
      if (p.op === ':=' || p.op === '=') {
        // `${NAME:=default}` expands as `${NAME:-default}` does and leaves NAME holding that value for
        // every later command (`: "${ENGINE:=docker}"`, the idiom for a default set once).
        const value = evaluatePart({ ...p, op: p.op === ':=' ? ':-' : '-' }, env);
        if (/^[A-Za-z_]\w*$/.test(p.name)) env.vars.set(p.name, value);
        return value;
      }
      const known = lookup(p.name, env);
      if (p.op === null) return known ?? { text: `$${p.name}`, isStatic: false };
      if (REMOVAL.has(p.op)) return removedPattern(known, p.op, evaluateParts(p.arg, env), p.name);
      const unset = known === undefined;
      const empty = known !== undefined && known.isStatic && known.text === '';
      if (p.op === ':-' || p.op === '-') {
        if (known && known.isStatic && !(p.op === ':-' && empty)) return known;
        if (known && !known.isStatic) {
          const text = `\${${p.name}${p.op}${evaluateParts(p.arg, env).text}}`;
          // Set by the script from environment defaults: unless the environment overrides them, it holds that text.
          const viaDefaults = known.ifUnset && (p.op === '-' || known.ifUnset.text !== '') ? { ifUnset: known.ifUnset } : {};
          return { text, isStatic: false, ...viaDefaults };
        }
        if (!unset) return evaluateParts(p.arg, env);
      }
      // The variable comes from the caller's environment: its value is unknown here.
      const fallback = evaluateParts(p.arg, env);
      const text = `\${${p.name}${p.op}${fallback.text}}`;
      if (unset && (p.op === ':-' || p.op === '-') && (fallback.isStatic || fallback.ifUnset))
        return {
          text,
          isStatic: false,
          ifUnset: { text: fallback.ifUnset?.text ?? fallback.text, variables: [p.name, ...(fallback.ifUnset?.variables ?? [])] },
        };
      return { text, isStatic: false };
    }
  }
}

/**
 * The variable a driver writes into shell text it hands over where its own language named the
 * repository root (a JS script's `path.join(__dirname, 'dist')` pasted into an execSync string): the
 * text stays valid shell, and the word evaluates to REPO_ROOT as `$PWD` does.
 */
export const REPO_ROOT_VARIABLE = '__restage_repo_root';

/** Where CI services put the checkout: the repository root restage reads, whenever they are set. */
const CI_ROOT_VARIABLES = new Set([
  REPO_ROOT_VARIABLE,
  'GITHUB_WORKSPACE',
  'CI_PROJECT_DIR',
  'BITBUCKET_CLONE_DIR',
  'CIRCLE_WORKING_DIRECTORY',
  'BUILD_SOURCESDIRECTORY',
  'DRONE_WORKSPACE',
  'SEMAPHORE_GIT_DIR',
  'TRAVIS_BUILD_DIR',
]);

function lookup(name: string, env: ShellEnv): Value | undefined {
  if (CI_ROOT_VARIABLES.has(name) && !env.vars.has(name)) return { text: REPO_ROOT, isStatic: true };
  // bash's BASH_SOURCE (`${BASH_SOURCE[0]}`) names the file being read: the script, or the sourced file restage reads as one.
  if (name === '0' || (name === 'BASH_SOURCE' && !env.vars.has(name)))
    return { text: env.scriptPath === '' ? REPO_ROOT : `${REPO_ROOT}/${env.scriptPath}`, isStatic: true };
  if (name === 'PWD') return env.cwd === null ? undefined : { text: joinRoot(env.cwd), isStatic: true };
  return env.vars.get(name);
}

/** `${NAME%pattern}`, `${NAME%%pattern}` (a suffix removed), `${NAME#pattern}`, `${NAME##pattern}` (a prefix). */
const REMOVAL = new Set(['%', '%%', '#', '##']);

/**
 * The value with the shortest (`%`, `#`) or longest (`%%`, `##`) end matching the pattern removed, as
 * the shell does (`${0%/*}`: the script's directory); unknown unless both are known.
 */
function removedPattern(value: Value | undefined, op: string, pattern: Value, name: string): Value {
  const text = `\${${name}${op}${pattern.text}}`;
  // A bracket expression (`[a-z]`) or an extended pattern (`+(…)`) is not read: unknown, not misread.
  if (value === undefined || !value.isStatic || !pattern.isStatic || /[[()]/.test(pattern.text)) return { text, isStatic: false };
  const matches = globMatcher(pattern.text);
  const v = value.text;
  const cuts = [...Array(v.length + 1).keys()];
  if (op === '%' || op === '%%') {
    const at = (op === '%' ? cuts.reverse() : cuts).find((i) => matches(v.slice(i)));
    return { text: v.slice(0, at), isStatic: true };
  }
  const at = (op === '#' ? cuts : cuts.reverse()).find((i) => matches(v.slice(0, i)));
  return { text: v.slice(at), isStatic: true };
}

/** A shell pattern of `*`, `?` and literal characters as a test of a whole string. */
function globMatcher(pattern: string): (s: string) => boolean {
  const re = new RegExp(`^${[...pattern].map((c) => (c === '*' ? '[^]*' : c === '?' ? '[^]' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
  return (s) => re.test(s);
}

/** A repo-relative path as an evaluated one under REPO_ROOT. */
export function joinRoot(rel: string): string {
  return rel === '' ? REPO_ROOT : `${REPO_ROOT}/${rel}`;
}

/** Whether an evaluated path is the repository root or under it. */
export function underRoot(p: string): boolean {
  return p === REPO_ROOT || p.startsWith(`${REPO_ROOT}/`);
}

/** `$(cd "$(dirname "$0")" && pwd)`, `$(cd "$(dirname "${BASH_SOURCE[0]}")"; pwd -P)`: the script's own directory. */
const SCRIPT_DIR =
  /^\$\(\s*cd\s+(?:--\s+)?("?)\$\(\s*dirname\s+(?:--\s+)?("?)\$(?:0|\{0\}|\{BASH_SOURCE(?:\[0\])?\}|BASH_SOURCE)\2\s*\)((?:\/[\w.-]+)*)\/?\1(?:\s*(?:&>|>|2>|1>)\s*\/dev\/null|\s+2>&1)*\s*(?:&&|;)\s*pwd(?:\s+-[PL])?\s*\)$/;

function evaluateCommandSubstitution(inner: SimpleCommand | null, raw: string, env: ShellEnv): Value {
  const scriptDir = SCRIPT_DIR.exec(raw);
  if (scriptDir) {
    const dir = path.normalize(path.join(path.dirname(env.scriptPath), scriptDir[3] ?? ''));
    if (dir !== '..' && !dir.startsWith('../')) return { text: dir === '.' ? REPO_ROOT : `${REPO_ROOT}/${dir}`, isStatic: true };
  }
  if (inner && !inner.otherRedirects && !inner.stdoutTo) {
    const known = commandOutput(
      inner.words.map((w) => evaluateWord(w, env)),
      env,
    );
    if (known) return known;
  }
  return { text: raw, isStatic: false };
}

/** What a command prints when restage knows it statically (`pwd`, `dirname x`, `git rev-parse --show-toplevel`), else null. */
export function commandOutput(args: Value[], env: ShellEnv): Value | null {
  const name = args[0]?.text;
  if (name === 'pwd' && args.length === 1 && env.cwd !== null) return { text: joinRoot(env.cwd), isStatic: true };
  // restage reads one repository: its top level is the root (a script run from a checkout of it).
  if (name === 'git' && args.length === 3 && args[1]?.text === 'rev-parse' && args[2]?.text === '--show-toplevel' && env.cwd !== null)
    return { text: REPO_ROOT, isStatic: true };
  const operands = args.slice(1).filter((a, i) => !(i === 0 && a.text === '--'));
  if (name === 'dirname' && operands.length === 1 && operands[0]!.isStatic) return { text: path.dirname(operands[0]!.text), isStatic: true };
  // `readlink -f "$0"`, `realpath "$0"`: the path itself, normalised and from the root (a link among its
  // directories is not followed: restage reads the script where the checkout has it).
  const resolving = name === 'realpath' || (name === 'readlink' && /^-[fem]$/.test(operands[0]?.text ?? ''));
  const target = name === 'readlink' ? operands.slice(1) : operands.filter((a) => !a.text.startsWith('-'));
  if (resolving && target.length === 1 && target[0]!.isStatic) {
    const t = target[0]!.text;
    const resolved = underRoot(t) || t.startsWith('/') ? path.normalize(t) : env.cwd !== null ? path.normalize(`${joinRoot(env.cwd)}/${t}`) : null;
    // `..` past the root: out of the repository, wherever that is.
    if (resolved !== null && (underRoot(resolved) || resolved.startsWith('/'))) return { text: resolved, isStatic: true };
  }
  return null;
}
