// The migrated side read from the driver restage *wrote*, not from restage's plan of the legacy one:
// a Makefile as `make -n` prints its commands, a shell script after `sh -n`/`bash -n`, any other kind
// through its own parser. What cannot be read this way is said, and verify then says no `equivalent`.
import fs from 'node:fs';
import path from 'node:path';
import { driverFor, extractShell, recipeEnvironment, setupScriptName } from '../drivers/index.js';
import type { DriverStep } from '../drivers/steps.js';
import { withoutBom } from '../text/file-style.js';
import { run, tailLines } from './engine.js';

/** The rewritten driver's steps, in the order it runs them, and how they were read (said in the report). */
export interface RewrittenDriver {
  /** `make -n -f Makefile`, `sh -n build.sh` + restage's sh parser, … */
  readBy: string;
  steps: DriverStep[];
  /** Whether a failed step ends the driver (make; `set -e`): as errexitBefore says for the legacy side. */
  makefile: boolean;
  /** The rewritten text as read (for errexit and labels); for make, the printed commands. */
  text: string;
  path: string;
}

/** The rewritten driver does not parse or does not run (`make -n` failed): the migration is broken. */
export class RewrittenDriverBroken extends Error {}

function isMakefile(rel: string): boolean {
  return /(^|\/)(GNUmakefile|[Mm]akefile)$|\.mk$/.test(rel);
}

/**
 * Reads `driverRel` (repo-relative POSIX) in the migrated tree `root`. `legacyText` is the legacy
 * driver's text: a package.json's setup script is found by name there (the rewritten one no longer
 * copies out of a container, which is how restage finds it).
 */
export async function readRewrittenDriver(root: string, driverRel: string, legacyText: string): Promise<RewrittenDriver> {
  const dir = path.posix.dirname(driverRel) === '.' ? '' : path.posix.dirname(driverRel);
  const abs = path.join(root, driverRel);
  if (!fs.existsSync(abs)) throw new RewrittenDriverBroken(`${driverRel} is not in the migrated tree`);
  const text = fs.readFileSync(abs, 'utf8');
  if (isMakefile(driverRel)) return readMakefile(root, driverRel, dir, text);
  if (path.posix.basename(driverRel) === 'package.json') return readPackageScript(root, driverRel, dir, text, legacyText);
  const kind = driverFor(driverRel, text.slice(0, 256));
  if (!kind || kind.name === 'unsupported') throw new RewrittenDriverBroken(`${driverRel}: no driver kind of restage reads it`);
  let readBy = `restage's ${kind.name} parser`;
  if (kind.name === 'sh') {
    // The shell the script runs under checks its syntax: restage's parser may accept what sh refuses.
    const shell = /^#!.*\bbash\b/.test(text.split('\n', 1)[0] ?? '') ? 'bash' : 'sh';
    const r = run(shell, ['-n', path.basename(driverRel)], { cwd: path.join(root, dir) });
    if (r.status !== 0) throw new RewrittenDriverBroken(`${shell} -n ${driverRel} exited ${r.status}: ${tailLines(r.stderr, 3).join(' / ')}`);
    readBy = `${shell} -n ${path.posix.basename(driverRel)}, then restage's sh parser`;
  }
  const analysis = await kind.extract(driverRel, text, treeRepo(root));
  if (analysis.unreadable)
    throw new RewrittenDriverBroken(`${driverRel}: ${analysis.diagnostics.map((d) => d.message).join('; ') || 'restage cannot parse it'}`);
  return { readBy, steps: analysis.steps, makefile: false, text, path: driverRel };
}

/**
 * `make -n` of the default goal, as `make -f` runs it: every recipe line make would run, with make's
 * variables expanded, or make's own error (a prerequisite that no longer exists). Each printed line
 * runs in a shell of its own from the Makefile's directory, so each is read alone (a `cd` does not carry).
 */
