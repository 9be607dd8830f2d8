// A small synchronous tar reader: ustar, GNU long names ('L'/'K', base-256
// numbers) and pax headers ('x'/'g'), which covers `docker export` (Go's
// archive/tar) and GNU tar. Regular files are hashed, not kept in memory.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';

export type EntryType = 'file' | 'hardlink' | 'symlink' | 'char' | 'block' | 'dir' | 'fifo';

export interface TarEntry {
  /** Normalised: no leading './' or '/', no trailing '/'; the root is '.'. */
  path: string;
  type: EntryType;
  /** Permission bits including setuid/setgid/sticky (mode & 0o7777). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Hex sha256 of the content for regular files, null otherwise. */
  sha256: string | null;
  /** Target of a symlink or hard link (hard link targets normalised like path), '' otherwise. */
  linkname: string;
}

const BLOCK = 512;

const TYPES: Record<string, EntryType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file', // contiguous file: a regular file to every reader but a tape
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'char',
  '4': 'block',
  '5': 'dir',
  '6': 'fifo',
};

export function readTar(file: string): TarEntry[] {
  const fd = fs.openSync(file, 'r');
  try {
    return readEntries(fd, file);
  } finally {
    fs.closeSync(fd);
  }
}

function readEntries(fd: number, file: string): TarEntry[] {
  const entries: TarEntry[] = [];
  const header = Buffer.alloc(BLOCK);
  const globalPax = new Map<string, string>();
  let pax = new Map<string, string>();
  let longName: string | null = null;
  let longLink: string | null = null;
  let pos = 0;

  for (;;) {
    if (fs.readSync(fd, header, 0, BLOCK, pos) < BLOCK) throw new Error(`${file}: truncated tar at ${pos}`);
    pos += BLOCK;
    if (header.every((b) => b === 0)) return entries; // end-of-archive marker

    checkChecksum(header, file, pos - BLOCK);
    const flag = String.fromCharCode(header[156]!);
    let size = num(header, 124, 12);

    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      const data = readData(fd, pos, size);
      pos += padded(size);
      if (flag === 'x') pax = parsePax(data);
      else if (flag === 'g') for (const [k, v] of parsePax(data)) globalPax.set(k, v);
      else if (flag === 'L') longName = cString(data, 0, data.length);
      else longLink = cString(data, 0, data.length);
      continue;
    }

    const type = TYPES[flag];
    if (type === undefined) throw new Error(`${file}: unsupported tar entry type '${flag}' at ${pos - BLOCK}`);
    const attrs = new Map([...globalPax, ...pax]);

    let name = cString(header, 0, 100);
    // The prefix field exists only in POSIX ustar; old GNU headers keep times there.
    if (header.toString('latin1', 257, 263) === 'ustar\0') {
      const prefix = cString(header, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    name = attrs.get('path') ?? longName ?? name;
    const link = attrs.get('linkpath') ?? longLink ?? cString(header, 157, 100);
    if (attrs.has('size')) size = Number(attrs.get('size'));
    const uid = attrs.has('uid') ? Number(attrs.get('uid')) : num(header, 108, 8);
    const gid = attrs.has('gid') ? Number(attrs.get('gid')) : num(header, 116, 8);
    pax = new Map();
    longName = longLink = null;

    // Links, directories and devices carry no data even if size is set.
    const dataSize = type === 'file' ? size : 0;
    const sha256 = type === 'file' ? hashData(fd, pos, size) : null;
    pos += padded(dataSize);

    entries.push({
      path: normalise(name),
      type,
      mode: num(header, 100, 8) & 0o7777,
      uid,
      gid,
      size: dataSize,
      sha256,
      linkname: type === 'hardlink' ? normalise(link) : type === 'symlink' ? link : '',
    });
  }
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

export function normalise(name: string): string {
  const p = name.replace(/^(\.?\/)+/, '').replace(/\/+$/, '');
  return p === '' || p === '.' ? '.' : p;
}

function cString(buf: Buffer, start: number, len: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString('utf8', start, end === -1 || end > start + len ? start + len : end);
}

/** Octal, or GNU base-256 when the high bit of the first byte is set. */
function num(buf: Buffer, start: number, len: number): number {
  if (buf[start]! & 0x80) {
    let v = buf[start]! & 0x7f;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + buf[i]!;
    return v;
  }
  const text = buf.toString('latin1', start, start + len).replace(/[\0 ]+$/, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function checkChecksum(header: Buffer, file: string, at: number): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  if (sum !== num(header, 148, 8)) throw new Error(`${file}: bad tar header checksum at ${at}`);
}

/** Records are "<len> <key>=<value>\n", len counting the whole record in bytes. */
function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < data.length && data[i] !== 0) {
    const space = data.indexOf(0x20, i);
    const len = Number(data.toString('latin1', i, space));
    if (space === -1 || !Number.isInteger(len) || len <= 0) throw new Error('malformed pax header');
    const record = data.toString('utf8', space + 1, i + len - 1);
    const eq = record.indexOf('=');
    out.set(record.slice(0, eq), record.slice(eq + 1));
    i += len;
  }
  return out;
}

function readData(fd: number, pos: number, size: number): Buffer {
  const buf = Buffer.alloc(size);
  if (size > 0 && fs.readSync(fd, buf, 0, size, pos) < size) throw new Error('truncated tar data');
  return buf;
}

function hashData(fd: number, pos: number, size: number): string {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(Math.min(size, 1 << 20) || 1);
  for (let done = 0; done < size; ) {
    const n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, size - done), pos + done);
    if (n === 0) throw new Error('truncated tar data');
    hash.update(chunk.subarray(0, n));
    done += n;
  }
  return hash.digest('hex');
}
