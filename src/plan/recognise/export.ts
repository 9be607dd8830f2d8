import unsupportedExtraction from '../../../rules/unsupported-extraction.js';
import { resolveHostPath } from '../../shell/host-path.js';
import type { PlanContext } from '../plan-context.js';
import { readLater } from './read-later.js';

/**
 * `docker export C > rootfs.tar` (or `-o`), `docker save`: a file a later build reads that no COPY --from
 * reproduces (an export holds the files docker injects into every container: /.dockerenv, /etc/hosts …).
 * Always refused; returns whether one was.
 */
export function refuseExports(ctx: PlanContext): boolean {
  let refused = false;
  for (const [i, s] of ctx.steps.entries()) {
    if (s.kind !== 'docker' || !s.parsed.ok || s.parsed.invocation.kind !== 'other') continue;
    const inv = s.parsed.invocation;
    const outFlag = inv.args.findIndex((a) => a.text === '-o' || a.text === '--output');
    const out = s.stdoutTo ?? (outFlag >= 0 ? inv.args[outFlag + 1] : undefined) ?? inv.args.find((a) => a.text.startsWith('--output='));
    const target = out?.isStatic && s.cwd !== null ? resolveHostPath(s.cwd, out.text.replace(/^--output=/, '')) : null;
    if (target === null || !readLater(ctx, i, target)) continue;
    // Only an export or a save holds a filesystem; anything else (`docker exec c cat /app > app`, `docker logs`) printed it.
    const exports = /^(export|save)$/.test(inv.subcommand) || (/^(container|image)$/.test(inv.subcommand) && /^(export|save)$/.test(inv.args[0]?.text ?? ''));
    const command = /^(container|image)$/.test(inv.subcommand) ? `${inv.subcommand} ${inv.args[0]?.text ?? ''}` : inv.subcommand;
    ctx.refuse(unsupportedExtraction, s.unit.start, exports ? 'exportIntoBuild' : 'execIntoBuild', { command });
    refused = true;
  }
  return refused;
}
