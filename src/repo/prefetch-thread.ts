// What the thread that reads files ahead of the scan runs (prefetch.ts starts it). It runs from its
// source text (`eval` in a Worker), so it imports nothing: `fs` and the job (paths, shared memory, and
// the layout it shares with prefetch.ts) are passed in.

/**
 * The shared memory: RING buffers, each holding up to FILES files' bytes in BYTES bytes, filled by the
 * thread in turn and given back by the scan. All of it is allocated once by the scan's thread: memory
 * the reading thread allocated itself stayed in its allocator's arena after it ended (~15 MB of peak
 * RSS on a 100,000-file scan, when each batch was a message of its own).
 */
export const PREFETCH = {
  RING: 64,
  FILES: 1024,
  BYTES: 32 * 1024,
  /** Per buffer, in `headers`: FREE or FULL, the index of its first file, how many files it holds. */
  HEADER: 3,
  FREE: 0,
  FULL: 1,
  /** In `control`: how many buffers the thread has filled; STOP, set when the scan wants no more. */
  FILLED: 0,
  STOP: 1,
  /** Buffers all of whose files are this far behind the furthest the scan asked for are given back. */
  BEHIND: 4096,
  /** Per file, in `status`: */
  BYTES_READ: 0,
  /** Opened, but not a regular file, or fstat/read failed: the scan would read nothing either. */
  NONE: 1,
  /** The open failed (gone, or replaced by a link): the scan takes its careful way. */
  OPEN_FAILED: 2,
  /** Not read here: the scan got there first, or the file is larger than a buffer. */
  LEFT: 3,
} as const;

export interface PrefetchMemory {
  control: Int32Array;
  headers: Int32Array;
  /** Per file slot of each buffer: status, fstat's size, where its bytes end in the buffer's data. */
  status: Uint8Array;
  sizes: Int32Array;
  ends: Int32Array;
  data: Uint8Array;
  /** One byte per file of the list, set by the scan when it read the file itself. */
  taken: Uint8Array;
}

export interface PrefetchJob {
  root: string;
  /** The files in the order the scan will ask for them, joined by NUL (one string is copied at once). */
  list: string;
  memory: PrefetchMemory;
  wire: PrefetchWire;
}

export type PrefetchWire = { readonly [K in keyof typeof PREFETCH]: number };

/** Reads the job's files into the shared buffers, in order, until the list ends or the scan stops it. */
export function readAhead(fs: typeof import('node:fs'), job: PrefetchJob): void {
  const { root, list, memory, wire } = job;
  const { control, headers, status, sizes, ends, data, taken } = memory;
  // As the scan opens a walked file (disk.ts readWalked): a link put there since the walk is refused.
  const flags = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK;
  const stopped = () => Atomics.load(control, wire.STOP) !== 0;
  let filled = 0;
  let buffer = 0;
  let start = 0;
  let count = 0;
  let used = 0;
  let holding = false;
  /** A buffer to record file `first` in: the next one, once the scan has given it back; false when the scan stopped the thread. */
  const claim = (first: number): boolean => {
    if (holding) return true;
    buffer = filled % wire.RING;
    while (Atomics.load(headers, buffer * wire.HEADER) !== wire.FREE) {
      if (stopped()) return false;
      Atomics.wait(headers, buffer * wire.HEADER, wire.FULL, 100);
    }
    holding = true;
    start = first;
    count = 0;
    used = 0;
    return true;
  };
  const publish = () => {
    headers[buffer * wire.HEADER + 1] = start;
    headers[buffer * wire.HEADER + 2] = count;
    Atomics.store(headers, buffer * wire.HEADER, wire.FULL);
    Atomics.store(control, wire.FILLED, ++filled);
    holding = false;
  };
  /** Records file i; false when the scan stopped the thread. */
  const record = (i: number, s: number, size: number, bytes: number): boolean => {
    if (!claim(i)) return false;
    const slot = buffer * wire.FILES + count++;
    status[slot] = s;
    sizes[slot] = size;
    used += bytes;
    ends[slot] = used;
    // A buffer full of bytes is published by the next file that does not fit (readFile).
    if (count === wire.FILES) publish();
    return true;
  };
  const readFile = (rel: string, i: number): boolean => {
    let fd: number;
    try {
      fd = fs.openSync(`${root}/${rel}`, flags);
    } catch {
      return record(i, wire.OPEN_FAILED, 0, 0);
    }
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile()) return record(i, wire.NONE, 0, 0);
      if (st.size > wire.BYTES) return record(i, wire.LEFT, 0, 0);
      // A file that does not fit in what is left of this buffer starts the next one.
      if (holding && st.size > wire.BYTES - used) publish();
      if (!claim(i)) return false;
      const at = buffer * wire.BYTES + used;
      let n = 0;
      for (let got = -1; n < st.size && got !== 0; n += got) got = fs.readSync(fd, data, at + n, st.size - n, null);
      return record(i, wire.BYTES_READ, st.size, n);
    } catch {
      return record(i, wire.NONE, 0, 0);
    } finally {
      fs.closeSync(fd);
    }
  };
  let from = 0;
  for (let i = 0; from < list.length; i++) {
    const to = list.indexOf('\0', from);
    const rel = list.slice(from, to < 0 ? list.length : to);
    from = to < 0 ? list.length : to + 1;
    if (!(Atomics.load(taken, i) ? record(i, wire.LEFT, 0, 0) : readFile(rel, i))) return;
  }
  if (holding) publish();
}
