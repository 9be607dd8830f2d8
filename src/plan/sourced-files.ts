import type { DriverAnalysis } from '../drivers/steps.js';
import { resolveHostPath } from '../shell/host-path.js';

/**
 * For each repository file a driver reads into its own shell (`. ./scripts/lib.sh`, `source
 * "$(dirname "$0")/common.sh"`), the drivers that do. restage reads a sourced file as a driver of its
 * own: a function there that copies out of a container is refused in that file, and the script that
 * sources and calls it is where a user changes the build.
 */
export function sourcedBy(drivers: Iterable<DriverAnalysis>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of drivers) {
    for (const s of d.steps) {
      if (s.kind !== 'host' || s.cwd === null || !/^(\.|source)$/.test(s.args[0]?.text ?? '')) continue;
      const file = s.args[1]?.isStatic ? resolveHostPath(s.cwd, s.args[1].text) : null;
      if (file === null) continue;
      const by = out.get(file) ?? [];
      if (!by.includes(d.path)) out.set(file, [...by, d.path]);
    }
  }
  return out;
}
