import type { Scalar } from 'yaml';
import { decodeMapped } from '../../text/offsets.js';

export interface DecodedScalar {
  text: string;
  /** Per unit of `text`: the span of the file it was written at. */
  starts: number[];
  ends: number[];
  /** The scalar's span in the file (quotes and block header included). */
  start: number;
  end: number;
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
};

/**
 * A YAML scalar's value with a map back to where each character is written: literal blocks (`|`),
 * one-line plain scalars and one-line quoted scalars. Folded blocks and multi-line flow scalars join
 * lines, so a splice could not be placed: null. The decoding is checked against the YAML library's value.
 */
export function decodeScalar(text: string, node: Scalar): DecodedScalar | null {
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  const value = typeof node.value === 'string' ? node.value : null;
  if (value === null) return null;
  let out: Omit<DecodedScalar, 'start' | 'end'> | null = null;
  const src = text.slice(start, valueEnd);
  if (node.type === 'BLOCK_LITERAL') out = literalBlock(text, start, valueEnd);
  else if (src.includes('\n')) return null;
  else if (node.type === 'PLAIN') out = { text: src, starts: [...src].map((_, i) => start + i), ends: [...src].map((_, i) => start + i + 1) };
  else if (node.type === 'QUOTE_SINGLE') out = quoted(text, start, valueEnd, (s, i) => (s[i] === "'" && s[i + 1] === "'" ? ["'", 2] : [s[i]!, 1]));
  else if (node.type === 'QUOTE_DOUBLE') out = quoted(text, start, valueEnd, doubleEscape);
  if (!out) return null;
  // Block chomping only changes trailing newlines, which no shell statement depends on.
  if (out.text.replace(/\n+$/, '') !== value.replace(/\n+$/, '')) return null;
  return { ...out, start, end: valueEnd };
}

function literalBlock(text: string, start: number, end: number): Omit<DecodedScalar, 'start' | 'end'> | null {
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return { text: '', starts: [], ends: [] };
  if (/\d/.test(text.slice(start, headerEnd).replace(/#.*/, ''))) return null;
  const rawLines: { at: number; line: string }[] = [];
  for (let at = headerEnd + 1; at < end;) {
    const nl = text.indexOf('\n', at);
    const stop = nl < 0 || nl >= end ? end : nl;
    rawLines.push({ at, line: text.slice(at, stop).replace(/\r$/, '') });
    at = stop + 1;
  }
  const first = rawLines.find((l) => l.line.trim() !== '');
  if (!first) return { text: '', starts: [], ends: [] };
  const indent = /^ */.exec(first.line)![0].length;
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  while (rawLines.length > 0 && rawLines.at(-1)!.line.trim() === '') rawLines.pop();
  rawLines.forEach(({ at, line }, n) => {
    const body = line.length > indent ? line.slice(indent) : '';
    for (let i = 0; i < body.length; i++) {
      out += body[i];
      starts.push(at + indent + i);
      ends.push(at + indent + i + 1);
    }
    if (n < rawLines.length - 1) {
      out += '\n';
      starts.push(at + line.length);
      ends.push(at + line.length + 1);
    }
  });
  return { text: out, starts, ends };
}

type Unescape = (s: string, i: number) => [string, number];

function quoted(text: string, start: number, end: number, unescape: Unescape): Omit<DecodedScalar, 'start' | 'end'> {
  return decodeMapped(text.slice(0, end - 1), start + 1, end - 1, unescape);
}

const doubleEscape: Unescape = (s, i) => {
  if (s[i] !== '\\') return [s[i]!, 1];
  const e = s[i + 1] ?? '';
  const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  if (hex > 0) return [String.fromCodePoint(parseInt(s.slice(i + 2, i + 2 + hex), 16)), 2 + hex];
  return [DOUBLE_ESCAPES[e] ?? e, 2];
};
