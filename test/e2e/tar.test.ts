// The tar reader against archives made by the system's GNU tar in each
// format it has to understand, read as a stream as `docker export` is. Needs no Docker.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalise, readTarStream, type TarEntry } from '../../src/verify/tar.js';
import { tempDir } from '../support/temp-dir.js';

const LONG_NAME = `long/${'n'.repeat(120)}.txt`; // > 100 bytes: GNU 'L' or pax path
const LONG_TARGET = `${'t'.repeat(110)}/target`; // > 100 bytes: GNU 'K' or pax linkpath
const PREFIXED = `${'p'.repeat(60)}/${'q'.repeat(60)}/file`; // fits ustar's prefix field

let src = '';
let out = '';
const big = randomBytes(1536 * 1024 + 7); // spans several hash chunks, not block-aligned

beforeAll(() => {
  src = tempDir('restage-tar-src-');
  out = tempDir('restage-tar-out-');
  const at = (p: string): string => path.join(src, p);
  fs.mkdirSync(at('d'));
  fs.writeFileSync(at('d/f.txt'), 'hello\n');
  fs.chmodSync(at('d/f.txt'), 0o640);
  fs.linkSync(at('d/f.txt'), at('d/hard'));
  fs.symlinkSync('d/f.txt', at('link'));
  fs.writeFileSync(at('empty'), '');
  fs.writeFileSync(at('big.bin'), big);
  fs.writeFileSync(at('suid'), '#!/bin/sh\n');
  fs.chmodSync(at('suid'), 0o4755);
  fs.mkdirSync(path.dirname(at(PREFIXED)), { recursive: true });
  fs.writeFileSync(at(PREFIXED), 'prefixed\n');
  fs.mkdirSync(at('long'));
  fs.writeFileSync(at(LONG_NAME), 'long\n');
  fs.symlinkSync(LONG_TARGET, at('long/link'));
  fs.chmodSync(at('d'), 0o750);
});

async function makeTar(format: string, owner: number, members: string[]): Promise<Map<string, TarEntry>> {
  const file = path.join(out, `${format}-${owner}.tar`);
  execFileSync('tar', [`--format=${format}`, '--sort=name', `--owner=${owner}`, '--group=5678', '--numeric-owner', '-C', src, '-cf', file, ...members]);
  return new Map((await readTarStream(fs.createReadStream(file))).map((e) => [e.path, e]));
}

const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const ALL = ['.'];

describe.each([
  { format: 'gnu', owner: 1234 },
  { format: 'gnu', owner: 3_000_000 }, // above 7 octal digits: base-256
  { format: 'pax', owner: 1234 },
  { format: 'pax', owner: 3_000_000 }, // pax uid record
])('readTarStream on GNU tar --format=$format, uid $owner', ({ format, owner }) => {
  let entries: Map<string, TarEntry>;
  beforeAll(async () => {
    entries = await makeTar(format, owner, ALL);
  });

  it('reads types, modes, owners, sizes and hashes', () => {
    expect(entries.get('.')).toMatchObject({ type: 'dir' });
    expect(entries.get('d')).toMatchObject({ type: 'dir', mode: 0o750, uid: owner, gid: 5678, size: 0, sha256: null });
    expect(entries.get('d/f.txt')).toEqual({
      path: 'd/f.txt',
      type: 'file',
      mode: 0o640,
      uid: owner,
      gid: 5678,
      size: 6,
      sha256: sha('hello\n'),
      linkname: '',
    });
    // tar stores the first name it meets as the file and the later one as the link.
    expect(entries.get('d/hard')).toMatchObject({ type: 'hardlink', linkname: 'd/f.txt', size: 0, sha256: null });
    expect(entries.get('link')).toMatchObject({ type: 'symlink', linkname: 'd/f.txt', sha256: null });
    expect(entries.get('empty')).toMatchObject({ type: 'file', size: 0, sha256: sha('') });
    expect(entries.get('big.bin')).toMatchObject({ type: 'file', size: big.length, sha256: sha(big) });
    expect(entries.get('suid')).toMatchObject({ mode: 0o4755 });
  });

  it('reads long names and long link targets', () => {
    expect(entries.get(LONG_NAME)).toMatchObject({ type: 'file', sha256: sha('long\n') });
    expect(entries.get('long/link')).toMatchObject({ type: 'symlink', linkname: LONG_TARGET });
    expect(entries.get(PREFIXED)).toMatchObject({ type: 'file', sha256: sha('prefixed\n') });
  });

  it('lists every member exactly once', () => {
    const listed = execFileSync('tar', ['-tf', path.join(out, `${format}-${owner}.tar`)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(normalise);
    expect([...entries.keys()].sort()).toEqual([...new Set(listed)].sort());
  });
});

it('reads the ustar prefix field', async () => {
  const entries = await makeTar('ustar', 1234, ['d', PREFIXED]);
  expect(entries.get(PREFIXED)).toMatchObject({ type: 'file', uid: 1234, sha256: sha('prefixed\n') });
  expect(entries.get('d/hard')).toMatchObject({ type: 'hardlink', linkname: 'd/f.txt' });
});

it('rejects a corrupt header', async () => {
  const file = path.join(out, 'corrupt.tar');
  execFileSync('tar', ['-C', src, '-cf', file, 'empty']);
  const bytes = fs.readFileSync(file);
  bytes[0] = bytes[0]! ^ 1;
  fs.writeFileSync(file, bytes);
  // tar-stream checks the header checksum and says so in these words.
  await expect(readTarStream(fs.createReadStream(file))).rejects.toThrow(/Invalid tar header/);
});

it('normalises member names', () => {
  expect(normalise('./')).toBe('.');
  expect(normalise('./a/b/')).toBe('a/b');
  expect(normalise('/etc/passwd')).toBe('etc/passwd');
});

it('rejects an archive cut short (a docker export that died half-way is no image)', async () => {
  const file = path.join(out, 'cut.tar');
  execFileSync('tar', ['-C', src, '-cf', file, 'big.bin']);
  fs.truncateSync(file, 512 + 100_000);
  await expect(readTarStream(fs.createReadStream(file))).rejects.toThrow();
});
