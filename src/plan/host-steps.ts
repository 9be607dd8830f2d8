import path from 'node:path/posix';
import type { Arg } from '../drivers/docker-cli.js';
import { resolveHostPath } from '../shell/host-path.js';
import type { Extraction } from './model.js';
import type { PlanContext } from './plan-context.js';
import { isWithin, joinRel } from '../dockerfile/paths.js';

/**
 * A host command between an extraction and the build that copies it, translated into the build:
 * `chmod` runs in a stage derived from the artifact's stage; `mv` and `cp -p` only change which host
 * path holds the artifact. Anything else stays a refusal (host-step-between-extraction-and-build).
 */
type HostStepTranslation =
  | { kind: 'chmod'; extraction: Extraction; argv: string[] }
  | { kind: 'move'; extraction: Extraction; to: string }
  | { kind: 'copy'; extraction: Extraction; to: string };

/** A numeric mode, or a list of symbolic ones (`u+x,go-w`, `a=rX`, `g=u`). */
const CHMOD_MODE = /^(?:[-+=]?[0-7]{1,4}|[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+(?:,[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+)*)$/;

const CHMOD_FLAGS = new Set(['-R', '--recursive', '-f', '--silent', '--quiet', '-v', '--verbose', '-c', '--changes']);

/** The container path of a host path inside an extraction's artifact. */
function containerPathOf(e: Extraction, hostPath: string): string {
  const rest = e.hostPath === '' ? hostPath : hostPath.slice(e.hostPath.length).replace(/^\//, '');
  return rest === '' ? e.containerPath : `${e.containerPath.replace(/\/$/, '')}/${rest}`;
}

/** `isDirectory` answers whether a host path is a directory at that point (tracked, or made by the driver). */
function translateHostStep(args: Arg[], cwd: string | null, extractions: Extraction[], isDirectory: (p: string) => boolean): HostStepTranslation | null {
  if (cwd === null || args.some((a) => !a.isStatic)) return null;
  const name = args[0]?.text;
  // chmod's mode may start with a minus (`chmod -x app`); to mv and cp every such word is a flag (`cp -rp`).
  const operands = args.slice(1).filter((a) => !a.text.startsWith('-') || (name === 'chmod' && CHMOD_MODE.test(a.text)));
  const flags = args
    .slice(1)
    .filter((a) => !operands.includes(a))
    .map((a) => a.text);
  const host = (a: Arg) => resolveHostPath(cwd, a.text);
  const owner = (p: string | null) => (p === null ? undefined : extractions.find((e) => isWithin(p, e.hostPath) && (e.source.kind === 'run' || p !== '')));

  if (name === 'chmod') {
    if (!flags.every((f) => CHMOD_FLAGS.has(f)) || operands.length < 2) return null;
    const [mode, ...targets] = operands;
    const paths = targets.map(host);
    const e = owner(paths[0] ?? null);
    if (!e || paths.some((p) => p === null || owner(p) !== e)) return null;
    return { kind: 'chmod', extraction: e, argv: ['chmod', ...flags, mode!.text, ...paths.map((p) => containerPathOf(e, p!))] };
  }
  if (name === 'mv' || name === 'cp') {
    const allowed = name === 'mv' ? ['-f'] : ['-p', '-a', '-pr', '-rp', '-Rp', '-pR'];
    // Plain cp applies the umask to the copy's mode: only a mode-preserving copy is exact.
    if (operands.length !== 2 || !flags.every((f) => allowed.includes(f)) || (name === 'cp' && flags.length === 0)) return null;
    const [from, to] = operands.map(host);
    const e = extractions.find((x) => x.hostPath === from && x.source.kind !== 'run');
    if (!e || to === null || to === undefined) return null;
    // `mv bin/app .`: the repository root is a directory.
    const target = to === '' || isDirectory(to) ? joinRel(to, path.basename(from!)) : to;
    return name === 'mv' ? { kind: 'move', extraction: e, to: target } : { kind: 'copy', extraction: e, to: target };
  }
  return null;
}

/**
 * The host steps between the extractions and the next build that restage moves into the build (their
 * effect applied to the extractions); returns their step numbers.
 */
export function translateHostSteps(ctx: PlanContext): Set<number> {
  const { steps, extractions } = ctx;
  const translated = new Set<number>();
  const lastCopyOut = Math.max(...extractions.map((e) => e.step));
  const nextBuild = ctx.builds.find((b) => b.step > lastCopyOut)?.step ?? steps.length;
  for (let i = Math.min(...extractions.map((e) => e.step)) + 1; i < nextBuild; i++) {
    const s = steps[i]!;
    if (s.kind !== 'host' || s.stdoutTo || extractions.some((e) => e.step > i)) continue;
    const t = translateHostStep(s.args, s.cwd, extractions, (p) => ctx.repo.isDir(p) || ctx.mkdirBefore(p, i));
    if (!t) continue;
    translated.add(i);
    if (t.kind === 'chmod') t.extraction.hostCommands.push(t.argv);
    else if (t.kind === 'move') Object.assign(t.extraction, { hostPath: t.to, dest: t.to, destExisted: false, contents: false });
    else extractions.push({ ...t.extraction, hostPath: t.to, dest: t.to, destExisted: false, contents: false, hostCommands: [...t.extraction.hostCommands] });
  }
  return translated;
}
