import { describe, expect, it } from 'vitest';
import { cook, escapeFor, jsString, spanning } from '../src/drivers/js/literals.js';

// The JS driver reads command strings out of string literals and writes words back into them
// (src/drivers/js/literals.ts). JavaScript itself is the oracle: a literal cooked by restage must be the
// string the engine makes of it, and a literal restage writes must evaluate to the value it meant.

/** What the engine makes of a literal's source text. */
const evaluate = (literal: string): string => new Function(`return ${literal};`)() as string;

/** restage's reading of the inside of a literal written with `quote`. */
const cooked = (literal: string): string => cook(literal, 1, literal.length - 1).text;

describe('cook reads a literal as JavaScript does', () => {
  it.each([
    ['plain text', "'docker build .'"],
    ['\\n \\t \\r \\b \\f \\v', "'a\\nb\\tc\\rd\\be\\ff\\vg'"],
    ['\\0', "'a\\0b'"],
    ['an escaped quote and backslash', "'it\\'s a \\\\ path'"],
    ['an escape that means the letter', "'\\d\\o\\c\\k\\e\\r'"],
    ['\\x', "'\\x41\\x62'"],
    ['\\u', "'\\u0041\\u00e9'"],
    ['\\u{…}', "'\\u{1F433} and \\u{41}'"],
    ['a line continuation (LF)', "'docker \\\nbuild'"],
    ['a line continuation (CRLF)', "'docker \\\r\nbuild'"],
    ['a line continuation (CR)', "'docker \\\rbuild'"],
    ['a double-quoted literal', '"say \\"hi\\""'],
    ['a template without interpolation', '`docker\\tbuild \\`x\\``'],
  ])('%s', (_, literal) => {
    expect(cooked(literal)).toBe(evaluate(literal));
  });

  it('maps each character to the source characters it came from', () => {
    const src = "'a\\x41\\u{1F433}b'";
    const m = cook(src, 1, src.length - 1);
    expect(m.text).toBe('aA\u{1F433}b');
    // One entry per UTF-16 unit: the two halves of the whale map to the whole \u{…} escape.
    expect(m.starts).toEqual([1, 2, 6, 6, 15]);
    expect(m.ends).toEqual([2, 6, 15, 15, 16]);
  });

  it('stops at the end of the literal on an unclosed \\u{ (the parser rejects one; never loop)', () => {
    const src = "'a\\u{41' + '}'";
    const m = cook(src, 1, 7);
    expect(m.text).toBe('a');
    expect(m.ends.at(-1)).toBe(2);
  });

  it('a CRLF continuation takes three characters, a lone CR two', () => {
    expect(cook('a\\\r\nb', 0, 5)).toEqual({ text: 'ab', starts: [0, 4], ends: [1, 5] });
    expect(cook('a\\\rb', 0, 4)).toEqual({ text: 'ab', starts: [0, 3], ends: [1, 4] });
  });
});

describe('spanning maps an interpolation to its whole span', () => {
  it('one entry per UTF-16 unit, a surrogate pair twice', () => {
    expect(spanning('a\u{1F433}', 10, 20)).toEqual({ text: 'a\u{1F433}', starts: [10, 10, 10], ends: [20, 20, 20] });
    expect(spanning('', 3, 4)).toEqual({ text: '', starts: [], ends: [] });
  });
});

describe('what restage writes into a literal evaluates to the value', () => {
  const values = ['plain', "it's", 'say "hi"', 'back\\slash', 'two\nlines', 'tick ` and ${HOME}', '$VAR and ${VAR}', '\\n literally'];
  it.each(["'", '"', '`'])('quoted with %s', (quote) => {
    for (const v of values) expect(evaluate(jsString(v, quote)), v).toBe(v);
  });

  it('any other quote character falls back to single quotes', () => {
    expect(jsString("it's", 'x')).toBe("'it\\'s'");
    expect(evaluate(jsString("it's", 'x'))).toBe("it's");
  });

  it('escapes only what the quote needs', () => {
    expect(escapeFor('a"b\'c`d${e}', '"')).toBe('a\\"b\'c`d${e}');
    expect(escapeFor('a"b\'c`d${e}', "'")).toBe('a"b\\\'c`d${e}');
    expect(escapeFor('a"b\'c`d${e}$f', '`')).toBe('a"b\'c\\`d\\${e}$f');
    expect(escapeFor('a\\b\nc', "'")).toBe('a\\\\b\\nc');
  });
});
