import type { BuildPlan, ImageSource } from './model.js';

/** What `COPY --from=` names for an artifact's source: a builder stage, a generated run stage, or an image. */
export function stageRef(plan: Pick<BuildPlan, 'builders' | 'runStages'>, source: ImageSource): string {
  switch (source.kind) {
    case 'external':
      return source.ref;
    case 'built':
      return plan.builders.find((b) => b.build === source.build)!.stageName;
    case 'run':
      return plan.runStages.find((r) => r.source === source)!.stageName;
  }
}
