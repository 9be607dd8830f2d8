import { lazyYaml } from '../../text/lazy-yaml.js';
import path from 'node:path/posix';
import { REPO_ROOT } from '../../shell/evaluate.js';
import { resolveHostPath } from '../../shell/host-path.js';
import type { Arg, DockerInvocation, FlagUse } from '../docker-cli.js';
import type { DriverRepo } from '../index.js';
import type { ComposeRunLine } from './command-line.js';

type RunInvocation = Extract<DockerInvocation, { kind: 'run' }>;

/** Why a `compose run` is not the `docker run` restage reads it as: the flag or key, and the reason. */
export interface ComposeGap {
  what: string;
  why: string;
  /** The service's mounts, when they could be read: what the run may still write onto the host. */
  mounts?: FlagUse[];
  /** The files restage read to find the service (the compose file, an override, a .env): they belong to the setup. */
  files?: string[];
}

/** Files compose reads when no `-f` names one, in its order of preference. */
const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_FILES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

/** Service keys that change nothing a one-off `compose run` writes into its mounts. */
const IGNORED_KEYS = new Set([
  'container_name',
  'restart',
  'ports',
  'expose',
  'labels',
  'healthcheck',
  'logging',
  'hostname',
  'domainname',
  'stdin_open',
  'tty',
  'networks',
  'profiles',
  'pull_policy',
  'deploy',
  'stop_signal',
  'stop_grace_period',
  'extra_hosts',
  'dns',
  'dns_search',
  'cap_add',
  'cap_drop',
  'security_opt',
  'ulimits',
  'shm_size',
  'mem_limit',
  'memswap_limit',
  'cpus',
  'cpu_shares',
  'init',
]);

/** Keys that are `docker run` flags restage reads (or refuses) the same way. */
const AS_FLAG: Record<string, string> = {
  working_dir: '--workdir',
  user: '--user',
  platform: '--platform',
  privileged: '--privileged',
  tmpfs: '--tmpfs',
  devices: '--device',
  read_only: '--read-only',
  network_mode: '--network',
  ipc: '--ipc',
  group_add: '--group-add',
};

const COMPOSE_ONLY: Record<string, string> = {
  build: 'compose run uses the image an earlier build left when there is one, so which image runs depends on the machine',
  depends_on: 'compose run starts the services it depends on first (unless --no-deps)',
  env_file: 'restage does not read env files',
  extends: 'restage does not read extended services',
  volumes_from: 'the mounts of another container are not known statically',
  secrets: 'a build stage does not get compose secrets',
  configs: 'a build stage does not get compose configs',
};

/** The compose file a run reads: `-f FILE`, or the first default file in its directory or above. */
function composeFile(line: ComposeRunLine, cwd: string, repo: DriverRepo): { file: string } | ComposeGap {
  if (line.files.length > 1) return { what: '-f', why: 'compose merges several files, and restage reads one' };
  const named = line.files[0];
  if (named) {
    const file = named.isStatic ? resolveHostPath(cwd, named.text) : null;
    if (file === null || repo.readText(file) === null) return { what: `-f ${named.raw}`, why: 'restage cannot read that compose file' };
    return { file };
  }
  // compose reads COMPOSE_FILE from a .env beside the command as from the environment.
  const env = cwd ? `${cwd}/.env` : '.env';
  if (/^\s*(export\s+)?COMPOSE_FILE\s*=/m.test(repo.readText(env) ?? ''))
    return { what: '.env', why: 'it sets COMPOSE_FILE, the files compose reads', files: [env] };
  for (let dir: string | null = cwd; dir !== null; dir = dir === '' ? null : path.dirname(dir) === '.' ? '' : path.dirname(dir)) {
    const found = DEFAULT_FILES.map((f) => (dir ? `${dir}/${f}` : f)).find((f) => repo.readText(f) !== null);
    if (!found) continue;
    const override = OVERRIDE_FILES.map((f) => (dir ? `${dir}/${f}` : f)).find((f) => repo.readText(f) !== null);
    if (override) return { what: override, why: 'compose merges the override file into the service, and restage reads one file', files: [found, override] };
    return { file: found };
  }
  return { what: line.service.raw, why: 'restage found no compose file for it' };
}

const INTERPOLATED = 'compose fills ${…} in from the environment and .env, which restage cannot see';

