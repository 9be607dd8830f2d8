/**
 * Makefile text below the grammar: physical lines, logical lines (backslash-newline), comments and
 * `$(…)` references, each character keeping the offset it came from so spans point into the file.
 */

/** One line of the file: [start, end) without its line break; `next` is where the following line starts. */
export interface PhysicalLine {
  start: number;
  end: number;
  next: number;
}

/** Text assembled from pieces of the file: `src[i]` is the file offset of `text[i]`, `src[text.length]` its end. */
export interface Mapped {
  text: string;
  src: number[];
}

export function physicalLines(text: string): PhysicalLine[] {
  const out: PhysicalLine[] = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const next = nl < 0 ? text.length : nl + 1;
    let end = nl < 0 ? text.length : nl;
    if (end > at && text[end - 1] === '\r') end--;
    out.push({ start: at, end, next });
    at = next;
  }
  return out;
}

/** A line continues on the next one when it ends with an odd number of backslashes. */
export function continues(text: string, line: PhysicalLine): boolean {
  let n = 0;
  for (let i = line.end - 1; i >= line.start && text[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

export function slice(m: Mapped, from: number, to = m.text.length): Mapped {
  return { text: m.text.slice(from, to), src: m.src.slice(from, to + 1) };
}

export function trimStart(m: Mapped): Mapped {
  let a = 0;
  while (a < m.text.length && /\s/.test(m.text[a]!)) a++;
  return slice(m, a);
}

/**
 * A makefile line outside recipes: GNU make turns each backslash-newline, with the blanks around it,
 * into one space.
 */
export function joinMakeLine(text: string, lines: PhysicalLine[]): Mapped {
  let out = '';
  const src: number[] = [];
  lines.forEach((l, k) => {
    let a = l.start;
    let b = l.end;
    if (k > 0) while (a < b && (text[a] === ' ' || text[a] === '\t')) a++;
    const last = k === lines.length - 1;
    let bs = b;
    if (!last) {
      b--; // the continuation backslash
      bs = b;
      while (b > a && (text[b - 1] === ' ' || text[b - 1] === '\t')) b--;
    }
    for (let i = a; i < b; i++) {
      out += text[i];
      src.push(i);
    }
    if (!last) {
      out += ' ';
      src.push(bs);
    }
  });
  src.push(lines.length > 0 ? lines[lines.length - 1]!.end : 0);
  return { text: out, src };
}

/** Where the `$(`/`${` reference opening at `at` closes (the offset after it), or -1. Make counts only its own bracket kind. */
export function referenceEnd(text: string, at: number): number {
  const open = text[at + 1];
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === open) depth++;
    else if (text[i] === close && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Cuts a make line at its comment. `#` inside a variable reference or function call is literal, and
 * `\#` is an escaped `#`.
 */
export function stripComment(m: Mapped): Mapped {
  let out = '';
  const src: number[] = [];
  const t = m.text;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '$' && (t[i + 1] === '(' || t[i + 1] === '{')) {
      const end = referenceEnd(t, i);
      const stop = end < 0 ? t.length : end;
      for (let j = i; j < stop; j++) {
        out += t[j];
        src.push(m.src[j]!);
      }
      i = stop - 1;
      continue;
    }
    if (c === '$' && i + 1 < t.length) {
      out += c + t[i + 1];
      src.push(m.src[i]!, m.src[i + 1]!);
      i++;
      continue;
    }
    if (c === '\\' && t[i + 1] === '#') {
      out += '#';
      src.push(m.src[i + 1]!);
      i++;
      continue;
    }
    if (c === '#') return { text: out, src: [...src, m.src[i]!] };
    out += c;
    src.push(m.src[i]!);
  }
  return { text: out, src: [...src, m.src[t.length]!] };
}

/** Index of the first `chars` character outside references, from `from`; -1 when none. */
export function findTopLevel(text: string, chars: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const end = referenceEnd(text, i);
      if (end < 0) return -1;
      i = end - 1;
      continue;
    }
    if (c === '$') {
      i++;
      continue;
    }
    if (chars.includes(c)) return i;
  }
  return -1;
}
