// The shared skip rule of the Docker suites, as vitest declarations.
import { describe, it } from 'vitest';
import { dockerGate, NO_ENGINE_MESSAGE } from './engine.js';

/**
 * Declares `body` as a describe block when an engine answers. Without one it
 * declares a failing test in CI / with RESTAGE_E2E_REQUIRED=1, and otherwise a
 * skipped test plus a visible warning.
 */
export function describeWithDocker(name: string, body: () => void): void {
  const gate = dockerGate();
  if (gate === 'run') {
    describe(name, body);
  } else if (gate === 'fail') {
    it(`${name}: needs a Docker engine`, () => {
      throw new Error(NO_ENGINE_MESSAGE);
    });
  } else {
    console.warn(`[restage e2e] skipping "${name}": ${NO_ENGINE_MESSAGE}`);
    it.skip(`${name}: needs a Docker engine`, () => {});
  }
}
