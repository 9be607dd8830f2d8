import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { copyCases, runMain, treeSnapshot } from './support/repo.js';
import { tempDir } from './support/temp-dir.js';

/** A repository (seed-href-counter-e2e's before/) beside a directory outside it that holds `files`. */
function repoBesideOutside(files: Record<string, string>): { repo: string; outside: string } {
  const repo = copyCases({ '': 'seed-href-counter-e2e' });
  const outside = tempDir('restage-outside-');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(outside, rel)), { recursive: true });
    fs.writeFileSync(path.join(outside, rel), text);
  }
  return { repo, outside };
}

/** Every file whose content restage opens, as a real path: none may lie in an `outside` directory. */
let opened: string[] = [];
beforeEach(() => {
  opened = [];
  const realOpen = fs.openSync;
  const realRead = fs.readFileSync;
  const note = (p: unknown) => {
    if (typeof p === 'string') opened.push(fs.existsSync(p) ? fs.realpathSync(p) : p);
  };
  vi.spyOn(fs, 'openSync').mockImplementation(
    ((p: fs.PathLike, ...rest: unknown[]) => (note(p), (realOpen as (...a: unknown[]) => number)(p, ...rest))) as typeof fs.openSync,
  );
  vi.spyOn(fs, 'readFileSync').mockImplementation(
    ((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => (note(p), (realRead as (...a: unknown[]) => unknown)(p, ...rest))) as typeof fs.readFileSync,
  );
});
afterEach(() => vi.restoreAllMocks());
/** runMain, with only its own reads recorded. */
async function runWatched(args: string[], cwd: string) {
  opened = [];
  return runMain(args, cwd);
}
const readOutside = (outside: string) => opened.filter((p) => p.startsWith(fs.realpathSync(outside)));

describe('symbolic links out of the repository', () => {
  it('a builder Dockerfile linked outside is neither read nor written: path-outside-repo, refused', async () => {
    const { repo, outside } = repoBesideOutside({
      'Dockerfile.build': fs.readFileSync(path.join(copyCases({ '': 'seed-href-counter-e2e' }), 'Dockerfile.build'), 'utf8'),
    });
    fs.rmSync(path.join(repo, 'Dockerfile.build'));
    fs.symlinkSync(path.join(outside, 'Dockerfile.build'), path.join(repo, 'Dockerfile.build'));
    const [repoBefore, outsideBefore] = [treeSnapshot(repo), treeSnapshot(outside)];
    const r = await runWatched(['migrate', '--write', '--format', 'json', '.'], repo);
    expect(readOutside(outside)).toEqual([]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { setups: { status: string; diagnostics: { ruleId: string; file: string; message: string }[] }[] };
    expect(report.setups.map((s) => s.status)).toEqual(['refused']);
    expect(report.setups[0]!.diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: 'path-outside-repo',
        file: 'Dockerfile.build',
        message: expect.stringContaining(`a symbolic link to ${fs.realpathSync(outside)}`),
      }),
    );
    expect(treeSnapshot(repo)).toEqual(repoBefore);
    expect(treeSnapshot(outside)).toEqual(outsideBefore);
  });

  it('a runtime Dockerfile linked outside is not rewritten through the link', async () => {
    const { repo, outside } = repoBesideOutside({ Dockerfile: 'FROM alpine:latest\nCOPY app .\n' });
    fs.rmSync(path.join(repo, 'Dockerfile'));
    fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(repo, 'Dockerfile'));
    const [repoBefore, outsideBefore] = [treeSnapshot(repo), treeSnapshot(outside)];
    const r = await runWatched(['migrate', '--write', '.'], repo);
    expect(readOutside(outside)).toEqual([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Dockerfile:1:1: path-outside-repo: Dockerfile \(a symbolic link to .*\) is outside the repository/m);
    expect(treeSnapshot(repo)).toEqual(repoBefore);
    expect(treeSnapshot(outside)).toEqual(outsideBefore);
  });

  it('a directory linked outside is not walked: its driver is no setup and nothing there is touched', async () => {
    const seed = copyCases({ '': 'seed-href-counter-e2e' });
    const repo = tempDir('restage-linkdir-');
    fs.symlinkSync(seed, path.join(repo, 'app'));
    const outsideBefore = treeSnapshot(seed);
    const r = await runWatched(['migrate', '--write', '.'], repo);
    expect(readOutside(seed)).toEqual([]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toBe('restage: 0 setups migrated (0 files changed), 0 refused\n');
    expect(treeSnapshot(seed)).toEqual(outsideBefore);
    expect(fs.readlinkSync(path.join(repo, 'app'))).toBe(seed);
  });

  it('a file argument that is a link out of the repository is not read, not even its first bytes', async () => {
    const { repo, outside } = repoBesideOutside({ build: '#!/bin/sh\ndocker cp x:/a ./a\n' });
    fs.mkdirSync(path.join(repo, '.git'));
    fs.symlinkSync(path.join(outside, 'build'), path.join(repo, 'build'));
    const r = await runWatched(['migrate', 'build'], repo);
    expect(readOutside(outside)).toEqual([]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'restage: 0 setups to migrate (0 files changed), 0 refused\n' });
  });

  it('a Dockerfile linked to another file inside the repository is read, but --write does not replace the link', async () => {
    const repo = copyCases({ '': 'seed-href-counter-e2e' });
    fs.mkdirSync(path.join(repo, 'docker'));
    fs.renameSync(path.join(repo, 'Dockerfile'), path.join(repo, 'docker', 'Dockerfile.real'));
    fs.symlinkSync('docker/Dockerfile.real', path.join(repo, 'Dockerfile'));
    const before = treeSnapshot(repo);
    const preview = await runMain(['migrate', '.'], repo);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('+COPY --from=builder');
    const r = await runMain(['migrate', '--write', '.'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^build\.sh:1:1: io-error: could not write the migration, nothing of this setup was changed: Dockerfile is a symbolic link; restage does not write through links$/m,
    );
    expect(treeSnapshot(repo)).toEqual(before);
  });
});
