// BuildKit cache entries: which exist, and removing exactly the ones verify made.
//
// Measured on Docker 20.10 (BuildKit 0.8): `docker builder prune --filter id=X` matches X exactly,
// takes one id per call (several filters are refused), and skips an entry that another entry still
// has as its parent; so the new entries go leaves first, in rounds.
import { docker, dockerQuiet } from './engine.js';

interface CacheEntry {
  id: string;
  parent: string;
}

function listBuildCache(): CacheEntry[] {
  const out = docker(['system', 'df', '-v', '--format', '{{json .BuildCache}}']).trim();
  if (out === '' || out === 'null') return [];
  const raw = JSON.parse(out) as { ID?: unknown; Parent?: unknown }[] | null;
  return (raw ?? []).flatMap((e) => (typeof e.ID === 'string' ? [{ id: e.ID, parent: typeof e.Parent === 'string' ? e.Parent : '' }] : []));
}

export function buildCacheIds(): Set<string> {
  return new Set(listBuildCache().map((e) => e.id));
}

/** Removes every entry not in `keep` (the entries that existed before verify started). */
export function pruneBuildCacheExcept(keep: ReadonlySet<string>): void {
  let entries = listBuildCache();
  for (let round = 0; round < 64; round++) {
    const ours = entries.filter((e) => !keep.has(e.id));
    if (ours.length === 0) return;
    const parents = new Set(entries.map((e) => e.parent));
    const leaves = ours.filter((e) => !parents.has(e.id));
    for (const e of leaves.length > 0 ? leaves : ours) dockerQuiet(['builder', 'prune', '-af', '--filter', `id=${e.id}`]);
    entries = listBuildCache();
    // An entry in use (someone else's build running on it) stays: stop once a round removes nothing.
    if (entries.filter((e) => !keep.has(e.id)).length === ours.length) return;
  }
}

/** The whole cache, for the e2e tests' dedicated engine. */
export function pruneAllBuildCache(): void {
  docker(['builder', 'prune', '-af']);
}
