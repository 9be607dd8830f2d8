// Names of verify's own (never the user's tags or container names) and the clean-up of everything
// made under them: containers, images and the build cache entries that appeared meanwhile.
import { randomBytes } from 'node:crypto';
import { pruneBuildCacheExcept, buildCacheIds } from './build-cache.js';
import { dockerQuiet } from './engine.js';

export const TAG_PREFIX = 'restage-verify/';

export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

export class OwnedResources {
  private readonly images = new Set<string>();
  private readonly containers = new Set<string>();
  private readonly cacheBefore: ReadonlySet<string>;
  private readonly base: string;

  /** Reads the build cache once: whatever appears after this is verify's to prune. */
  constructor(runId: string, setupIndex: number) {
    this.base = `${runId}-${setupIndex}`;
    this.cacheBefore = buildCacheIds();
  }

  /** `restage-verify/<run>-<setup>-<role>:1`; role is [a-z0-9-]. */
  imageTag(role: string): string {
    const tag = `${TAG_PREFIX}${this.base}-${role}:1`;
    this.images.add(tag);
    return tag;
  }

  containerName(role: string): string {
    const name = `restage-verify-${this.base}-${role}`;
    this.containers.add(name);
    return name;
  }

  /** An image (by id) a driver run left behind, to remove with the rest. */
  adoptImage(ref: string): void {
    this.images.add(ref);
  }

  pruneBuildCache(): void {
    pruneBuildCacheExcept(this.cacheBefore);
  }

  /** The containers made so far (a warm rebuild makes its own under new names). Best effort. */
  removeContainers(): void {
    for (const c of this.containers) dockerQuiet(['rm', '-f', '-v', c]);
  }

  /** Best effort, never throws: containers first (they hold their images), then images, then cache. */
  cleanup(opts: { buildCache?: boolean } = {}): void {
    if (this.containers.size > 0) {
      for (const c of this.containers) dockerQuiet(['rm', '-f', '-v', c]);
    }
    for (const image of this.images) dockerQuiet(['rmi', image]);
    if (opts.buildCache === false) return;
    try {
      this.pruneBuildCache();
    } catch {
      // The engine went away mid-run; nothing more can be removed.
    }
  }
}
