/**
 * Files that hold a build's commands in a language restage does not read, by name. Task runners and
 * CI systems other than GitHub Actions and GitLab CI run the same `docker cp` as a script does; without
 * a claim here a builder pattern in one would pass as "0 setups".
 */
export const KINDS: [RegExp, string][] = [
  [/\.ps1$/i, 'PowerShell'],
  [/\.(bat|cmd)$/i, 'batch'],
  [/(^|\/)[Tt]askfile(\.dist)?\.ya?ml$/, 'Taskfile'],
  [/(^|\/)(\.?[Jj]ustfile|[^/]+\.just)$/, 'justfile'],
  [/(^|\/)Jenkinsfile([.-][^/]*)?$|\.jenkinsfile$/, 'Jenkinsfile'],
  [/(^|\/)\.circleci\/config\.ya?ml$/, 'CircleCI'],
  [/(^|\/)azure-pipelines[^/]*\.ya?ml$/, 'Azure Pipelines'],
  [/(^|\/)bitbucket-pipelines\.ya?ml$/, 'Bitbucket Pipelines'],
  [/(^|\/)\.(drone|woodpecker|travis)\.ya?ml$|(^|\/)\.woodpecker\/[^/]+\.ya?ml$/, 'CI'],
  [/(^|\/)cloudbuild[^/]*\.ya?ml$/, 'Cloud Build'],
  [/(^|\/)buildspec[^/]*\.ya?ml$/, 'CodeBuild'],
];

/** Files of the kinds above: claimed only so that a builder pattern in one is refused, not missed. */
export function claims(relPath: string): boolean {
  return KINDS.some(([re]) => re.test(relPath));
}
