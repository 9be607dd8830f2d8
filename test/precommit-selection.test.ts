import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { tempDir } from './support/temp-dir.js';

/**
 * A pre-commit hook passes only the changed files: `migrate --check FILE` must report exactly the
 * setups that a run over the whole work tree says hold FILE (in their `files`). Checked for every file
 * of every testdata case: "0 setups" on a file a setup holds tells the hook all is clear.
 */
const TESTDATA = path.resolve(__dirname, '..', 'testdata');

const cases = fs
  .readdirSync(TESTDATA)
  .filter((c) => fs.existsSync(path.join(TESTDATA, c, 'before')))
  .sort();

interface Report {
  setups: { driver: string; status: string; files: string[] }[];
}

async function report(args: string[], cwd: string): Promise<Report> {
  let stdout = '';
  await main(['node', 'restage', 'migrate', '--format', 'json', ...args], { stdout: (s) => (stdout += s), stderr: () => {}, cwd });
  return JSON.parse(stdout) as Report;
}

/** What a hook can be passed: the files git tracks (an ignored file is never staged). */
function trackedFiles(dir: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: dir, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '');
}

const key = (s: { driver: string; status: string }) => `${s.driver}: ${s.status}`;

describe.each(cases)('testdata/%s', (name) => {
  it('a run on each file reports the setups that hold it', async () => {
    const work = tempDir(`restage-select-${name}-`);
    fs.cpSync(path.join(TESTDATA, name, 'before'), work, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: work, stdio: 'pipe' });
    execFileSync('git', ['add', '-A'], { cwd: work, stdio: 'pipe' });
    const whole = await report(['.'], work);
    const got: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};
    for (const file of trackedFiles(work)) {
      expected[file] = whole.setups
        .filter((s) => s.files.includes(file))
        .map(key)
        .sort();
      got[file] = (await report([file], work)).setups.map(key).sort();
    }
    expect(got).toEqual(expected);
  });
});