/** The service's definition in the compose file. */
function serviceOf(file: string, name: string, repo: DriverRepo): { service: Record<string, unknown> } | ComposeGap {
  let doc: unknown;
  try {
    doc = lazyYaml().parse(repo.readText(file)!, { merge: true });
  } catch {
    return { what: file, why: 'it is not YAML restage can read' };
  }
  const top = (doc ?? {}) as Record<string, unknown>;
  if ('include' in top) return { what: `${file}: include`, why: 'restage does not read included compose files' };
  const services = top['services'] as Record<string, unknown> | undefined;
  const svc = services && typeof services === 'object' ? services[name] : undefined;
  if (!svc || typeof svc !== 'object' || Array.isArray(svc)) return { what: name, why: `${file} defines no such service` };
  return { service: svc as Record<string, unknown> };
}

/** compose's split of a string `command:`/`entrypoint:` into words (POSIX shell quoting, no expansion). */
export function composeWords(text: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return null;
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let out = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && /["\\$`]/.test(text[j + 1] ?? '')) j++;
        out += text[j];
      }
      if (j >= text.length) return null;
      word = (word ?? '') + out;
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= text.length) return null;
      word = (word ?? '') + text[++i];
    } else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}

const scalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A string or list of words (`command:`, `entrypoint:`); null when it is neither. */
function wordsOf(v: unknown): string[] | null {
  if (typeof v === 'string') return composeWords(v);
  if (Array.isArray(v) && v.every(scalar)) return v.map(String);
  return null;
}

/** `environment:` as `K=V` words (a list item or a null value without `=` passes the caller's value through). */
function environment(v: unknown): string[] | null {
  if (Array.isArray(v)) return v.every(scalar) ? v.map(String) : null;
  if (!v || typeof v !== 'object') return null;
  const entries = Object.entries(v);
  return entries.every(([, x]) => x === null || scalar(x)) ? entries.map(([k, x]) => (x === null ? k : `${k}=${String(x)}`)) : null;
}

/** A `volumes:` entry as a `-v` or `--mount` word; a relative host path is the project directory's. */
function volume(v: unknown, projectDir: string): { flag: string; text: string } | null {
  const host = (source: string) => {
    if (!source.startsWith('.')) return source;
    const rel = resolveHostPath(projectDir, source);
    return rel === null ? null : rel === '' ? REPO_ROOT : `${REPO_ROOT}/${rel}`;
  };
  if (typeof v === 'string') {
    const [source, ...rest] = v.split(':');
    const hostPath = rest.length === 0 ? source! : host(source!);
    // Outside the repository, from the project directory: not a path the script's directory would give.
    if (hostPath === null) return null;
    return { flag: '--volume', text: rest.length === 0 ? v : [hostPath, ...rest].join(':') };
  }
  if (!v || typeof v !== 'object') return null;
  const m = v as Record<string, unknown>;
  if (typeof m['type'] !== 'string' || typeof m['target'] !== 'string') return null;
  const source = typeof m['source'] === 'string' ? host(m['source']) : undefined;
  if (source === null) return null;
  const parts = [`type=${m['type']}`, ...(source === undefined ? [] : [`source=${source}`]), `target=${m['target']}`];
  if (m['read_only'] === true) parts.push('readonly');
  return { flag: '--mount', text: parts.join(',') };
}

/**
 * The `docker run` a `compose run` amounts to: the service's image, its keys as run flags, then the
 * command line's options (which win) and command. Words restage makes stand at the service's word in
 * the driver, so a diagnostic points there.
 */
export function composeRunAsDockerRun(line: ComposeRunLine, cwd: string, repo: DriverRepo): (RunInvocation & { file: string }) | ComposeGap {
  const located = composeFile(line, cwd, repo);
  if ('why' in located) return located;
  const run = serviceRun(line, cwd, repo, located);
  return 'why' in run ? { ...run, files: [located.file] } : run;
}

