import type { Makefile, Rule } from './makefile.js';

/** One recipe as make runs it: for `target`, the recipe of `rule`. */
export interface Run {
  rule: Rule;
  target: string;
}

/** Rules whose targets make knows by name (their prerequisites count for ordering). */
function byTarget(mk: Makefile): Map<string, Rule[]> {
  const out = new Map<string, Rule[]>();
  for (const r of mk.rules) {
    if (r.kind === 'pattern' || r.kind === 'special' || r.kind === 'computed-target') continue;
    for (const t of r.targets) out.set(t, [...(out.get(t) ?? []), r]);
  }
  return out;
}

/** Of several rules for one target, make runs the last recipe (it warns about the others). */
function recipeRuleOf(rules: Rule[]): Rule | null {
  return [...rules].reverse().find((r) => r.recipe.length > 0) ?? null;
}

/**
 * What a serial `make GOAL…` runs: prerequisites depth-first before their target, each target once.
 * Prerequisites of the rule with the recipe come first, then those of the other rules in file order,
 * each rule's order-only ones after its normal ones (GNU make's order, checked against `make -n`).
 */
export function runsFor(mk: Makefile, goals: string[], visited = new Set<string>(), targets = byTarget(mk)): Run[] {
  const runs: Run[] = [];
  const visit = (name: string) => {
    if (visited.has(name)) return;
    visited.add(name);
    const rules = targets.get(name) ?? [];
    const withRecipe = recipeRuleOf(rules);
    const ordered = withRecipe ? [withRecipe, ...rules.filter((r) => r !== withRecipe)] : rules;
    for (const d of ordered.flatMap((r) => [...r.prereqs, ...r.orderOnly])) visit(d);
    if (withRecipe) runs.push({ rule: withRecipe, target: name });
  };
  for (const g of goals) visit(g);
  return runs;
}

/**
 * Everything the Makefile may run, in order: the default goal first, then the targets it does not
 * reach in file order (each with its own prerequisites first, as `make TARGET` would run them).
 */
export function schedule(mk: Makefile): { runs: Run[]; reached: number } {
  const targets = byTarget(mk);
  const visited = new Set<string>();
  const runs = mk.defaultGoal ? runsFor(mk, [mk.defaultGoal], visited, targets) : [];
  const reached = runs.length;
  for (const r of mk.rules) for (const t of r.targets) if (targets.has(t)) runs.push(...runsFor(mk, [t], visited, targets));
  return { runs, reached };
}
