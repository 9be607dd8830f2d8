import { beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { plainMigrate } from '../src/cli/plain-migrate.js';
import type { MigrateFlags } from '../src/cli/run-migrate.js';

// main.ts reads `migrate [--check] [--write] PATH…` itself, so that a pre-commit run does not load
// commander; every row here is also parsed by commander (program.ts), and the two must agree exactly.
const calls: { paths: string[]; flags: MigrateFlags }[] = [];
vi.mock('../src/cli/run-migrate.js', () => ({
  runMigrate: async (paths: string[], flags: MigrateFlags) => {
    calls.push({ paths, flags: { ...flags } });
    return 0;
  },
}));

const io = { stdout: () => {}, stderr: () => {}, cwd: '/', env: {}, isTTY: { stdout: false, stderr: false } };

/** What commander passes to the migrate action for these arguments. */
async function viaCommander(args: string[]): Promise<{ paths: string[]; flags: MigrateFlags }> {
  const { runProgram } = await import('../src/cli/program.js');
  calls.length = 0;
  expect(await runProgram(['node', 'restage', ...args], io, false)).toBe(0);
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

beforeEach(() => {
  calls.length = 0;
});

describe('the pre-commit command line, read without commander', () => {
  it.each([
    [['migrate']],
    [['migrate', '.']],
    [['migrate', '--check', 'build.sh', 'Dockerfile.build']],
    [['migrate', '--write', 'a', 'b c']],
    [['migrate', 'a', '--check', 'b', '--write']],
    [['migrate', '--write', '--check']],
    [['migrate', 'migrate', 'verify']],
  ])('%j: the paths and flags commander gives', async (args) => {
    const plain = plainMigrate(args);
    expect(plain).not.toBeNull();
    expect(plain).toEqual(await viaCommander(args));
    // main takes this way: run-migrate is called with the same, and program.ts is not consulted.
    calls.length = 0;
    expect(await main(['node', 'restage', ...args], io)).toBe(0);
    expect(calls).toEqual([plain]);
  });

  it.each([
    [[]],
    [['verify', '.']],
    [['rules']],
    [['migrate', '--check', '--check', '.']],
    [['migrate', '--write', '--write']],
    [['migrate', '--diff', '--write', '.']],
    [['migrate', '--format', 'json', '.']],
    [['migrate', '--format=json', '.']],
    [['migrate', '-q', '.']],
    [['migrate', '--', '-file']],
    [['migrate', '-']],
    [['migrate', '']],
    [['migrate', '--help']],
    [['--version']],
  ])('%j: left to commander', (args) => {
    expect(plainMigrate(args)).toBeNull();
  });
});
