/**
 * What the planner may know about the repository. The CLI builds it from disk (and git); tests build
 * it from memory. Paths are repo-relative POSIX; '' is the root.
 */
export interface RepoView {
  readText(rel: string): string | null;
  /**
   * Why readText gave null for a file that is there (too large, not UTF-8 text), or null when it did
   * not skip it. Optional: a view built from memory skips nothing.
   */
  skipped?(rel: string): SkippedFile | null;
  /** A directory that exists in a fresh checkout (holds tracked files), not one a previous build left. */
  isDir(rel: string): boolean;
  isFile(rel: string): boolean;
  /** Files that could name a builder Dockerfile (CI configs, compose files, other scripts, Makefiles). */
  referenceCandidates(): string[];
  /** Dockerfiles a fresh checkout holds (any `Dockerfile`, `*.Dockerfile`, `Dockerfile.*`): detection reads those nothing seen builds. */
  dockerfiles?(): string[];
  /** Every file a fresh checkout holds (read only where a path restage could not resolve must be matched). */
  files?(): Iterable<string>;
  /** Documentation (Markdown, reStructuredText, AsciiDoc) that may name what a migration removes. */
  documents?(): string[];
  /** Where a symbolic link of the repository points (as written), or null when `rel` is no link. */
  linkTarget?(rel: string): string | null;
  /**
   * The view whose contents this one shows, when it only wraps another (per-setup bookkeeping):
   * caches built once per repository key on it, not on each setup's wrapper.
   */
  readonly underlying?: RepoView;
}

/** The object a per-repository cache keys on (see RepoView.underlying). */
export function cacheKey(repo: RepoView): RepoView {
  return repo.underlying ?? repo;
}

export interface SkippedFile {
  /** Completes "<path> …": `is 2.0 MiB, over the 1 MiB limit`, `is not UTF-8 text (…)`; for leavesRepo, `a symbolic link to /abs`. */
  why: string;
  /** Whether the bytes restage looked at name docker: a skipped script that does not is no setup. */
  mentionsDocker: boolean;
  /** It is a symbolic link that resolves outside the repository (reported as path-outside-repo). */
  leavesRepo: boolean;
}
