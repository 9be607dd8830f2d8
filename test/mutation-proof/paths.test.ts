import { describe, expect, it } from 'vitest';
import {
  containerPath,
  describeArtifact,
  display,
  globDirectory,
  globToRegExp,
  hasGlob,
  isWithin,
  joinRel,
  selfAndAncestors,
} from '../../src/dockerfile/paths.js';

/** Docker's path rules as restage applies them to COPY sources, docker cp paths and .dockerignore lines. */
describe('globToRegExp: a COPY source or .dockerignore pattern (Go filepath.Match, plus **)', () => {
  it.each([
    ['*.jar', 'app.jar', true],
    ['*.jar', 'target/app.jar', false],
    ['target/*.jar', 'target/app.jar', true],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['a?c', 'ac', false],
    ['**/app', 'app', true],
    ['**/app', 'a/b/app', true],
    ['**/app', 'xapp', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/b', 'a/xb', false],
    ['dist/**', 'dist/a/b', true],
    ['**', 'any/path', true],
    ['a**b', 'a/x/b', true],
    ['a**b', 'axb', false],
    ['[ab].txt', 'a.txt', true],
    ['[ab].txt', 'c.txt', false],
    ['[!ab].txt', 'c.txt', true],
    ['[!ab].txt', 'a.txt', false],
    ['[a-c]x', 'bx', true],
    ['[\\]]x', ']x', true],
    ['[\\d]x', 'dx', true],
    ['[\\d]x', '5x', false],
    ['a[b', 'a[b', true],
    ['a[b', 'ab', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a\\db', 'adb', true],
    ['a\\db', 'a5b', false],
    ['a\\nb', 'anb', true],
    ['a.b', 'a.b', true],
    ['a.b', 'axb', false],
    ['a+b', 'a+b', true],
    ['(x)', '(x)', true],
    ['a$', 'a$', true],
    ['^a', '^a', true],
    ['a|b', 'a', false],
    ['{a,b}', '{a,b}', true],
    ['ab\\', 'ab\\', true],
    ['ab\\', 'ab', false],
    ['[a!]x', '!x', true],
    ['[a!]x', '^x', false],
    ['app', 'app/x', false],
    ['app', 'xapp', false],
  ])('%s against %s: %s', (glob, p, matches) => {
    expect(globToRegExp(glob).test(p)).toBe(matches);
  });

  it('a pattern longer than any path matches nothing, without compiling it', () => {
    expect(globToRegExp('a'.repeat(4097)).test('a'.repeat(4097))).toBe(false);
    expect(globToRegExp(`${'a'.repeat(4096)}*`).test('a'.repeat(4096))).toBe(true);
    expect(globToRegExp(`${'[ab]'.repeat(4096)}`).test('a'.repeat(4096))).toBe(true);
    expect(globToRegExp(`${'\\a'.repeat(4096)}`).test('a'.repeat(4096))).toBe(true);
    expect(globToRegExp(`${'\\a'.repeat(4097)}`).test('a'.repeat(4097))).toBe(false);
    expect(globToRegExp(`${'[ab]'.repeat(4097)}`).test('a'.repeat(4097))).toBe(false);
  });

  it('a range the regex engine rejects matches every path: callers refuse rather than guess', () => {
    expect(globToRegExp('[z-a]').test('anything/at/all')).toBe(true);
  });
});

describe('the other path helpers', () => {
  it.each([
    ['a/b', 'a', true],
    ['a', 'a', true],
    ['ab', 'a', false],
    ['a', '', true],
    ['a', 'a/b', false],
  ])('isWithin(%s, %s) is %s', (a, b, within) => {
    expect(isWithin(a, b)).toBe(within);
  });

  it.each([
    [['a', 'b'], 'a/b'],
    [['', 'b'], 'b'],
    [['a', ''], 'a'],
    [['', ''], ''],
    [['a', '..'], ''],
    [['a/', 'b/'], 'a/b'],
    [['./a', './b/.'], 'a/b'],
  ])('joinRel(%j) is %j', (parts, joined) => {
    expect(joinRel(...parts)).toBe(joined);
  });

  it.each([
    ['/out/app', { path: '/out/app', contents: false }],
    ['out/app', { path: '/out/app', contents: false }],
    ['/out/', { path: '/out', contents: false }],
    ['/out/.', { path: '/out', contents: true }],
    ['out/.', { path: '/out', contents: true }],
    ['.', { path: '/', contents: false }],
    ['/', { path: '/', contents: false }],
    ['/.', { path: '/', contents: true }],
    ['/a/../b', { path: '/b', contents: false }],
    ['/x.', { path: '/x.', contents: false }],
  ])('containerPath(%j)', (p, expected) => {
    expect(containerPath(p)).toEqual(expected);
  });

  it('display names the root "."', () => {
    expect(display('')).toBe('.');
    expect(display('a/b')).toBe('a/b');
  });

  it.each([
    [{ hostPath: 'bin/app', source: { kind: 'built' } }, 'bin/app'],
    [{ hostPath: '', source: { kind: 'built' } }, '.'],
    [{ hostPath: 'bin/app', source: { kind: 'run', spec: { mounts: [] } } }, 'bin/app (made by docker run)'],
    [{ hostPath: 'bin/app', source: { kind: 'run', spec: { mounts: [1] } } }, 'bin/app (mounted into docker run)'],
    [{ hostPath: 'bin/app', source: { kind: 'run' } }, 'bin/app (mounted into docker run)'],
  ])('describeArtifact(%j) is %j', (e, text) => {
    expect(describeArtifact(e)).toBe(text);
  });

  it.each([
    ['a/b', false],
    ['a/*.jar', true],
    ['a?', true],
    ['[ab]', true],
    ['a\\b', true],
  ])('hasGlob(%s) is %s', (p, glob) => {
    expect(hasGlob(p)).toBe(glob);
  });

  it.each([
    ['a/b/c', ['a/b/c', 'a/b', 'a']],
    ['a', ['a']],
    ['', []],
    ['.', []],
  ])('selfAndAncestors(%j)', (p, list) => {
    expect(selfAndAncestors(p)).toEqual(list);
  });

  it.each([
    ['target/*.jar', 'target'],
    ['*.jar', ''],
    ['a/b/c?.txt', 'a/b'],
    ['a/[xy]/c', 'a'],
    ['a/b\\*', 'a'],
    ['a/b/c', 'a/b/c'],
  ])('globDirectory(%j) is %j', (p, dir) => {
    expect(globDirectory(p)).toBe(dir);
  });
});
