import { describe, expect, it } from 'vitest';
import { edgeOr, edgeOrNot, wordIndexes } from '../src/text/regexp.js';

// wordIndexes stands in for `(^|[…])WORD($|[…])` patterns built from words of the files restage reads.
describe('wordIndexes', () => {
  const blank = edgeOr(/\s/);
  const notWord = edgeOrNot(/[\w.-]/);
  it.each<[string, string, number[]]>([
    ['app', 'app', [0]],
    ['cp app bin/app', 'app', [3]],
    ['cp bin/app app', 'app', [11]],
    ['apps app2 xapp', 'app', []],
    ['app app', 'app', [0, 4]],
    ['aaa', 'aa', []],
    ['', 'app', []],
    ['app', '', []],
  ])('%j: %j between blanks or the edges', (text, word, expected) => {
    expect(wordIndexes(text, word, blank, blank)).toEqual(expected);
  });
  it.each<[string, string, number[]]>([
    ['b', 'b', [0]],
    ['bin2 b2 a.b b-c (b)', 'b', [17]],
    ['x,b;', 'b', [2]],
  ])('%j: %j not inside a word', (text, word, expected) => {
    expect(wordIndexes(text, word, notWord, notWord)).toEqual(expected);
  });
  it('finds overlapping occurrences', () => {
    expect(
      wordIndexes(
        'aa aa',
        'aa',
        () => true,
        () => true,
      ),
    ).toEqual([0, 3]);
    expect(
      wordIndexes(
        'aaa',
        'aa',
        () => true,
        () => true,
      ),
    ).toEqual([0, 1]);
  });
  it('takes a word of a few hundred thousand characters', () => {
    const long = 'x'.repeat(300_000);
    expect(wordIndexes(`cp ${long} out`, long, blank, blank)).toEqual([3]);
  });
});
