import type { DriverAnalysis } from '../drivers/steps.js';
import type { RepoView } from '../repo/view.js';
import { resolveHostPath } from '../shell/host-path.js';
import { SOURCES_A_FILE } from '../shell/script.js';
import { filesAnUnresolvedPathMayName } from './unresolved-paths.js';

/**
 * For each repository file a driver reads into its own shell (`. ./scripts/lib.sh`, `source
 * "$(dirname "$0")/common.sh"`), the drivers that do. restage reads a sourced file as a driver of its
 * own: a function there that copies out of a container is refused in that file, and the script that
 * sources and calls it is where a user changes the build. A path known only at run time (`source
 * "${HACK_DIR}/lib/init.sh"`) stands for every file of the checkout it may name, as a guess.
 */
export function sourcedBy(drivers: Iterable<DriverAnalysis>, repo: RepoView): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of drivers) {
    for (const s of d.steps) {
      if (s.kind !== 'host' || s.cwd === null || !SOURCES_A_FILE.test(s.args[0]?.text ?? '')) continue;
      const arg = s.args[1];
      if (arg === undefined) continue;
      const files = arg.isStatic ? [resolveHostPath(s.cwd, arg.text)].filter((f) => f !== null) : filesAnUnresolvedPathMayName(s.cwd, arg.text, repo);
      for (const file of files) {
        const by = out.get(file) ?? [];
        if (!by.includes(d.path)) out.set(file, [...by, d.path]);
      }
    }
  }
  return out;
}
