import path from 'node:path/posix';
import type { Document, Node as YamlNode, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import driverParseError from '../../../rules/driver-parse-error.js';
import { lazyYaml } from '../../text/lazy-yaml.js';
import { LineIndex } from '../../text/lines.js';
import { extractEmbedded, TAKES_PART, type EmbeddedOpaque, type EmbeddedScript } from '../embedded/index.js';
import type { DriverAnalysis } from '../steps.js';
import type { EscapedSpan } from '../embedded/word-syntax.js';
import { decodeScalar, type DecodedScalar } from './yaml-scalar.js';
import { pushAll } from '../../text/offsets.js';
import { GITHUB_WORKFLOW } from '../../text/ci-files.js';
import { COPIES_OUT } from '../../text/client-names.js';
import { forgotten, layered, readMapping, shellEnvironment, writtenToGithubEnv, type CiEnvironment } from './environment.js';

/** What a CI file holds: its shell scripts in file order, and the pieces restage does not follow. */
interface Collected {
  scripts: EmbeddedScript[];
  opaque: EmbeddedOpaque[];
}

export async function extract(relPath: string, text: string): Promise<DriverAnalysis> {
  const { parseDocument, isMap, isScalar, isSeq } = lazyYaml();
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) {
    const lines = new LineIndex(text);
    const diagnostics = COPIES_OUT.test(text)
      ? [
          driverParseError.report(
            { file: relPath, ...lines.position(doc.errors[0]!.pos[0]) },
            { kind: 'CI file', detail: doc.errors[0]!.message.split('\n')[0]! },
          ),
        ]
      : [];
    return { path: relPath, text, lines, steps: [], units: [], fixes: [], diagnostics, unreadable: diagnostics.length > 0 };
  }
  const y: Yaml = { isMap, isScalar, isSeq };
  const out: Collected = { scripts: [], opaque: [] };
  if (GITHUB_WORKFLOW.test(relPath)) readGithub(text, doc, y, out);
  else readGitlab(text, doc, y, out);
  return extractEmbedded(relPath, text, out.scripts, out.opaque, 'file');
}

interface Yaml {
  isMap: (n: unknown) => n is YAMLMap;
  isScalar: (n: unknown) => n is Scalar;
  isSeq: (n: unknown) => n is YAMLSeq;
}

const SH = /^(bash|sh)\b/;

/**
 * Each `run:` of a job's steps is its own shell from the workspace (the repository root) or its
 * `working-directory`. A step with `if:` that builds or copies, or run by a shell other than bash/sh,
 * is not followed: restage cannot know whether or how it runs.
 */
