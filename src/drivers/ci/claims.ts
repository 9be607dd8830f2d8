import path from 'node:path/posix';

/** GitHub Actions workflows, and Gitea's and Forgejo's, which run the same syntax (`run:` in bash from the workspace). */
export const GITHUB_WORKFLOW = /^\.(github|gitea|forgejo)\/workflows\/[^/]+\.ya?ml$/;

/** GitHub Actions workflows and GitLab CI files: their `run:` / `script:` blocks are shell scripts. */
export function claims(relPath: string, _head: string): boolean {
  return GITHUB_WORKFLOW.test(relPath) || path.basename(relPath) === '.gitlab-ci.yml';
}
