/**
 * GitHub Actions workflows, and Gitea's and Forgejo's, which run the same syntax (`run:` in bash from
 * the workspace): read by the ci driver, and by detection for their `docker/build-push-action` steps.
 */
export const GITHUB_WORKFLOW = /^\.(github|gitea|forgejo)\/workflows\/[^/]+\.ya?ml$/;