async function readMakefile(root: string, driverRel: string, dir: string, text: string): Promise<RewrittenDriver> {
  const name = path.posix.basename(driverRel);
  const r = run('make', ['-n', '-f', name], { cwd: path.join(root, dir), timeoutMs: 60_000 });
  if (r.status !== 0) throw new RewrittenDriverBroken(`make -n -f ${driverRel} exited ${r.status}: ${tailLines(r.stderr || r.stdout, 3).join(' / ')}`);
  const steps: DriverStep[] = [];
  // Each printed line runs with the variables the Makefile exports (`export VERSION ?= 1.4.2`, read as $$VERSION).
  const environment = recipeEnvironment(driverRel, text, dir);
  for (const line of recipeLines(r.stdout)) {
    const analysis = await extractShell(driverRel, line, dir, 0, environment);
    if (analysis.unreadable) throw new RewrittenDriverBroken(`make -n -f ${driverRel} printed a command restage cannot parse: ${line.slice(0, 120)}`);
    steps.push(...analysis.steps);
  }
  return { readBy: `make -n -f ${name}`, steps, makefile: true, text: r.stdout, path: driverRel };
}

/** npm runs a script as `sh -c SCRIPT` from the package's directory: so is it checked and read. */
async function readPackageScript(root: string, driverRel: string, dir: string, text: string, legacyText: string): Promise<RewrittenDriver> {
  const name = setupScriptName(legacyText);
  if (name === null) throw new RewrittenDriverBroken(`${driverRel}: no script of the legacy package.json is the setup's`);
  let script: unknown;
  try {
    script = (JSON.parse(withoutBom(text)) as { scripts?: Record<string, unknown> }).scripts?.[name];
  } catch (err) {
    throw new RewrittenDriverBroken(`${driverRel}: ${err instanceof Error ? err.message.split('\n', 1)[0] : 'invalid JSON'}`);
  }
  if (typeof script !== 'string') throw new RewrittenDriverBroken(`${driverRel}: the rewritten package.json has no script ${JSON.stringify(name)}`);
  const r = run('sh', ['-n', '-c', script], { cwd: path.join(root, dir) });
  if (r.status !== 0) throw new RewrittenDriverBroken(`sh -n -c (script ${name} of ${driverRel}) exited ${r.status}: ${tailLines(r.stderr, 3).join(' / ')}`);
  const analysis = await extractShell(driverRel, script, dir);
  if (analysis.unreadable) throw new RewrittenDriverBroken(`${driverRel}: script ${name}: restage cannot parse it`);
  return {
    readBy: `sh -n -c on script ${JSON.stringify(name)} of ${path.posix.basename(driverRel)}, then restage's sh parser`,
    steps: analysis.steps,
    makefile: false,
    text: script,
    path: driverRel,
  };
}

/** The printed commands, a backslash-newline continuing one (make prints continued recipe lines as written). */
export function recipeLines(printed: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of printed.split('\n')) {
    current += line;
    if (/(^|[^\\])(\\\\)*\\$/.test(line)) {
      current += '\n';
      continue;
    }
    if (current.trim() !== '') out.push(current);
    current = '';
  }
  if (current.trim() !== '') out.push(current);
  return out;
}

/**
 * A tree on disk as a driver reads it: files by path, and the CI configurations a script's caller may
 * be (the planner lists them from the repository's files).
 */
export function treeRepo(root: string): { readText(rel: string): string | null; referenceCandidates(): string[] } {
  const workflows = path.join(root, '.github/workflows');
  return {
    readText: (rel) => readInTree(root, rel),
    referenceCandidates: () => [
      ...(fs.existsSync(workflows) ? fs.readdirSync(workflows).map((f) => `.github/workflows/${f}`) : []),
      ...['.gitlab-ci.yml', '.gitlab-ci.yaml'].filter((f) => fs.existsSync(path.join(root, f))),
    ],
  };
}

/** A file of the migrated tree, or null. */
function readInTree(root: string, rel: string): string | null {
  try {
    return fs.readFileSync(path.join(root, rel), 'utf8');
  } catch {
    return null;
  }
}
