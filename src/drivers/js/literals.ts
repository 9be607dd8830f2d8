import { decodeMapped, pushAll, type MappedText } from '../../text/offsets.js';

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** Cooks the escapes of JS source text between `start` and `end` (the inside of a string or template part). */
export function cook(src: string, start: number, end: number): MappedText {
  return decodeMapped(src, start, end, (s, i) => {
    if (s[i] !== '\\') return [s[i]!, 1];
    const e = s[i + 1] ?? '';
    // A line continuation stands for nothing.
    if (e === '\n') return ['', 2];
    if (e === '\r') return ['', s[i + 2] === '\n' ? 3 : 2];
    if (e === 'x') return [String.fromCharCode(parseInt(s.slice(i + 2, i + 4), 16)), 4];
    if (e === 'u' && s[i + 2] === '{') {
      const close = s.indexOf('}', i);
      // The parser rejects an unclosed escape; never loop on one.
      if (close < 0 || close >= end) return ['', end - i];
      return [String.fromCodePoint(parseInt(s.slice(i + 3, close), 16)), close + 1 - i];
    }
    if (e === 'u') return [String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16)), 6];
    return [SIMPLE[e] ?? e, 2];
  });
}

export function append(to: MappedText, more: MappedText): void {
  to.text += more.text;
  pushAll(to.starts, more.starts);
  pushAll(to.ends, more.ends);
}

/** A text standing for source span [start, end) as a whole (an interpolation). */
export function spanning(text: string, start: number, end: number): MappedText {
  return {
    text,
    starts: [...text].flatMap((c) => (c.length === 2 ? [start, start] : [start])),
    ends: [...text].flatMap((c) => (c.length === 2 ? [end, end] : [end])),
  };
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
