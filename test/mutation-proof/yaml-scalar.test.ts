import { describe, expect, it } from 'vitest';
import { parseDocument, isMap, isScalar, type Scalar } from 'yaml';
import { decodeScalar } from '../../src/drivers/ci/yaml-scalar.js';

/**
 * decodeScalar (src/drivers/ci/yaml-scalar.ts): a CI file's `run:`/`script:` value with, for each of its
 * characters, the span of the file it is written at (an escape's whole sequence), so that a rewrite
 * splices the file itself. Each row is one YAML `x: …` document.
 */
function decode(yamlText: string): { text: string; pieces: string[] } | null {
  const doc = parseDocument(yamlText, { keepSourceTokens: true });
  const root = doc.contents;
  const node = isMap(root) ? root.items[0]?.value : null;
  if (!isScalar(node)) throw new Error('no scalar');
  const out = decodeScalar(yamlText, node as Scalar);
  return out && { text: out.text, pieces: out.starts.map((s, i) => yamlText.slice(s, out.ends[i])) };
}

describe('double-quoted escapes: each character maps to its whole escape', () => {
  const table: [string, string][] = [
    ['\\0', '\0'],
    ['\\a', '\x07'],
    ['\\b', '\b'],
    ['\\t', '\t'],
    ['\\\t', '\t'],
    ['\\n', '\n'],
    ['\\v', '\v'],
    ['\\f', '\f'],
    ['\\r', '\r'],
    ['\\e', '\x1b'],
    ['\\ ', ' '],
    ['\\"', '"'],
    ['\\/', '/'],
    ['\\\\', '\\'],
    ['\\N', '\x85'],
    ['\\_', '\xa0'],
    ['\\x41', 'A'],
    ['\\u00e9', 'é'],
    ['\\U0001F600', '😀'],
  ];
  it.each(table)('"a%sb"', (escape, value) => {
    const got = decode(`x: "a${escape}b"\n`);
    expect(got?.text).toBe(`a${value}b`);
    // A character outside the BMP is two UTF-16 units, both written at the escape.
    expect(got?.pieces).toEqual(['a', ...[...value].flatMap((c) => Array<string>(c.length).fill(escape)), 'b']);
  });
});

describe('other scalars', () => {
  const table: [string, string, { text: string; pieces: string[] } | null][] = [
    ['plain', 'x: docker build .\n', { text: 'docker build .', pieces: [...'docker build .'] }],
    ['single-quoted, a doubled quote', "x: 'it''s'\n", { text: "it's", pieces: ['i', 't', "''", 's'] }],
    // The last line's break is left out: a shell statement does not depend on it.
    ['a literal block', 'x: |\n  ab\n  c\n', { text: 'ab\nc', pieces: ['a', 'b', '\n', 'c'] }],
    ['a literal block with a comment on its header', 'x: | # build\n  ab\n', { text: 'ab', pieces: ['a', 'b'] }],
    // A line break written as CRLF is read at its \r.
    ['a literal block with CRLF line ends', 'x: |\r\n  ab\r\n  c\r\n', { text: 'ab\nc', pieces: ['a', 'b', '\r', 'c'] }],
    ['a literal block with a blank line inside', 'x: |\n  a\n\n  b\n', { text: 'a\n\nb', pieces: ['a', '\n', '\n', 'b'] }],
    ['a literal block with trailing blank lines', 'x: |\n  a\n\n\n', { text: 'a', pieces: ['a'] }],
    ['a literal block keeping its trailing lines (|+)', 'x: |+\n  a\n\ny: 1\n', { text: 'a', pieces: ['a'] }],
    ['an empty literal block', 'x: |\ny: 1\n', { text: '', pieces: [] }],
    ['a literal block with an indentation indicator', 'x: |2\n   a\n', null],
    ['a folded block', 'x: >\n  a\n  b\n', null],
    ['a plain scalar over two lines', 'x: a\n  b\n', null],
    ['a double-quoted scalar over two lines', 'x: "a\n  b"\n', null],
    ['a number', 'x: 12\n', null],
  ];
  it.each(table)('%s', (_, yamlText, expected) => {
    expect(decode(yamlText)).toEqual(expected);
  });
});
