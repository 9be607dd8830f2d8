// Reading files on a second thread while the scan parses and plans on the first. A scan of a large
// repository reads tens of thousands of small files, and on the machines measured each read was four
// system calls of 10-20 µs (open, fstat, read, close): about a fifth of a 100,000-file scan, all on the
// thread that also does the work. The thread reads the files in the order the scan will ask for them
// into shared buffers; the scan decodes and checks those bytes exactly as it does what it reads itself
// (disk.ts), and reads itself any file the thread has not reached, so the thread changes when a file is
// read, never what is read from it.
import { Worker } from 'node:worker_threads';
import { PREFETCH, readAhead, type PrefetchJob, type PrefetchMemory, type PrefetchWire } from './prefetch-thread.js';

/** What the thread found for a file. `bytes` is valid only while the callback given to `take` runs. */
export type PrefetchedRead = { kind: 'bytes'; size: number; bytes: Buffer } | { kind: 'none' } | { kind: 'open-failed' };

export interface Prefetch {
  /**
   * `use` applied to what the thread read of file `i` of the list; undefined when it has not (the scan
   * reads the file itself, and the thread will pass it by). Asked at most once per file.
   */
  take<T>(i: number, use: (read: PrefetchedRead) => T): T | undefined;
  /** Ends the thread (the scan reads no more) and lets go of the shared memory. */
  close(): void;
  /** Settles when the thread has ended: it read the whole list, or was closed. */
  readonly ended: Promise<void>;
}

/** A thread reading `files` (repo-relative) ahead of the scan, or null when none could start. */
export function startPrefetch(root: string, files: readonly string[], wire: PrefetchWire = PREFETCH): Prefetch | null {
  const memory = prefetchMemory(wire, files.length);
  const job: PrefetchJob = { root, list: files.join('\0'), memory, wire };
  let worker: Worker;
  try {
    // A young generation of 1 MB: the thread makes only short strings (a path at a time), and V8's
    // default young generation for a thread was most of the ~15 MB it added to peak RSS while it ran.
    worker = new Worker(`(${readAhead.toString()})(require('node:fs'), require('node:worker_threads').workerData)`, {
      eval: true,
      workerData: job,
      resourceLimits: { maxYoungGenerationSizeMb: 1 },
    });
  } catch {
    return null;
  }
  // The process does not wait for the thread, and an error in it only means the scan reads everything itself.
  worker.unref();
  const ended = new Promise<void>((resolve) => {
    worker.on('error', () => {});
    worker.on('exit', () => resolve());
  });
  // Dropped at close, with the shared buffers: the scan goes on for a while after its last read.
  let ring: PrefetchRing | null = new PrefetchRing(memory, wire, files.length);
  return {
    take: (i, use) => ring?.take(i, use),
    close() {
      ring?.stop();
      ring = null;
    },
    ended,
  };
}

/** The shared memory for `files` files, all allocated here (see PREFETCH). */
export function prefetchMemory(wire: PrefetchWire, files: number): PrefetchMemory {
  const slots = wire.RING * wire.FILES;
  return {
    control: new Int32Array(new SharedArrayBuffer(2 * 4)),
    headers: new Int32Array(new SharedArrayBuffer(wire.RING * wire.HEADER * 4)),
    status: new Uint8Array(new SharedArrayBuffer(slots)),
    sizes: new Int32Array(new SharedArrayBuffer(slots * 4)),
    ends: new Int32Array(new SharedArrayBuffer(slots * 4)),
    data: new Uint8Array(new SharedArrayBuffer(wire.RING * wire.BYTES)),
    taken: new Uint8Array(new SharedArrayBuffer(files)),
  };
}

/** The scan's side of the shared buffers: which files they hold, and giving them back. */
export class PrefetchRing {
  /** Per file: the buffer (counted from the first filled) its bytes are in, or -1. */
  private readonly inBuffer: Int32Array;
  /** Per buffer of the ring: which filled buffer it holds (-1: given back), and its files not yet taken. */
  private readonly holder: Int32Array;
  private readonly live: Int32Array;
  private received = 0;
  private oldest = 0;
  private furthest = 0;

  constructor(
    private readonly memory: PrefetchMemory,
    private readonly wire: PrefetchWire,
    files: number,
  ) {
    this.inBuffer = new Int32Array(files).fill(-1);
    this.holder = new Int32Array(wire.RING).fill(-1);
    this.live = new Int32Array(wire.RING);
  }

  take<T>(i: number, use: (read: PrefetchedRead) => T): T | undefined {
    this.receive();
    const n = this.inBuffer[i]!;
    if (i > this.furthest) this.furthest = i;
    let result: T | undefined;
    if (n < 0) {
      // Not read yet (or dropped): the scan reads it, and the thread will pass it by.
      Atomics.store(this.memory.taken, i, 1);
    } else {
      result = use(this.readOf(i, n));
      this.inBuffer[i] = -1;
      if (--this.live[n % this.wire.RING]! === 0) this.release(n);
    }
    this.dropBehind();
    return result;
  }

  stop(): void {
    Atomics.store(this.memory.control, this.wire.STOP, 1);
    for (let r = 0; r < this.wire.RING; r++) Atomics.notify(this.memory.headers, r * this.wire.HEADER);
  }

  private header(n: number, field: number): number {
    return this.memory.headers[(n % this.wire.RING) * this.wire.HEADER + field]!;
  }

  /** Notes which files the buffers filled since the last call hold. */
  private receive(): void {
    const { control, status, taken } = this.memory;
    const W = this.wire;
    for (const filled = Atomics.load(control, W.FILLED); this.received < filled; this.received++) {
      const n = this.received;
      const ring = n % W.RING;
      let live = 0;
      for (let k = 0, first = this.header(n, 1); k < this.header(n, 2); k++) {
        if (status[ring * W.FILES + k] === W.LEFT || taken[first + k]) continue;
        this.inBuffer[first + k] = n;
        live++;
      }
      this.holder[ring] = n;
      this.live[ring] = live;
      if (live === 0) this.release(n);
    }
  }

  private readOf(i: number, n: number): PrefetchedRead {
    const { status, sizes, ends, data } = this.memory;
    const W = this.wire;
    const ring = n % W.RING;
    const k = i - this.header(n, 1);
    const slot = ring * W.FILES + k;
    const s = status[slot];
    if (s === W.NONE) return { kind: 'none' };
    if (s === W.OPEN_FAILED) return { kind: 'open-failed' };
    const from = k === 0 ? 0 : ends[slot - 1]!;
    return { kind: 'bytes', size: sizes[slot]!, bytes: Buffer.from(data.buffer, ring * W.BYTES + from, ends[slot]! - from) };
  }

  private release(n: number): void {
    const ring = n % this.wire.RING;
    this.holder[ring] = -1;
    for (let i = this.header(n, 1), end = i + this.header(n, 2); i < end; i++) if (this.inBuffer[i] === n) this.inBuffer[i] = -1;
    Atomics.store(this.memory.headers, ring * this.wire.HEADER, this.wire.FREE);
    Atomics.notify(this.memory.headers, ring * this.wire.HEADER);
  }

  /** Buffers all of whose files are far behind the scan are given back, taken or not: it has moved on. */
  private dropBehind(): void {
    for (; this.oldest < this.received; this.oldest++) {
      if (this.holder[this.oldest % this.wire.RING] !== this.oldest) continue;
      if (this.header(this.oldest, 1) + this.header(this.oldest, 2) > this.furthest - this.wire.BEHIND) break;
      this.release(this.oldest);
    }
  }
}
