import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { copyCases, runMain, treeSnapshot } from './support/repo.js';

// Synthesis of the setup under broken/ throws, as a bug in restage would; the other setup is untouched by it.
vi.mock('../src/synthesize/index.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/synthesize/index.js')>();
  return {
    ...actual,
    synthesize: (plan: Parameters<typeof actual.synthesize>[0]) => {
      if (plan.driver.path.startsWith('broken/')) throw new Error('injected failure\n    at synthesize (dockerfile.ts:1:1)');
      return actual.synthesize(plan);
    },
  };
});

vi.mock('../src/repo/disk.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/repo/disk.js')>();
  return {
    ...actual,
    scanRepo: (root: string) => {
      if (fs.existsSync(path.join(root, 'SCAN-FAILS'))) throw new TypeError('injected scan failure');
      return actual.scanRepo(root);
    },
  };
});

describe('an exception inside restage', () => {
  it('becomes one internal-error line for its setup, exit 2, and the other setup is still migrated', async () => {
    const dir = copyCases({ broken: 'seed-href-counter-e2e', ok: 'builder-target-stage' });
    const brokenBefore = treeSnapshot(path.join(dir, 'broken'));
    const okBefore = treeSnapshot(path.join(dir, 'ok'));
    const r = await runMain(['migrate', '--write', '.'], dir);
    expect(r.code).toBe(2);
    const internal = r.stderr.split('\n').filter((l) => l.includes('internal-error'));
    expect(internal).toEqual(['broken/build.sh:1:1: internal-error: internal error: injected failure at synthesize (dockerfile.ts:1:1)']);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(treeSnapshot(path.join(dir, 'broken'))).toEqual(brokenBefore);
    expect(treeSnapshot(path.join(dir, 'ok'))).not.toEqual(okBefore);
    expect(r.stderr).toMatch(/^restage: 1 setup migrated \(\d+ files changed\), 1 refused$/m);
  });

  it('outside any setup becomes one `restage: internal-error:` line and exit 2', async () => {
    const dir = copyCases({ '': 'seed-href-counter-e2e' });
    fs.writeFileSync(path.join(dir, 'SCAN-FAILS'), '');
    const before = treeSnapshot(dir);
    const r = await runMain(['migrate', '--write', '.'], dir);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'restage: internal-error: injected scan failure\n' });
    expect(treeSnapshot(dir)).toEqual(before);
  });
});
