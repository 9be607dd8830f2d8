// The CommonJS packages restage loads on first use. From the compiled tree (and in the tests) they come
// from node_modules; in the bundle (scripts/bundle.mjs defines RESTAGE_VENDORED) each comes pre-bundled
// into one file under dist/bundle/vendor/, because Node's loader resolves, reads and compiles a package's
// files one by one: dockerfile-ast with vscode-languageserver-types is ~40 files and took 29 ms to load
// (13 ms as one file), diff 16 ms (2), yaml 39 ms (10) (docs/performance.md, stop 38).
import { createRequire } from 'node:module';

declare const RESTAGE_VENDORED: boolean | undefined;

/**
 * The vendored file each package is in. dockerfile-utils shares dockerfile-ast's, so that its validation
 * uses the same module, whose prototype src/dockerfile/parse.ts patches.
 */
export const VENDOR_FILES = {
  'dockerfile-ast': 'dockerfile',
  'dockerfile-utils': 'dockerfile',
  diff: 'diff',
  yaml: 'yaml',
  '@balena/dockerignore': 'dockerignore',
} as const;

export type VendoredPackage = keyof typeof VENDOR_FILES;

/** Made on first use: in the no-scan bundle, import.meta.url is computed (and node:url loaded) when read. */
let requireHere: NodeRequire | undefined;

/** The package's CommonJS exports; each vendored file exports an object of loaders by package name. */
export function requirePackage(name: VendoredPackage): unknown {
  requireHere ??= createRequire(import.meta.url);
  if (typeof RESTAGE_VENDORED === 'undefined') return requireHere(name);
  const loaders = requireHere(`./vendor/${VENDOR_FILES[name]}.cjs`) as Record<VendoredPackage, () => unknown>;
  return loaders[name]();
}
