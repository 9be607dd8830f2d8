import unsupportedDockerFlag from '../../rules/unsupported-docker-flag.js';
import type { Extraction, ImageBuild } from './model.js';
import type { PlanContext } from './plan-context.js';

/**
 * The platform the legacy build made an extraction's files for: its builder build's `--platform`
 * (null: the engine's own), a run's own `--platform`, which pins its stage (`FROM --platform=…`),
 * else what the image it ran was built for. A pulled image's container is the engine's own platform.
 */
function madeFor(e: Extraction): { platform: string | null; pinned: boolean; at: number } {
  const s = e.source;
  if (s.kind === 'built') return { platform: s.build.platform, pinned: false, at: s.build.platformWord?.start ?? s.build.unit.start };
  if (s.kind === 'run' && s.spec.platform) return { platform: s.spec.platform, pinned: true, at: e.unit.start };
  if (s.kind === 'run' && s.builtOn) return { platform: s.builtOn.build.platform, pinned: false, at: s.builtOn.build.platformWord?.start ?? e.unit.start };
  return { platform: null, pinned: false, at: e.unit.start };
}

/**
 * In the merged build every stage without a `FROM --platform` is built for the runtime build's
 * platform. An extraction the legacy build made for another (`docker build --platform linux/amd64`
 * of the runtime image beside a builder built for the engine's own, or the other way round) would
 * come out of the merged build for the wrong one, on any machine whose platform is not that one:
 * refused. The same `--platform` on both builds is the same build.
 */
export function refusePlatformMismatch(ctx: PlanContext, runtime: ImageBuild, consumed: Extraction[]): void {
  for (const e of consumed) {
    const made = madeFor(e);
    if (made.pinned || made.platform === runtime.platform) continue;
    const flagged = runtime.platform !== null;
    ctx.refuse(unsupportedDockerFlag, flagged ? (runtime.platformWord?.start ?? runtime.unit.start) : made.at, {
      command: 'build',
      flag: '--platform',
      reason: flagged
        ? `the runtime build targets ${runtime.platform} but ${e.hostPath} was made for ${made.platform ?? "the engine's own platform"}, and the merged build would make it for ${runtime.platform}`
        : `the builder build targets ${made.platform} and the runtime build the engine's own platform; the merged build would make ${e.hostPath} for the latter`,
    });
    return;
  }
}
