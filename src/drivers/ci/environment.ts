import type { Value } from '../../shell/evaluate.js';

/**
 * The variables a CI file gives a script's environment, by name: the text, or null when only a run
 * knows it (a `${{ … }}` expression, a GitLab `$OTHER` reference, a value that is not a scalar).
 * `unknownOthers`: some names it sets are themselves unknown (an `env:` that is one expression), so
 * every name an outer level gave is unknown too.
 */
export interface CiEnvironment {
  values: Map<string, string | null>;
  unknownOthers: boolean;
}

const NO_ENVIRONMENT: CiEnvironment = { values: new Map(), unknownOthers: false };

/** `inner` over `outer`, as a step's `env:` over its job's and the job's over the workflow's. */
export function layered(outer: CiEnvironment, inner: CiEnvironment): CiEnvironment {
  const values = new Map(inner.unknownOthers ? [...outer.values.keys()].map((k) => [k, null] as const) : outer.values);
  for (const [k, v] of inner.values) values.set(k, v);
  return { values, unknownOthers: outer.unknownOthers || inner.unknownOthers };
}

/** `env` with `names` unknown (a step wrote them to `$GITHUB_ENV`), or every name when `names` is 'all'. */
export function forgotten(env: CiEnvironment, names: Iterable<string> | 'all'): CiEnvironment {
  const values = new Map(env.values);
  for (const k of names === 'all' ? values.keys() : names) values.set(k, null);
  return { values, unknownOthers: env.unknownOthers || names === 'all' };
}

/**
 * A mapping's plain values as the runner hands them over. GitHub does not expand `$` in an `env:`
 * value and GitLab expands `$OTHER` in a `variables:` value: either way restage leaves a value with a
 * `$` to the run. A GitLab value may be `{ value: …, description: … }`.
 */
export function readMapping(node: unknown, isMapping: (n: unknown) => boolean): CiEnvironment {
  if (node === undefined || node === null) return NO_ENVIRONMENT;
  if (!isMapping(node)) return { values: new Map(), unknownOthers: true };
  const values = new Map<string, string | null>();
  const json = (node as { toJSON(): unknown }).toJSON();
  for (const [name, raw] of Object.entries(json as Record<string, unknown>)) {
    const v = raw !== null && typeof raw === 'object' && 'value' in raw ? (raw as { value: unknown }).value : raw;
    values.set(name, (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && !String(v).includes('$') ? String(v) : null);
  }
  return { values, unknownOthers: false };
}

/**
 * What the script's shell starts with. GitHub's `env:` is the value (`final`); a GitLab `variables:`
 * value is the job's unless the project's or a pipeline's CI/CD variables override it, so it reads as
 * a default (`${OUT_DIR-build}`), which env-default-assumed reports where a destination takes it.
 */
export function shellEnvironment(env: CiEnvironment, kind: 'final' | 'default'): Map<string, Value> {
  const vars = new Map<string, Value>();
  for (const [name, text] of env.values) {
    if (text === null) vars.set(name, { text: `$${name}`, isStatic: false });
    else if (kind === 'final') vars.set(name, { text, isStatic: true });
    else vars.set(name, { text: `$${name}`, isStatic: false, ifUnset: { text, variables: [name] } });
  }
  return vars;
}

/**
 * Names a run block may write to `$GITHUB_ENV` for the steps after it (`echo "OUT=dist" >> "$GITHUB_ENV"`,
 * `echo "OUT<<EOF" >> …`); 'all' when a line that mentions the file names none (`cat vars.env >> …`).
 */
export function writtenToGithubEnv(script: string): Set<string> | 'all' {
  const names = new Set<string>();
  for (const line of script.split('\n')) {
    if (!line.includes('GITHUB_ENV')) continue;
    const found = [...line.matchAll(/\b([A-Za-z_]\w*)(?==|<<)/g)].map((m) => m[1]!).filter((n) => n !== 'GITHUB_ENV');
    if (found.length === 0) return 'all';
    for (const n of found) names.add(n);
  }
  return names;
}
