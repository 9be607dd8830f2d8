// The driver's host commands a replay runs: file operations inside the repository copy, nothing else.
import fs from 'node:fs';
import path from 'node:path';
import { resolveHostPath } from '../shell/host-path.js';
import type { Arg } from '../drivers/docker-cli.js';
import type { DriverStep } from '../drivers/steps.js';
import { REPO_ROOT } from '../shell/evaluate.js';

/** Commands whose whole effect is on the paths they name (checked to stay inside the copy). */
const FILE_COMMANDS = new Set(['mkdir', 'rm', 'rmdir', 'chmod', 'mv', 'cp', 'ln', 'touch']);
/** Commands with no effect on the files a build reads (`cd` is already in each step's cwd). */
const NO_EFFECT = new Set(['echo', 'printf', 'true', ':', 'cd', 'set', 'export', 'sleep', 'exit']);

export type HostCommand = { kind: 'run'; argv: string[]; cwd: string; paths: string[] } | { kind: 'no-effect' } | { kind: 'not-replayable'; why: string };

type HostStep = Extract<DriverStep, { kind: 'host' }>;

/** How the replay in `root` treats a host step of the driver. */
export function hostCommand(step: HostStep, root: string): HostCommand {
  const name = step.args[0]?.text ?? '';
  if (NO_EFFECT.has(name) && !step.stdoutTo) return { kind: 'no-effect' };
  if (name === 'trap' && exitTrap(step.args.slice(2))) return { kind: 'no-effect' };
  if (!FILE_COMMANDS.has(name)) return { kind: 'not-replayable', why: `${name || 'the command'} is not a file operation verify runs` };
  if (step.stdoutTo) return { kind: 'not-replayable', why: 'it redirects its output' };
  return fileCommand(step.args, step.cwd, root);
}

/**
 * `trap '…' EXIT` (or on a signal that stops the script): the handler runs when the script ends, after
 * every build it makes, so the images are the same without it. A DEBUG or ERR trap runs between commands.
 */
function exitTrap(signals: Arg[]): boolean {
  return signals.length > 0 && signals.every((a) => a.isStatic && /^(?:SIG)?(?:EXIT|INT|TERM|HUP|QUIT)$|^(?:0|1|2|3|15)$/.test(a.text));
}

/** The host side of `docker run … tar -c - | tar -x …`: only tar, on paths inside the copy. */
export function pipeCommand(args: Arg[], cwd: string | null, root: string): HostCommand {
  if (args[0]?.text !== 'tar') return { kind: 'not-replayable', why: `a pipe into ${args[0]?.raw ?? 'nothing'}` };
  return fileCommand(args, cwd, root);
}

function fileCommand(args: Arg[], cwd: string | null, root: string): HostCommand {
  const name = args[0]!.text;
  if (cwd === null) return { kind: 'not-replayable', why: 'its working directory is not known' };
  const argv: string[] = [name];
  const paths: string[] = [];
  for (const a of args.slice(1)) {
    if (!a.isStatic) return { kind: 'not-replayable', why: `${a.raw} is not known statically` };
    if (a.text.startsWith('-') && !a.text.includes(REPO_ROOT)) {
      argv.push(a.text);
      continue;
    }
    const rel = resolveHostPath(cwd, a.text);
    if (rel === null) return { kind: 'not-replayable', why: `${a.raw} is outside the repository` };
    const abs = rel === '' ? root : path.join(root, rel);
    paths.push(abs);
    argv.push(a.text.startsWith(REPO_ROOT) ? abs + (a.text.endsWith('/') ? '/' : '') : a.text);
  }
  return { kind: 'run', argv, cwd: cwd === '' ? root : path.join(root, cwd), paths };
}

/** A symlink in the copy must not lead a command out of it (`rm -rf link/`). */
export function staysInside(root: string, abs: string): boolean {
  const realRoot = fs.realpathSync(root);
  let p = abs.replace(/\/+$/, '');
  for (;;) {
    try {
      const real = fs.realpathSync(p);
      return real === realRoot || real.startsWith(realRoot + path.sep);
    } catch {
      const parent = path.dirname(p);
      if (parent === p) return false;
      p = parent;
    }
  }
}

/** `set -e` (or `-o errexit`) before the step, a `sh -e` shebang, or make: a failed command ends the driver. */
export function errexitBefore(steps: readonly DriverStep[], index: number, driverText: string, driverPath: string): boolean {
  if (/(^|\/)(GNUmakefile|[Mm]akefile)$|\.mk$/.test(driverPath)) return true;
  if (/^#!\S*(\s+\S+)*\s+-\w*e/.test(driverText.split('\n', 1)[0] ?? '')) return true;
  return steps
    .slice(0, index)
    .some(
      (s) =>
        s.kind === 'host' &&
        s.args[0]?.text === 'set' &&
        s.args.slice(1).some((a, i, all) => /^-[a-zA-Z]*e/.test(a.text) || (a.text === '-o' && all[i + 1]?.text === 'errexit')),
    );
}
