import { describe, expect, it } from 'vitest';
import { decodeJsonString } from '../src/drivers/package-json/json-string.js';

describe('decodeJsonString', () => {
  it('decodes every JSON escape and maps each unit to the escape it came from', () => {
    const text = `{"s": "a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00z"}`;
    const start = text.indexOf('"a');
    const end = text.lastIndexOf('"') + 1;
    const d = decodeJsonString(text, start, end);
    expect(d.text).toBe(JSON.parse(text.slice(start, end)));
    expect(d.text).toBe('a"b\\c/d\b\f\n\r\t\u00e9\u{1F600}z');
    // `é` came from the six characters of \u00e9; each half of the emoji from its own \u escape.
    const e = d.text.indexOf('\u00e9');
    expect(text.slice(d.starts[e], d.ends[e])).toBe('\\u00e9');
    expect(text.slice(d.starts[e + 1], d.ends[e + 1])).toBe('\\ud83d');
    expect(text.slice(d.starts[e + 2], d.ends[e + 2])).toBe('\\ude00');
    expect(text.slice(d.starts[1], d.ends[1])).toBe('\\"');
    expect(text.slice(d.starts[0], d.ends[0])).toBe('a');
    expect(d.starts).toHaveLength(d.text.length);
  });
});
