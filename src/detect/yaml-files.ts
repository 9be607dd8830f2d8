import { lazyYaml } from '../text/lazy-yaml.js';
import type { RepoView } from '../repo/view.js';

/** Each repository view's parsed files (null: not YAML restage can read): detection asks for a workflow more than once. */
const parsedBy = new WeakMap<RepoView, Map<string, unknown>>();

/**
 * The parsed YAML of the repository's files whose path matches `pattern` and whose text holds
 * `mustContain` (a cheap filter before parsing); a file that does not parse is skipped. `yaml` is
 * loaded on first use, synchronously, since detection is synchronous. A file is parsed once per view,
 * whoever asks (the build-push-action steps and the artifacts of one workflow).
 */
export function yamlFiles(repo: RepoView, pattern: RegExp, mustContain: RegExp): { file: string; text: string; doc: unknown }[] {
  const out: { file: string; text: string; doc: unknown }[] = [];
  for (const file of repo.referenceCandidates().filter((f) => pattern.test(f))) {
    const text = repo.readText(file);
    if (text === null || !mustContain.test(text)) continue;
    const doc = parsedOnce(repo, file, text);
    if (doc !== null) out.push({ file, text, doc });
  }
  return out;
}

/** One file's parsed YAML (a GitLab `include:`), from the same per-view store; null if absent or not YAML. */
export function yamlFile(repo: RepoView, file: string): { file: string; text: string; doc: unknown } | null {
  const text = repo.readText(file);
  const doc = text === null ? null : parsedOnce(repo, file, text);
  return text === null || doc === null ? null : { file, text, doc };
}

function parsedOnce(repo: RepoView, file: string, text: string): unknown {
  let parsed = parsedBy.get(repo);
  if (parsed === undefined) parsedBy.set(repo, (parsed = new Map()));
  if (!parsed.has(file)) parsed.set(file, parseOrNull(text));
  return parsed.get(file);
}

function parseOrNull(text: string): unknown {
  try {
    return lazyYaml().parse(text);
  } catch {
    // Not YAML restage can read: no builds or mounts from it.
    return null;
  }
}

/** A block scalar's lines (upload-artifact's `path:`, build-push-action's `outputs:`), trimmed, blank ones left out. */
export function scalarLines(v: unknown): string[] {
  return typeof v === 'string'
    ? v
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '')
    : [];
}
