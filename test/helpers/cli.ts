import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/pipeline/io.js';
import { filesUnder } from './files.js';
import { tempDir } from '../support/temp-dir.js';

export const ROOT = path.resolve(__dirname, '..', '..');
export const TESTDATA = path.join(ROOT, 'testdata');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process; `io` overrides the environment and terminal flags (default: none, no TTY). */
export async function runCli(args: string[], cwd: string, io: Partial<Pick<Io, 'env' | 'isTTY'>> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'restage', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, ...io });
  return { code, stdout, stderr };
}

/** A temp copy of testdata/<name>/before. */
export function copyCase(name: string): string {
  const dir = tempDir(`restage-${name}-`);
  fs.cpSync(path.join(TESTDATA, name, 'before'), dir, { recursive: true });
  return dir;
}

/** Every file under dir, path → content (for byte-identity checks). */
export function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

export const CASES = fs
  .readdirSync(TESTDATA)
  .filter((c) => fs.existsSync(path.join(TESTDATA, c, 'before')))
  .sort();
