import type { BuildPlan } from '../plan/model.js';
import { mergeDockerfiles } from './dockerfile.js';
import { rewriteDriver } from './driver.js';
import type { FileChange } from '../text/file-change.js';
import { keepFileStyle } from '../text/file-style.js';

// The type is text's (it is what a run writes); emit/ and plan/ still import it from here.
export type { FileChange };

export function synthesize(plan: BuildPlan): FileChange[] {
  const changes: FileChange[] = [
    ...plan.runtimes.map((r) => ({ path: r.finalDockerfile.path, before: r.finalDockerfile.text, after: mergeDockerfiles(r) })),
    { path: plan.driver.path, before: plan.driver.text, after: rewriteDriver(plan) },
  ];
  for (const p of plan.deletions) {
    const df = plan.runtimes.flatMap((r) => r.builders).find((b) => b.dockerfile.path === p)!.dockerfile;
    changes.push({ path: p, before: df.text, after: null });
  }
  return changes
    .map((c) => (c.before === null || c.after === null ? c : { ...c, after: keepFileStyle(c.before, c.after) }))
    .filter((c) => c.before !== c.after);
}
