import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../src/repo/names.js';
import { copyCases, runMain, treeSnapshot } from './support/repo.js';

/** The seed setup with one file replaced by `bytes`; migrate --write on it. */
async function migrateWith(file: string, bytes: (original: Buffer) => Buffer) {
  const dir = copyCases({ '': 'seed-href-counter-e2e' });
  const p = path.join(dir, file);
  fs.writeFileSync(p, bytes(fs.existsSync(p) ? fs.readFileSync(p) : Buffer.alloc(0)));
  const before = treeSnapshot(dir);
  const r = await runMain(['migrate', '--write', '.'], dir);
  return { ...r, unchanged: JSON.stringify(treeSnapshot(dir)) === JSON.stringify(before) };
}

const oversize = (b: Buffer) => Buffer.concat([b, Buffer.from(`# ${'p'.repeat(MAX_FILE_BYTES)}\n`)]);

describe('files restage does not parse', () => {
  const refusals: [string, string, (b: Buffer) => Buffer, RegExp][] = [
    [
      'a NUL byte in the builder Dockerfile',
      'Dockerfile.build',
      (b) => Buffer.concat([b.subarray(0, 5), Buffer.from([0]), b.subarray(5)]),
      /is not text \(a NUL byte at offset 5\)/,
    ],
    [
      'invalid UTF-8 in the runtime Dockerfile',
      'Dockerfile',
      (b) => Buffer.concat([b, Buffer.from([0xc3, 0x28])]),
      /is not UTF-8 text \(invalid byte at offset \d+\)/,
    ],
    ['a builder Dockerfile over 1 MiB', 'Dockerfile.build', oversize, /is 1\.0 MiB, over restage's 1 MiB limit/],
    [
      'a lone carriage return in the builder Dockerfile',
      'Dockerfile.build',
      (b) => Buffer.from(b.toString('utf8').replace('\n', '\r')),
      /has a carriage return without a line feed/,
    ],
    ['a .dockerignore that is not UTF-8', '.dockerignore', () => Buffer.from([0x61, 0x70, 0xff, 0x0a]), /is not UTF-8 text \(invalid byte at offset 2\)/],
    ['a driver over 1 MiB that mentions docker', 'build.sh', oversize, /is 1\.0 MiB, over restage's 1 MiB limit/],
  ];
  for (const [what, file, bytes, why] of refusals) {
    it(`${what}: file-not-parsed at ${file}:1:1, the setup refused and left byte-identical`, async () => {
      const r = await migrateWith(file, bytes);
      expect(r.code).toBe(1);
      const line = r.stderr.split('\n').find((l) => l.startsWith(`${file}:1:1: file-not-parsed: ${file} `));
      expect(line).toMatch(why);
      expect(r.stderr).not.toMatch(/dockerfile-not-found/);
      expect(r.stderr).toMatch(/^restage: 0 setups migrated \(0 files changed\), 1 refused$/m);
      expect(r.unchanged).toBe(true);
    });
  }

  it('an oversized or binary script that does not mention docker is no setup and reported nowhere', async () => {
    const dir = copyCases({ '': 'seed-href-counter-e2e' });
    fs.writeFileSync(path.join(dir, 'generated.sh'), `#!/bin/sh\n# ${'q'.repeat(MAX_FILE_BYTES)}\n`);
    fs.writeFileSync(path.join(dir, 'blob.sh'), Buffer.from([0x23, 0x21, 0, 1, 2, 0xff]));
    const r = await runMain(['migrate', '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/file-not-parsed/);
    expect(r.stderr).toMatch(/^restage: 1 setup to migrate/m);
  });

  it('a document over 1 MiB is not searched for references and holds no setup back', async () => {
    const dir = copyCases({ '': 'seed-href-counter-e2e' });
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs/big.md'), `Build with Dockerfile.build\n${'r'.repeat(MAX_FILE_BYTES)}\n`);
    fs.writeFileSync(path.join(dir, 'docs/small.md'), 'Build with Dockerfile.build\n');
    const r = await runMain(['migrate', '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^restage: 1 setup to migrate/m);
    expect(r.stderr).toMatch(/^docs\/small\.md:1:12: reference-to-removed-file: /m);
    expect(r.stderr).not.toMatch(/docs\/big\.md/);
  });

  it('a UTF-8 BOM and CRLF line endings are text, not skipped', async () => {
    const r = await migrateWith('Dockerfile.build', (b) =>
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(b.toString('utf8').replace(/\n/g, '\r\n'))]),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/file-not-parsed/);
  });
});
