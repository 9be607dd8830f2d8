import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { driverFor } from '../../src/drivers/index.js';
import { summarise } from './driver-summary.js';

/**
 * Every driver file of testdata/ (before and after), extracted and written out step by step. The fixture
 * table checks what a migration writes; this pins what each driver kind reads on the way, so a change
 * that only the planner happens to absorb today (a unit's span, a word's offsets, a cwd) still shows.
 * A deliberate change to a driver updates the snapshot, and its diff is the review.
 */
const TESTDATA = path.resolve(__dirname, '..', '..', 'testdata');

function files(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const child = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? files(dir, child) : e.isFile() ? [child] : [];
  });
}

const drivers = fs
  .readdirSync(TESTDATA)
  .sort()
  .flatMap((c) =>
    ['before', 'after'].flatMap((side) => {
      const root = path.join(TESTDATA, c, side);
      if (!fs.existsSync(root)) return [];
      return files(root)
        .sort()
        .flatMap((rel) => {
          const text = fs.readFileSync(path.join(root, rel), 'utf8');
          const kind = driverFor(rel, text.slice(0, 256));
          return kind && /\b(docker|podman)\b/i.test(text) ? [{ name: `${c}/${side}/${rel}`, rel, text, kind }] : [];
        });
    }),
  );

describe('driver extraction over testdata', () => {
  it('finds driver files of every kind', () => {
    expect(new Set(drivers.map((d) => d.kind.name))).toEqual(new Set(['sh', 'make', 'package-json', 'ci', 'js', 'unsupported']));
  });
  it.each(drivers.map((d) => [d.name, d] as const))('%s', async (_name, d) => {
    expect(summarise(await d.kind.extract(d.rel, d.text))).toMatchSnapshot();
  });
});
