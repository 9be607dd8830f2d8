import path from 'node:path/posix';

import { GITHUB_WORKFLOW } from '../../text/ci-files.js';

/** GitHub Actions workflows and GitLab CI files: their `run:` / `script:` blocks are shell scripts. */
export function claims(relPath: string, _head: string): boolean {
  return GITHUB_WORKFLOW.test(relPath) || path.basename(relPath) === '.gitlab-ci.yml';
}
