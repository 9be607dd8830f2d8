import { spawnSync } from 'node:child_process';

/**
 * Whether tests that need `tool` run. With the tool they do. Without it, in CI or with
 * RESTAGE_E2E_REQUIRED=1 they run anyway and fail (a comparison that skips silently where it matters
 * cannot fail); elsewhere they are skipped, and a warning says which and why.
 */
export function toolGate(tool: string, what: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (spawnSync(tool, ['--version']).status === 0) return true;
  if (env.CI || env.RESTAGE_E2E_REQUIRED === '1') return true;
  console.warn(`[restage tests] skipping ${what}: ${tool} is not installed (CI and RESTAGE_E2E_REQUIRED=1 fail instead)`);
  return false;
}
