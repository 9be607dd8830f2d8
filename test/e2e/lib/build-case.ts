// Run a setup's driver script against the engine and keep only its final image.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { docker, run, tail } from './engine.js';

/** Copies dir into a fresh temp dir and returns the copy's path. */
export function copyToTemp(dir: string, label: string): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), `restage-e2e-${label}-`));
  fs.cpSync(dir, dest, { recursive: true, verbatimSymlinks: true });
  return dest;
}

/**
 * BuildKit 0.8 (Docker 20.10) can reuse a cached COPY layer whose source
 * differs only in ownership, which would hide exactly the differences the
 * e2e suite looks for; so every build starts with an empty cache.
 */
export function pruneBuildCache(): void {
  docker(['builder', 'prune', '-af']);
}

/** tag → image id */
function tags(): Map<string, string> {
  const out = docker(['image', 'ls', '--no-trunc', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
  const pairs = out.split('\n').filter((l) => l && !l.includes('<none>')).map((l) => l.split(' ') as [string, string]);
  return new Map(pairs);
}

function containers(): Set<string> {
  return new Set(docker(['ps', '-aq', '--no-trunc']).split('\n').filter(Boolean));
}

export function imageExists(ref: string): boolean {
  return run('docker', ['image', 'inspect', ref]).status === 0;
}

/**
 * Runs `sh <driver>` in cwd and tags the image it builds as keepAs. Images
 * and containers the driver leaves behind are removed, and so is `image`
 * itself beforehand: sh scripts without `set -e` exit 0 after a failed build,
 * so only a freshly created tag proves the driver worked. A tag the driver
 * moved to a new image counts as left behind too.
 */
export function buildWithDriver(cwd: string, driver: string, image: string, keepAs: string): void {
  pruneBuildCache();
  if (imageExists(image)) docker(['rmi', '-f', image]);
  const tagsBefore = tags();
  const containersBefore = containers();
  try {
    const shell = interpreter(path.join(cwd, driver));
    const r = run(shell, [driver], { cwd });
    const output = `--- stdout\n${tail(r.stdout)}\n--- stderr\n${tail(r.stderr)}`;
    if (r.status !== 0) throw new Error(`${shell} ${driver} in ${cwd} exited ${r.status}\n${output}`);
    if (!imageExists(image)) throw new Error(`${shell} ${driver} in ${cwd} exited 0 but built no ${image}\n${output}`);
    docker(['tag', image, keepAs]);
  } finally {
    const leftContainers = [...containers()].filter((c) => !containersBefore.has(c));
    if (leftContainers.length) docker(['rm', '-f', '-v', ...leftContainers]);
    const newTags = [...tags()].filter(([t, id]) => tagsBefore.get(t) !== id && t !== keepAs).map(([t]) => t);
    if (newTags.length) docker(['rmi', '-f', ...newTags]);
    pruneBuildCache();
  }
}

/** The script's own shell: a bash script (`set -o pipefail`) fails under dash. */
function interpreter(file: string): string {
  const head = fs.readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  return /^#!.*\bbash\b/.test(head) ? 'bash' : 'sh';
}

export function removeImages(...refs: string[]): void {
  const present = refs.filter(imageExists);
  if (present.length) docker(['rmi', '-f', ...present]);
}
