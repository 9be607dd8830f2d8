import { GITHUB_WORKFLOW } from '../text/ci-files.js';
import { joinRel } from '../dockerfile/paths.js';
import type { RepoView } from '../repo/view.js';
import { resolveHostPath } from '../shell/host-path.js';
import type { HostWrite, ImageBuildSite } from './model.js';
import { parseOutput } from './producers.js';
import { scalarLines, yamlFiles } from './yaml-files.js';
import { escapeRegExp } from '../text/regexp.js';

export interface WorkflowReading {
  builds: ImageBuildSite[];
  outputs: HostWrite[];
}

/**
 * `uses: docker/build-push-action` steps of GitHub workflows: the image builds they run (a consumer, when
 * `context:` names a directory of the checkout) and the files a local exporter writes (`outputs:
 * type=local,dest=out`); and `uses: docker://IMAGE` steps, whose container gets the workspace mounted.
 * restage does not rewrite these steps; detection still sees the flow.
 */
export function readWorkflows(repo: RepoView): WorkflowReading {
  const out: WorkflowReading = { builds: [], outputs: [] };
  for (const { file, text, doc } of yamlFiles(repo, GITHUB_WORKFLOW, /build-push-action|docker:\/\//)) {
    const jobs = (doc as { jobs?: unknown } | null)?.jobs;
    if (!jobs || typeof jobs !== 'object') continue;
    for (const job of Object.values(jobs as Record<string, unknown>)) {
      const steps = (job as { steps?: unknown } | null)?.steps;
      if (!Array.isArray(steps)) continue;
      steps.forEach((step: unknown, n: number) => {
        const st = step as { uses?: unknown; with?: Record<string, unknown> } | null;
        if (typeof st?.uses === 'string' && st.uses.startsWith('docker://')) {
          // The runner mounts the workspace into the action's container: it may write anywhere in the checkout.
          const at = nthIndex(text, st.uses, steps.slice(0, n).filter((x) => (x as { uses?: unknown } | null)?.uses === st.uses).length);
          out.outputs.push({ driver: file, step: -1, offset: Math.max(0, at), kind: 'action-container', path: '' });
          return;
        }
        if (typeof st?.uses !== 'string' || !/^docker\/build-push-action@/.test(st.uses)) return;
        const w = st.with ?? {};
        const offset = Math.max(0, nthIndex(text, 'docker/build-push-action', countBefore(steps, n)));
        // Without `context:` the action builds from the Git URL, not the checkout.
        const context = typeof w.context === 'string' && !w.context.includes('${{') ? resolveHostPath('', w.context) : null;
        if (context !== null) {
          const file2 = typeof w.file === 'string' && !w.file.includes('${{') ? resolveHostPath('', w.file) : joinRel(context, 'Dockerfile');
          if (file2 !== null) out.builds.push({ dockerfile: file2, context, driver: file, step: -1, offset, actionTags: actionTags(w.tags) });
        }
        for (const o of scalarLines(w.outputs)) {
          const dest = parseOutput(o);
          if (dest === null || dest === '-') continue;
          const path = dest.includes('${{') ? null : resolveHostPath('', dest);
          out.outputs.push({ driver: file, step: -1, offset, kind: 'build-output', path });
          // A later `run:` of the job that names the export (`cp out/app .`) may move it anywhere a later build reads.
          if (path !== null && steps.slice(n + 1).some((x) => namesPath((x as { run?: unknown } | null)?.run, path)))
            out.outputs.push({ driver: file, step: -1, offset, kind: 'build-output', path: null });
        }
      });
    }
  }
  return out;
}

/** Whether a `run:` script names the path as a word of its own or the start of one (`out`, `./out/app`, `"out/"`). */
function namesPath(run: unknown, path: string): boolean {
  if (typeof run !== 'string') return false;
  if (path === '') return true;
  return new RegExp(`(^|[\\s"'=:(])(\\./)?${escapeRegExp(path)}(/|[\\s"';)]|$)`, 'm').test(run);
}

/** Which occurrence of the action in the file step n of a job is (counting earlier uses in the same list). */
function countBefore(steps: unknown[], n: number): number {
  return steps
    .slice(0, n)
    .filter((s) => typeof (s as { uses?: unknown } | null)?.uses === 'string' && /^docker\/build-push-action@/.test((s as { uses: string }).uses)).length;
}

/** Where the n-th (from 0) occurrence of `needle` starts in `text`, or -1. */
export function nthIndex(text: string, needle: string, n: number): number {
  let at = -1;
  for (let k = 0; k <= n; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

/** `tags:` as a list, or a string of tags one per line or comma-separated (the action's two spellings). */
function actionTags(tags: unknown): string[] {
  const words = Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : typeof tags === 'string' ? tags.split(/[\n,]/) : [];
  return words.map((t) => t.trim()).filter((t) => t !== '' && !t.includes('${{'));
}
