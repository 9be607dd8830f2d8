import { createRequire } from 'node:module';
import dockerfileInvalid from '../../rules/dockerfile-invalid.js';
import internalError from '../../rules/internal-error.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileChange } from '../synthesize/index.js';
import type { BuildPlan } from './model.js';

type Validate = typeof import('dockerfile-utils').validate;
/** Loaded on first use, like the Dockerfile parser: a run that migrates nothing never pays for it. */
let validator: Validate | undefined;
function validate(text: string) {
  validator ??= (createRequire(import.meta.url)('dockerfile-utils') as typeof import('dockerfile-utils')).validate;
  // Severity 1 is an error in the LSP protocol dockerfile-utils speaks; warnings do not count.
  return validator(text).filter((d) => d.severity === 1);
}

const DOCKERFILE_NAME = /(^|\/)([^/]*\.)?[Dd]ockerfile(\.[^/]*)?$/;

/**
 * The promise that whatever restage writes validates: empty when every Dockerfile the changes write
 * (the runtime Dockerfiles, by plan) has no validation error. Otherwise one diagnostic: the first error
 * of an input Dockerfile (dockerfile-invalid, the user's to fix), or, if the inputs are valid, an
 * internal error (restage's own bug).
 */
export function checkWrittenDockerfiles(plan: BuildPlan, changes: FileChange[]): Diagnostic[] {
  const written = new Set(plan.runtimes.map((r) => r.finalDockerfile.path));
  const broken = changes.find((c) => c.after !== null && (written.has(c.path) || DOCKERFILE_NAME.test(c.path)) && validate(c.after).length > 0);
  if (!broken) return [];
  const inputs = [...new Map(plan.runtimes.flatMap((r) => [r.finalDockerfile, ...r.builders.map((b) => b.dockerfile)]).map((d) => [d.path, d])).values()];
  for (const input of inputs) {
    const first = validate(input.text)[0];
    if (first) return [dockerfileInvalid.report({ file: input.path, line: first.range.start.line + 1, col: first.range.start.character + 1 }, { problem: messageText(first.message) })];
  }
  const error = validate(broken.after!)[0]!;
  return [internalError.report({ file: broken.path, line: 1, col: 1 }, { detail: `the migrated ${broken.path} would not validate (line ${error.range.start.line + 1}: ${messageText(error.message)})` })];
}

function messageText(m: string | { value: string }): string {
  return typeof m === 'string' ? m : m.value;
}
