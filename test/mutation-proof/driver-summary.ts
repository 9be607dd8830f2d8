import type { Arg } from '../../src/drivers/docker-cli.js';
import type { DriverAnalysis, DriverStep, Unit } from '../../src/drivers/steps.js';

/**
 * A driver analysis as plain lines: every step with its words (value, spelling, offsets), every unit's
 * span and grouping, the diagnostics, fixes and the edits a rewrite would make through the driver's own
 * word syntax. What the planner and the rewrite read, so a change to any of it shows.
 */
export function summarise(a: DriverAnalysis): string[] {
  const out: string[] = [];
  const arg = (x: Arg) =>
    `${JSON.stringify(x.text)}${x.isStatic ? '' : '~'}${x.raw === x.text ? '' : ` raw=${JSON.stringify(x.raw)}`}@${x.index}:${x.start}-${x.end}`;
  const unit = (u: Unit): string =>
    `[${u.start}-${u.end} g${u.group} ${u.groupStart}-${u.groupEnd}${u.block ? ` ${u.block.kind}#${u.block.id} ${u.block.start}-${u.block.end}${u.block.call ? ` call ${u.block.call.start}-${u.block.call.end}` : ''}` : ''}]`;
  const step = (s: DriverStep): string => {
    if (s.kind === 'opaque') return `opaque ${s.nodeType} ${unit(s.unit)} ${JSON.stringify(s.text)}`;
    const words = s.args.map(arg).join(' ');
    const common = `${unit(s.unit)} cwd=${JSON.stringify(s.cwd)}${s.stdoutTo ? ` > ${arg(s.stdoutTo)}` : ''}`;
    if (s.kind === 'host') return `host ${common} ${words}`;
    const parsed = s.parsed.ok ? s.parsed.invocation.kind : `refused ${s.parsed.subcommand}:${s.parsed.flag}@${s.parsed.index}`;
    return `docker ${parsed} ${common}${s.assignTo ? ` assign=${s.assignTo}` : ''}${s.unmodelledRedirect ? ' unmodelled-redirect' : ''}${s.pipeTo ? ` | ${s.pipeTo.map(arg).join(' ')}` : ''} ${words}`;
  };
  out.push(`unreadable=${a.unreadable} lines=${a.lines.lineCount}`);
  for (const s of a.steps) out.push(step(s));
  out.push(`units ${a.units.map(unit).join(' ')}`);
  for (const d of a.diagnostics) out.push(`diag ${d.ruleId} ${d.severity} ${d.file}:${d.line}:${d.col} ${d.message}`);
  for (const f of a.fixes) out.push(`fix ${f.start}-${f.end} ${JSON.stringify(f.text)}`);
  for (const w of a.whenEmptied ?? []) out.push(`when-emptied ${w.units.map(unit).join(' ')} → ${w.fix.start}-${w.fix.end} ${JSON.stringify(w.fix.text)}`);
  if (a.fileDependencies?.length) out.push(`file-dependencies ${a.fileDependencies.join(' ')}`);
  // The rewrite's two writes into the driver: words added after a word, a word's value replaced.
  if (a.wordSyntax) {
    for (const s of a.steps) {
      if (s.kind !== 'docker' || s.args.length < 2) continue;
      const last = s.args[s.args.length - 1]!;
      out.push(`insert@${last.end} ${JSON.stringify(a.wordSyntax.insert(last.end, ['--build-arg A=1', "-f 'x y'"]))}`);
      out.push(`replace ${arg(s.args[1]!)} ${JSON.stringify(a.wordSyntax.replace(s.args[1]!, 'it\'s "new"'))}`);
    }
  }
  return out;
}
