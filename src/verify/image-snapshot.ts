// What an image "is" for equivalence: its merged filesystem (without mtimes)
// and the runtime-relevant part of its config.
import { docker, dockerStreamed } from './engine.js';
import { readTarStream, type TarEntry } from './tar.js';

/** What the comparison knows of one path: its tar entry without the path itself. */
export type FileInfo = Omit<TarEntry, 'path'>;

export const CONFIG_KEYS = [
  'Cmd',
  'Entrypoint',
  'Env',
  'WorkingDir',
  'User',
  'ExposedPorts',
  'Volumes',
  'Labels',
  'StopSignal',
  'Healthcheck',
  'Shell',
  'OnBuild',
] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface ImageSnapshot {
  files: Map<string, FileInfo>;
  /** Empty values (null, '', [], {}) are all null: the runtime treats them alike. */
  config: Record<ConfigKey, JsonValue>;
}

/**
 * Written by the engine into every container (measured on 20.10: `docker export`
 * of a container adds these even when the image has none, and they hide the
 * image's own copies), so they say nothing about the image.
 */
const INJECTED_FILES = new Set(['.dockerenv', 'etc/hostname', 'etc/hosts', 'etc/resolv.conf', 'etc/mtab']);
const INJECTED_TREES = ['dev', 'proc', 'sys'];

function isInjected(p: string): boolean {
  return INJECTED_FILES.has(p) || INJECTED_TREES.some((t) => p === t || p.startsWith(`${t}/`));
}

/** `containerName` names the short-lived container `docker export` needs (verify uses names of its own). */
export async function snapshotImage(tag: string, containerName?: string): Promise<ImageSnapshot> {
  return { files: await snapshotFiles(tag, containerName), config: snapshotConfig(tag) };
}

async function snapshotFiles(tag: string, containerName: string | undefined): Promise<Map<string, FileInfo>> {
  // A container with no command works for images without CMD/ENTRYPOINT too; it is never started.
  const id = docker(['create', ...(containerName ? ['--name', containerName] : []), tag, '/bin/true']).trim();
  try {
    const files = new Map<string, FileInfo>();
    for (const e of await dockerStreamed(['export', id], readTarStream)) {
      if (isInjected(e.path)) continue;
      const { path: p, ...info } = e;
      files.set(p, info);
    }
    return files;
  } finally {
    docker(['rm', '-f', '-v', id]); // -v: anonymous volumes of VOLUME images
  }
}

function snapshotConfig(tag: string): Record<ConfigKey, JsonValue> {
  const raw = JSON.parse(docker(['image', 'inspect', '--format', '{{json .Config}}', tag])) as Record<string, JsonValue | undefined>;
  const config = {} as Record<ConfigKey, JsonValue>;
  for (const key of CONFIG_KEYS) config[key] = emptyToNull(raw[key]);
  return config;
}

function emptyToNull(v: JsonValue | undefined): JsonValue {
  if (v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.length === 0 ? null : v;
  if (v !== null && typeof v === 'object') return Object.keys(v).length === 0 ? null : v;
  return v;
}
