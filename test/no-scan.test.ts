import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { writeDirect } from '../src/cli/direct-io.js';
import { noScanMain } from '../src/cli/no-scan.js';
import type { Io } from '../src/pipeline/io.js';
import { copyCase, ROOT } from './helpers/cli.js';
import { tempDir } from './support/temp-dir.js';

// The launcher answers a pre-commit run on files no setup holds with src/cli/no-scan.ts (a CommonJS
// bundle, before the ES module loader starts) and hands every other run to the full CLI. Each row:
// the no-scan answer is exactly the full CLI's (code, stdout, stderr), or it declines (null).

interface Answer {
  code: number;
  stdout: string;
  stderr: string;
}

function ioFor(cwd: string, out: Answer, extra: Partial<Io>): Io {
  return { stdout: (s) => (out.stdout += s), stderr: (s) => (out.stderr += s), cwd, ...extra };
}

async function both(args: string[], cwd: string, extra: Partial<Io> = {}): Promise<{ noScan: Answer | null; full: Answer }> {
  const quick: Answer = { code: -1, stdout: '', stderr: '' };
  const code = noScanMain(['node', 'restage', ...args], ioFor(cwd, quick, extra));
  const full: Answer = { code: -1, stdout: '', stderr: '' };
  full.code = await main(['node', 'restage', ...args], ioFor(cwd, full, extra));
  if (code === null) {
    // Declining must leave no trace: the full CLI starts over and prints everything itself.
    expect(quick).toEqual({ code: -1, stdout: '', stderr: '' });
    return { noScan: null, full };
  }
  return { noScan: { ...quick, code }, full };
}

/** The seed setup beside unrelated files, in a second repository too, each a git work tree. */
function repos(): { one: string; two: string } {
  const one = copyCase('seed-href-counter-e2e');
  fs.writeFileSync(path.join(one, 'README.md'), '# docs\n');
  fs.writeFileSync(path.join(one, 'NOTES'), 'plain text, no shebang\n');
  fs.writeFileSync(path.join(one, 'release'), '#!/bin/sh\ndocker build -t x .\n');
  const two = tempDir('restage-no-scan-two-');
  fs.writeFileSync(path.join(two, 'main.go'), 'package main\n');
  for (const d of [one, two]) spawnSync('git', ['init', '-q'], { cwd: d });
  return { one, two };
}

describe('the no-scan answer (bin/restage.js tries it first)', () => {
  it.each([
    [['migrate', '--check', 'README.md']],
    [['migrate', 'README.md']],
    [['migrate', '--write', 'README.md']],
    [['migrate', '--check', '--write', 'README.md', 'NOTES']],
    [['migrate', '--check', 'README.md', 'TWO/main.go']],
  ])('%j: answered, exactly as the full CLI answers', async (args) => {
    const { one, two } = repos();
    const r = await both(
      args.map((a) => a.replace('TWO', two)),
      one,
    );
    expect(r.noScan).not.toBeNull();
    expect(r.noScan).toEqual(r.full);
    expect(r.full.stderr).toMatch(/^restage: 0 setups (to migrate|migrated) /m);
  });

  it('does not ask whether a stream is a terminal to print the summary alone (asking creates the stream)', async () => {
    const { one } = repos();
    const asked: string[] = [];
    const isTTY = {
      get stdout() {
        asked.push('stdout');
        return false;
      },
      get stderr() {
        asked.push('stderr');
        return false;
      },
    };
    for (const args of [
      ['migrate', '--check', 'README.md'],
      ['migrate', '--write', 'README.md'],
    ]) {
      const r = await both(args, one, { isTTY });
      expect(r.noScan).toEqual(r.full);
    }
    expect(asked).toEqual([]);
    // A run that prints a setup asks, to colour it.
    await both(['migrate', '--check', 'build.sh'], one, { isTTY });
    expect(asked).toEqual(['stdout', 'stderr']);
  });

  it('answers in colour when the full CLI would, and without it under NO_COLOR', async () => {
    const { one } = repos();
    // A refusal-free empty summary has no colour codes either way; the rows compare the whole output.
    for (const extra of [{ isTTY: { stdout: true, stderr: true } }, { isTTY: { stdout: true, stderr: true }, env: { NO_COLOR: '1' } }]) {
      const r = await both(['migrate', '--check', 'README.md'], one, extra);
      expect(r.noScan).toEqual(r.full);
    }
  });

  it.each([
    ['a Dockerfile', ['migrate', '--check', 'Dockerfile']],
    ['a driver by name', ['migrate', '--check', 'build.sh']],
    ['a driver by its shebang', ['migrate', '--check', 'release']],
    ['one unrelated file and one driver', ['migrate', '--check', 'README.md', 'build.sh']],
    ['an unrelated file, and a Dockerfile in another repository', ['migrate', '--check', 'README.md', 'TWO/Dockerfile']],
    ['a directory', ['migrate', '--check', '.']],
    ['no path (the working directory)', ['migrate', '--check']],
    ['another format', ['migrate', '--check', '--format', 'json', 'README.md']],
    ['another command', ['rules']],
    ['a missing file', ['migrate', '--check', 'missing.md']],
  ])('%s: declined, left to the full CLI', async (_, args) => {
    const { one, two } = repos();
    fs.writeFileSync(path.join(two, 'Dockerfile'), 'FROM scratch\n');
    const r = await both(
      args.map((a) => a.replace('TWO', two)),
      one,
    );
    expect(r.noScan).toBeNull();
    expect(r.full.stderr).not.toContain('internal-error');
  });

  it('declines a run whose configuration is bad: the full CLI reports it', async () => {
    const { one } = repos();
    fs.writeFileSync(path.join(one, 'restage.config.json'), '{ "builderStage": 7 }\n');
    const r = await both(['migrate', '--check', 'README.md'], one);
    expect(r.noScan).toBeNull();
    expect(r.full.code).toBe(2);
    expect(r.full.stderr).toContain('restage.config.json');
  });

  it('a configured root is answered with its configuration read (--verbose is not plain: declined)', async () => {
    const { one } = repos();
    fs.writeFileSync(path.join(one, 'restage.config.json'), '{ "stages": { "builder": "compile" } }\n');
    const r = await both(['migrate', '--check', 'README.md'], one);
    expect(r.noScan).toEqual(r.full);
    expect((await both(['migrate', '--verbose', 'README.md'], one)).noScan).toBeNull();
  });
});

