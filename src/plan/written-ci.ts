import unsupportedExtraction from '../../rules/unsupported-extraction.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileChange } from '../text/file-change.js';
import { lazyYaml } from '../text/lazy-yaml.js';
import { escapeRegExp } from '../text/regexp.js';
import type { BuildPlan } from './model.js';

const GITLAB = /(^|\/)\.gitlab-ci\.ya?ml$/;

/**
 * A `.gitlab-ci.yml` whose job would be left with a blank `script:` (every item removed): GitLab
 * rejects the whole file (`jobs:compile script can't be blank`), so the migration is refused. A job
 * of its own for the build, create and copy, whose artifacts a later job's `docker build` reads, is
 * the usual shape.
 */
export function checkWrittenGitlab(plan: BuildPlan, changes: FileChange[]): Diagnostic[] {
  const written = changes.find((c) => c.path === plan.driver.path && GITLAB.test(c.path) && c.after !== null);
  if (!written) return [];
  const jobs = (text: string): Record<string, unknown> => {
    const doc: unknown = lazyYaml().parse(text);
    return doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>) : {};
  };
  const before = jobs(plan.driver.text);
  const after = jobs(written.after!);
  const out: Diagnostic[] = [];
  for (const [job, value] of Object.entries(after)) {
    const was = before[job];
    if (!isBlankScript(value) || isBlankScript(was)) continue;
    const at = Math.max(0, plan.driver.text.search(new RegExp(`^${escapeRegExp(job)}\\s*:`, 'm')));
    const { line, col } = plan.driver.lines.position(at);
    out.push(unsupportedExtraction.reportMessage({ file: plan.driver.path, line, col }, 'gitlabScriptEmptied', { job }));
  }
  return out;
}

/** A job mapping whose `script` is there but blank (null, empty, or a list of nothing). */
function isBlankScript(job: unknown): boolean {
  if (job === null || typeof job !== 'object' || !('script' in job)) return false;
  const script = (job as { script: unknown }).script;
  return script === null || script === '' || (Array.isArray(script) && script.every((s) => s === null || s === ''));
}
