import { referenceEnd } from './text.js';

/**
 * Make's own expansion of `$(VAR)`, `${VAR}`, `$X`, `$$` and automatic variables, done statically.
 * What cannot be known (functions such as `$(shell …)`, variables set in conditionals, after an
 * include or nowhere in the file) stays a `dyn` piece, kept as written.
 */
export type Piece = { kind: 'text'; text: string } | { kind: 'dyn'; display: string } | { kind: 'root'; rel: string };

export interface MakeVar {
  name: string;
  flavor: 'recursive' | 'simple';
  /** Recursive variables: the value as written, expanded at each use. */
  raw: string;
  /** Simple variables: the value expanded when it was assigned. */
  pieces: Piece[];
  /** False when the value cannot be known (set in a conditional, after an include, by `!=`, per target …). */
  known: boolean;
  /** Set by `define … endef`: several lines, a canned recipe. */
  define: boolean;
  exported: boolean;
  /** Every text ever assigned to it, so an opaque step can tell what it may run. */
  loose: string[];
}

export interface AutoVars {
  target: string;
  prereqs: string[];
  orderOnly: string[];
  /** vpath/VPATH may rewrite prerequisite names: `$<`, `$^` are then unknown. */
  prereqsKnown: boolean;
}

export interface ExpandContext {
  vars: Map<string, MakeVar>;
  /** Repo-relative directory of the Makefile, for `$(CURDIR)`. */
  dir: string;
  auto: AutoVars | null;
  /** What the expansion ran into: 'make' ($(MAKE)), 'define', 'eval', 'function'. */
  flags: Set<string>;
  stack: Set<string>;
  /** In a recipe: variables whose value there depends on the target (Makefile.targetVars). */
  targetVars?: ReadonlyMap<string, unknown>;
}

const FUNCTIONS = new Set([
  'subst',
  'patsubst',
  'strip',
  'findstring',
  'filter',
  'filter-out',
  'sort',
  'word',
  'wordlist',
  'words',
  'firstword',
  'lastword',
  'dir',
  'notdir',
  'suffix',
  'basename',
  'addsuffix',
  'addprefix',
  'join',
  'wildcard',
  'realpath',
  'abspath',
  'error',
  'warning',
  'info',
  'shell',
  'origin',
  'flavor',
  'foreach',
  'if',
  'or',
  'and',
  'call',
  'eval',
  'file',
  'value',
  'let',
  'intcmp',
  'guile',
]);

/** Make's defaults that drivers commonly use. */
const BUILTINS: Record<string, string> = { RM: 'rm -f', SHELL: '/bin/sh' };

/** One token of make text: a literal run, `$$`, or a reference `[start, end)` with its body. */
export type Token =
  { kind: 'lit'; start: number; end: number } | { kind: 'dollar'; start: number; end: number } | { kind: 'ref'; start: number; end: number; body: string };

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let lit = 0;
  const flush = (to: number) => {
    if (to > lit) out.push({ kind: 'lit', start: lit, end: to });
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') continue;
    flush(i);
    const next = text[i + 1];
    if (next === undefined) {
      // A lone `$` at the end expands to nothing.
      out.push({ kind: 'ref', start: i, end: i + 1, body: '' });
      lit = i + 1;
      continue;
    }
    if (next === '$') {
      out.push({ kind: 'dollar', start: i, end: i + 2 });
      i++;
    } else if (next === '(' || next === '{') {
      const end = referenceEnd(text, i);
      const stop = end < 0 ? text.length : end;
      out.push({ kind: 'ref', start: i, end: stop, body: text.slice(i + 2, end < 0 ? stop : stop - 1) });
      i = stop - 1;
    } else {
      out.push({ kind: 'ref', start: i, end: i + 2, body: next });
      i++;
    }
    lit = i + 1;
  }
  flush(text.length);
  return out;
}

export function expand(text: string, ctx: ExpandContext): Piece[] {
  const out: Piece[] = [];
  for (const t of tokenize(text)) {
    if (t.kind === 'lit') out.push({ kind: 'text', text: text.slice(t.start, t.end) });
    else if (t.kind === 'dollar') out.push({ kind: 'text', text: '$' });
    else out.push(...expandReference(t.body, text.slice(t.start, t.end), ctx));
  }
  return normalize(out);
}

export function expandReference(body: string, written: string, ctx: ExpandContext): Piece[] {
  if (body === '') return [];
  const fn = /^([a-z-]+)[ \t]/.exec(body)?.[1];
  // `$(shell pwd)`: make's working directory, the Makefile's own when make runs there (as `$(CURDIR)`).
  if (fn === 'shell' && /^shell[ \t]+pwd[ \t]*$/.test(body)) return [{ kind: 'root', rel: ctx.dir }];
  if (fn && FUNCTIONS.has(fn)) {
    ctx.flags.add(fn === 'eval' ? 'eval' : 'function');
    return [{ kind: 'dyn', display: written }];
  }
  if (body.includes('$')) return [{ kind: 'dyn', display: written }];
  const subst = /^([^:]+):(.*)=(.*)$/s.exec(body);
  if (subst) {
    const value = lookup(subst[1]!, ctx);
    if (!isStatic(value)) return [{ kind: 'dyn', display: `$(${body})` }];
    return [{ kind: 'text', text: substitute(textOf(value), subst[2]!, subst[3]!) }];
  }
  return lookup(body, ctx);
}

