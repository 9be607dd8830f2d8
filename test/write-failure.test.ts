import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyCases, runMain, treeSnapshot } from './support/repo.js';

// The seed setup changes three files (Dockerfile and build.sh rewritten, Dockerfile.build deleted):
// a failure at any step of its write must leave every byte and mode as it was, and no temp file.
afterEach(() => vi.restoreAllMocks());

function failOnCall<K extends 'renameSync' | 'unlinkSync' | 'writeFileSync'>(name: K, n: number): void {
  const real = fs[name] as (...a: unknown[]) => unknown;
  let calls = 0;
  vi.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
    if (++calls === n) throw Object.assign(new Error(`EIO: injected ${name} failure`), { code: 'EIO' });
    return real(...args);
  }) as never);
}

describe('migrate --write when the disk fails mid-setup', () => {
  for (const [step, n] of [
    ['writeFileSync', 2],
    ['renameSync', 1],
    ['renameSync', 2],
    ['unlinkSync', 1],
  ] as const) {
    it(`restores the setup byte for byte when ${step} call ${n} fails`, async () => {
      const dir = copyCases({ a: 'seed-href-counter-e2e', b: 'builder-target-stage' });
      const before = treeSnapshot(dir);
      // b's setup is planned second; a's write is the one that fails.
      failOnCall(step, n);
      const r = await runMain(['migrate', '--write', 'a'], dir);
      vi.restoreAllMocks();
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(`^a/build\\.sh:1:1: io-error: could not write the migration, nothing of this setup was changed: EIO: injected ${step} failure$`, 'm'),
      );
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(treeSnapshot(dir)).toEqual(before);
    });
  }

  it('a failing setup does not stop the next one from being written', async () => {
    const dir = copyCases({ a: 'seed-href-counter-e2e', b: 'builder-target-stage' });
    const bBefore = treeSnapshot(`${dir}/b`);
    const aBefore = treeSnapshot(`${dir}/a`);
    failOnCall('renameSync', 2);
    const r = await runMain(['migrate', '--write', '.'], dir);
    vi.restoreAllMocks();
    expect(r.code).toBe(2);
    expect(treeSnapshot(`${dir}/a`)).toEqual(aBefore);
    expect(treeSnapshot(`${dir}/b`)).not.toEqual(bBefore);
    expect((await runMain(['migrate', '--check', 'b'], dir)).code).toBe(0);
  });
});
