import imageCopiedBetweenBuilds from '../../rules/image-copied-between-builds.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Detection } from '../detect/flows.js';
import type { ImageRead } from '../detect/model.js';
import type { DriverAnalysis } from '../drivers/steps.js';
import { driverLines } from './flow-coverage.js';
import type { RepoView } from '../repo/view.js';
import type { SetupResult } from './setups.js';

/**
 * A driver whose later build copies from an earlier build's image by its tag (detect/image-reads.ts)
 * holds a builder pattern whose files never touch the host: restage does not merge that yet, and a
 * driver it migrates for other extractions would keep the split. Either way the setup is refused with
 * the line of the Dockerfile that reads the image: never "0 setups", never half a migration.
 */
export function refuseImageReads(
  results: SetupResult[],
  detection: Pick<Detection, 'imageReads'>,
  analyses: Map<string, DriverAnalysis>,
  repo: RepoView,
): SetupResult[] {
  const byDriver = new Map<string, ImageRead[]>();
  for (const r of detection.imageReads) byDriver.set(r.reader.driver!, [...(byDriver.get(r.reader.driver!) ?? []), r]);
  if (byDriver.size === 0) return results;
  const out = results.map((r) => {
    const reads = byDriver.get(r.driver);
    if (!reads) return r;
    const own = r.status === 'migrate' ? r.diagnostics.filter((d) => d.severity !== 'info') : r.diagnostics;
    const extra = diagnostics(reads, analyses, repo).filter((d) => !own.some((o) => o.file === d.file && o.line === d.line && o.col === d.col));
    return {
      ...r,
      status: 'refused' as const,
      changes: [],
      plan: null,
      files: filesOf(r.files, reads),
      diagnostics: [...own, ...extra].sort(compareDiagnostics),
    };
  });
  const seen = new Set(results.map((r) => r.driver));
  for (const [driver, reads] of byDriver) {
    if (seen.has(driver)) continue;
    out.push({
      driver,
      status: 'refused',
      files: filesOf([driver], reads),
      changes: [],
      plan: null,
      diagnostics: diagnostics(reads, analyses, repo).sort(compareDiagnostics),
    });
  }
  return out;
}

function filesOf(files: string[], reads: ImageRead[]): string[] {
  return [...new Set([...files, ...reads.flatMap((r) => [r.reader.dockerfile, r.producer.dockerfile])])];
}

function diagnostics(reads: ImageRead[], analyses: Map<string, DriverAnalysis>, repo: RepoView): Diagnostic[] {
  return reads.map((r) => {
    const driver = r.producer.driver!;
    const lines = driverLines(analyses, repo, driver);
    return imageCopiedBetweenBuilds.report(
      { file: r.reader.dockerfile, line: r.line, col: r.col },
      { use: r.use, image: r.image, driver, line: String(lines.position(r.producer.offset ?? 0).line), dockerfile: r.producer.dockerfile },
    );
  });
}
