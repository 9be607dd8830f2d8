import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { copyCases, runMain } from './support/repo.js';

// Every way node starts a process, recorded: migrate may ask git which files it lists (index, untracked not ignored) and nothing else.
const started: string[] = [];
vi.mock('node:child_process', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:child_process')>();
  const record = <F extends (...a: never[]) => unknown>(name: string, f: F): F =>
    ((...args: Parameters<F>) => {
      started.push(`${name} ${String(args[0])} ${Array.isArray(args[1]) ? (args[1] as string[]).join(' ') : ''}`.trim());
      return f(...args);
    }) as F;
  return {
    ...actual,
    spawn: record('spawn', actual.spawn),
    spawnSync: record('spawnSync', actual.spawnSync),
    exec: record('exec', actual.exec),
    execSync: record('execSync', actual.execSync),
    execFile: record('execFile', actual.execFile),
    execFileSync: record('execFileSync', actual.execFileSync),
    fork: record('fork', actual.fork),
  };
});

// restage requires node:child_process where it starts git (src/repo/disk.ts), which the mock above does
// not reach: the CommonJS module's functions are recorded too, while the test runs.
const childProcess = createRequire(import.meta.url)('node:child_process') as Record<string, unknown>;
const PROCESS_STARTERS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'];
const originals = new Map(PROCESS_STARTERS.map((name) => [name, childProcess[name]]));
beforeAll(() => {
  for (const name of PROCESS_STARTERS) {
    const original = originals.get(name) as (...a: unknown[]) => unknown;
    childProcess[name] = (...args: unknown[]) => {
      started.push(`${name} ${String(args[0])} ${Array.isArray(args[1]) ? (args[1] as string[]).join(' ') : ''}`.trim());
      return original(...args);
    };
  }
});
afterAll(() => {
  for (const [name, original] of originals) childProcess[name] = original;
});

describe('migrate never runs what it reads', () => {
  it('starts no process but `git ls-files`, and a driver that would leave a mark leaves none', async () => {
    const dir = copyCases({ sh: 'seed-href-counter-e2e', make: 'make-builder-targets', cd: 'scripts-dir-cd-dirname' });
    const driver = path.join(dir, 'sh', 'build.sh');
    fs.writeFileSync(driver, fs.readFileSync(driver, 'utf8').replace('\n', '\ntouch "$(dirname "$0")/EXECUTED"\n'), { mode: 0o755 });
    // A work-tree marker, as in a checkout: the file argument below resolves to this root.
    fs.writeFileSync(path.join(dir, '.git'), 'gitdir: /nonexistent\n');
    for (const args of [
      ['migrate', '.'],
      ['migrate', '--write', '.'],
      ['migrate', '--check', 'sh/build.sh'],
    ])
      await runMain(args, dir);
    expect(started.length).toBeGreaterThan(0);
    expect(started.filter((s) => !/^spawnSync git (--literal-pathspecs )?ls-files -z (--cached$|--others )/.test(s))).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'sh', 'EXECUTED'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'sh', 'Dockerfile'), 'utf8')).toContain('COPY --from=builder');
  });
});
