// Which testdata cases the equivalence suite builds with real Docker.
//
// A case opts in through testdata/<case>/case.json:
//   { "e2e": { "driver": "build.sh", "image": "alexellis2/href-counter:latest" } }
// driver: path relative to before/, run as `sh <driver>` with before/'s copy as cwd;
// image:  the final image tag that driver builds (legacy and migrated alike), or a list of
//         them when the driver builds several runtime images.
// "e2e": false, no "e2e" key, or no case.json: not an e2e case. Any other
// "e2e" value is an error, so a typo cannot silently drop a case.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface E2eCase {
  name: string;
  /** Absolute path of testdata/<case>/before. */
  beforeDir: string;
  driver: string;
  /** Every runtime image the driver builds; each is compared. */
  images: string[];
  /**
   * Environment for the replay of restage's plan: the value a driver computes at run time
   * (`VERSION=$(cat VERSION)`, carried to the build) that verify takes from its environment.
   */
  replayEnv: Record<string, string>;
}

export function discoverCases(testdata = path.join(REPO_ROOT, 'testdata')): E2eCase[] {
  if (!fs.existsSync(testdata)) return [];
  const cases: E2eCase[] = [];
  for (const name of fs.readdirSync(testdata).sort()) {
    const file = path.join(testdata, name, 'case.json');
    if (!fs.existsSync(file)) continue;
    const e2e = (JSON.parse(fs.readFileSync(file, 'utf8')) as { e2e?: unknown }).e2e;
    if (e2e === undefined || e2e === false) continue;
    cases.push({ name, beforeDir: path.join(testdata, name, 'before'), ...parseE2e(e2e, file) });
  }
  return cases;
}

function parseE2e(e2e: unknown, file: string): { driver: string; images: string[]; replayEnv: Record<string, string> } {
  const bad = (why: string): Error => new Error(`${file}: "e2e" must be false or {"driver": "build.sh", "image": "<final tag>"}: ${why}`);
  if (typeof e2e !== 'object' || e2e === null || Array.isArray(e2e)) throw bad('not an object');
  const { driver, image, replayEnv = {} } = e2e as Record<string, unknown>;
  if (typeof replayEnv !== 'object' || replayEnv === null || !Object.values(replayEnv).every((v) => typeof v === 'string'))
    throw bad('"replayEnv" must map names to strings');
  if (typeof driver !== 'string' || driver === '') throw bad('missing "driver"');
  if (path.isAbsolute(driver) || path.normalize(driver).startsWith('..')) throw bad('"driver" must stay inside before/');
  const images = typeof image === 'string' ? [image] : image;
  if (!Array.isArray(images) || images.length === 0 || !images.every((i): i is string => typeof i === 'string' && i !== ''))
    throw bad('"image" must be a tag or a non-empty list of tags');
  return { driver, images, replayEnv: replayEnv as Record<string, string> };
}

/** A Docker repository name component for the case (lowercase, [a-z0-9._-]). */
export function imageSafeName(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '') || 'case'
  );
}
