import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Stryker runs the tests covering a mutant one file after another and stops at the first failure, so
 * the order decides how long a killed mutant costs: the table tests of test/mutation-proof take
 * milliseconds per case, a fixture case a whole migration. Fast files go first, the fixture table last.
 */
class FastFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => (f.moduleId.includes('/test/mutation-proof/') ? 0 : f.moduleId.endsWith('/test/fixtures.test.ts') ? 2 : 1);
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

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
      // It replaces src/synthesize and src/repo/disk with vi.mock, which cannot take effect once the
      // setup file below has evaluated the pipeline; it tests the CLI's error path, not the mutated folders.
      'test/internal-error.test.ts',
      '**/node_modules/**',
      // MUTATION_BASELINE=1: the suites as they were before test/mutation-proof, to measure what it adds.
      ...(process.env.MUTATION_BASELINE ? ['test/mutation-proof/**'] : []),
      // MUTATION_FAST=1: without the two tables that migrate every testdata case (a surviving mutant
      // runs all of them, minutes under load). Fewer tests can only kill fewer mutants, so the score
      // this gives is a lower bound of the full run's.
      ...(process.env.MUTATION_FAST ? ['test/fixtures.test.ts', 'test/formats.test.ts'] : []),
    ],
    // The rules evaluated before any test, so Stryker sees their tables as static (see the file).
    setupFiles: ['test/support/mutation-setup.ts', 'test/support/remove-temp-dirs.ts'],
    testTimeout: 30_000,
    sequence: { sequencer: FastFirst },
  },
});
