// Differences between two image snapshots, a (reference, e.g. legacy) and b.
import { isDeepStrictEqual } from 'node:util';
import { CONFIG_KEYS, type ConfigKey, type FileInfo, type ImageSnapshot, type JsonValue } from './image-snapshot.js';

export type FileDiffKind = 'missing' | 'extra' | 'type' | 'linkname' | 'mode' | 'owner' | 'size' | 'content';

/** a/b are rendered values: 'absent', '0:0', '0755', a sha256, … */
interface FileDifference {
  path: string;
  kind: FileDiffKind;
  a: string;
  b: string;
}

interface ConfigDifference {
  config: ConfigKey;
  kind: 'config';
  a: JsonValue;
  b: JsonValue;
}

export type Difference = FileDifference | ConfigDifference;

/** Files sorted by path, then config keys in CONFIG_KEYS order; [] means equivalent. */
export function diffSnapshots(a: ImageSnapshot, b: ImageSnapshot): Difference[] {
  const out: Difference[] = [];
  const paths = [...new Set([...a.files.keys(), ...b.files.keys()])].sort();
  for (const p of paths) out.push(...diffFile(p, a.files.get(p), b.files.get(p)));
  for (const key of CONFIG_KEYS) {
    if (!isDeepStrictEqual(a.config[key], b.config[key])) {
      out.push({ config: key, kind: 'config', a: a.config[key], b: b.config[key] });
    }
  }
  return out;
}

function diffFile(path: string, a: FileInfo | undefined, b: FileInfo | undefined): FileDifference[] {
  if (!a || !b) {
    return [{ path, kind: a ? 'missing' : 'extra', a: a ? describe(a) : 'absent', b: b ? describe(b) : 'absent' }];
  }
  // With different types the other fields compare unlike things.
  if (a.type !== b.type) return [{ path, kind: 'type', a: a.type, b: b.type }];
  const out: FileDifference[] = [];
  const add = (kind: FileDiffKind, va: string, vb: string): void => {
    if (va !== vb) out.push({ path, kind, a: va, b: vb });
  };
  add('linkname', a.linkname, b.linkname);
  add('mode', octal(a.mode), octal(b.mode));
  add('owner', `${a.uid}:${a.gid}`, `${b.uid}:${b.gid}`);
  add('size', String(a.size), String(b.size));
  // A size difference already implies different content.
  if (a.size === b.size) add('content', a.sha256 ?? '', b.sha256 ?? '');
  return out;
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

function describe(f: FileInfo): string {
  const link = f.linkname ? ` -> ${f.linkname}` : '';
  return `${f.type} ${octal(f.mode)} ${f.uid}:${f.gid} ${f.size}B${link}`;
}
