import path from 'node:path/posix';
import type { SimpleCommand, Word, WordPart } from './script.js';

/** A word's value. When a part cannot be known statically the text keeps its source form (`$TAG`). */
export interface Value {
  text: string;
  isStatic: boolean;
}

/** Marks "the repository root" inside an evaluated path, for `$PWD`, `$(pwd)` and `$(dirname "$0")`. */
export const REPO_ROOT = '\u0000repo';

export interface ShellEnv {
  vars: Map<string, Value>;
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
  for (const p of parts) {
    const v = evaluatePart(p, env);
    text += v.text;
    isStatic &&= v.isStatic;
  }
  return { text, isStatic };
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
      const known = lookup(p.name, env);
      if (p.op === null) return known ?? { text: `$${p.name}`, isStatic: false };
      const unset = known === undefined;
      const empty = known !== undefined && known.isStatic && known.text === '';
      if (p.op === ':-' || p.op === '-') {
        if (known && known.isStatic && !(p.op === ':-' && empty)) return known;
        if (known && !known.isStatic) return { text: `\${${p.name}${p.op}${evaluateParts(p.arg, env).text}}`, isStatic: false };
        if (!unset) return evaluateParts(p.arg, env);
      }
      // The variable comes from the caller's environment: its value is unknown here.
      return { text: `\${${p.name}${p.op}${evaluateParts(p.arg, env).text}}`, isStatic: false };
    }
  }
}

function lookup(name: string, env: ShellEnv): Value | undefined {
  if (name === '0') return { text: env.scriptPath === '' ? REPO_ROOT : `${REPO_ROOT}/${env.scriptPath}`, isStatic: true };
  if (name === 'PWD') return env.cwd === null ? undefined : { text: joinRoot(env.cwd), isStatic: true };
  return env.vars.get(name);
}

function joinRoot(rel: string): string {
  return rel === '' ? REPO_ROOT : `${REPO_ROOT}/${rel}`;
}

function evaluateCommandSubstitution(inner: SimpleCommand | null, raw: string, env: ShellEnv): Value {
  if (inner && !inner.otherRedirects && !inner.stdoutTo) {
    const args = inner.words.map((w) => evaluateWord(w, env));
    const name = args[0]?.text;
    if (name === 'pwd' && args.length === 1 && env.cwd !== null) return { text: joinRoot(env.cwd), isStatic: true };
    if (name === 'dirname' && args.length === 2 && args[1]?.isStatic) {
      const d = path.dirname(args[1].text);
      return { text: d, isStatic: true };
    }
  }
  return { text: raw, isStatic: false };
}
