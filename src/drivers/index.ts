import { driverKindOf, type DriverKindName } from './claims.js';
import type { DriverAnalysis } from './steps.js';
import { assumeEnvDefaults } from './env-defaults.js';
import { readComposeRuns } from './compose/index.js';
import * as ci from './ci/index.js';
import * as js from './js/index.js';
import * as make from './make/index.js';
import * as packageJson from './package-json/index.js';
import * as sh from './sh/index.js';
import * as unsupported from './unsupported/index.js';

/**
 * Every driver kind has the same surface (Renovate's managers): which files it claims (its claims.ts,
 * listed in ../claims.ts), and `extract(path, text)` → its docker and host steps with source spans. A new
 * kind is a new folder here.
 */
export interface DriverKind {
  name: DriverKindName;
  /** `repo` lets a kind read other files that decide how the driver runs (the JS kind: the package.json that runs it). */
  extract(relPath: string, text: string, repo?: DriverRepo): Promise<DriverAnalysis>;
}

/** What a driver kind may read of the repository besides the driver. */
export interface DriverRepo {
  readText(rel: string): string | null;
  /** The files searched for references (CI configurations among them), where the repository can list them. */
  referenceCandidates?(): string[];
}

const EXTRACT: Record<DriverKindName, DriverKind['extract']> = {
  sh: sh.extract,
  make: make.extract,
  'package-json': packageJson.extract,
  ci: ci.extract,
  js: js.extract,
  unsupported: unsupported.extract,
};

/**
 * The kind that reads a file as a driver; `head` is the file's first bytes, for shebangs. Every kind's
 * reading then takes environment defaults for extraction destinations (see env-defaults.ts).
 */
export function driverFor(relPath: string, head: string): DriverKind | undefined {
  const name = driverKindOf(relPath, head);
  if (name === undefined) return undefined;
  return {
    name,
    extract: async (path, text, repo) => {
      const extracted = await EXTRACT[name](path, text, repo);
      const analysis = repo ? readComposeRuns(extracted, repo) : extracted;
      analysis.diagnostics.push(...assumeEnvDefaults(analysis));
      return analysis;
    },
  };
}

// What verify needs to re-read a rewritten driver (a make recipe line or an npm script is shell text):
// the one way in from outside drivers/, besides the shared model in steps.ts and docker-cli.ts.
export { setupScriptName } from './package-json/index.js';
export { extractShell } from './sh/index.js';
export { recipeEnvironment } from './make/index.js';
export { invokedFrom } from './invoked-from.js';
