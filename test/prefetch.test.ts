import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOrder } from '../src/pipeline/read-order.js';
import { diskRepoView, scanRepo } from '../src/repo/disk.js';
import { prefetchMemory, PrefetchRing, startPrefetch, type Prefetch, type PrefetchedRead } from '../src/repo/prefetch.js';
import { PREFETCH, readAhead, type PrefetchWire } from '../src/repo/prefetch-thread.js';
import { copyCase, runCli } from './helpers/cli.js';
import { tempDir } from './support/temp-dir.js';

// The thread that reads files ahead of a large scan (src/repo/prefetch.ts) may change when a file is
// read, never what the scan makes of it. Most tests run the thread's loop on this thread, to the end of
// its list, so what it read is known; the last ones start the thread itself.

function tree(files: Record<string, string | Buffer>): string {
  const root = tempDir('restage-prefetch-');
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), body);
  }
  return root;
}

/** The thread's loop run here over `files`, and the ring over what it filled. */
function readHere(root: string, files: readonly string[], wire: PrefetchWire = PREFETCH) {
  const memory = prefetchMemory(wire, files.length);
  const ring = new PrefetchRing(memory, wire, files.length);
  return { memory, ring, run: () => readAhead(fs, { root, list: files.join('\0'), memory, wire }) };
}

/** A Prefetch over a ring that notes which files it served. */
function counting(ring: PrefetchRing, files: readonly string[], served: string[]): Prefetch {
  return {
    take: (i, use) => {
      const r = ring.take(i, use);
      if (r !== undefined) served.push(files[i]!);
      return r;
    },
    close: () => ring.stop(),
    ended: Promise.resolve(),
  };
}

const text = (r: PrefetchedRead | undefined) => (r?.kind === 'bytes' ? `${r.size}:${r.bytes.toString('latin1')}` : r?.kind);

