import { describe, expect, it } from 'vitest';
import { excludingPattern } from '../src/dockerfile/dockerignore.js';
import { globToRegExp } from '../src/dockerfile/paths.js';

describe('globToRegExp on patterns a regex cannot hold', () => {
  it('a pattern longer than any path matches nothing, and is safe to test (fuzz: a 274 kB .dockerignore line)', () => {
    const re = globToRegExp(`dist/*.map ${'x'.repeat(274_525)}`);
    expect(re.test('dist/a.map')).toBe(false);
    expect(re.test(`dist/a.map ${'x'.repeat(274_525)}`)).toBe(false);
    expect(excludingPattern(`dist/*.map ${'x'.repeat(274_525)}\n`, 'app')).toBeNull();
  });

  it('a pattern just under the limit still matches as written', () => {
    expect(globToRegExp(`a*${'x'.repeat(4000)}`).test(`ab${'x'.repeat(4000)}`)).toBe(true);
  });

  it('a range the regex engine rejects ([z-a]) matches everything, so a .dockerignore holding it refuses', () => {
    expect(globToRegExp('[z-a]').test('anything')).toBe(true);
    expect(excludingPattern('[z-a]\n', 'app')).toEqual({ pattern: '[z-a]', line: 1 });
  });
});
