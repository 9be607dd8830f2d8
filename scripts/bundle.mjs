// Bundles the CLI into dist/bundle/main.js, which bin/restage.js loads. Why: Node 20 resolves, reads and
// links every ES module one by one; the compiled tree is ~80 modules for a no-op pre-commit run, which
// cost more than Node's own start-up. One module (plus a chunk for `verify`, loaded on use) does not.
// Packages stay outside the bundle, so the heavy ones (web-tree-sitter, dockerfile-ast, diff) still
// load only when a file needs them; commander goes in. The CommonJS ones restage requires on first use
// are pre-bundled one file each under dist/bundle/vendor/ (below); picocolors, one file, is required
// from node_modules when there is colour to print.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLED_PACKAGES = new Set(['commander']);
/** src/packages/require-package.ts's VENDOR_FILES (test/vendored-packages.test.ts holds the two equal). */
export const VENDOR_FILES = {
  'dockerfile-ast': 'dockerfile',
  'dockerfile-utils': 'dockerfile',
  diff: 'diff',
  yaml: 'yaml',
  '@balena/dockerignore': 'dockerignore',
};

// commander requires node:child_process when it loads, for subcommands that are executables (restage has
// none): that one require loaded a dozen internal modules, ~8 ms of a ~110 ms no-op run. It gets the
// module on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}commander${path.sep}`) ? { path: 'lazy-child-process', namespace: 'restage-lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'restage-lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

const packagesOutside = {
  name: 'packages-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return BUNDLED_PACKAGES.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

export async function bundle() {
  // Chunk names carry a content hash: without this, every build would leave the last one's behind.
  fs.rmSync(path.join(ROOT, 'dist', 'bundle'), { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts'],
    outdir: 'dist/bundle',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    define: { RESTAGE_VENDORED: 'true' },
    // commander is CommonJS and requires node: built-ins; an ES module bundle has no `require` of its own.
    banner: { js: "import { createRequire as restageCreateRequire } from 'node:module';\nconst require = restageCreateRequire(import.meta.url);" },
    plugins: [lazyChildProcess, packagesOutside],
  });
  // The launcher's first try: a pre-commit run on files no setup holds, answered by a CommonJS module so
  // that Node's ES module loader and the bundle above never load (src/cli/no-scan.ts). CommonJS cannot be
  // split, so this is a second, small bundle of that module's imports only; it keeps no state the main
  // bundle reads (when it cannot answer, the full CLI starts over).
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/no-scan.ts'],
    outfile: 'dist/bundle/no-scan.cjs',
    bundle: true,
    format: 'cjs',
    // The diff module finds jsdiff through import.meta.url, which CommonJS spells with __filename (and
    // node:url loaded only when it is asked for).
    banner: { js: "const restageImportMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
    define: { 'import.meta.url': 'restageImportMeta.url', RESTAGE_VENDORED: 'true' },
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [packagesOutside],
  });
  // The CommonJS packages restage loads on first use, each one file (src/packages/require-package.ts):
  // Node's loader otherwise resolves, reads and compiles a package's files one by one. Each file exports
  // a loader per package, and a package's dependencies are evaluated when it is first loaded.
  const files = new Map();
  for (const [name, file] of Object.entries(VENDOR_FILES)) files.set(file, [...(files.get(file) ?? []), name]);
  for (const [file, names] of files)
    await build({
      absWorkingDir: ROOT,
      stdin: {
        contents: names.map((n) => `exports[${JSON.stringify(n)}] = () => require(${JSON.stringify(n)});`).join('\n'),
        resolveDir: ROOT,
        loader: 'js',
      },
      outfile: `dist/bundle/vendor/${file}.cjs`,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
    });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();
