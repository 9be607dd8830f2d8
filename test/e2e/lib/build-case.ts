// Run a setup's driver script against the engine and keep only its final image: the bookkeeping is
// restage verify's own (src/verify/run-driver.ts); the tests add an empty build cache around it.
import * as fs from 'node:fs';
import { pruneAllBuildCache } from '../../../src/verify/build-cache.js';
import { OwnedResources } from '../../../src/verify/owned.js';
import { driverCommand, imageExists, runDriver } from '../../../src/verify/run-driver.js';
import { docker } from './engine.js';
import { tempDir } from '../../support/temp-dir.js';

export { imageExists };

/** Copies dir into a fresh temp dir and returns the copy's path. */
export function copyToTemp(dir: string, label: string): string {
  const dest = tempDir(`restage-e2e-${label}-`);
  fs.cpSync(dir, dest, { recursive: true, verbatimSymlinks: true });
  return dest;
}

/**
 * BuildKit 0.8 (Docker 20.10) can reuse a cached COPY layer whose source
 * differs only in ownership, which would hide exactly the differences the
 * e2e suite looks for; so every build starts with an empty cache (the
 * suites hold the engine alone, see lockDocker).
 */
export function pruneBuildCache(): void {
  pruneAllBuildCache();
}

/**
 * Runs the driver (as restage verify --run-driver would: sh or bash per its shebang, make, node, npm
 * run) in cwd and tags each image it builds (images[i]) as keepAs[i]; the tags, images and containers
 * the driver made are removed, and a user image under one of `images` is put back. How to run it is
 * read from `legacyDir` (a migrated package.json's script no longer shows it is the setup's).
 */
export function buildWithDriver(cwd: string, driver: string, images: string[], keepAs: string[], legacyDir = cwd): void {
  pruneBuildCache();
  const owned = new OwnedResources(`e2e${process.pid}`, 0);
  try {
    const also = images.slice(1).map((image, i) => ({ image, keepAs: keepAs[i + 1]! }));
    runDriver({
      cwd,
      driver,
      command: driverCommand(legacyDir, driver),
      image: images[0]!,
      keepAs: keepAs[0]!,
      also,
      knownTags: images,
      containerImages: [],
      owned,
    });
  } finally {
    owned.cleanup({ buildCache: false });
    pruneBuildCache();
  }
}

export function removeImages(...refs: string[]): void {
  const present = refs.filter(imageExists);
  if (present.length) docker(['rmi', '-f', ...present]);
}