function lookup(name: string, ctx: ExpandContext): Piece[] {
  const auto = automatic(name, ctx.auto);
  if (auto !== undefined) return auto;
  if (name === 'MAKE') {
    ctx.flags.add('make');
    return [{ kind: 'text', text: 'make' }];
  }
  const dyn: Piece[] = [{ kind: 'dyn', display: `$(${name})` }];
  if (ctx.targetVars?.has(name)) return dyn;
  const v = ctx.vars.get(name);
  if (!v) {
    // `$(PWD)` comes from the environment: the directory make was started in, taken (as for scripts) to be the Makefile's.
    if (name === 'CURDIR' || name === 'PWD') return [{ kind: 'root', rel: ctx.dir }];
    const builtin = BUILTINS[name];
    return builtin === undefined ? dyn : [{ kind: 'text', text: builtin }];
  }
  if (v.define) ctx.flags.add('define');
  if (!v.known || v.define) return dyn;
  if (v.flavor === 'simple') return v.pieces;
  if (ctx.stack.has(name)) return dyn;
  ctx.stack.add(name);
  try {
    return expand(v.raw, ctx);
  } finally {
    ctx.stack.delete(name);
  }
}

function automatic(name: string, auto: AutoVars | null): Piece[] | undefined {
  const m = /^([@<^+*?|%])([DF]?)$/.exec(name);
  if (!m) return undefined;
  const dyn: Piece[] = [{ kind: 'dyn', display: name.length === 1 ? `$${name}` : `$(${name})` }];
  if (!auto) return dyn;
  let words: string[];
  switch (m[1]) {
    case '@':
      words = [auto.target];
      break;
    case '<':
      if (!auto.prereqsKnown) return dyn;
      words = auto.prereqs.slice(0, 1);
      break;
    case '^':
      if (!auto.prereqsKnown) return dyn;
      words = [...new Set(auto.prereqs)];
      break;
    case '+':
      if (!auto.prereqsKnown) return dyn;
      words = auto.prereqs;
      break;
    case '|':
      if (!auto.prereqsKnown) return dyn;
      words = [...new Set(auto.orderOnly)];
      break;
    default:
      return dyn;
  }
  // make's own split at the last slash: `out/` is `out` and an empty file part, not `.` and `out`.
  if (m[2] === 'D') words = words.map((w) => (w.lastIndexOf('/') < 0 ? '.' : w.lastIndexOf('/') === 0 ? '/' : w.slice(0, w.lastIndexOf('/'))));
  if (m[2] === 'F') words = words.map((w) => w.slice(w.lastIndexOf('/') + 1));
  return [{ kind: 'text', text: words.join(' ') }];
}

/** `$(VAR:a=b)` and `$(VAR:%.c=%.o)`: each word ending in `a` (or matching the pattern) is replaced. */
function substitute(value: string, from: string, to: string): string {
  const words = value.split(/[ \t]+/).filter((w) => w !== '');
  const pattern = from.includes('%') ? from : `%${from}`;
  const replacement = from.includes('%') ? to : `%${to}`;
  const [pre, post] = [pattern.slice(0, pattern.indexOf('%')), pattern.slice(pattern.indexOf('%') + 1)];
  return words
    .map((w) => {
      if (w.length < pre.length + post.length || !w.startsWith(pre) || !w.endsWith(post)) return w;
      const stem = w.slice(pre.length, w.length - post.length);
      return replacement.includes('%') ? replacement.replace('%', stem) : replacement;
    })
    .join(' ');
}

function normalize(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out.at(-1);
    if (p.kind === 'text' && p.text === '') continue;
    if (p.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + p.text };
    else out.push(p);
  }
  return out;
}

export function isStatic(pieces: Piece[]): boolean {
  return pieces.every((p) => p.kind === 'text');
}

/** The pieces as text: unknown parts as written, the repo root as `$(CURDIR)`. */
export function textOf(pieces: Piece[]): string {
  return pieces.map((p) => (p.kind === 'text' ? p.text : p.kind === 'dyn' ? p.display : '$(CURDIR)')).join('');
}

/** Names of the variables a text refers to, directly. */
function referencedNames(text: string): string[] {
  const names: string[] = [];
  for (const t of tokenize(text)) {
    if (t.kind !== 'ref') continue;
    const body = t.body;
    const fn = /^([a-z-]+)[ \t]/.exec(body)?.[1];
    if (fn && FUNCTIONS.has(fn)) {
      names.push(...referencedNames(body.slice(fn.length)));
      // $(call NAME,…) and $(value NAME) name a variable without a reference.
      if (fn === 'call' || fn === 'value') names.push(body.slice(fn.length).trim().split(',')[0]!.trim());
      continue;
    }
    if (body.includes('$')) names.push(...referencedNames(body));
    else names.push(body.split(':')[0]!);
  }
  return names;
}

/**
 * Everything a text may stand for: itself and, recursively, every value ever given to the variables it
 * refers to. An opaque step carries this, so that a `docker cp` hidden in a variable is still seen.
 */
export function mentions(text: string, vars: Map<string, MakeVar>, seen = new Set<string>()): string {
  const parts = [text];
  for (const name of referencedNames(text)) {
    if (seen.has(name)) continue;
    seen.add(name);
    const v = vars.get(name);
    if (v) for (const l of v.loose) parts.push(mentions(l, vars, seen));
  }
  return parts.join('\n');
}