describe('reading ahead', () => {
  it('gives the scan what its own reads give, for every kind of file', () => {
    const root = tree({
      'a.sh': 'docker build -t app .\n',
      'empty.txt': '',
      'nul.json': 'x\0docker',
      'latin.yml': Buffer.from([0x64, 0xff, 0xfe]),
      'cr.sh': 'docker\rbuild',
      'grüße.md': 'grüße, docker\n',
      'big.yml': `docker: ${'x'.repeat(40 * 1024)}\n`,
      'huge.json': `"docker" ${'y'.repeat(1536 * 1024)}`,
      'gone.sh': 'docker rm x\n',
      'relinked.sh': 'old\n',
      'outside.sh': 'old\n',
      'dir-now.sh': 'old\n',
      'fifo-now.sh': 'old\n',
    });
    const repo = scanRepo(root);
    // Changed since the walk: the thread must do with them what the scan's own read does.
    fs.rmSync(path.join(root, 'gone.sh'));
    fs.rmSync(path.join(root, 'relinked.sh'));
    fs.symlinkSync('a.sh', path.join(root, 'relinked.sh'));
    fs.rmSync(path.join(root, 'outside.sh'));
    fs.symlinkSync('/etc/hostname', path.join(root, 'outside.sh'));
    fs.rmSync(path.join(root, 'dir-now.sh'));
    fs.mkdirSync(path.join(root, 'dir-now.sh'));
    fs.rmSync(path.join(root, 'fifo-now.sh'));
    execFileSync('mkfifo', [path.join(root, 'fifo-now.sh')]);

    const files = repo.files;
    const { ring, run } = readHere(root, files);
    run();
    const served: string[] = [];
    const ahead = diskRepoView(repo, { files, prefetch: counting(ring, files, served) });
    const own = diskRepoView(repo);
    for (const f of files) {
      expect([f, ahead.readText(f)]).toEqual([f, own.readText(f)]);
      expect([f, ahead.skipped?.(f)]).toEqual([f, own.skipped?.(f)]);
    }
    expect(own.readText('relinked.sh')).toBe('docker build -t app .\n');
    expect(own.skipped?.('huge.json')?.mentionsDocker).toBe(true);
    // Larger than a buffer: left to the scan; everything else came from the thread.
    expect(served.sort()).toEqual(files.filter((f) => f !== 'big.yml' && f !== 'huge.json').sort());
  });

  it('starts a new buffer for a file that does not fit, and leaves one larger than a buffer', () => {
    const wire = { ...PREFETCH, RING: 8, FILES: 2, BYTES: 8, BEHIND: 4 };
    const files = ['f0', 'f1', 'f2', 'f3', 'f4'];
    const root = tree({ f0: 'abc', f1: 'abcdefg', f2: 'abcdefghi', f3: 'xy', f4: 'z' });
    const { memory, ring, run } = readHere(root, files, wire);
    run();
    const buffers = Array.from({ length: Atomics.load(memory.control, wire.FILLED) }, (_, b) => [...memory.headers.subarray(b * 3, b * 3 + 3)]);
    // [state, first file, files]: f1 (7 bytes) did not fit after f0 (3 of 8); f2 (9) fits in none.
    expect(buffers).toEqual([
      [wire.FULL, 0, 1],
      [wire.FULL, 1, 2],
      [wire.FULL, 3, 2],
    ]);
    expect(files.map((_, i) => text(ring.take(i, (r) => r)))).toEqual(['3:abc', '7:abcdefg', undefined, '2:xy', '1:z']);
    // Every file taken or left: every buffer given back.
    expect([0, 1, 2].map((b) => memory.headers[b * 3])).toEqual([wire.FREE, wire.FREE, wire.FREE]);
  });

  it('gives back a buffer when its files are taken, or once the scan is far past them', () => {
    const wire = { ...PREFETCH, RING: 8, FILES: 2, BYTES: 64, BEHIND: 4 };
    const files = Array.from({ length: 10 }, (_, i) => `f${i}`);
    const root = tree(Object.fromEntries(files.map((f) => [f, `<${f}>`])));
    const { memory, ring, run } = readHere(root, files, wire);
    run();
    const state = () => [0, 1, 2, 3, 4].map((b) => (memory.headers[b * 3] === wire.FULL ? 'full' : 'free'));
    const take = (i: number) => text(ring.take(i, (r) => r));
    expect(take(0)).toBe('4:<f0>');
    expect(state()).toEqual(['full', 'full', 'full', 'full', 'full']);
    expect(take(1)).toBe('4:<f1>');
    expect(state()).toEqual(['free', 'full', 'full', 'full', 'full']);
    // The scan at f8: a buffer whose files all lie more than 4 behind it (f2-f3) is dropped; f4-f5 not yet.
    expect(take(8)).toBe('4:<f8>');
    expect(state()).toEqual(['free', 'free', 'full', 'full', 'full']);
    expect(take(2)).toBeUndefined();
    expect(memory.taken[2]).toBe(1);
    expect(take(9)).toBe('4:<f9>');
    expect(state()).toEqual(['free', 'free', 'full', 'full', 'free']);
    expect(take(6)).toBe('4:<f6>');
    expect(take(7)).toBe('4:<f7>');
    expect(state()).toEqual(['free', 'free', 'full', 'free', 'free']);
    expect(take(4)).toBe('4:<f4>');
    expect(take(5)).toBe('4:<f5>');
    expect(state()).toEqual(['free', 'free', 'free', 'free', 'free']);
  });

  it('gives back at once a buffer with nothing for the scan: files left, or read by the scan meanwhile', () => {
    const wire = { ...PREFETCH, RING: 8, FILES: 2, BYTES: 4 };
    const files = ['big0', 'big1', 'a', 'b', 'c', 'd'];
    const root = tree({ big0: 'xxxxx', big1: 'yyyyy', a: '1', b: '2', c: '3', d: '4' });
    const { memory, ring, run } = readHere(root, files, wire);
    run();
    // The scan read `b` itself while its buffer was on the way: the thread's copy counts for nothing.
    memory.taken[3] = 1;
    expect(ring.take(2, (r) => text(r))).toBe('1:1');
    // [big0, big1]: both larger than a buffer; [a, b]: `a` taken, `b` the scan's own.
    expect([0, 1, 2].map((b) => memory.headers[b * 3])).toEqual([wire.FREE, wire.FREE, wire.FULL]);
  });

  it('passes by a file the scan read itself', () => {
    const files = ['a', 'b', 'c'];
    const root = tree({ a: '1', b: '2', c: '3' });
    const { memory, ring, run } = readHere(root, files);
    // Asked before the thread got there: the scan reads it, and the thread never opens it.
    expect(ring.take(1, (r) => r)).toBeUndefined();
    fs.rmSync(path.join(root, 'b'));
    run();
    expect([...memory.status.subarray(0, 3)]).toEqual([PREFETCH.BYTES_READ, PREFETCH.LEFT, PREFETCH.BYTES_READ]);
    expect([text(ring.take(0, (r) => r)), text(ring.take(2, (r) => r))]).toEqual(['1:1', '1:3']);
    expect(memory.headers[0]).toBe(PREFETCH.FREE);
  });

  it('runs on its own thread, and its reads are what the scan gets', async () => {
    const files = Array.from({ length: 300 }, (_, i) => `d${i % 7}/f${i}.sh`);
    const root = tree(Object.fromEntries(files.map((f) => [f, `docker build -t ${f} .\n`])));
    const repo = scanRepo(root);
    const prefetch = startPrefetch(root, repo.files);
    expect(prefetch).not.toBeNull();
    await prefetch!.ended;
    // Gone from disk: only the thread's reads can give the text now.
    fs.rmSync(path.join(root, 'd3'), { recursive: true });
    const view = diskRepoView(repo, { files: repo.files, prefetch: prefetch! });
    for (const f of repo.files) expect(view.readText(f)).toBe(`docker build -t ${f} .\n`);
    prefetch!.close();
    expect(view.readText('d3/f3.sh')).toBe('docker build -t d3/f3.sh .\n');
  });

  it('ends the thread when the scan closes it, even while it waits for a buffer', async () => {
    const files = ['a', 'b', 'c', 'd'];
    const root = tree({ a: '1', b: '2', c: '3', d: '4' });
    // One buffer of one file: after `a` the thread waits for the scan, which never takes it.
    const prefetch = startPrefetch(root, files, { ...PREFETCH, RING: 1, FILES: 1 })!;
    let ended = false;
    void prefetch.ended.then(() => (ended = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(ended).toBe(false);
    prefetch.close();
    await prefetch.ended;
    expect(prefetch.take(0, (r) => r)).toBeUndefined();
  });
});

describe('readOrder', () => {
  it('lists drivers, then Dockerfiles, then files searched for references, then documents, each in walk order', () => {
    const root = tree(
      Object.fromEntries(
        ['b/build.sh', 'a/Makefile', 'a/run', 'a/Dockerfile', 'b/Dockerfile.build', 'ci.yml', 'a/x.json', 'README.md', 'a/main.go', 'a/notes.txt'].map((f) => [
          f,
          'x\n',
        ]),
      ),
    );
    expect(readOrder(scanRepo(root))).toEqual(['a/Makefile', 'a/run', 'b/build.sh', 'a/Dockerfile', 'b/Dockerfile.build', 'a/x.json', 'ci.yml', 'README.md']);
  });
});

describe('a scan large enough to read ahead', () => {
  it('plans the same setup as without the thread', async () => {
    const small = copyCase('seed-href-counter-e2e');
    const large = copyCase('seed-href-counter-e2e');
    // 2,100 more files the scan reads (shell scripts that never run docker): past PREFETCH_MIN_FILES.
    for (let i = 0; i < 2100; i++) {
      fs.mkdirSync(path.join(large, 'lib', `m${i % 40}`), { recursive: true });
      fs.writeFileSync(path.join(large, 'lib', `m${i % 40}`, `s${i}.sh`), `echo ${i}\n`);
    }
    expect(readOrder(scanRepo(large)).length).toBeGreaterThan(2000);
    const a = await runCli(['migrate', '--check', '.'], small);
    const b = await runCli(['migrate', '--check', '.'], large);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stderr).toBe(a.stderr);
    expect(a.stdout).toContain('COPY --from=builder');
  });
});
