// The fleet recipe: one `migrate --format json` report per repository, then `restage report merge`
// sums them (counts by status, verdict and rule id; the setups that need a person).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { FleetSummary } from '../src/fleet/merge.js';
import { tempDir } from './support/temp-dir.js';

const ROOT = path.resolve(__dirname, '..');
// Made when a test of this file runs: a file whose tests a name filter skips runs no hook to remove it.
let work = '';
beforeAll(() => {
  work = tempDir('restage-fleet-');
});

async function run(args: string[], cwd = work) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'restage', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

describe('restage report merge', () => {
  it('sums one migrate report per repository: by status and rule id, refusals listed', async () => {
    // Three "repositories", as a list file would name them; each gets its own report (a CI shard each).
    const repos = ['create-id-variable', 'make-builder-targets', 'refuse-host-step-strip'];
    for (const name of repos) {
      fs.cpSync(path.join(ROOT, 'testdata', name, 'before'), path.join(work, 'repos', name), { recursive: true });
      const r = await run(['migrate', '--format', 'json', path.join('repos', name)]);
      expect(r.code).toBe(name.startsWith('refuse') ? 1 : 0);
      fs.mkdirSync(path.join(work, 'reports'), { recursive: true });
      fs.writeFileSync(path.join(work, 'reports', `${name}.json`), r.stdout);
    }
    const files = repos.map((n) => `reports/${n}.json`);
    const merged = await run(['report', 'merge', ...files]);
    expect(merged.code).toBe(0);
    const summary = JSON.parse(merged.stdout) as FleetSummary;
    expect(summary.reports).toEqual(files.map((file) => ({ file, kind: 'migrate', setups: 1 })));
    expect(summary.setups).toBe(3);
    expect(summary.byStatus).toEqual({ migrate: 2, refused: 1 });
    expect(summary.byRule).toEqual({ 'host-step-between-extraction-and-build': 1 });
    expect(summary.attention).toEqual([
      {
        file: 'reports/refuse-host-step-strip.json',
        root: 'repos/refuse-host-step-strip',
        driver: 'build.sh',
        outcome: 'refused',
        rules: ['host-step-between-extraction-and-build'],
      },
    ]);
    expect(merged.stderr).toBe('restage report merge: 3 reports, 3 setups: 2 migrate, 1 refused\n');
  });

  it('sums verify reports by verdict', async () => {
    const verify = (verdicts: string[]) => ({
      version: 2,
      mode: 'rewritten-driver',
      base: null,
      engine: null,
      setups: verdicts.map((v, i) => ({
        driver: `s${i}/build.sh`,
        verdict: v,
        compared: null,
        differences: [],
        notes: [],
        ...(v === 'refused' ? { rules: ['generated-dockerfile'] } : {}),
      })),
    });
    fs.writeFileSync(path.join(work, 'v1.json'), JSON.stringify(verify(['equivalent', 'different'])));
    fs.writeFileSync(path.join(work, 'v2.json'), JSON.stringify(verify(['equivalent', 'refused'])));
    const r = await run(['report', 'merge', 'v1.json', 'v2.json']);
    const summary = JSON.parse(r.stdout) as FleetSummary;
    expect(summary.byVerdict).toEqual({ equivalent: 2, different: 1, refused: 1 });
    expect(summary.byRule).toEqual({ 'generated-dockerfile': 1 });
    expect(summary.attention.map((a) => [a.file, a.driver, a.outcome])).toEqual([
      ['v1.json', 's1/build.sh', 'different'],
      ['v2.json', 's1/build.sh', 'refused'],
    ]);
  });

  it('a file that is not a report is one line and exit 2', async () => {
    fs.writeFileSync(path.join(work, 'bad.json'), '{"setups": 3');
    fs.writeFileSync(path.join(work, 'other.json'), '{"setups": []}');
    for (const [file, message] of [
      ['bad.json', /^restage: bad\.json: not JSON \(/],
      ['other.json', /^restage: other\.json: not a restage migrate or verify report\n$/],
      ['missing.json', /^restage: missing\.json: no such file\n$/],
    ] as const) {
      const r = await run(['report', 'merge', file]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
  });
});
