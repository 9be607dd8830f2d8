import unsupportedExtraction from '../../rules/unsupported-extraction.js';
import type { Unit } from '../drivers/steps.js';
import type { PlanContext } from './plan-context.js';
import { withClient } from '../text/client-names.js';
import { edgeOrNot, wordIndexes } from '../text/regexp.js';

/** `docker rm [-f] [-v] NAME…`, output discarded, failure ignored: group 2 holds the operands. */
const RM_COMMAND = withClient(
  String.raw`^\s*(?:sudo\s+)?CLIENT\s+(?:container\s+)?rm((?:\s+-[a-z]+|\s+--force|\s+--volumes)*)\s+(.+?)\s*(?:(?:(?:>|2>|&>)\s*\/dev\/null|2>&1)\s*)*(?:\|\|\s*(?:true|:)\s*)?$`,
);

/** A trap command that only removes extraction containers (by the variable holding the id, or by name). */
export function trapRemovesOnly(command: string, ours: { variables: Set<string>; names: Set<string> }): boolean {
  const m = RM_COMMAND.exec(command);
  if (!m) return false;
  return m[2]!.split(/\s+/).every((w) => {
    const v = /^"?\$\{?([A-Za-z_]\w*)\}?"?$/.exec(w)?.[1];
    return v !== undefined ? ours.variables.has(v) : ours.names.has(w.replace(/^["']|["']$/g, ''));
  });
}

/**
 * `cleanup() { docker rm -f "$cid" >/dev/null 2>&1 || true; }` for `trap cleanup EXIT`: a function
 * whose body only removes extraction containers, each removal alone or behind a test that the id
 * variable is set (`if [ -n "$cid" ]; then … fi`, `[[ -n $cid ]] && …`). Returns its name, else null.
 */
export function cleanupFunctionName(text: string, ours: { variables: Set<string>; names: Set<string> }): string | null {
  const m = /^(?:function\s+)?([A-Za-z_][\w-]*)\s*(?:\(\s*\))?\s*\{([\s\S]*)\}\s*$/.exec(text.trim());
  if (!m) return null;
  const guard = /^(?:if\s+)?\[\[?\s+-n\s+"?\$\{?([A-Za-z_]\w*)(?::-)?\}?"?\s+\]\]?\s*(?:;\s*then|&&)?\s*/;
  const lines = m[2]!
    .split(/\n|;(?!\s*then)/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== 'fi' && l !== 'then');
  // Each line without its guard, or null when the guard tests another variable.
  const rests = lines.map((line) => {
    const g = guard.exec(line);
    return g && !ours.variables.has(g[1]!) ? null : g ? line.slice(g[0].length).trim() : line;
  });
  const removesOnly = rests.every((r) => r !== null && (r === '' || trapRemovesOnly(r, ours)));
  return removesOnly && rests.some((r) => r !== '') ? m[1]! : null;
}

/**
 * A line the migration keeps must not read what only removed lines set (`$CID` of a removed
 * `CID=$(docker create …)`): under `set -u` it would stop the script, and without it run on nothing.
 * Every kept line counts, not only commands: an assignment (`cid="$id"`) is none, and a JS driver's
 * `const id = stdout.trim()` after a removed `const { stdout } = await exec('docker create …')`
 * throws a ReferenceError before the build.
 */
export function refuseKeptReadersOfRemovedVariables(ctx: PlanContext, text: string, removed: Unit[]): void {
  const isRemoved = (u: Unit) => removed.some((r) => r.start === u.start && r.end === u.end);
  const removedVars = new Set(ctx.steps.flatMap((st) => (st.kind === 'docker' && st.assignTo && isRemoved(st.unit) ? [st.assignTo] : [])));
  if (removedVars.size === 0) return;
  const js = /\.[cm]?[jt]sx?$/.test(ctx.driver.path);
  // The text the migration keeps: removed units blanked (offsets stay), so only kept text can match;
  // a group whose every unit goes is removed whole (`const { stdout: id } = await execa(…)`).
  const groupGone = (g: number) => ctx.driver.units.filter((u) => u.group === g).every(isRemoved);
  let kept = text;
  for (const r of removed) {
    const [from, to] = groupGone(r.group) ? [Math.min(r.start, r.groupStart), Math.max(r.end, r.groupEnd)] : [r.start, r.end];
    kept = kept.slice(0, from) + kept.slice(from, to).replace(/[^\n]/g, ' ') + kept.slice(to);
  }
  for (const v of removedVars) {
    // sh and make read `$v`/`${v}` (make's `$$v` too); JS names the identifier.
    // A string search, as for every name taken from a driver's text (see wordIndexes).
    const reads = js
      ? wordIndexes(kept, v, edgeOrNot(/[\w$.]/), edgeOrNot(/[\w$]/))
      : [...wordIndexes(kept, `$${v}`, () => true, edgeOrNot(/\w/)), ...wordIndexes(kept, `\${${v}`, () => true, edgeOrNot(/\w/))];
    const at = reads.sort((a, b) => a - b)[0];
    if (at !== undefined) ctx.refuse(unsupportedExtraction, lineStart(kept, at), 'keptLineReadsRemoved', { variable: v });
  }
}

/** Where the line holding `offset` starts, past its indentation: a diagnostic's place. */
function lineStart(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return start + (/^[ \t]*/.exec(text.slice(start))?.[0].length ?? 0);
}
