import type { RuntimeMerge, Extraction } from './model.js';
import { stageChainSetsUser } from './run-image.js';

/**
 * What `COPY --from=` names for an artifact: the stage that ran its translated host commands, or its
 * source: a builder stage, a generated run stage, or an image.
 */
export function stageRef(plan: Pick<RuntimeMerge, 'builders' | 'runStages' | 'hostStages'>, e: Extraction): string {
  const host = plan.hostStages.find((h) => h.extraction === e);
  if (host) return host.stageName;
  return sourceStageRef(plan, e.source);
}

export function sourceStageRef(plan: Pick<RuntimeMerge, 'builders' | 'runStages'>, source: Extraction['source']): string {
  switch (source.kind) {
    case 'external':
      return source.ref;
    case 'built':
      return plan.builders.find((b) => b.build === source.build)!.stageName;
    case 'run':
      return plan.runStages.find((r) => r.source === source)!.stageName;
  }
}

/**
 * Whether a stage derived from the source may run as a user other than root: its chain sets a USER, or
 * it is an image restage did not build (whose USER it cannot see).
 */
export function mayRunAsNonRoot(source: Extraction['source']): boolean {
  if (source.kind === 'built') return stageChainSetsUser(source.dockerfile, source.stage);
  if (source.kind === 'run' && source.builtOn) return stageChainSetsUser(source.builtOn.dockerfile, source.builtOn.stage);
  return true;
}

/** What Docker accepts as a stage name (lower-cased first). */
export const STAGE_NAME = /^[a-z][a-z0-9_.-]*$/;

/**
 * The name part of an image reference a stage may be named after: `app/builder:1.2` → `builder`. Of a
 * reference known only at run time (`"b-$SHA"`), the text before the first expansion (`b`), so that the
 * stage is not named after a command line.
 */
export function imageStem(ref: string): string {
  const known = ref.replace(/["']/g, '').split(/[$`]/)[0]!;
  return known
    .split('/')
    .pop()!
    .split(/[:@]/)[0]!
    .replace(/[-._]+$/, '');
}

/**
 * A valid stage name made from `raw` (a file suffix, an image name): lower case, [a-z0-9._-], starting
 * with a letter; null when nothing is left or the name is one Docker reserves.
 */
export function stageNameFrom(raw: string): string | null {
  const s = raw
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z]+/, '');
  return s === '' || s === 'scratch' || s === 'context' ? null : s;
}
