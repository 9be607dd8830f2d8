import { GITHUB_WORKFLOW } from '../text/ci-files.js';
import type { RepoView } from '../repo/view.js';
import { resolveHostPath } from '../shell/host-path.js';
import { escapeRegExp } from '../text/regexp.js';
import type { HostWrite } from './model.js';
import { nthIndex } from './workflows.js';
import { scalarLines, yamlFiles } from './yaml-files.js';

/**
 * Files a CI job makes inside a toolchain image and hands to a later job as an artifact: a GitHub job
 * with `container:` and an `actions/upload-artifact` step, a GitLab job with an `image:` and
 * `artifacts: paths:` (whose script runs no docker: that one the ci driver reads). A later `docker
 * build` that copies them is the builder pattern spread over two jobs, which restage does not rewrite;
 * seen as a write, it is refused with the reason instead of counted as no setup.
 */
export function ciArtifactWrites(repo: RepoView): HostWrite[] {
  return [...githubArtifacts(repo), ...gitlabArtifacts(repo)];
}

function githubArtifacts(repo: RepoView): HostWrite[] {
  const out: HostWrite[] = [];
  // Only a workflow that downloads an artifact can hand one to its image build.
  for (const { file, text, doc } of yamlFiles(repo, GITHUB_WORKFLOW, /upload-artifact/)) {
    if (!/actions\/download-artifact@/.test(text)) continue;
    const jobs = (doc as { jobs?: unknown } | null)?.jobs;
    if (!jobs || typeof jobs !== 'object') continue;
    // Occurrences of the action's name in the file, in the order the jobs and steps come.
    let seen = -1;
    for (const job of Object.values(jobs as Record<string, unknown>)) {
      const j = job as { container?: unknown; steps?: unknown } | null;
      const steps = Array.isArray(j?.steps) ? j.steps : [];
      for (const step of steps) {
        const st = step as { uses?: unknown; with?: { path?: unknown } } | null;
        if (typeof st?.uses !== 'string' || !/^actions\/upload-artifact@/.test(st.uses)) continue;
        const offset = Math.max(0, nthIndex(text, 'actions/upload-artifact@', ++seen));
        if (!j?.container) continue;
        for (const p of scalarLines(st.with?.path)) if (!p.startsWith('!')) out.push({ driver: file, step: -1, offset, kind: 'ci-artifact', path: place(p) });
      }
    }
  }
  return out;
}

/** Keys of a .gitlab-ci.yml that are not jobs. */
const GITLAB_KEYWORDS = new Set([
  'image',
  'services',
  'stages',
  'types',
  'variables',
  'default',
  'include',
  'workflow',
  'cache',
  'before_script',
  'after_script',
  'pages',
]);

function gitlabArtifacts(repo: RepoView): HostWrite[] {
  const out: HostWrite[] = [];
  for (const { file, text, doc } of yamlFiles(repo, /(^|\/)\.gitlab-ci\.yml$/, /artifacts/)) {
    if (!doc || typeof doc !== 'object') continue;
    const top = doc as { image?: unknown; default?: { image?: unknown } | null };
    const defaultImage = top.image ?? top.default?.image;
    for (const [name, job] of Object.entries(doc as Record<string, unknown>)) {
      if (GITLAB_KEYWORDS.has(name) || name.startsWith('.') || !job || typeof job !== 'object') continue;
      const j = withTemplates(doc as Record<string, unknown>, job as GitlabJob, 0);
      // A job with no image runs where the runner says (a shell executor runs it on the host).
      if (!(j.image ?? defaultImage) || !Array.isArray(j.artifacts?.paths)) continue;
      // (String() of a list joins its lines: enough to find the word.)
      if (/\bdocker\b/.test(String(j.script ?? ''))) continue;
      const offset = Math.max(0, text.search(new RegExp(`^["']?${escapeRegExp(name)}["']?\\s*:`, 'm')));
      for (const p of j.artifacts.paths) if (typeof p === 'string') out.push({ driver: file, step: -1, offset, kind: 'ci-artifact', path: place(p) });
    }
  }
  return out;
}

interface GitlabJob {
  image?: unknown;
  script?: unknown;
  artifacts?: { paths?: unknown } | null;
  extends?: unknown;
}

/** The job with what it `extends:` (a template's keys, its own winning), as far as GitLab's 11 levels. */
function withTemplates(doc: Record<string, unknown>, job: GitlabJob, depth: number): GitlabJob {
  const names = typeof job.extends === 'string' ? [job.extends] : Array.isArray(job.extends) ? job.extends : [];
  let merged: GitlabJob = {};
  for (const name of names) {
    const t = typeof name === 'string' ? doc[name] : undefined;
    if (depth < 11 && t && typeof t === 'object') merged = { ...merged, ...withTemplates(doc, t as GitlabJob, depth + 1) };
  }
  return { ...merged, ...job };
}

/** A path as written, or null (somewhere known only at run time) for a wildcard or a variable. */
function place(p: string): string | null {
  return /[*?[$]/.test(p) ? null : resolveHostPath('', p.trim());
}
