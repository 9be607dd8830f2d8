import type { Rule } from '../../rules/rule.js';
import type { DriverStep } from '../drivers/steps.js';
import type { DockerfileModel } from '../dockerfile/parse.js';
import type { Extraction } from './model.js';
import type { RepoView } from './repo-view.js';

/**
 * What a recogniser of one extraction form works with (issue 13's split of the planner starts here):
 * the driver's steps, the repository, how to refuse, the Dockerfiles, and the extractions found so far.
 */
export interface PlanContext {
  steps: DriverStep[];
  repo: RepoView;
  refuse<D extends string>(rule: Rule<D>, offset: number, data: Record<D, string>): void;
  loadDockerfile(rel: string, offset: number): DockerfileModel | null;
  extractions: Extraction[];
}
