import dockerfileInvalid from '../../rules/dockerfile-invalid.js';
import internalError from '../../rules/internal-error.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadDockerfileAst, parseDockerfile, type DockerfileModel } from '../dockerfile/parse.js';
import { STAGE_NAME } from './stage-ref.js';
import type { FileChange } from '../text/file-change.js';
import type { BuildPlan } from './model.js';
import { requirePackage } from '../packages/require-package.js';

type Validate = typeof import('dockerfile-utils').validate;
/** Loaded on first use, like the Dockerfile parser: a run that migrates nothing never pays for it. */
let validator: Validate | undefined;
function validate(text: string, df?: DockerfileModel): ValidationError[] {
  // dockerfile-utils checks a stage name with /^[a-z]([a-z0-9_\-.]*)*$/, which backtracks
  // exponentially on a long name that fails late (a fuzzed FROM line hung restage): such a name is
  // judged here, by the same rule without the nested quantifier, and dockerfile-utils is not asked.
  // Parsing the text for its stage names cost as much as validating it (a third of the time restage
  // spent on Dockerfiles in a 5,000-setup monorepo), so it is done only when a word could be such a name.
  if (df || mayBacktrack(text)) {
    const badName = invalidStageName(df ?? parseDockerfile('', text));
    if (badName) return [badName];
  }
  if (!validator) {
    loadDockerfileAst();
    validator = (requirePackage('dockerfile-utils') as typeof import('dockerfile-utils')).validate;
  }
  // Severity 1 is an error in the LSP protocol dockerfile-utils speaks; warnings do not count.
  return validator(text).filter((d) => d.severity === 1);
}

interface ValidationError {
  range: { start: { line: number; character: number } };
  message: string | { value: string };
}

function invalidStageName(df: DockerfileModel): ValidationError | null {
  for (const s of df.stages) {
    const name = s.from.args[2];
    if (!name || STAGE_NAME.test(name.value.toLowerCase())) continue;
    const at = df.lines.position(name.start);
    return {
      range: { start: { line: at.line - 1, character: at.col - 1 } },
      message: `invalid name for build stage: "${name.value.length > 80 ? `${name.value.slice(0, 80)}…` : name.value}", name can't start with a number or contain symbols`,
    };
  }
  return null;
}

/**
 * Whether some word of the text, once escaped line breaks and comment lines are taken out, is a run
 * of 16 or more stage-name characters followed by one that is not: the shape on which dockerfile-utils'
 * stage-name pattern backtracks (each extra character doubles its work). Every other name fails or
 * passes it at once. Case is ignored, whichever way dockerfile-utils folds it.
 */
export function mayBacktrack(text: string): boolean {
  const joined = text.replace(/^[ \t]*#.*(?:\r?\n|$)/gm, '').replace(/[\\`][ \t]*\r?\n/g, '');
  return /(?:^|\s)[a-z][a-z0-9_.-]{15,}[^a-z0-9_.\s-]/i.test(joined);
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
  let broken: { path: string; error: ValidationError } | undefined;
  for (const c of changes) {
    const error = c.after !== null && (written.has(c.path) || DOCKERFILE_NAME.test(c.path)) ? validate(c.after)[0] : undefined;
    if (error) {
      broken = { path: c.path, error };
      break;
    }
  }
  if (!broken) return [];
  const inputs = [...new Map(plan.runtimes.flatMap((r) => [r.finalDockerfile, ...r.builders.map((b) => b.dockerfile)]).map((d) => [d.path, d])).values()];
  for (const input of inputs) {
    const first = validate(input.text, input)[0];
    if (first)
      return [
        dockerfileInvalid.report(
          { file: input.path, line: first.range.start.line + 1, col: first.range.start.character + 1 },
          { problem: messageText(first.message) },
        ),
      ];
  }
  const { path, error } = broken;
  return [
    internalError.report(
      { file: path, line: 1, col: 1 },
      { detail: `the migrated ${path} would not validate (line ${error.range.start.line + 1}: ${messageText(error.message)})` },
    ),
  ];
}

function messageText(m: string | { value: string }): string {
  return typeof m === 'string' ? m : m.value;
}
