import { describe, expect, it } from 'vitest';
import { containerTar, memberPath, readTar, shellScript } from '../../src/plan/tar-pipe.js';

/**
 * The tar side of `docker run IMG tar -C /out -czf - . | tar -C dist -xzf -` (src/plan/tar-pipe.ts),
 * pinned option by option: what restage reads of each side, and what it declines to read (null, which
 * the caller refuses).
 */
const argv = (line: string) => line.split(' ');

describe('readTar', () => {
  it.each<[string, boolean, unknown]>([
    ['tar -czf - .', false, { mode: 'c', directory: null, compression: 'z', members: ['.'] }],
    ['tar czf - app', false, { mode: 'c', directory: null, compression: 'z', members: ['app'] }],
    ['tar -C /out -cjf - a b', false, { mode: 'c', directory: '/out', compression: 'j', members: ['a', 'b'] }],
    ['tar -cJvpf - .', false, { mode: 'c', directory: null, compression: 'J', members: ['.'] }],
    ['tar --create --gzip --file=- --directory=/out .', false, { mode: 'c', directory: '/out', compression: 'z', members: ['.'] }],
    ['tar --create --file - --directory /out --verbose --preserve-permissions .', false, { mode: 'c', directory: '/out', compression: null, members: ['.'] }],
    ['tar -xf -', false, { mode: 'x', directory: null, compression: null, members: [] }],
    ['tar --extract --file=- -C dist', false, { mode: 'x', directory: 'dist', compression: null, members: [] }],
    ['tar -x -C dist', true, { mode: 'x', directory: 'dist', compression: null, members: [] }],
    ['tar -c .', true, { mode: 'c', directory: null, compression: null, members: ['.'] }],
    ['tar -c - .', true, { mode: 'c', directory: null, compression: null, members: ['-', '.'] }],
    // Not modelled: the caller refuses.
    ['tar -x -C dist', false, null],
    ['tar -cf out.tar .', false, null],
    ['tar -czf -', false, null],
    ['tar -xf - app', false, null],
    ['tar -tf -', false, null],
    ['tar -cf - --exclude=x .', false, null],
    ['tar -cf - --bzip2 .', false, null],
    ['tar -cwf - .', false, null],
    ['gtar -cf - .', false, null],
    ['tar -cf', false, null],
    ['tar - .', true, null],
  ])('%s (piped: %s)', (line, piped, expected) => {
    expect(readTar(argv(line), piped)).toEqual(expected);
  });
});

describe('memberPath', () => {
  it.each<[string, string | null]>([
    ['.', ''],
    ['./', ''],
    ['app', 'app'],
    ['./out/app/', 'out/app'],
    ['out//app', 'out/app'],
    ['a/../b', 'b'],
    ['/abs', null],
    ['..', null],
    ['../up', null],
    ['a/../../up', null],
  ])('%s', (member, expected) => {
    expect(memberPath(member)).toBe(expected);
  });
});

describe('shellScript', () => {
  it.each<[string[], string | null]>([
    [['sh', '-c', 'tar -cf - .'], 'tar -cf - .'],
    [['/bin/bash', '-ec', 'cd /out && tar -cf - .'], 'cd /out && tar -cf - .'],
    [['/usr/bin/dash', '-euxc', 'tar -cf - .'], 'tar -cf - .'],
    [['ash', '-c', 'x'], 'x'],
    [['zsh', '-c', 'x'], null],
    [['sh', '-lc', 'x'], null],
    [['sh', 'x-c', 'x'], null],
    [['sh', '-c'], null],
    [['sh', '-c', 'x', 'arg0'], null],
    [['sh', '-c', 'tar -cf - $DIR'], null],
    [['sh', '-c', 'tar -cf - "a b"'], null],
    [['sh', '-c', 'tar -cf - *.jar'], null],
    [['sh', '-c', 'tar -cf - . > /dev/null'], null],
  ])('%j', (words, expected) => {
    expect(shellScript(words)).toBe(expected);
  });
});

describe('containerTar', () => {
  it.each<[string[], unknown]>([
    [argv('tar -C /out -c .'), { mode: 'c', directory: '/out', compression: null, members: ['.'] }],
    [['sh', '-c', 'tar -C /out -czf - .'], { mode: 'c', directory: '/out', compression: 'z', members: ['.'] }],
    [['sh', '-c', '  cd /out && tar -c .  '], { mode: 'c', directory: '/out', compression: null, members: ['.'] }],
    [['sh', '-c', 'cd /out; tar -c . ;'], { mode: 'c', directory: '/out', compression: null, members: ['.'] }],
    [['sh', '-c', 'cd /out/ && tar -C bin -c .'], { mode: 'c', directory: '/out/bin', compression: null, members: ['.'] }],
    [['sh', '-c', 'cd /out && tar -C /abs -c .'], { mode: 'c', directory: '/abs', compression: null, members: ['.'] }],
    [['sh', '-c', 'cd /out && tar  -c   app'], { mode: 'c', directory: '/out', compression: null, members: ['app'] }],
    [['sh', '-c', 'make && tar -c .'], null],
    [['sh', '-c', 'tar -c . && echo done'], null],
    [['sh', '-c', 'cd /out && tar -c . | gzip'], null],
    [['sh', '-c', 'cdx /out && tar -c .'], null],
    [['sh', '-c', 'cd /out && tar -x'], { mode: 'x', directory: '/out', compression: null, members: [] }],
    [['sh', '-c', 'cd /out && tar -c'], null],
    [argv('cat /out/app'), null],
  ])('%j', (words, expected) => {
    expect(containerTar(words)).toEqual(expected);
  });
});
