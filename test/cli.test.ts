import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { EXAMPLES } from '../src/cli/examples.js';
import { main } from '../src/cli/main.js';
import { tempDir } from './support/temp-dir.js';

const ROOT = path.resolve(__dirname, '..');
const SEED = path.join(ROOT, 'testdata', 'seed-href-counter', 'before');

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'restage', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

function copySeed(): string {
  const dir = tempDir('restage-cli-');
  fs.cpSync(SEED, dir, { recursive: true });
  return dir;
}

describe('restage migrate', () => {
  it('prints a unified diff and writes nothing without --write', async () => {
    const dir = copySeed();
    const r = await run(['migrate'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('diff --git a/Dockerfile b/Dockerfile');
    expect(r.stdout).toContain('+COPY --from=builder /go/src/github.com/alexellis/href-counter/app .');
    expect(r.stdout).toContain('+++ /dev/null');
    expect(fs.existsSync(path.join(dir, 'Dockerfile.build'))).toBe(true);
    expect(r.stderr).toMatch(/^build\.sh:4:86: continuation-trailing-space: /m);
    expect(r.stderr).toMatch(/^restage: 1 setup to migrate \(3 files changed\), 0 refused$/m);
  });

  it('--write lists the files it changed (not the diff) and the summary; --write --diff prints the diff', async () => {
    const dir = copySeed();
    const r = await run(['migrate', '--write'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('modified Dockerfile\nmodified build.sh\ndeleted Dockerfile.build\n');
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('restage: 1 setup migrated (3 files changed), 0 refused');
    expect(fs.existsSync(path.join(dir, 'Dockerfile.build'))).toBe(false);

    const withDiff = copySeed();
    const dry = await run(['migrate'], withDiff);
    const r2 = await run(['migrate', '--write', '--diff'], withDiff);
    expect(r2.code).toBe(0);
    expect(r2.stdout).toBe(dry.stdout);
    expect(r2.stdout).toContain('+COPY --from=builder /go/src/github.com/alexellis/href-counter/app .');
    expect(fs.existsSync(path.join(withDiff, 'Dockerfile.build'))).toBe(false);
    expect((await run(['migrate', '--write', '--quiet'], copySeed())).stdout).toBe('');
  });

  it('--check exits 1 while a setup is pending and 0 once migrated', async () => {
    const dir = copySeed();
    expect((await run(['migrate', '--check', '.'], dir)).code).toBe(1);
    expect((await run(['migrate', '--write', '.'], dir)).code).toBe(0);
    expect((await run(['migrate', '--check', '.'], dir)).code).toBe(0);
  });

  it('exits 2 on a usage error or a missing path, without a stack trace', async () => {
    const dir = copySeed();
    const missing = await run(['migrate', 'no-such-dir'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('restage: no-such-dir: no such file or directory\n');
    const badFlag = await run(['migrate', '--frobnicate'], dir);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain("unknown option '--frobnicate'");
    const badFormat = await run(['migrate', '--format', 'xml'], dir);
    expect(badFormat.code).toBe(2);
  });

  it('--format json reports setups, changes and diagnostics with rule ids', async () => {
    const dir = copySeed();
    const r = await run(['migrate', '--format', 'json'], dir);
    const report = JSON.parse(r.stdout) as {
      version: number;
      setups: { driver: string; status: string; changes: { path: string; action: string }[]; diagnostics: { ruleId: string }[] }[];
    };
    expect(report.version).toBe(1);
    expect(report.setups).toHaveLength(1);
    expect(report.setups[0]!.status).toBe('migrate');
    expect(report.setups[0]!.changes.map((c) => `${c.action} ${c.path}`).sort()).toEqual(['delete Dockerfile.build', 'modify Dockerfile', 'modify build.sh']);
    expect(report.setups[0]!.diagnostics.map((d) => d.ruleId)).toEqual(['continuation-trailing-space', 'builder-pattern']);
  });

  it('a refused setup exits 1 and prints file:line:col: rule-id: message', async () => {
    const dir = tempDir('restage-cli-');
    fs.cpSync(path.join(ROOT, 'testdata', 'refuse-host-step-strip', 'before'), dir, { recursive: true });
    const r = await run(['migrate', '--write'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^build\.sh:6:1: host-step-between-extraction-and-build: strip touches the extracted app /m);
    expect(r.stdout).toBe('');
  });

  it('keeps the builder Dockerfile when another file names it, the first such file in path order', async () => {
    const dir = copySeed();
    // None of these name it: a longer word on either side is another name.
    fs.writeFileSync(path.join(dir, 'notes.json'), '["xDockerfile.build", "Dockerfile.build-old", "Dockerfile.builder", "ADockerfile.build"]\n');
    const untouched = await run(['migrate'], dir);
    expect(untouched.stdout).toMatch(/^\+\+\+ \/dev\/null$/m);
    expect(untouched.stderr).not.toContain('builder-dockerfile-kept');

    // A name followed by a dot (a suffix) or standing alone is a reference.
    fs.writeFileSync(path.join(dir, 'z-ci.yml'), 'run: docker build -f Dockerfile.build .\n');
    fs.writeFileSync(path.join(dir, 'b-ci.yml'), 'run: cp Dockerfile.build.bak Dockerfile.build.orig\n');
    const kept = await run(['migrate'], dir);
    expect(kept.stdout).not.toMatch(/^\+\+\+ \/dev\/null$/m);
    expect(kept.stderr).toMatch(/^Dockerfile\.build:1:1: builder-dockerfile-kept: Dockerfile\.build is still referenced by b-ci\.yml;/m);
  });

  it('runs as an installed binary (bin/restage.js over the compiled CLI)', () => {
    const dir = copySeed();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'restage.js'), 'migrate', '--check', dir], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('+FROM golang:1.7.3 AS builder');
  });
});

describe('restage --help', () => {
  it('shows one example line under the program and under each command', async () => {
    for (const args of [['--help'], ['migrate', '--help'], ['verify', '--help'], ['rules', '--help'], ['explain', '--help']]) {
      const r = await run(args, ROOT);
      expect(r.code).toBe(0);
      const examples = r.stdout.split('\n').filter((l) => l.startsWith('  $ restage '));
      expect(examples, args.join(' ')).toHaveLength(1);
      expect(r.stdout).toContain('\nExample:\n');
    }
  });

  it("each example runs: its options and arguments are the command's own", async () => {
    // verify's needs a Docker engine and a migrated history: its options are checked by the verify tests.
    for (const [command, example] of Object.entries(EXAMPLES).filter(([c]) => c !== 'verify')) {
      const r = await run(example.split(' ').slice(1), copySeed());
      expect(r.code, `${command}: ${r.stderr}`).toBeLessThan(2);
    }
  });
});

describe('restage rules / explain', () => {
  it('lists every rule and every rule has a doc page titled with its id', async () => {
    const r = await run(['rules'], ROOT);
    for (const rule of RULES) {
      expect(r.stdout).toContain(rule.id);
      const doc = fs.readFileSync(path.join(ROOT, 'rules', `${rule.id}.md`), 'utf8');
      expect(doc.split('\n')[0]).toBe(`# ${rule.id}`);
    }
  });

  it('every rule is reported by some testdata case (internal-error and io-error have their own tests)', () => {
    const reported = new Set<string>();
    for (const c of fs.readdirSync(path.join(ROOT, 'testdata'))) {
      const file = path.join(ROOT, 'testdata', c, 'expected-diagnostics.json');
      if (fs.existsSync(file)) for (const d of JSON.parse(fs.readFileSync(file, 'utf8')) as { ruleId: string }[]) reported.add(d.ruleId);
    }
    const missing = RULES.map((r) => r.id).filter((id) => !reported.has(id) && id !== 'internal-error' && id !== 'io-error');
    expect(missing).toEqual([]);
  });

  it('explain prints the doc page, and an unknown id exits 2', async () => {
    const r = await run(['explain', 'builder-pattern'], ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('# builder-pattern\n')).toBe(true);
    expect((await run(['explain', 'no-such-rule'], ROOT)).code).toBe(2);
  });
});
