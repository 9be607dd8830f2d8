/**
 * What the planner may know about the repository. The CLI builds it from disk (and git); tests build
 * it from memory. Paths are repo-relative POSIX; '' is the root.
 */
export interface RepoView {
  readText(rel: string): string | null;
  /** A directory that exists in a fresh checkout (holds tracked files), not one a previous build left. */
  isDir(rel: string): boolean;
  isFile(rel: string): boolean;
  /** Files that could name a builder Dockerfile (CI configs, compose files, other scripts, Makefiles). */
  referenceCandidates(): string[];
  /** Documentation (Markdown, reStructuredText, AsciiDoc) that may name what a migration removes. */
  documents?(): string[];
}
