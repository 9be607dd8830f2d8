import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeChangesAtomically } from '../src/repo/write.js';
import { tempDir } from './support/temp-dir.js';

function tree(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

describe('writeChangesAtomically', () => {
  const setup = () => {
    const dir = tempDir('restage-write-');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'old dockerfile\n');
    fs.writeFileSync(path.join(dir, 'build.sh'), 'old script\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'Dockerfile.build'), 'old builder\n');
    return dir;
  };
  const changes = [
    { path: 'Dockerfile', before: 'old dockerfile\n', after: 'new dockerfile\n' },
    { path: 'build.sh', before: 'old script\n', after: 'new script\n' },
    { path: 'Dockerfile.build', before: 'old builder\n', after: null },
  ];

  it('applies every change and keeps the mode of a replaced file', () => {
    const dir = setup();
    writeChangesAtomically(dir, changes);
    expect(tree(dir)).toEqual({ Dockerfile: 'new dockerfile\n', 'build.sh': 'new script\n' });
    expect(fs.statSync(path.join(dir, 'build.sh')).mode & 0o777).toBe(0o755);
  });

  for (const failing of ['renameSync', 'unlinkSync', 'writeFileSync'] as const) {
    it(`restores the tree when ${failing} fails part-way`, () => {
      const dir = setup();
      let calls = 0;
      const faulty = {
        ...fs,
        [failing]: (...args: unknown[]) => {
          calls++;
          // Let the first call through so a failure lands after something changed.
          if (calls === 2 || failing === 'unlinkSync') throw new Error(`injected ${failing} failure`);
          return (fs[failing] as (...a: unknown[]) => unknown)(...args);
        },
      } as typeof fs;
      expect(() => writeChangesAtomically(dir, changes, faulty)).toThrow(/injected/);
      expect(tree(dir)).toEqual({ Dockerfile: 'old dockerfile\n', 'Dockerfile.build': 'old builder\n', 'build.sh': 'old script\n' });
    });
  }
});
