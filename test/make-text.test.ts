import { describe, expect, it } from 'vitest';
import { continues, findTopLevel, joinMakeLine, physicalLines, referenceEnd, stripComment, trimStart, type Mapped } from '../src/drivers/make/text.js';

// Makefile text below the grammar (src/drivers/make/text.ts): lines, continuations, comments and
// references, each character keeping the file offset it came from.

const mapped = (text: string): Mapped => ({ text, src: [...Array(text.length + 1).keys()] });
/** Each character with the offset it came from: `a0 b2`. */
const at = (m: Mapped) => [...m.text].map((c, i) => `${c === ' ' ? '␠' : c}${m.src[i]}`).join(' ') + ` |${m.src[m.text.length]}`;

describe('physicalLines', () => {
  it.each<[string, string, [number, number, number][]]>([
    [
      'lines and a last one without a newline',
      'ab\ncd',
      [
        [0, 2, 3],
        [3, 5, 5],
      ],
    ],
    [
      'a CRLF ends before the CR',
      'ab\r\ncd\r\n',
      [
        [0, 2, 4],
        [4, 6, 8],
      ],
    ],
    [
      'a lone CR at the start of a line stays',
      '\r\nx',
      [
        [0, 0, 2],
        [2, 3, 3],
      ],
    ],
    [
      'an empty line',
      'a\n\nb\n',
      [
        [0, 1, 2],
        [2, 2, 3],
        [3, 4, 5],
      ],
    ],
    [
      'an empty first line',
      '\nab',
      [
        [0, 0, 1],
        [1, 3, 3],
      ],
    ],
    ['nothing', '', []],
  ])('%s', (_, text, expected) => {
    expect(physicalLines(text).map((l) => [l.start, l.end, l.next])).toEqual(expected);
  });
});

describe('continues', () => {
  it.each<[string, boolean]>([
    ['a \\', true],
    ['a \\\\', false],
    ['a \\\\\\', true],
    ['\\', true],
    ['a', false],
    ['', false],
  ])('%j', (line, expected) => {
    const text = `x\n${line}\ny`;
    expect(continues(text, physicalLines(text)[1]!)).toBe(expected);
  });
  it('counts only the line’s own backslashes', () => {
    const text = '\\\nb';
    expect(continues(text, { start: 2, end: 2, next: 3 })).toBe(false);
  });
});

describe('joinMakeLine', () => {
  it.each<[string, string, string]>([
    ['one line', 'A = x', 'A0 ␠1 =2 ␠3 x4 |5'],
    ['a continuation and the blanks around it become one space', 'A = x \t\\\n \t y', 'A0 ␠1 =2 ␠3 x4 ␠7 y12 |13'],
    ['a continuation right after a word', 'a\\\nb', 'a0 ␠1 b3 |4'],
    ['two continuations', 'a\\\nb\\\nc', 'a0 ␠1 b3 ␠4 c6 |7'],
    ['blanks kept on the first line’s start', '  a', '␠0 ␠1 a2 |3'],
    ['a line that is only blanks after a continuation', 'a\\\n   \nb', 'a0 ␠1 |6'],
  ])('%s', (_, text, expected) => {
    const lines = physicalLines(text);
    let j = 0;
    while (j + 1 < lines.length && continues(text, lines[j]!)) j++;
    expect(at(joinMakeLine(text, lines.slice(0, j + 1)))).toBe(expected);
  });
  it('no lines', () => {
    expect(joinMakeLine('', [])).toEqual({ text: '', src: [0] });
  });
});

describe('trimStart', () => {
  it.each<[string, string]>([
    [' \t a b', 'a3 ␠4 b5 |6'],
    ['a', 'a0 |1'],
    ['   ', ' |3'],
  ])('%j', (text, expected) => {
    expect(at(trimStart(mapped(text)))).toBe(expected);
  });
});

describe('referenceEnd', () => {
  it.each<[string, number, number]>([
    ['$(A)x', 0, 4],
    ['${A}x', 0, 4],
    ['$(a (b) c)x', 0, 10],
    ['$(a {b)x', 0, 7],
    ['${a (b}x', 0, 7],
    ['x$(A)', 1, 5],
    ['$(A', 0, -1],
  ])('%j at %i', (text, from, expected) => {
    expect(referenceEnd(text, from)).toBe(expected);
  });
});

describe('stripComment', () => {
  it.each<[string, string]>([
    ['a # c', 'a0 ␠1 |2'],
    ['a\\#b', 'a0 #2 b3 |4'],
    ['$(info #x)#c', '$0 (1 i2 n3 f4 o5 ␠6 #7 x8 )9 |10'],
    ['$#x', '$0 #1 x2 |3'],
    ['$(A', '$0 (1 A2 |3'],
    ['a$', 'a0 $1 |2'],
    ['# all', ' |0'],
  ])('%j', (text, expected) => {
    expect(at(stripComment(mapped(text)))).toBe(expected);
  });
});

describe('findTopLevel', () => {
  it.each<[string, string, number, number]>([
    ['a:b', ':', 0, 1],
    ['$(a:b):c', ':', 0, 6],
    ['${a:b}:c', ':', 0, 6],
    ['$:a:b', ':', 0, 3],
    ['a:b:c', ':', 2, 3],
    ['a=b', ':;', 0, -1],
    ['a;b', ':;', 0, 1],
    ['$(a:b', ':', 0, -1],
  ])('%j for %j from %i', (text, chars, from, expected) => {
    expect(findTopLevel(text, chars, from)).toBe(expected);
  });
});
