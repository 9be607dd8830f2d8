import { REPO_ROOT, type Value } from '../../shell/evaluate.js';
import type { WordPart } from '../../shell/script.js';
import { expandReference, tokenize, type AutoVars, type ExpandContext, type Piece } from './expand.js';
import type { Makefile, RecipeLine } from './makefile.js';

/**
 * A recipe line as the shell receives it: make has expanded its variables. Each character of the
 * shell text remembers the span of the Makefile it came from, and which expansion produced it, so
 * shell spans map back onto the Makefile and a statement that a variable produced is recognised.
 */
export interface ShellLine {
  shell: string;
  /** Per shell character: the Makefile span [starts[i], ends[i]) it came from. */
  starts: number[];
  ends: number[];
  /** Per shell character: the expansion that produced it, or -1 for text copied as written. */
  seg: number[];
  /** Values make cannot know, standing in the shell text as `\u0002N\u0003`. */
  holes: Value[];
  /** What the expansion ran into (see ExpandContext.flags). */
  flags: Set<string>;
}

const HOLE = /\u0002(\d+)\u0003/g;

export function shellLine(line: RecipeLine, mk: Makefile, auto: AutoVars | null): ShellLine {
  const cmd = line.command;
  const out: ShellLine = { shell: '', starts: [], ends: [], seg: [], holes: [], flags: new Set() };
  let segs = 0;
  const emit = (s: string, start: number, end: number, seg: number) => {
    for (const ch of s) {
      out.shell += ch;
      out.starts.push(start);
      out.ends.push(end);
      out.seg.push(seg);
      // Astral characters take two UTF-16 units, and offsets are in UTF-16 units.
      if (ch.length === 2) {
        out.starts.push(start);
        out.ends.push(end);
        out.seg.push(seg);
      }
    }
  };
  const ctx: ExpandContext = { vars: mk.vars, dir: mk.dir, auto, flags: out.flags, stack: new Set(), targetVars: mk.targetVars };
  for (const t of tokenize(cmd.text)) {
    const start = cmd.src[t.start]!;
    const end = cmd.src[t.end - 1]! + 1;
    if (t.kind === 'lit') {
      for (let i = t.start; i < t.end; i++) emit(cmd.text[i]!, cmd.src[i]!, cmd.src[i]! + 1, -1);
      continue;
    }
    const seg = segs++;
    if (t.kind === 'dollar') {
      emit('$', start, end, seg);
      continue;
    }
    for (const p of expandReference(t.body, cmd.text.slice(t.start, t.end), ctx)) emit(pieceText(p, out.holes), start, end, seg);
  }
  return out;
}

function pieceText(p: Piece, holes: Value[]): string {
  if (p.kind === 'text') return p.text;
  holes.push(p.kind === 'dyn' ? { text: p.display, isStatic: false } : { text: p.rel === '' ? REPO_ROOT : `${REPO_ROOT}/${p.rel}`, isStatic: true });
  return `\u0002${holes.length - 1}\u0003`;
}

/** Puts make's unknown values back into an evaluated shell word, as written. */
export function fillHoles(v: Value, holes: Value[]): Value {
  let isStatic = v.isStatic;
  const text = v.text.replace(HOLE, (_, n: string) => {
    const h = holes[Number(n)]!;
    isStatic &&= h.isStatic;
    return h.text;
  });
  return { text, isStatic };
}

export function fillHolesText(text: string, holes: Value[]): string {
  return text.replace(HOLE, (_, n: string) => holes[Number(n)]!.text);
}

/** Offset in the Makefile where shell offset `e` starts / ends. */
export function mapStart(l: ShellLine, e: number, fallback: number): number {
  if (e < l.starts.length) return l.starts[e]!;
  return l.ends.length > 0 ? l.ends[l.ends.length - 1]! : fallback;
}

export function mapEnd(l: ShellLine, e: number, fallback: number): number {
  if (e > 0) return l.ends[Math.min(e, l.ends.length) - 1]!;
  return l.starts.length > 0 ? l.starts[0]! : fallback;
}

/** True when shell offset `e` falls strictly inside one make expansion (a boundary no Makefile offset can express). */
export function insideExpansion(l: ShellLine, e: number): boolean {
  return (l.seg[e] ?? -1) >= 0 && l.seg[e] === l.seg[e - 1];
}

/** In a recipe `$0` is the shell (`/bin/sh`), not a script: a word using it is not resolved. */
export function usesDollarZero(parts: WordPart[]): boolean {
  return parts.some(
    (p) =>
      (p.kind === 'var' && (p.name === '0' || usesDollarZero(p.arg))) ||
      (p.kind === 'cmdsub' && !!p.inner && p.inner.words.some((w) => usesDollarZero(w.parts))),
  );
}
