// The entries of a tar stream (`docker export`: Go's archive/tar; GNU tar in the tests) as verify
// compares them. tar-stream reads the formats (ustar, GNU long names and base-256 numbers, pax);
// regular files are hashed as they stream, never held in memory or written to disk.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';

type EntryType = 'file' | 'hardlink' | 'symlink' | 'char' | 'block' | 'dir' | 'fifo';

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

const TYPES: Record<Header['type'], EntryType> = {
  file: 'file',
  // A contiguous file is a regular file to every reader but a tape.
  'contiguous-file': 'file',
  link: 'hardlink',
  symlink: 'symlink',
  'character-device': 'char',
  'block-device': 'block',
  directory: 'dir',
  fifo: 'fifo',
};

export async function readTarStream(input: Readable): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  const archive = extract();
  input.on('error', (err) => archive.destroy(err));
  input.pipe(archive);
  for await (const member of archive) {
    const h = member.header;
    const type = TYPES[h.type] as EntryType | undefined;
    if (type === undefined) throw new Error(`unsupported tar entry type '${String(h.type)}' (${h.name})`);
    // tar-stream applies a pax path, linkpath and size itself; owners above the octal fields' range are ours to read.
    const pax = (h.pax ?? {}) as Record<string, string | undefined>;
    const hash = type === 'file' ? createHash('sha256') : null;
    // Links, directories and devices carry no data even if size is set; the stream must be drained all the same.
    for await (const chunk of member) hash?.update(chunk as Buffer);
    entries.push({
      path: normalise(h.name),
      type,
      mode: h.mode & 0o7777,
      uid: pax.uid !== undefined ? Number(pax.uid) : h.uid,
      gid: pax.gid !== undefined ? Number(pax.gid) : h.gid,
      size: type === 'file' ? h.size : 0,
      sha256: hash ? hash.digest('hex') : null,
      linkname: type === 'hardlink' ? normalise(h.linkname ?? '') : type === 'symlink' ? (h.linkname ?? '') : '',
    });
  }
  return entries;
}

export function normalise(name: string): string {
  const p = name.replace(/^(\.?\/)+/, '').replace(/\/+$/, '');
  return p === '' || p === '.' ? '.' : p;
}
