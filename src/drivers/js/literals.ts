import { pushAll } from '../../text/offsets.js';
/** JS string and template text, decoded with a map back to the source (see ../embedded). */
export interface MappedText {
  text: string;
  starts: number[];
  ends: number[];
}

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** Cooks the escapes of JS source text between `start` and `end` (the inside of a string or template part). */
export function cook(src: string, start: number, end: number): MappedText {
  const out: MappedText = { text: '', starts: [], ends: [] };
  const push = (s: string, from: number, to: number) => {
    for (let k = 0; k < s.length; k++) {
      out.text += s[k];
      out.starts.push(from);
      out.ends.push(to);
    }
  };
  for (let i = start; i < end; ) {
    if (src[i] !== '\\') {
      push(src[i]!, i, i + 1);
      i++;
      continue;
    }
    const e = src[i + 1] ?? '';
    if (e === '\n') i += 2;
    else if (e === '\r') i += src[i + 2] === '\n' ? 3 : 2;
    else if (e === 'x') {
      push(String.fromCharCode(parseInt(src.slice(i + 2, i + 4), 16)), i, i + 4);
      i += 4;
    } else if (e === 'u' && src[i + 2] === '{') {
      const close = src.indexOf('}', i);
      // The parser rejects an unclosed escape; never loop on one.
      if (close < 0 || close >= end) break;
      push(String.fromCodePoint(parseInt(src.slice(i + 3, close), 16)), i, close + 1);
      i = close + 1;
    } else if (e === 'u') {
      push(String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16)), i, i + 6);
      i += 6;
    } else {
      push(SIMPLE[e] ?? e, i, i + 2);
      i += 2;
    }
  }
  return out;
}

export function append(to: MappedText, more: MappedText): void {
  to.text += more.text;
  pushAll(to.starts, more.starts);
  pushAll(to.ends, more.ends);
}

/** A text standing for source span [start, end) as a whole (an interpolation). */
export function spanning(text: string, start: number, end: number): MappedText {
  return { text, starts: [...text].flatMap((c) => (c.length === 2 ? [start, start] : [start])), ends: [...text].flatMap((c) => (c.length === 2 ? [end, end] : [end])) };
}

/** `value` written as a JS string literal with `quote`, the way restage inserts one. */
export function jsString(value: string, quote: string): string {
  const q = quote === '`' || quote === '"' ? quote : "'";
  return q + escapeFor(value, q) + q;
}

/** `value` escaped to sit inside a JS literal quoted with `quote`. */
export function escapeFor(value: string, quote: string): string {
  let s = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  if (quote === '`') s = s.replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  else s = s.split(quote).join(`\\${quote}`);
  return s;
}
