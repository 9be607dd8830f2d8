import { isWithin } from '../../dockerfile/paths.js';
import type { PlanContext } from '../plan-context.js';
import { contextSources } from '../runtime-copies.js';

/** Whether a build after the step copies the host path (or a directory holding it) from its context. */
export function readLater(ctx: PlanContext, step: number, hostPath: string): boolean {
  return ctx.builds.some(
    (b) =>
      b.step > step &&
      ctx.repo.readText(b.dockerfile) !== null &&
      contextSources(ctx.loadDockerfile(b.dockerfile, b.unit.start)!, b).some((c) => isWithin(hostPath, c)),
  );
}
