import type { DriverAnalysis } from './steps.js';
import * as ci from './ci/index.js';
import * as js from './js/index.js';
import * as make from './make/index.js';
import * as packageJson from './package-json/index.js';
import * as sh from './sh/index.js';
import * as unsupported from './unsupported/index.js';

/**
 * Every driver kind has the same surface (Renovate's managers): which files it claims, and
 * `extract(path, text)` → its docker and host steps with source spans. A new kind is a new folder here.
 */
export interface DriverKind {
  name: string;
  /** `head` is the file's first bytes, for shebangs. */
  claims(relPath: string, head: string): boolean;
  extract(relPath: string, text: string): Promise<DriverAnalysis>;
}

const DRIVER_KINDS: readonly DriverKind[] = [
  { name: 'sh', claims: sh.claims, extract: sh.extract },
  { name: 'make', claims: make.claims, extract: make.extract },
  { name: 'package-json', claims: packageJson.claims, extract: packageJson.extract },
  { name: 'ci', claims: ci.claims, extract: ci.extract },
  { name: 'js', claims: js.claims, extract: js.extract },
  { name: 'unsupported', claims: unsupported.claims, extract: unsupported.extract },
];

export function driverFor(relPath: string, head: string): DriverKind | undefined {
  return DRIVER_KINDS.find((k) => k.claims(relPath, head));
}

// What verify needs to re-read a rewritten driver (a make recipe line or an npm script is shell text):
// the one way in from outside drivers/, besides the shared model in steps.ts and docker-cli.ts.
export { setupScriptName } from './package-json/index.js';
export { extractShell } from './sh/index.js';
