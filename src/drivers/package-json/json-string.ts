import type { EmbeddedScript } from '../embedded/index.js';

const SIMPLE: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * A JSON string literal at [start, end) of `text` (quotes included), decoded, each unit mapped to the
 * escape or character it came from. A splice into the script's text then lands inside the literal.
 */
export function decodeJsonString(text: string, start: number, end: number): Pick<EmbeddedScript, 'text' | 'starts' | 'ends'> {
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (s: string, from: number, to: number) => {
    for (let k = 0; k < s.length; k++) {
      out += s[k];
      starts.push(from);
      ends.push(to);
    }
  };
  for (let i = start + 1; i < end - 1; ) {
    const c = text[i]!;
    if (c !== '\\') {
      push(c, i, i + 1);
      i++;
      continue;
    }
    const e = text[i + 1] ?? '';
    if (e === 'u') {
      push(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), i, i + 6);
      i += 6;
    } else {
      push(SIMPLE[e] ?? e, i, i + 2);
      i += 2;
    }
  }
  return { text: out, starts, ends };
}
