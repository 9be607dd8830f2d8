// verify's measures without an engine: what is read from BuildKit's log and the replay, how the warm
// rebuild renames what it makes, how the measures read (text, markdown), and migrate --verify-report.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { contextBytesFromLog, createdBy, warmReplay, type Measures } from '../src/verify/measure.js';
import { measuresText, verifyMarkdown } from '../src/verify/measures-text.js';
import type { Replay } from '../src/verify/replay.js';
import type { VerifyReport } from '../src/verify/report.js';
import { tempDir } from './support/temp-dir.js';

const LOG = [
  '#2 [internal] load .dockerignore',
  '#2 transferring context: 2B done',
  '#5 [internal] load build context',
  '#5 transferring context: 1.00kB 0.1s',
  '#5 transferring context: 2.05kB done',
  '#9 [internal] load build context',
  '#9 transferring context: 3.5MB done',
].join('\n');

const replay: Replay = {
  actions: [
    {
      kind: 'docker',
      label: 'b',
      args: ['build', '--no-cache', '--progress=plain', '-f', '/r/Dockerfile.build', '-t', 'restage-verify/x-1-builder1:1', '/r'],
      cwd: '/r',
    },
    { kind: 'docker', label: 'c', args: ['create', '--name', 'restage-verify-x-1-x1', 'restage-verify/x-1-builder1:1', '/bin/true'], cwd: '/r' },
    { kind: 'docker', label: 'cp', args: ['cp', 'restage-verify-x-1-x1:app', '/r/app'], cwd: '/r' },
    { kind: 'host', label: 'chmod', argv: ['chmod', '0755', 'app'], cwd: '/r', root: '/r', paths: ['/r/app'], errexit: true },
    {
      kind: 'docker',
      label: 'f',
      args: ['build', '--no-cache', '--progress=plain', '-f', '/r/Dockerfile', '-t', 'restage-verify/x-1-legacy:1', '/r'],
      cwd: '/r',
    },
  ],
  images: ['restage-verify/x-1-legacy:1'],
  notes: [],
};

const side = {
  coldMs: 41_000,
  warmMs: 19_000,
  imagesBuilt: 2,
  intermediateImages: 1,
  containers: 1,
  contextBytes: 2050,
  hostFilesWritten: 1,
  finalImages: [{ size: 1_985_637, layers: 4 }],
};
const measures: Measures = {
  legacy: side,
  migrated: { ...side, coldMs: 28_000, warmMs: 6_000, imagesBuilt: 1, intermediateImages: 0, containers: 0, hostFilesWritten: 0 },
  warmEdit: { path: 'app.go' },
};
const report: VerifyReport = {
  version: 2,
  mode: 'rewritten-driver',
  base: null,
  engine: { server: '20.10.24', id: 'X', dataRoot: '/var/lib/docker', client: '/usr/bin/docker 20.10.24 with DOCKER_BUILDKIT=1', host: null, context: null },
  setups: [
    {
      driver: 'build.sh',
      verdict: 'equivalent',
      proof: { kind: 'rewritten-driver-replayed', text: 'the rewritten driver replayed' },
      compared: { paths: 292, configKeys: 12 },
      differences: [],
      notes: [],
      measures,
    },
  ],
};

describe('measures', () => {
  it('build context: the last size of each "load build context" step, summed; the .dockerignore step is not context', () => {
    expect(contextBytesFromLog(LOG)).toBe(2050 + 3_500_000);
    expect(contextBytesFromLog('')).toBe(0);
  });

  it('what a replay creates: builds (intermediate: not a compared image) and containers', () => {
    expect(createdBy(replay)).toEqual({ imagesBuilt: 2, intermediateImages: 1, containers: 1 });
  });

  it('the warm replay keeps the cache and renames every image and container, cp sources included', () => {
    const names = { imageTag: (r: string) => `restage-verify/x-1-${r}:1`, containerName: (r: string) => `restage-verify-x-1-${r}` };
    const warm = warmReplay(replay, names, 'legacy');
    const args = warm.actions.flatMap((a) => (a.kind === 'docker' ? [a.args.join(' ')] : []));
    expect(args.join('\n')).not.toContain('--no-cache');
    expect(args[1]).toBe('create --name restage-verify-x-1-legacy-warm2 restage-verify/x-1-legacy-warm1:1 /bin/true');
    expect(args[2]).toBe('cp restage-verify-x-1-legacy-warm2:app /r/app');
    expect(warm.images).toEqual(['restage-verify/x-1-legacy-warm3:1']);
    // The cold replay is untouched (its images are the ones compared).
    expect(replay.actions[0]!.kind === 'docker' && replay.actions[0]!.args).toContain('--no-cache');
  });

  it('text: one row per measure, legacy then migrated, and the size sentence', () => {
    const text = measuresText(measures).join('\n');
    expect(text).toMatch(/^cold build +41 s +28 s$/m);
    expect(text).toMatch(/^warm rebuild \(app\.go changed\) +19 s +6\.0 s$/m);
    expect(text).toMatch(/^containers created +1 +0$/m);
    expect(text).toMatch(/^build context sent +2\.05 kB +2\.05 kB$/m);
    expect(text).toMatch(/^final image +1\.99 MB, 4 layers +1\.99 MB, 4 layers$/m);
    expect(text).toContain('final image sizes are equal');
  });

  it('markdown: the pull-request sentence and table', () => {
    const md = verifyMarkdown(report);
    expect(md).toContain(
      'verified equivalent on Docker 20.10.24 (/usr/bin/docker 20.10.24 with DOCKER_BUILDKIT=1): 292 paths, 12 config keys compared; cold build 41 s → 28 s, warm rebuild 19 s → 6.0 s; 1 intermediate image and 1 container no longer created; proved: the rewritten driver replayed.',
    );
    expect(md).toContain('| containers created | 1 | 0 |');
  });

  it('migrate --format markdown --verify-report FILE appends the verify section', async () => {
    const dir = tempDir('restage-measure-');
    fs.cpSync(path.resolve(__dirname, '..', 'testdata', 'create-id-variable', 'before'), dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'verify.json'), JSON.stringify(report));
    let stdout = '';
    let stderr = '';
    const io = { stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s), cwd: dir };
    expect(await main(['node', 'restage', 'migrate', '--format', 'markdown', '--verify-report', 'verify.json', '.'], io)).toBe(0);
    expect(stdout.indexOf('## restage verify')).toBeGreaterThan(0);
    expect(stdout).toContain('| cold build | 41 s | 28 s |');

    stdout = stderr = '';
    expect(await main(['node', 'restage', 'migrate', '--verify-report', 'verify.json', '.'], io)).toBe(2);
    expect(stderr).toBe('restage: --verify-report goes with --format markdown (the pull-request body it adds a section to)\n');
    fs.writeFileSync(path.join(dir, 'old.json'), JSON.stringify({ ...report, version: 1 }));
    stdout = stderr = '';
    expect(await main(['node', 'restage', 'migrate', '--format', 'markdown', '--verify-report', 'old.json', '.'], io)).toBe(2);
    expect(stderr).toMatch(/old\.json: a verify report of version 1; this restage reads version 2/);
    stdout = stderr = '';
    expect(await main(['node', 'restage', 'migrate', '--format', 'markdown', '--verify-report', 'nope.json', '.'], io)).toBe(2);
    expect(stderr).toMatch(/nope\.json: no such file\n$/);
  });
});
