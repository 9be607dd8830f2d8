import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, no declarations
import { VENDOR_FILES as BUNDLED } from '../scripts/bundle.mjs';
import { VENDOR_FILES } from '../src/packages/require-package.js';
import { ROOT } from './helpers/cli.js';

// The bundle loads dockerfile-ast, dockerfile-utils, diff, yaml and @balena/dockerignore from one file
// each under dist/bundle/vendor/ (src/packages/require-package.ts); the tests run the sources, which
// load them from node_modules. These rows hold the vendored files to the packages.
const requireRoot = createRequire(path.join(ROOT, 'package.json'));

function vendored(name: keyof typeof VENDOR_FILES): Record<string, unknown> {
  const loaders = requireRoot(path.join(ROOT, 'dist', 'bundle', 'vendor', `${VENDOR_FILES[name]}.cjs`)) as Record<string, () => Record<string, unknown>>;
  expect(typeof loaders[name], `${name} has no loader in dist/bundle/vendor/${VENDOR_FILES[name]}.cjs`).toBe('function');
  return loaders[name]!();
}

describe('vendored packages', () => {
  it('the bundle script vendors exactly the packages the loader asks for, in the same files', () => {
    expect(BUNDLED).toEqual(VENDOR_FILES);
  });

  it.each(Object.keys(VENDOR_FILES) as (keyof typeof VENDOR_FILES)[])('%s: the vendored file exports what the package does', (name) => {
    const fromPackage = requireRoot(name) as Record<string, unknown> | ((...args: unknown[]) => unknown);
    const fromVendor = vendored(name);
    expect(Object.keys(fromVendor).sort()).toEqual(Object.keys(fromPackage).sort());
    expect(typeof fromVendor).toBe(typeof fromPackage);
  });

  it("dockerfile-utils validates with the vendored dockerfile-ast, whose prototype restage's memo patches", () => {
    const ast = vendored('dockerfile-ast') as { Instruction: { prototype: { getRawArguments: (...a: unknown[]) => unknown } } };
    const utils = vendored('dockerfile-utils') as { validate: (text: string) => unknown[] };
    const proto = ast.Instruction.prototype;
    const original = proto.getRawArguments;
    let calls = 0;
    proto.getRawArguments = function (this: unknown, ...a: unknown[]) {
      calls++;
      return original.apply(this, a);
    };
    try {
      utils.validate('FROM busybox AS builder\nRUN true\n');
    } finally {
      proto.getRawArguments = original;
    }
    expect(calls).toBeGreaterThan(0);
  });
});
