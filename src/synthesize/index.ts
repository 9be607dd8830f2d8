import type { BuildPlan } from '../plan/model.js';
import { mergeDockerfiles } from './dockerfile.js';
import { rewriteDriver } from './driver.js';

/** One file's fate: `after === null` deletes it, `before === null` creates it. */
export interface FileChange {
  path: string;
  before: string | null;
  after: string | null;
}

export function synthesize(plan: BuildPlan): FileChange[] {
  const changes: FileChange[] = [
    { path: plan.finalDockerfile.path, before: plan.finalDockerfile.text, after: mergeDockerfiles(plan) },
    { path: plan.driver.path, before: plan.driver.text, after: rewriteDriver(plan) },
  ];
  for (const p of plan.deletions) {
    const df = plan.builders.find((b) => b.dockerfile.path === p)!.dockerfile;
    changes.push({ path: p, before: df.text, after: null });
  }
  return changes.filter((c) => c.before !== c.after);
}