/** The service of the compose file found as a docker run, or why it is not one. */
function serviceRun(line: ComposeRunLine, cwd: string, repo: DriverRepo, located: { file: string }): (RunInvocation & { file: string }) | ComposeGap {
  const projectDir = line.projectDirectory
    ? line.projectDirectory.isStatic
      ? resolveHostPath(cwd, line.projectDirectory.text)
      : null
    : path.dirname(located.file) === '.'
      ? ''
      : path.dirname(located.file);
  if (projectDir === null) return { what: '--project-directory', why: 'the project directory is not known statically' };
  if (!line.service.isStatic) return { what: line.service.raw, why: 'the service is not known statically' };
  const read = serviceOf(located.file, line.service.text, repo);
  if ('why' in read) return read;
  // compose's `$$` is a literal `$`; any other `$` it fills in from the environment and .env.
  const interpolated = (v: unknown) =>
    JSON.stringify(v ?? null)
      .replace(/\$\$/g, '')
      .includes('$');
  const svc = JSON.parse(JSON.stringify(read.service).replace(/\$\$/g, '$')) as Record<string, unknown>;
  if (interpolated(read.service['volumes'])) return { what: `${line.service.text}: volumes`, why: INTERPOLATED };
  const made = (text: string): Arg => ({ ...line.service, text, isStatic: true, raw: text });
  const flags: FlagUse[] = [];
  const flag = (name: string, text: string | null) => flags.push({ name, value: text === null ? null : made(text), indexes: [line.service.index] });
  for (const v of svc['volumes'] === undefined ? [] : Array.isArray(svc['volumes']) ? svc['volumes'] : [svc['volumes']]) {
    const word = volume(v, projectDir);
    if (word === null) return { what: `${line.service.text}: volumes`, why: 'restage cannot read that volume' };
    flag(word.flag, word.text);
  }
  // Past the mounts, what restage cannot reproduce still leaves them: where the run may write.
  const mounts = [...flags, ...line.options.filter((o) => o.name === '--volume').map((o) => ({ name: o.name, value: o.value, indexes: [o.at.index] }))];
  const gap = (key: string, why: string): ComposeGap => ({ what: `${line.service.text}: ${key}`, why, mounts });
  if (interpolated({ ...read.service, volumes: null })) return gap('${…}', INTERPOLATED);
  const noDeps = line.options.some((o) => o.name === '--no-deps');
  for (const [key, value] of Object.entries(svc)) {
    if (key === 'image' || key === 'command' || key === 'entrypoint' || key === 'volumes' || key.startsWith('x-') || IGNORED_KEYS.has(key)) continue;
    if (key === 'depends_on' && noDeps) continue;
    if (COMPOSE_ONLY[key]) return gap(key, COMPOSE_ONLY[key]!);
    if (key === 'environment') {
      const env = environment(value);
      if (env === null) return gap(key, 'restage cannot read its values');
      for (const e of env) flag('--env', e);
    } else if (AS_FLAG[key] && (scalar(value) || Array.isArray(value))) {
      // `privileged: false`, `read_only: false`: the default, nothing to reproduce.
      if (value === false) continue;
      for (const v of Array.isArray(value) ? value : [value]) flag(AS_FLAG[key]!, value === true ? null : String(v));
    } else return gap(key, 'restage does not read that service key');
  }
  const image = svc['image'];
  if (typeof image !== 'string') return gap('image', 'the service names no image');
  const overridden = new Set(line.options.map((o) => o.name));
  const entrypoint = overridden.has('--entrypoint') ? null : svc['entrypoint'] === undefined ? null : wordsOf(svc['entrypoint']);
  if (svc['entrypoint'] !== undefined && !overridden.has('--entrypoint') && entrypoint === null) return gap('entrypoint', 'restage cannot read it');
  const serviceCommand = svc['command'] === undefined ? [] : wordsOf(svc['command']);
  if (serviceCommand === null) return gap('command', 'restage cannot read it');
  // The command line's options replace the service's value of the same key (and add -e and -v).
  const kept = flags.filter((f) => !((f.name === '--workdir' || f.name === '--user') && overridden.has(f.name)));
  if (entrypoint !== null) kept.push({ name: '--entrypoint', value: made(entrypoint[0] ?? ''), indexes: [line.service.index] });
  for (const o of line.options) if (!COMPOSE_RUN_ONLY.has(o.name)) kept.push({ name: o.name, value: o.value, indexes: [o.at.index] });
  // A list entrypoint's later words come before the command, as docker runs them.
  const command = [...(entrypoint?.slice(1) ?? []).map(made), ...(line.command.length > 0 ? line.command : serviceCommand.map(made))];
  return { kind: 'run', flags: kept, image: made(image), command, file: located.file };
}

/** Options of `compose run` with nothing to reproduce: the TTY, dependencies (read above), ports, aliases, pulls. */
const COMPOSE_RUN_ONLY = new Set(['--no-TTY', '--no-deps', '--service-ports', '--use-aliases', '--build', '--remove-orphans', '--quiet-pull']);
