import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // bin/restage.js runs the bundle: build it from the sources under test, whatever was compiled before.
    globalSetup: ['test/global-setup.ts'],
  },
});
