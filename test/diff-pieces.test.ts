import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../src/emit/diff.js';
import type { ShownSetup } from '../src/emit/report.js';
import { diffText } from '../src/emit/text.js';

// The diff format's stdout comes in pieces written as they are made (a monorepo's diff is megabytes):
// together they are the whole diff, each piece ends where a file's diff ends, and colour is the same as
// for the whole.
const setup = (n: number): ShownSetup =>
  ({
    root: '.',
    driver: `svc${n}/build.sh`,
    files: [],
    diagnostics: [],
    setup: { status: 'migrate' },
    changes: [
      {
        path: `svc${n}/Dockerfile`,
        before: 'FROM scratch\nCOPY app /app\n',
        after: `FROM busybox AS builder\nRUN echo ${n} > /app\n\nFROM scratch\nCOPY --from=builder /app /app\n`,
      },
      { path: `/abs/svc${n}/build.sh`, before: `docker build -t x${n} .\ndocker cp c:/app app\n`, after: null },
    ],
  }) as unknown as ShownSetup;

const whole = (setups: ShownSetup[]) => setups.flatMap((s) => s.changes.map((ch) => unifiedDiff({ ...ch, path: ch.path.replace(/^\/+/, '') }))).join('');

describe('diffText', () => {
  const many = Array.from({ length: 400 }, (_, i) => setup(i));

  it('gives the whole diff in pieces that end where a file diff ends', () => {
    const pieces = [...diffText(many, false)];
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(whole(many));
    for (const p of pieces) expect(p).toMatch(/^diff --git a\/[^\n]*\n[^]*\n$/);
    // One piece once it passes 64 KB: none much larger than that.
    expect(Math.max(...pieces.slice(0, -1).map((p) => p.length))).toBeLessThan(64 * 1024 + 1024);
    expect(Math.min(...pieces.slice(0, -1).map((p) => p.length))).toBeGreaterThanOrEqual(64 * 1024);
  });

  it('colours each piece as it would the whole', () => {
    const plain = [...diffText(many, false)];
    const coloured = [...diffText(many, true)];
    expect(coloured).toHaveLength(plain.length);
    const line = coloured.join('').split('\n');
    expect(line).toContain('\u001b[1mdiff --git a/svc0/Dockerfile b/svc0/Dockerfile\u001b[22m');
    expect(line).toContain('\u001b[32m+FROM busybox AS builder\u001b[39m');
    expect(line).toContain('\u001b[31m-COPY app /app\u001b[39m');
    expect(coloured.join('').replace(/\u001b\[\d+m/g, '')).toBe(plain.join(''));
  });

  it('gives nothing for no change, and one piece for a small diff', () => {
    expect([...diffText([], false)]).toEqual([]);
    expect([...diffText([setup(1)], false)]).toEqual([whole([setup(1)])]);
  });
});
