import { defineConfig } from 'vitest/config';

// The suites Stryker runs against each mutant: only tests that import src/ and rules/ in-process.
// Tests that spawn bin/restage.js run the esbuild bundle, which Stryker does not instrument, so they
// cannot kill a mutant and only cost time; Docker suites and the bundle step (globalSetup) are left out
// for the same reason. The fuzz suite is random by design: a mutant it kills on one seed and not on the
// next would make the score move between runs of the same code.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [
      'test/e2e/**',
      'test/verify.test.ts',
      'test/pre-commit.test.ts',
      'test/action.test.ts',
      'test/rewritten-drivers.test.ts',
      'test/fuzz.test.ts',
      '**/node_modules/**',
    ],
    testTimeout: 30_000,
  },
});
