import { describe, expect, it } from 'vitest';
import { extract } from '../src/drivers/sh/index.js';

/**
 * Where a script's `docker cp … ./app` writes depends on the directory it runs in: `cd`, and bash's
 * `pushd`/`popd`. Read wrong, a copy into out/app looks like one into ./app and a setup that writes
 * elsewhere migrates (a wrong migration). Each row: the script's lines, and the cwd of its docker cp
 * (null: unknown, which refuses any relative path).
 */
const BASH = '#!/bin/bash\n';
const SH = '#!/bin/sh\n';

async function cpCwd(script: string): Promise<string | null | undefined> {
  const a = await extract('svc/build.sh', `${script}docker cp c:/app ./app\n`);
  const cp = a.steps.filter((s) => s.kind === 'docker').at(-1);
  return cp?.kind === 'docker' ? cp.cwd : undefined;
}

describe('the directory a docker cp runs in', () => {
  it.each([
    ['cd moves', `${SH}cd out\n`, 'svc/out'],
    ['cd - returns somewhere restage does not track', `${SH}cd out\ncd -\n`, null],
    ['bash: pushd moves', `${BASH}pushd out\n`, 'svc/out'],
    ['bash: popd returns', `${BASH}pushd out\npopd\n`, 'svc'],
    ['bash: nested pushd, one popd', `${BASH}pushd a\npushd b\npopd\n`, 'svc/a'],
    ['bash: pushd -- DIR', `${BASH}pushd -- out\n`, 'svc/out'],
    ['bash: popd on an empty stack fails and stays', `${BASH}cd out\npopd\n`, 'svc/out'],
    ['bash: pushd with no directory swaps the top two', `${BASH}pushd a\npushd\n`, null],
    ['bash: after an unfollowed pushd, popd is unknown too', `${BASH}pushd a\npushd +1\npopd\n`, null],
    ['bash: pushd -n does not move', `${BASH}pushd -n out\n`, null],
    ['bash: popd +1 drops another entry', `${BASH}pushd a\npushd b\npopd +1\n`, null],
    ['bash: pushd of a computed directory', `${BASH}pushd "$OUT"\n`, null],
    ['sh: pushd may be no command (dash)', `${SH}pushd out\n`, null],
    ['sh: popd likewise', `${SH}popd\n`, null],
    ['no shebang: as sh', `pushd out\npopd\n`, null],
    ['bash via env', `#!/usr/bin/env bash\npushd out\n`, 'svc/out'],
  ] as const)('%s', async (_name, script, cwd) => {
    expect(await cpCwd(script)).toBe(cwd);
  });
});