function readGithub(text: string, doc: Document, y: Yaml, out: Collected): void {
  const jobs = doc.get('jobs', true);
  if (!y.isMap(jobs)) return;
  const workflowEnv = readMapping(doc.get('env', true), y.isMap);
  for (const jobPair of jobs.items) {
    const job = jobPair.value;
    if (!y.isMap(job)) continue;
    const defaults = job.getIn(['defaults', 'run'], true);
    const jobShell = y.isMap(defaults) ? defaults.get('shell') : undefined;
    const jobDir = y.isMap(defaults) ? defaults.get('working-directory') : undefined;
    const steps = job.get('steps', true);
    if (!y.isSeq(steps)) continue;
    const jobEnv = layered(workflowEnv, readMapping(job.get('env', true), y.isMap));
    // Names earlier steps wrote to $GITHUB_ENV: unknown in every later step, whatever its env: says.
    let written: Set<string> | 'all' = new Set();
    for (const step of steps.items) {
      if (!y.isMap(step)) continue;
      const run = step.get('run', true);
      if (!y.isScalar(run) || typeof run.value !== 'string') {
        // An action other than GitHub's and Docker's own may write any name to $GITHUB_ENV.
        const uses = step.get('uses');
        if (typeof uses === 'string' && !/^(actions|docker)\//.test(uses)) written = 'all';
        // An action reads and writes files restage cannot see (an upload of the artifact, a release
        // asset, a cache of its directory): an opaque step, refused when it names what a migration
        // removes. Docker's own actions and container actions (`docker://IMAGE`) are read by detection
        // (detect/workflows.ts).
        if (typeof uses === 'string' && !/^docker(\/|:\/\/)/.test(uses)) addAction(text, step, uses, out);
        continue;
      }
      const shell = step.get('shell') ?? jobShell;
      const dir = step.get('working-directory') ?? jobDir;
      // A conditional step that only pushes, logs in or runs tests is read as usual: when it runs, it runs after the others.
      const why =
        step.has('if') && TAKES_PART.test(run.value)
          ? 'workflow step with if:'
          : shell !== undefined && !SH.test(String(shell))
            ? `workflow step run by ${String(shell)}`
            : null;
      const cwd = dir === undefined ? '' : typeof dir === 'string' && !dir.includes('${{') ? cleanDir(dir) : null;
      // The step is the run block's group: when every command of it goes, the step goes (an empty run: is invalid).
      const range = step.range!;
      const env = forgotten(layered(jobEnv, readMapping(step.get('env', true), y.isMap)), written);
      addScript(text, run, why, cwd, out, 'workflow run: block', { start: dashBefore(text, range[0]), end: range[1] }, env);
      // What a step writes to $GITHUB_ENV, the steps after it read: restage leaves those names to the run.
      if (run.value.includes('GITHUB_ENV')) {
        const names = writtenToGithubEnv(run.value);
        written = written === 'all' || names === 'all' ? 'all' : new Set([...written, ...names]);
      }
    }
  }
}

/** Top-level keys of .gitlab-ci.yml that are not jobs. */
const GITLAB_GLOBALS = new Set([
  'image',
  'services',
  'stages',
  'types',
  'variables',
  'cache',
  'include',
  'workflow',
  'default',
  'before_script',
  'after_script',
]);

/**
 * A job's `before_script` and `script` run in one shell from the project directory, item after item;
 * `after_script` runs in another. Hidden jobs (`.x`) and `default:` run nothing themselves: what a job
 * inherits from them (or from a global `before_script`) that builds, creates, copies or removes is an
 * opaque step before the job's own script, so the planner refuses a setup that depends on it.
 */
function readGitlab(text: string, doc: Document, y: Yaml, out: Collected): void {
  const root = doc.contents;
  if (!y.isMap(root)) return;
  const jobs = new Map<string, YAMLMap>();
  for (const pair of root.items) if (y.isScalar(pair.key) && y.isMap(pair.value)) jobs.set(String(pair.key.value), pair.value);
  const source = (n: unknown): string => {
    const r = (n as YamlNode | null)?.range;
    return r ? text.slice(r[0], r[1]) : '';
  };
  const globalBefore = root.get('before_script', true) ?? jobs.get('default')?.get('before_script', true);
  for (const [key, job] of jobs) {
    if (key.startsWith('.') || GITLAB_GLOBALS.has(key)) continue;
    // Templates extend templates: every one up the chain may give what the job does not set.
    const extended: string[] = [];
    const climb = (j: YAMLMap) => {
      for (const e of [j.toJSON()?.extends].flat()) {
        if (typeof e !== 'string' || extended.includes(e)) continue;
        extended.push(e);
        const t = jobs.get(e);
        if (t) climb(t);
      }
    };
    climb(job);
    const env = gitlabVariables(
      root,
      job,
      extended.map((e) => jobs.get(e)),
      y,
    );
    const inherited: string[] = [];
    for (const k of ['before_script', 'script', 'after_script']) {
      if (job.has(k)) continue;
      const fromTemplates = extended.map((e) => jobs.get(e)?.get(k, true)).filter((v) => v !== undefined);
      inherited.push(...fromTemplates.map(source));
      if (extended.some((e) => !jobs.has(e))) inherited.push(`${k} of ${extended.filter((e) => !jobs.has(e)).join(', ')} (defined elsewhere)`);
      if (k === 'before_script' && fromTemplates.length === 0 && globalBefore !== undefined) inherited.push(source(globalBefore));
    }
    // Inherited text that only logs in, pulls or pushes runs before the job's own script and changes nothing restage moves.
    const takingPart = inherited.filter((t) => TAKES_PART.test(t));
    if (takingPart.length > 0) {
      const at = (job.range ?? [0, 0])[0];
      out.opaque.push({ start: at, end: at, nodeType: `script the job ${key} inherits`, text: takingPart.join('\n') });
    }
    const phases: [string[], string][] = [
      [['before_script', 'script'], 'job script'],
      [['after_script'], 'job after_script'],
    ];
    for (const [keys, label] of phases) {
      const items: Scalar[] = [];
      const parts: [string, unknown][] = [];
      let readable = true;
      for (const k of keys) {
        const v: unknown = job.get(k, true);
        if (v === undefined || v === null || (y.isScalar(v) && v.value === null)) continue;
        parts.push([k, v]);
        if (y.isScalar(v)) items.push(v);
        else if (y.isSeq(v) && v.tag !== '!reference' && v.items.every((i) => y.isScalar(i))) items.push(...(v.items as Scalar[]));
        else readable = false;
      }
      if (readable && items.length > 0) addItems(text, items, '', out, label, env);
      // One shell runs the phase: with a part restage cannot read, none of it is read as steps, and
      // each part is an opaque step whose text shows what it runs (a `script:` after an unreadable
      // `before_script:` may hold the copy out).
      else if (!readable)
        for (const [k, v] of parts)
          addOpaque(
            text,
            v as YamlNode,
            `GitLab ${k} restage cannot read`,
            out,
            referenced(v, (keys) => root.getIn(keys, true), source, y),
          );
    }
  }
}

function cleanDir(dir: string): string | null {
  // `./sub` → `sub`, `.` → the root; `../x` stays outside.
  const n = path.normalize(dir.replace(/^\.(\/|$)/, '') || '.');
  if (n.startsWith('/') || n === '..' || n.startsWith('../')) return null;
  return n === '.' ? '' : n.replace(/\/$/, '');
}

function addScript(
  text: string,
  node: Scalar,
  why: string | null,
  cwd: string | null,
  out: Collected,
  what: string,
  group: { start: number; end: number },
  env: CiEnvironment,
): void {
  const decoded = why === null ? decodeScalar(text, node) : null;
  if (!decoded) {
    addOpaque(text, node, why ?? `${what} restage cannot map back (folded or multi-line flow scalar)`, out);
    return;
  }
  out.scripts.push({ ...maskExpressions(decoded, env), cwd, group, spans: [scalarSpan(node, decoded)], environment: shellEnvironment(env, 'final') });
}

/**
 * GitHub pastes `${{ expr }}` into the script before the shell runs it. `${{ env.NAME }}` of a value
 * the workflow gives is that text; any other value is unknown here, so each becomes one shell word
 * restage cannot resolve (`${__gha_N}`), spanning the expression.
 */
function maskExpressions(d: DecodedScalar, env: CiEnvironment): Pick<EmbeddedScript, 'text' | 'starts' | 'ends'> {
  const out = { text: '', starts: [] as number[], ends: [] as number[] };
  let at = 0;
  // One expression has one value throughout the step: the same expression is the same word.
  const names = new Map<string, number>();
  for (const m of d.text.matchAll(/\$\{\{[\s\S]*?\}\}/g)) {
    const expr = m[0].slice(3, -2).trim();
    if (!names.has(expr)) names.set(expr, names.size);
    out.text += d.text.slice(at, m.index);
    pushAll(out.starts, d.starts, at, m.index);
    pushAll(out.ends, d.ends, at, m.index);
    // The checkout's path is a value restage knows: the repository root (see evaluate's CI_ROOT_VARIABLES).
    const fromEnv = /^env\.([A-Za-z_]\w*)$/.exec(expr);
    const word =
      expr === 'github.workspace'
        ? '${GITHUB_WORKSPACE}'
        : fromEnv && typeof env.values.get(fromEnv[1]!) === 'string'
          ? env.values.get(fromEnv[1]!)!
          : `\${__gha_${names.get(expr)!}}`;
    const start = d.starts[m.index]!;
    const end = d.ends[m.index + m[0].length - 1]!;
    out.text += word;
    for (let k = 0; k < word.length; k++) {
      out.starts.push(start);
      out.ends.push(end);
    }
    at = m.index + m[0].length;
  }
  out.text += d.text.slice(at);
  pushAll(out.starts, d.starts, at);
  pushAll(out.ends, d.ends, at);
  return out;
}

/**
 * A job's `variables:` over those of the templates it extends, over the global ones it inherits
 * (`inherit: variables: false` or a list of names). Two templates that set one name differently leave it
 * to the run rather than to restage's reading of GitLab's merge order.
 */
function gitlabVariables(root: YAMLMap, job: YAMLMap, templates: (YAMLMap | undefined)[], y: Yaml): CiEnvironment {
  const node: unknown = job.getIn(['inherit', 'variables'], true);
  const inherit: unknown = y.isSeq(node) ? node.toJSON() : y.isScalar(node) ? node.value : node;
  const global = readMapping(root.get('variables', true), y.isMap);
  const kept = inherit === false ? [] : [...global.values].filter(([k]) => !Array.isArray(inherit) || inherit.includes(k));
  let env: CiEnvironment = { values: new Map(kept), unknownOthers: global.unknownOthers && inherit !== false };
  const fromTemplates = templates.map((t) => readMapping(t?.get('variables', true), y.isMap));
  const merged = new Map<string, string | null>();
  for (const t of fromTemplates) for (const [k, v] of t.values) merged.set(k, merged.has(k) && merged.get(k) !== v ? null : v);
  env = layered(env, { values: merged, unknownOthers: fromTemplates.some((t) => t.unknownOthers) || templates.includes(undefined) });
  return layered(env, readMapping(job.get('variables', true), y.isMap));
}

/** GitLab script items, joined by newlines as the runner joins them; each item is a removable piece. */
function addItems(text: string, items: Scalar[], cwd: string, out: Collected, what: string, env: CiEnvironment): void {
  const decoded = items.map((i) => decodeScalar(text, i));
  if (decoded.some((d) => d === null)) {
    // The items run in one shell: one that cannot be read hides the order of all.
    items.forEach((i, n) =>
      addOpaque(
        text,
        i,
        decoded[n] ? `${what} item next to one restage cannot read` : `${what} item restage cannot map back (folded or multi-line flow scalar)`,
        out,
      ),
    );
    return;
  }
  const script: EmbeddedScript = { text: '', starts: [], ends: [], cwd, pieces: [], environment: shellEnvironment(env, 'default') };
  (decoded as DecodedScalar[]).forEach((d, n) => {
    if (n > 0) {
      script.text += '\n';
      script.starts.push(decoded[n - 1]!.end);
      script.ends.push(decoded[n - 1]!.end);
    }
    const from = script.text.length;
    script.text += d.text;
    pushAll(script.starts, d.starts);
    pushAll(script.ends, d.ends);
    script.pieces!.push({ from, to: script.text.length, start: dashBefore(text, d.start), end: d.end });
  });
  script.spans = items.map((i, n) => scalarSpan(i, decoded[n]!));
  out.scripts.push(script);
}

/** How text inserted into a scalar is escaped: quoted scalars have escapes, blocks and plain scalars none. */
function scalarSpan(node: Scalar, d: DecodedScalar): EscapedSpan {
  const style = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? node.type : 'verbatim';
  const escape =
    style === 'QUOTE_DOUBLE'
      ? (t: string) => t.replace(/[\\"]/g, (c) => `\\${c}`)
      : style === 'QUOTE_SINGLE'
        ? (t: string) => t.replace(/'/g, "''")
        : (t: string) => t;
  return { start: d.start, end: d.end, style, escape };
}

/** The `- ` that introduces a sequence item, so that removing the item takes its dash along. */
function dashBefore(text: string, start: number): number {
  let d = start - 1;
  while (d >= 0 && (text[d] === ' ' || text[d] === '\t')) d--;
  return text[d] === '-' ? d : start;
}

/**
 * A step that runs an action, as an opaque step whose text is the action and its `with:` inputs: the
 * step's `name:`, `id:` and `if:` are no files it reads (`name: Build app` is not the artifact app).
 */
function addAction(text: string, step: YAMLMap, uses: string, out: Collected): void {
  const range = step.range;
  if (!range) return;
  const inputs = (step.get('with', true) as YamlNode | undefined)?.range;
  out.opaque.push({
    start: range[0],
    end: range[1],
    nodeType: `workflow step that uses ${uses}`,
    text: `uses: ${uses}\n${inputs ? text.slice(inputs[0], inputs[1]) : ''}`,
    action: uses,
  });
}

function addOpaque(text: string, node: YamlNode | null, why: string, out: Collected, more = ''): void {
  const range = node?.range;
  if (!range) return;
  out.opaque.push({ start: range[0], end: range[1], nodeType: why, text: text.slice(range[0], range[1]) + more });
}

/**
 * The text GitLab's `!reference [.job, script]` tags in a script pull in from other jobs (hidden ones
 * above all, which restage reads nowhere else), the script itself (`script: !reference […]`) or its
 * items, two levels deep: a copy out of a container there runs in the job that references it.
 */
function referenced(node: unknown, at: (keys: string[]) => unknown, source: (n: unknown) => string, y: Yaml, depth = 0): string {
  if (depth > 2 || !y.isSeq(node)) return '';
  if (node.tag !== '!reference') return node.items.map((item) => referenced(item, at, source, y, depth)).join('');
  // `[.job, script]`, or `[.commands]` for a top-level list of commands.
  const keys = node.items.map((i) => (y.isScalar(i) ? String(i.value) : ''));
  const target = keys.length > 0 && keys.every((k) => k !== '') ? at(keys) : undefined;
  return target === undefined ? '' : `\n${source(target)}${referenced(target, at, source, y, depth + 1)}`;
}
