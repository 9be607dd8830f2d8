import { requirePackage } from '../packages/require-package.js';

let yamlModule: typeof import('yaml') | undefined;

/**
 * The `yaml` package, loaded on first use and synchronously (detection and planning are synchronous):
 * a run over files that hold no YAML to parse never pays for it.
 */
export function lazyYaml(): typeof import('yaml') {
  return (yamlModule ??= requirePackage('yaml') as typeof import('yaml'));
}