describe('the no-scan answer writes to the descriptors themselves', () => {
  it('writes every byte to the descriptor, and what is left to the stream when the descriptor fails', () => {
    const file = path.join(tempDir('restage-direct-'), 'out');
    const fd = fs.openSync(file, 'w');
    const streamed: Uint8Array[] = [];
    const stream = () => ({ write: (b: Uint8Array) => streamed.push(b) });
    writeDirect(fd, 'restage: ☃ 0 setups\n', stream);
    fs.closeSync(fd);
    expect(fs.readFileSync(file, 'utf8')).toBe('restage: ☃ 0 setups\n');
    expect(streamed).toEqual([]);
    // A closed descriptor: the stream gets the line.
    writeDirect(fd, 'restage: 0 setups\n', stream);
    expect(Buffer.concat(streamed).toString()).toBe('restage: 0 setups\n');
  });
});

describe('the launcher', () => {
  /** An installed copy of the package whose ES module bundle fails as soon as it loads. */
  function installedWithoutMain(): string {
    const pkg = tempDir('restage-launcher-');
    fs.cpSync(path.join(ROOT, 'bin'), path.join(pkg, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(pkg, 'dist', 'bundle'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'dist', 'bundle', 'no-scan.cjs'), path.join(pkg, 'dist', 'bundle', 'no-scan.cjs'));
    fs.writeFileSync(path.join(pkg, 'dist', 'bundle', 'main.js'), "throw new Error('the ES module bundle loaded');\n");
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
    return pkg;
  }

  it('answers a run on files no setup holds from the no-scan bundle, and hands anything else to the full CLI', () => {
    const pkg = installedWithoutMain();
    const { one } = repos();
    const bin = path.join(pkg, 'bin', 'restage.js');
    const quiet = spawnSync(process.execPath, [bin, 'migrate', '--check', 'README.md'], { cwd: one, encoding: 'utf8' });
    expect(quiet.stderr).toBe('restage: 0 setups to migrate (0 files changed), 0 refused\n');
    expect(quiet.status).toBe(0);
    // Through pipes, as a pre-commit hook runs it: neither process.stdout nor process.stderr was made,
    // so Node's net and stream modules never loaded.
    const hook = path.join(tempDir('restage-launcher-hook-'), 'modules.cjs');
    fs.writeFileSync(hook, "process.on('exit', () => require('fs').writeFileSync(2, '\\nMODULES ' + process.moduleLoadList.join(',')));\n");
    const traced = spawnSync(process.execPath, ['-r', hook, bin, 'migrate', '--check', 'README.md'], { cwd: one, encoding: 'utf8' });
    expect(traced.stderr).toMatch(/^restage: 0 setups to migrate/);
    const modules = traced.stderr.split('\nMODULES ')[1]!.split(',');
    expect(modules).toContain('NativeModule fs');
    expect(modules.filter((m) => /^NativeModule (net|stream|tty|internal\/streams\/(readable|writable))$/.test(m))).toEqual([]);
    const full = spawnSync(process.execPath, [bin, 'migrate', '--check', 'build.sh'], { cwd: one, encoding: 'utf8' });
    expect(full.stderr).toBe('restage: internal-error: the ES module bundle loaded\n');
    expect(full.status).toBe(2);
  });
});
