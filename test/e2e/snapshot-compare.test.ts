// Self-test of the harness: the comparator must see a changed owner, mode or
// CMD, and must not see anything between two builds of the same Dockerfile.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pruneBuildCache, removeImages } from './lib/build-case.js';
import { diffSnapshots } from '../../src/verify/snapshot-diff.js';
import { docker, lockDocker } from './lib/engine.js';
import { describeWithDocker } from './lib/gate.js';
import { snapshotImage, type ImageSnapshot } from '../../src/verify/image-snapshot.js';
import { tempDir } from '../support/temp-dir.js';

// /srv exists before the COPYs: COPY --chown also chowns the parent
// directories it creates (measured, BuildKit 0.8), which is a second difference.
const BASE = `FROM local/run:1
RUN mkdir /srv
COPY data.txt /srv/data.txt
COPY run.sh /srv/run.sh
CMD ["/srv/run.sh"]
`;

describeWithDocker('image snapshot comparison', () => {
  let release: (() => void) | undefined;
  let work = '';
  const made: string[] = [];

  let base: ImageSnapshot;
  beforeAll(async () => {
    release = await lockDocker();
    work = tempDir('restage-e2e-selftest-');
    base = await build('base', BASE);
  }, 30 * 60_000);

  afterAll(() => {
    try {
      removeImages(...made);
      pruneBuildCache();
    } finally {
      release?.();
    }
  });

  /** Builds `dockerfile` with data.txt and run.sh (mode runMode) in the context. */
  function build(name: string, dockerfile: string, runMode = 0o755): Promise<ImageSnapshot> {
    const ctx = path.join(work, name);
    fs.mkdirSync(ctx);
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), dockerfile);
    fs.writeFileSync(path.join(ctx, 'data.txt'), 'some data\n');
    fs.writeFileSync(path.join(ctx, 'run.sh'), '#!/bin/sh\necho hello\n');
    fs.chmodSync(path.join(ctx, 'data.txt'), 0o644);
    fs.chmodSync(path.join(ctx, 'run.sh'), runMode);
    const tag = `restage-e2e-selftest/${name}:1`;
    made.push(tag);
    // --no-cache: a cached layer could mask an ownership difference (BuildKit 0.8).
    docker(['build', '--no-cache', '-q', '-t', tag, ctx]);
    return snapshotImage(tag);
  }

  it('sees nothing between two builds of the same Dockerfile', async () => {
    expect(base.files.size).toBeGreaterThan(10);
    expect(base.files.get('srv/run.sh')).toMatchObject({ type: 'file', mode: 0o755, uid: 0, gid: 0 });
    expect(diffSnapshots(base, await build('same', BASE))).toEqual([]);
  }, 300_000);

  it('sees a changed owner', async () => {
    const chowned = await build('owner', BASE.replace('COPY data.txt', 'COPY --chown=1000:1000 data.txt'));
    expect(diffSnapshots(base, chowned)).toEqual([{ path: 'srv/data.txt', kind: 'owner', a: '0:0', b: '1000:1000' }]);
  }, 300_000);

  it('sees a changed mode', async () => {
    const modeChanged = await build('mode', BASE, 0o700);
    expect(diffSnapshots(base, modeChanged)).toEqual([{ path: 'srv/run.sh', kind: 'mode', a: '0755', b: '0700' }]);
  }, 300_000);

  it('sees a changed CMD', async () => {
    const cmdChanged = await build('cmd', BASE.replace('CMD ["/srv/run.sh"]', 'CMD ["/bin/sh", "/srv/run.sh"]'));
    expect(diffSnapshots(base, cmdChanged)).toEqual([{ config: 'Cmd', kind: 'config', a: ['/srv/run.sh'], b: ['/bin/sh', '/srv/run.sh'] }]);
  }, 300_000);
});
