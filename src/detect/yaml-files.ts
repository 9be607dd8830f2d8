import { lazyYaml } from '../text/lazy-yaml.js';
import type { RepoView } from '../repo/view.js';

/**
 * The parsed YAML of the repository's files whose path matches `pattern` and whose text holds
 * `mustContain` (a cheap filter before parsing); a file that does not parse is skipped. `yaml` is
 * loaded on first use, synchronously, since detection is synchronous.
 */
export function yamlFiles(repo: RepoView, pattern: RegExp, mustContain: RegExp): { file: string; text: string; doc: unknown }[] {
  const out: { file: string; text: string; doc: unknown }[] = [];
  for (const file of repo.referenceCandidates().filter((f) => pattern.test(f))) {
    const text = repo.readText(file);
    if (text === null || !mustContain.test(text)) continue;
    try {
      out.push({ file, text, doc: lazyYaml().parse(text) });
    } catch {
      // Not YAML restage can read: no builds or mounts from it.
    }
  }
  return out;
}
