import unsupportedExtraction from '../../rules/unsupported-extraction.js';
import type { Unit } from '../drivers/steps.js';
import type { PlanContext } from './plan-context.js';
import { withClient } from '../text/client-names.js';

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
 */
export function refuseKeptReadersOfRemovedVariables(ctx: PlanContext, text: string, removed: Unit[]): void {
  const isRemoved = (u: Unit) => removed.some((r) => r.start === u.start && r.end === u.end);
  const removedVars = new Set(ctx.steps.flatMap((st) => (st.kind === 'docker' && st.assignTo && isRemoved(st.unit) ? [st.assignTo] : [])));
  if (removedVars.size === 0) return;
  for (const st of ctx.steps) {
    if (isRemoved(st.unit)) continue;
    const line = text.slice(st.unit.start, st.unit.end);
    const used = [...removedVars].find((v) => new RegExp(`\\$(\\{)?${v}\\b`).test(line));
    if (used) ctx.refuse(unsupportedExtraction, st.unit.start, 'keptLineReadsRemoved', { variable: used });
  }
}
