import { GITHUB_WORKFLOW } from '../text/ci-files.js';
import type { RepoView } from '../repo/view.js';
import { resolveHostPath } from '../shell/host-path.js';
import { escapeRegExp } from '../text/regexp.js';
import type { HostWrite } from './model.js';
import { nthIndex } from './workflows.js';
import { scalarLines, yamlFile, yamlFiles } from './yaml-files.js';

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
  let handsOn: ((file: string) => string[] | null) | undefined;
  for (const { file, text, doc } of yamlFiles(repo, GITHUB_WORKFLOW, /upload-artifact/)) {
    const callers = (handsOn ??= handedOn(repo))(file);
    if (callers === null) continue;
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
        for (const p of scalarLines(st.with?.path))
          if (!p.startsWith('!')) out.push({ driver: file, step: -1, offset, kind: 'ci-artifact', path: place(p), reads: callers });
      }
    }
  }
  return out;
}

const DOWNLOADS = /actions\/download-artifact@/;

/**
 * Whether a workflow's artifacts can reach an image build: only a workflow that downloads one can hand
 * it to its build. That is the workflow itself, one that calls it as a reusable workflow (`uses:
 * ./.github/workflows/compile.yml`), or one called beside it by the same workflow (ci.yml calling
 * compile.yml, then image.yml that downloads). Null when none can; else the workflows that call it,
 * which belong to its setup.
 */
function handedOn(repo: RepoView): (file: string) => string[] | null {
  const workflows = repo.referenceCandidates().filter((f) => GITHUB_WORKFLOW.test(f));
  const downloading = new Set<string>();
  const called = new Map<string, Set<string>>();
  for (const f of workflows) {
    const text = repo.readText(f) ?? '';
    if (DOWNLOADS.test(text)) downloading.add(f);
    called.set(f, new Set([...text.matchAll(/^[\t -]*uses:\s*["']?\.\/([^\s"'#]+)/gm)].map((m) => m[1]!)));
  }
  return (file) => {
    const callers = workflows.filter((g) => called.get(g)!.has(file));
    const handing = callers.filter((g) => downloading.has(g) || [...called.get(g)!].some((h) => downloading.has(h)));
    return downloading.has(file) || handing.length > 0 ? callers : null;
  };
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
  for (const main of yamlFiles(repo, /(^|\/)\.gitlab-ci\.yml$/, /artifacts|include/)) {
    if (!isObject(main.doc)) continue;
    // GitLab merges what the file includes under it: the including file's keys win.
    const sources: YamlSource[] = [...localIncludes(repo, main.doc, new Set([main.file])), { ...main, doc: main.doc }];
    const doc: Record<string, unknown> = Object.assign({}, ...sources.map((s) => s.doc));
    const top = doc as { image?: unknown; default?: { image?: unknown } | null };
    const defaultImage = top.image ?? top.default?.image;
    for (const [name, job] of Object.entries(doc)) {
      if (GITLAB_KEYWORDS.has(name) || name.startsWith('.') || !job || typeof job !== 'object') continue;
      const j = withTemplates(doc, job as GitlabJob, 0);
      // A job with no image runs where the runner says (a shell executor runs it on the host).
      if (!(j.image ?? defaultImage) || !Array.isArray(j.artifacts?.paths)) continue;
      // (String() of a list joins its lines: enough to find the word.)
      if (/\bdocker\b/.test(String(j.script ?? ''))) continue;
      // The file the job is written in, for the diagnostic's place.
      const { file, text } = [...sources].reverse().find((s) => Object.hasOwn(s.doc, name))!;
      const offset = Math.max(0, text.search(new RegExp(`^["']?${escapeRegExp(name)}["']?\\s*:`, 'm')));
      for (const p of j.artifacts.paths) if (typeof p === 'string') out.push({ driver: file, step: -1, offset, kind: 'ci-artifact', path: place(p) });
    }
  }
  return out;
}

type YamlSource = { file: string; text: string; doc: Record<string, unknown> };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** GitLab's limit on the files one pipeline includes. */
const MAX_INCLUDES = 150;

/**
 * The repository's files a GitLab CI file includes (`include: ci/build.yml`, `- local: /ci/*.yml`,
 * nested includes too), in the order GitLab merges them. Remote, project, template and component
 * includes are not in the checkout and are left out.
 */
function localIncludes(repo: RepoView, doc: Record<string, unknown>, seen: Set<string>): YamlSource[] {
  const out: YamlSource[] = [];
  const entries = Array.isArray(doc.include) ? doc.include : doc.include === undefined ? [] : [doc.include];
  for (const e of entries) {
    const local = typeof e === 'string' ? (/^[a-z]+:\/\//.test(e) ? null : e) : isObject(e) && typeof e.local === 'string' ? e.local : null;
    if (local === null) continue;
    const pattern = local.replace(/^\/+/, '');
    const glob = pattern.includes('*') ? includeGlob(pattern) : null;
    const files = glob ? repo.referenceCandidates().filter((f) => glob.test(f)) : [resolveHostPath('', pattern)];
    for (const file of files) {
      if (file === null || seen.has(file) || seen.size >= MAX_INCLUDES) continue;
      seen.add(file);
      const source = yamlFile(repo, file);
      if (source === null || !isObject(source.doc)) continue;
      out.push(...localIncludes(repo, source.doc, seen), { ...source, doc: source.doc });
    }
  }
  return out;
}

/** GitLab's include wildcards: `*` within a directory, `**` across them. */
function includeGlob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('**')
      .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
      .join('.*')}$`,
  );
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
