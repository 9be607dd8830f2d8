import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // bin/restage.js runs the bundle: build it from the sources under test, whatever was compiled before.
    globalSetup: ['test/global-setup.ts'],
    // Scratch trees made through test/support/temp-dir.ts go when their test file ends.
    setupFiles: ['test/support/remove-temp-dirs.ts'],
    // What bin/restage.js sets for the CLI, for the tests that load the shell parser in-process: a
    // worker would otherwise wait at exit for V8 to recompile the grammar's wasm in the background.
    execArgv: ['--no-wasm-tier-up', '--no-wasm-dynamic-tiering'],
  },
});
