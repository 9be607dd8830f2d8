import path from 'node:path/posix';
import envDefaultAssumed from '../../rules/env-default-assumed.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { namesContainer, type Arg } from './docker-cli.js';
import type { DriverAnalysis } from './steps.js';
import { claims } from './ci/claims.js';

/**
 * `OUT_DIR=${OUT_DIR:-dist}` … `docker cp "$id":/app "$OUT_DIR"/`: where an extraction lands on the host
 * is read as its value when the environment leaves the variables unset. Only destinations on the host
 * (a `docker cp` out of a container, `--output`, a stdout redirect, the host tar of a pipe) and the
 * `mkdir`/`rm` that prepare them: the runtime Dockerfile's own COPY path pins where a working legacy
 * build put the artifact, so a run with the variable set elsewhere fed that COPY nothing new. Inputs
 * (a Dockerfile, a context, a bind mount, a path in the container, build args) stay unknown: another
 * value there builds something else.
 */
export function assumeEnvDefaults(analysis: DriverAnalysis): Diagnostic[] {
  const destinations: Arg[] = [];
  for (const s of analysis.steps) {
    if (s.kind === 'host') {
      if (/^(mkdir|rm)$/.test(s.args[0]?.text ?? '')) destinations.push(...s.args.slice(1));
      continue;
    }
    if (s.kind !== 'docker' || !s.parsed.ok) continue;
    const inv = s.parsed.invocation;
    if (s.stdoutTo) destinations.push(s.stdoutTo);
    destinations.push(...(s.pipeTo ?? []));
    if (inv.kind === 'cp' && namesContainer(inv.src) && !namesContainer(inv.dest)) destinations.push(inv.dest);
    if (inv.kind === 'build') destinations.push(...inv.flags.filter((f) => f.name === '--output' && f.value).map((f) => f.value!));
  }
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const a of destinations) {
    if (a.isStatic || !a.ifUnset) continue;
    const variables = [...new Set(a.ifUnset.variables)].join(', ');
    // Once per set of variables, at its first use: the rest read the same assumption.
    if (!reported.has(variables)) {
      reported.add(variables);
      const at = { file: analysis.path, ...analysis.lines.position(a.start) };
      const data = { word: a.raw, variables, value: JSON.stringify(a.ifUnset.text) };
      // A CI file's own variables (read as defaults, see ci/environment.ts): the project's settings may override them.
      const ci = claims(analysis.path, '') && a.ifUnset.variables.some((v) => setByTheFile(analysis.text, v));
      diagnostics.push(
        ci
          ? envDefaultAssumed.reportMessage(at, 'ciVariableAssumed', { ...data, file: path.basename(analysis.path) })
          : envDefaultAssumed.reportMessage(at, 'envDefaultAssumed', data),
      );
    }
    a.text = a.ifUnset.text;
    a.isStatic = true;
  }
  return diagnostics;
}

/** A CI file's `variables:`/`env:` key of that name (`OUT_DIR: build`). */
function setByTheFile(text: string, variable: string): boolean {
  return new RegExp(`^[ \\t]*(?:- )?${variable}[ \\t]*:`, 'm').test(text);
}
