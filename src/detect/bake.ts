import type { DriverAnalysis } from '../drivers/steps.js';
import type { RepoView } from '../repo/view.js';
import { resolveHostPath } from '../shell/host-path.js';
import type { HostWrite } from './model.js';
import { bakeArgs, optionValues } from './producers.js';

/** The files `docker buildx bake` reads when no `-f` names one (Docker's documented lookup). */
const DEFAULT_BAKE_FILES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'docker-bake.json',
  'docker-bake.hcl',
  'docker-bake.override.json',
  'docker-bake.override.hcl',
];

/** The value of a bake target's `output` (HCL `output = ["type=local,dest=out"]`, JSON, compose `x-bake`), a list across lines or one line. */
const OUTPUT_VALUE = /\boutputs?["']?[ \t]*[:=][ \t]*(\[[^\]]*\]|(?:\n[ \t]*-[^\n]*)+|[^\n]*)/g;

/** Exporters of such a value that write to the client's disk, each with its `dest=` (null when it names none). */
function localExports(value: string): (string | null)[] {
  const quoted = [...value.matchAll(/["']([^"']*)["']/g)].map((m) => m[1]!);
  // YAML writes them bare: `output: type=local,dest=out`, or one per `- ` line.
  const specs = quoted.length > 0 ? quoted : value.split('\n').map((l) => l.replace(/^\s*-?\s*/, '').trim());
  return specs
    .filter((spec) => /(^|,)\s*type=(local|tar)\b/.test(spec) || (!/(^|,)\s*type=/.test(spec) && /(^|,)\s*dest=/.test(spec)))
    .map((spec) => /(?:^|,)\s*dest=([^,]+)/.exec(spec)?.[1]?.trim() ?? null);
}

/** A key's one-word value, as HCL (`dockerfile = "…"`), JSON (`"dockerfile": "…"`) or compose (`dockerfile: …`) writes it. */
const valueOf = (key: string) => new RegExp(String.raw`\b${key}["']?[ \t]*[:=][ \t]*["']?([^"'\s,}]+)`, 'g');
const DOCKERFILE_VALUE = valueOf('dockerfile');
const CONTEXT_VALUE = valueOf('context');

/**
 * The repository's Dockerfiles a bake file's targets name, relative to the one context it names (or
 * the directory bake runs in): the files a target builds, which belong to the setup that runs it.
 */
function namedDockerfiles(text: string, cwd: string, repo: RepoView): string[] {
  const contexts = [...new Set([...text.matchAll(CONTEXT_VALUE)].map((m) => m[1]!))];
  const base = contexts.length === 1 ? resolveHostPath(cwd, contexts[0]!) : cwd;
  return [...text.matchAll(DOCKERFILE_VALUE)].flatMap((m) => {
    const rel = base === null ? null : resolveHostPath(base, m[1]!);
    return rel !== null && repo.isFile(rel) ? [rel] : [];
  });
}

/**
 * `docker buildx bake TARGET` whose bake file exports to the client's disk: a write the command line
 * does not show. Listed with its `dest=` when the file names exactly one, so that a build reading it is
 * refused (restage does not migrate bake) instead of passing as "0 setups".
 */
export function bakeOutputs(driver: DriverAnalysis, repo: RepoView): HostWrite[] {
  const out: HostWrite[] = [];
  for (const [i, s] of driver.steps.entries()) {
    if (s.kind !== 'docker' || !s.parsed.ok || s.parsed.invocation.kind !== 'other') continue;
    const args = bakeArgs(s.parsed.invocation);
    // An output on the command line is read where the other exporters are (producers.ts).
    if (!args || s.cwd === null || optionValues(args, '-o', '--output').length > 0) continue;
    const named = optionValues(args, '-f', '--file');
    const files = named.length > 0 ? named.map((a) => (a.isStatic ? a.text : null)) : DEFAULT_BAKE_FILES;
    const dests: (string | null)[] = [];
    const reads: string[] = [];
    let unknownFile = false;
    for (const f of files) {
      const rel = f === null ? null : resolveHostPath(s.cwd, f);
      const text = rel === null ? null : repo.readText(rel);
      if (text === null) {
        unknownFile ||= named.length > 0;
        continue;
      }
      reads.push(rel!, ...namedDockerfiles(text, s.cwd, repo));
      for (const m of text.matchAll(OUTPUT_VALUE)) dests.push(...localExports(m[1]!));
    }
    if (dests.length === 0 && !unknownFile) continue;
    const only = dests.length === 1 ? dests[0]! : null;
    out.push({ driver: driver.path, step: i, offset: s.unit.start, kind: 'bake-output', path: only === null ? null : resolveHostPath(s.cwd, only), reads });
  }
  return out;
}
