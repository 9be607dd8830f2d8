// The Docker suites' gate and lock; running docker itself is src/verify/engine.ts, shared with
// `restage verify`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dockerAvailable } from '../../../src/verify/engine.js';

export { docker, dockerAvailable, run, runOk, tail } from '../../../src/verify/engine.js';

export const NO_ENGINE_MESSAGE = 'no Docker engine: run scripts/docker/start-engine.sh';

/**
 * 'run' when an engine answers; otherwise 'fail' in CI or when
 * RESTAGE_E2E_REQUIRED=1 (a missing engine must not pass as skipped), else 'skip'.
 */
export function dockerGate(): 'run' | 'skip' | 'fail' {
  if (dockerAvailable()) return 'run';
  return process.env.RESTAGE_E2E_REQUIRED === '1' || process.env.CI ? 'fail' : 'skip';
}

/**
 * Serialises the Docker suites across vitest workers: one suite prunes the
 * build cache between builds, and two build pairs at once would share it.
 * Returns the release function. A lock left by a dead process is taken over.
 */
export async function lockDocker(timeoutMs = 30 * 60_000): Promise<() => void> {
  const dir = path.join(os.tmpdir(), 'restage-e2e-docker.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'pid'), `${process.pid} ${startTime(process.pid)}`);
      return () => fs.rmSync(dir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (!lockHolderAlive(dir)) {
      fs.rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${dir}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * When a process started (clock ticks since boot, /proc/PID/stat's 22nd field), '' where /proc is not:
 * a lock left by a run killed with its machine's processes must not pass for a live one when a new
 * run's process got the same pid.
 */
function startTime(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

function lockHolderAlive(dir: string): boolean {
  let held: string[];
  try {
    held = fs.readFileSync(path.join(dir, 'pid'), 'utf8').split(' ');
  } catch {
    // Either just created by a process about to write its pid, or left by one
    // that died in between.
    const st = fs.statSync(dir, { throwIfNoEntry: false });
    return st !== undefined && Date.now() - st.mtimeMs < 10_000;
  }
  const pid = Number(held[0]);
  const started = held[1] ?? '';
  try {
    process.kill(pid, 0);
    return started === '' || startTime(pid) === started;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
