// Bundles the CLI into dist/bundle/main.js, which bin/restage.js loads. Why: Node 20 resolves, reads and
// links every ES module one by one; the compiled tree is ~80 modules for a no-op pre-commit run, which
// cost more than Node's own start-up. One module (plus a chunk for `verify`, loaded on use) does not.
// Packages stay outside the bundle, so the heavy ones (web-tree-sitter, dockerfile-ast, diff) still
// load only when a file needs them; commander and picocolors, which every run needs, go in. (Pre-bundling
// dockerfile-ast into a lazily loaded chunk was measured: no gain on the one-setup run.)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLED_PACKAGES = new Set(['commander', 'picocolors']);

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
    // commander is CommonJS and requires node: built-ins; an ES module bundle has no `require` of its own.
    banner: { js: "import { createRequire as restageCreateRequire } from 'node:module';\nconst require = restageCreateRequire(import.meta.url);" },
    plugins: [
      {
        // commander requires node:child_process when it loads, for subcommands that are executables
        // (restage has none): that one require loaded a dozen internal modules, ~8 ms of a ~110 ms
        // no-op run. It gets the module on first use instead.
        name: 'lazy-child-process-for-commander',
        setup(b) {
          b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
            args.importer.includes(`${path.sep}node_modules${path.sep}commander${path.sep}`)
              ? { path: 'lazy-child-process', namespace: 'restage-lazy' }
              : undefined,
          );
          b.onLoad({ filter: /.*/, namespace: 'restage-lazy' }, () => ({
            contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
            loader: 'js',
          }));
        },
      },
      {
        name: 'packages-outside',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
            return BUNDLED_PACKAGES.has(name) ? undefined : { path: args.path, external: true };
          });
        },
      },
    ],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();
