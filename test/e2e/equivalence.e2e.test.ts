// For every testdata case marked for e2e (see lib/cases.ts): build the legacy
// setup with its own driver, migrate a copy with `restage migrate --write`,
// build that with the rewritten driver, and require identical final images.
// This is the check that needs nothing of restage verify's replay; the replay
// itself is held to it too: replaying restage's plan of the legacy setup must
// give the image the driver gives.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildWithDriver, copyToTemp, pruneBuildCache, removeImages } from './lib/build-case.js';
import { discoverCases, imageSafeName, REPO_ROOT } from './lib/cases.js';
import { diffSnapshots } from '../../src/verify/snapshot-diff.js';
import { lockDocker, runOk } from './lib/engine.js';
import { describeWithDocker } from './lib/gate.js';
import { snapshotImage } from '../../src/verify/image-snapshot.js';
import { migrateTargets } from '../../src/pipeline/migrate.js';
import { OwnedResources } from '../../src/verify/owned.js';
import { legacyReplay } from '../../src/verify/replay.js';
import { execute } from '../../src/verify/verify-setup.js';

const cases = discoverCases();

it('testdata e2e markers are well-formed', () => {
  // A malformed "e2e" field already made discoverCases() throw, failing this file.
  if (cases.length === 0) console.warn('[restage e2e] no testdata case has an "e2e" field in case.json');
  for (const c of cases) expect(fs.existsSync(path.join(c.beforeDir, c.driver)), `${c.name}: ${c.driver}`).toBe(true);
});

// No cases, no block: vitest fails a describe without tests.
if (cases.length > 0)
  describeWithDocker('legacy and migrated builds give the same image', () => {
    let release: (() => void) | undefined;
    beforeAll(async () => {
      release = await lockDocker();
      // bin/restage.js runs the compiled CLI; compile so a stale dist/ cannot pass.
      runOk(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', REPO_ROOT]);
    }, 30 * 60_000);
    afterAll(() => release?.());

    for (const c of cases) {
      it(
        c.name,
        async () => {
          const legacyTags = c.images.map((_, n) => `restage-e2e-legacy/${imageSafeName(c.name)}:${n + 1}`);
          const migratedTags = c.images.map((_, n) => `restage-e2e-migrated/${imageSafeName(c.name)}:${n + 1}`);
          const dirA = copyToTemp(c.beforeDir, 'legacy');
          const dirB = copyToTemp(c.beforeDir, 'migrated');
          const dirC = copyToTemp(c.beforeDir, 'replay');
          const owned = new OwnedResources(`e2e${process.pid}`, 1);
          try {
            buildWithDriver(dirA, c.driver, c.images, legacyTags);

            runOk(process.execPath, [path.join(REPO_ROOT, 'bin/restage.js'), 'migrate', '--write', dirB], { cwd: REPO_ROOT });
            buildWithDriver(dirB, c.driver, c.images, migratedTags, c.beforeDir);

            for (const [n, image] of c.images.entries()) {
              const legacy = await snapshotImage(legacyTags[n]!);
              const migrated = await snapshotImage(migratedTags[n]!);
              // Two empty or broken images would compare equal too.
              expect(legacy.files.size, image).toBeGreaterThan(10);
              expect(diffSnapshots(legacy, migrated), image).toEqual([]);
            }

            // verify's replay runs each runtime build once: a setup in a loop (one image per pass) is not replayed.
            const plan = (await migrateTargets([dirC], { write: false, cwd: dirC })).roots[0]!.setups[0]!.plan!;
            if (!plan.driver.steps.some((s) => s.unit.block?.kind === 'loop')) {
              const saved = Object.fromEntries(Object.keys(c.replayEnv).map((k) => [k, process.env[k]]));
              Object.assign(process.env, c.replayEnv);
              let replay;
              try {
                replay = legacyReplay(plan, dirC, owned);
                pruneBuildCache();
                await execute(replay, 'legacy', async () => {}, []);
              } finally {
                for (const [k, v] of Object.entries(saved))
                  if (v === undefined) delete process.env[k];
                  else process.env[k] = v;
              }
              expect(replay.images.length).toBe(c.images.length);
              for (const [n, image] of replay.images.entries()) {
                expect(
                  diffSnapshots(await snapshotImage(legacyTags[n]!), await snapshotImage(image)),
                  'replaying the plan builds what the driver builds',
                ).toEqual([]);
              }
            }
          } finally {
            owned.cleanup({ buildCache: false });
            removeImages(...legacyTags, ...migratedTags);
            pruneBuildCache();
            fs.rmSync(dirC, { recursive: true, force: true });
            fs.rmSync(dirA, { recursive: true, force: true });
            fs.rmSync(dirB, { recursive: true, force: true });
          }
        },
        300_000,
      );
    }
  });
