import path from 'node:path/posix';
import shellParseError from '../../../rules/shell-parse-error.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { evaluateWord, REPO_ROOT, type ShellEnv, type Value } from '../../shell/evaluate.js';
import { parseShell } from '../../shell/parser.js';
import type { Word } from '../../shell/script.js';
import { LineIndex } from '../../text/lines.js';
import { imageKey } from '../../dockerfile/image-ref.js';
import { argFrom, flagValues, namesContainer, type Arg } from '../docker-cli.js';
import { commandArgs, dockerStep, commandStringStep, type ShellWords } from '../shell-command.js';
import type { DriverRepo } from '../index.js';
import { includedFrom, invokedFrom } from '../invoked-from.js';
import { resolveHostPath } from '../../shell/host-path.js';
import { directoryAfter, forgetWhatMayChange } from '../sh/index.js';
import { containerIdToken, type DriverAnalysis, type DriverStep, type Unit } from '../steps.js';
import { expand, mentions, type AutoVars } from './expand.js';
import { readMakefile, type Makefile, type RecipeLine, type Rule } from './makefile.js';
import { runsFor, schedule, type Run } from './order.js';
import { fillHoles, fillHolesText, insideExpansion, mapEnd, mapStart, shellLine, usesDollarZero } from './recipe.js';
import { MENTIONS_CLIENT, NAMES_CLIENT } from '../../text/client-names.js';
import { ShellStart, ShellVariables } from '../../shell/variables.js';

/**
 * The recipe lines make runs, in the order it runs them, as driver steps. Each recipe line is its own
 * group spanning its whole physical line(s), so a removed line takes its tab and `@`/`-` prefix along.
 */
export async function extract(relPath: string, text: string, repo?: DriverRepo): Promise<DriverAnalysis> {
  const lines = new LineIndex(text);
  // `include build/docker.mk` in ./Makefile, `make -f build/docker.mk` in CI: make runs from there.
  // Included from several directories, its recipes run in each: where is unknown.
  const includers = repo ? includedFrom(relPath, repo) : [];
  const own = path.dirname(relPath) === '.' ? '' : path.dirname(relPath);
  const dir = includers.length === 1 ? includers[0]! : ((repo && invokedFrom(relPath, repo)) ?? own);
  const mk = readMakefile(relPath, text, dir);
  const out: Emitter = {
    mk,
    cwd: includers.length > 1 ? null : mk.dir,
    text,
    steps: [],
    units: [],
    whenEmptied: [],
    fileDependencies: [],
    diagnostics: [],
    unreadable: false,
    groups: 0,
    lines,
    emittedRules: new Set(),
    emittedConds: new Set(),
  };

  const { runs } = schedule(mk);
  for (const run of runs) await emitRun(out, run.rule, run.target);
  // Recipes make never runs by name (pattern rules, special targets, overridden recipes …): whatever
  // they do cannot be placed, so they are opaque.
  for (const r of mk.rules) {
    if (r.recipe.length === 0 || out.emittedRules.has(r)) continue;
    emitOpaqueRule(out, r, ruleOpacity(mk, r) ?? 'make overridden recipe');
  }
  guardPrerequisites(out);
  return {
    path: relPath,
    text,
    lines,
    steps: out.steps,
    units: out.units,
    fixes: [],
    whenEmptied: out.whenEmptied,
    fileDependencies: out.fileDependencies,
    diagnostics: out.diagnostics,
    unreadable: out.unreadable,
  };
}

interface Emitter {
  mk: Makefile;
  /** Where the recipes run: the Makefile's directory (or its includer's), null when several makefiles include it. */
  cwd: string | null;
  text: string;
  steps: DriverStep[];
  units: Unit[];
  whenEmptied: NonNullable<DriverAnalysis['whenEmptied']>;
  fileDependencies: string[];
  diagnostics: Diagnostic[];
  unreadable: boolean;
  groups: number;
  lines: LineIndex;
  emittedRules: Set<Rule>;
  emittedConds: Set<number>;
}

/** Why a whole rule's recipe is beyond a straight-line reading, or null. */
/** make's automatic variables: each rule's recipe has its own values (the step snapshot's `$@`, …). */
const AUTOMATIC = ['@', '<', '^', '+', '|', '*', '?'];

function ruleOpacity(mk: Makefile, r: Rule): string | null {
  if (mk.oneShell) return 'make .ONESHELL recipe';
  if (mk.otherShell !== null) return `make recipe for SHELL ${mk.otherShell}`;
  switch (r.kind) {
    case 'multi':
      return 'make rule with several targets';
    case 'pattern':
    case 'static-pattern':
      return 'make pattern rule';
    case 'double-colon':
      return 'make double-colon rule';
    case 'special':
      return `make special target ${r.targets[0] ?? ''}`.trim();
    case 'computed-target':
      return 'make rule with computed targets';
    case 'explicit':
      return r.computedPrereqs ? 'make rule with computed prerequisites' : null;
  }
}

async function emitRun(out: Emitter, rule: Rule, target: string): Promise<void> {
  if (out.emittedRules.has(rule)) return;
  out.emittedRules.add(rule);
  const opacity = ruleOpacity(out.mk, rule);
  if (opacity) {
    emitOpaqueRule(out, rule, opacity);
    return;
  }
  const auto: AutoVars = { target, prereqs: rule.prereqs, orderOnly: rule.orderOnly, prereqsKnown: !out.mk.vpath };
  // Prerequisites from the target's other rules come after the recipe rule's in $^ (GNU make's order).
  const others = out.mk.rules.filter(
    (r) => r !== rule && r.targets.includes(target) && r.kind !== 'pattern' && r.kind !== 'special' && r.kind !== 'computed-target',
  );
  auto.prereqs = [...rule.prereqs, ...others.flatMap((r) => r.prereqs)];
  auto.orderOnly = [...rule.orderOnly, ...others.flatMap((r) => r.orderOnly)];
  // Prerequisites added inside a conditional: whether they run before this recipe is unknown.
  const condOther = others.find((r) => r.cond !== null && (r.prereqs.length > 0 || r.orderOnly.length > 0));
  if (condOther && !rule.cond) {
    const first = rule.recipe[0]!;
    const last = rule.recipe.at(-1)!;
    const unit = newUnit(out, condOther.cond!.start, condOther.end, first.start, last.end);
    out.steps.push({ kind: 'opaque', unit, nodeType: 'make conditional', text: opaqueText(out, rule.recipe) });
    return;
  }
  const before = out.units.length;
  for (const line of rule.recipe) {
    if (line.cond) {
      emitConditional(out, line.cond.id);
      continue;
    }
    await emitLine(out, line, auto);
  }
  // A file target left without a recipe would be made by make's built-in rules (`app: app.c`, `%: %.sh`).
  if (rule.kind === 'explicit' && !rule.targets.every((t) => out.mk.phony.has(t))) {
    const first = rule.recipe[0]!;
    const inline = first.start < rule.end;
    const at = inline ? first.start : rule.end;
    const blankBefore = /[ \t]/.test(out.text[at - 1] ?? '');
    const commentAfter = !inline && out.text[at] === '#';
    out.whenEmptied.push({
      units: out.units.slice(before),
      fix: { start: at, end: at, text: `${blankBefore && !inline ? '' : ' '};${commentAfter ? ' ' : ''}` },
    });
  }
}

/** Lines inside `ifeq`/`ifdef` … run or not depending on values restage cannot know: one opaque step per conditional. */
function emitConditional(out: Emitter, condId: number): void {
  if (out.emittedConds.has(condId)) return;
  out.emittedConds.add(condId);
  const inside = out.mk.recipes.filter((l) => l.cond?.id === condId);
  const cond = inside[0]!.cond!;
  const unit = newUnit(out, cond.start, inside.at(-1)!.end, cond.start, inside.at(-1)!.end);
  out.steps.push({ kind: 'opaque', unit, nodeType: 'make conditional', text: opaqueText(out, inside) });
}

function emitOpaqueRule(out: Emitter, rule: Rule, nodeType: string): void {
  out.emittedRules.add(rule);
  const first = rule.recipe[0]!;
  const last = rule.recipe.at(-1)!;
  const unit = newUnit(out, first.command.src[0] ?? first.start, last.end, first.start, last.end);
  out.steps.push({ kind: 'opaque', unit, nodeType, text: opaqueText(out, rule.recipe) });
}

/**
 * What an opaque step may run: its lines as written, every value of the variables they use, and what
 * a `$(MAKE) TARGET` among them would run.
 */
function opaqueText(out: Emitter, lines: RecipeLine[], seen = new Set<RecipeLine>()): string {
  const parts: string[] = [];
  for (const l of lines) {
    if (seen.has(l)) continue;
    seen.add(l);
    const written = out.text.slice(l.start, l.end);
    parts.push(mentions(written, out.mk.vars));
    const sub = /(?:\$[({]MAKE[)}]|(?:^|[\s;&|(])g?make)((?:[ \t]+[^\s;&|)]+)*)/.exec(l.command.text);
    if (!sub) continue;
    const words = sub[1]!
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '');
    if (words.some((w) => /^(-[CfI]|--directory|--file|--makefile|--include-dir)/.test(w))) continue;
    const goals = words.filter((w) => !w.startsWith('-') && !w.includes('='));
    for (const r of subMakeRuns(out, goals)) parts.push(opaqueText(out, r.rule.recipe, seen));
  }
  return parts.filter((p) => p !== '').join('\n');
}

function newUnit(out: Emitter, start: number, end: number, groupStart: number, groupEnd: number): Unit {
  return { start, end, group: ++out.groups, groupStart, groupEnd };
}

async function emitLine(out: Emitter, line: RecipeLine, auto: AutoVars): Promise<void> {
  const { mk, text } = out;
  const sl = shellLine(line, mk, auto);
  const group = ++out.groups;
  const fallback = line.command.src[0] ?? line.start;
  const unitOf = (s: number, e: number): Unit => ({
    start: mapStart(sl, s, fallback),
    end: mapEnd(sl, e, fallback),
    group,
    groupStart: line.start,
    groupEnd: line.end,
  });
  const whole = (): Unit => ({ start: fallback, end: line.end, group, groupStart: line.start, groupEnd: line.end });
  const opaque = (nodeType: string) => {
    const unit = whole();
    out.units.push(unit);
    out.steps.push({ kind: 'opaque', unit, nodeType, text: `${opaqueText(out, [line])}\n${fillHolesText(sl.shell, sl.holes)}` });
  };
  if (sl.shell.trim() === '') return;
  if (sl.flags.has('define')) return opaque('make define');
  if (sl.flags.has('eval')) return opaque('make eval');

  const parsed = await parseShell(sl.shell);
  if (parsed.errorAt !== null) {
    const expanded = fillHolesText(sl.shell, sl.holes);
    if (NAMES_CLIENT.test(expanded) || NAMES_CLIENT.test(opaqueText(out, [line]))) {
      // As for sh drivers: a docker command restage cannot read makes the driver unreadable.
      const p = out.lines.position(mapStart(sl, parsed.errorAt, fallback));
      out.diagnostics.push(
        shellParseError.report(
          { file: mk.path, line: p.line, col: p.col },
          { detail: `syntax error near ${JSON.stringify(expanded.slice(parsed.errorAt, parsed.errorAt + 20).split('\n')[0])}` },
        ),
      );
      out.unreadable = true;
      return;
    }
    return opaque('recipe line restage cannot parse');
  }
  const statements = parsed.statements;
  // A statement boundary inside one make expansion (`$(STEPS)` holding `a; b`) has no place in the Makefile.
  if (statements.some((st) => insideExpansion(sl, st.start) || insideExpansion(sl, st.end))) return opaque('make variable holding several commands');

  // Each recipe line runs in a new shell, from the Makefile's directory, with the exported variables.
  const env: ShellEnv = { vars: ShellVariables.startingAt(shellStart(mk)), scriptPath: mk.path, cwd: out.cwd };
  // A target-specific variable is this target's value here and another target's elsewhere: the step's
  // snapshot holds it by its make reference (and, exported, by its name) so the planner sees it move.
  for (const [name, t] of mk.targetVars) {
    const here: Value = { text: `$(${name})`, isStatic: false, scope: auto.target };
    env.vars.set(`$(${name})`, here);
    if (t.exported || mk.exportAll || mk.vars.get(name)?.exported) env.vars.set(name, here);
  }
  // So are the automatic variables: `--build-arg NAME=$@` means another target in another recipe.
  for (const a of AUTOMATIC) env.vars.set(`$${a}`, { text: `$${a}`, isStatic: false, scope: auto.target });
  const evaluate = (w: Word): Value =>
    usesDollarZero(w.parts) ? { text: fillHolesText(w.raw, sl.holes), isStatic: false } : fillHoles(evaluateWord(w, env), sl.holes);
  const argOf = (w: Word, index: number): Arg => {
    const start = mapStart(sl, w.start, fallback);
    const end = mapEnd(sl, w.end, fallback);
    return argFrom(index, evaluate(w), start, end, text.slice(start, end));
  };

  for (const st of statements) {
    const unit = unitOf(st.start, st.end);
    out.units.push(unit);
    if (st.kind === 'assign') {
      env.vars.set(st.name, st.value ? evaluate(st.value) : { text: '', isStatic: true });
      continue;
    }
    // A recipe's `for` loop runs once per make invocation of the line: not followed (see driver-control-flow).
    if (st.kind === 'compound' || st.kind === 'loop' || st.kind === 'function') {
      const stText = text.slice(unit.start, unit.end);
      out.steps.push({
        kind: 'opaque',
        unit,
        nodeType: st.kind === 'loop' ? 'for_statement' : st.kind === 'function' ? 'function_definition' : st.nodeType,
        text: `${mentions(stText, mk.vars)}\n${fillHolesText(st.text, sl.holes)}`,
      });
      forgetWhatMayChange(fillHolesText(st.text, sl.holes), env);
      continue;
    }
    const read: ShellWords = { evaluate, argOf, vars: env.vars };
    const args = commandArgs(st, unit, env.cwd, read, out.steps);
    const stdoutTo = st.cmd.stdoutTo ? argOf(st.cmd.stdoutTo, -1) : null;
    const name = args[0]?.text ?? '';
    const raw = text.slice(unit.start, unit.end);
    if (/^(.*\/)?g?make$/.test(name)) {
      // A recursive make runs recipes restage would have to place: opaque, carrying what they run.
      out.steps.push({ kind: 'opaque', unit, nodeType: 'recursive make', text: `${mentions(raw, mk.vars)}\n${recursionText(out, args.slice(1))}` });
      continue;
    }
    const docker = dockerStep(st, unit, env.cwd, args, stdoutTo, read);
    if (!docker && args[0] && !args[0].isStatic && MENTIONS_CLIENT.test(mentions(raw, mk.vars))) {
      // Read as the docker command it most likely is, so that a hidden `docker cp` is seen as one.
      const asDocker = ['docker', ...args.slice(1).map((a) => a.text)].join(' ');
      out.steps.push({ kind: 'opaque', unit, nodeType: 'command named by a make variable', text: `${mentions(raw, mk.vars)}\n${asDocker}` });
      continue;
    }
    if (docker) {
      out.steps.push(docker);
      // The token stands for the container id (as in the sh driver); it lives as long as this line's shell.
      if (st.assignTo) env.vars.set(st.assignTo, { text: containerIdToken(out.steps.length - 1), isStatic: true });
      continue;
    }
    const hidden = commandStringStep(args, unit);
    if (hidden) {
      out.steps.push(hidden);
      forgetWhatMayChange(hidden.text, env);
      continue;
    }
    if (st.assignTo) env.vars.set(st.assignTo, { text: `$(${fillHolesText(sl.shell.slice(st.cmd.start, st.cmd.end), sl.holes)})`, isStatic: false });
    // make's SHELL is /bin/sh: pushd and popd leave the cwd unknown (see directoryAfter).
    env.cwd = directoryAfter(name, env.cwd, args.slice(1), null);
    out.steps.push({ kind: 'host', unit, args, cwd: env.cwd, stdoutTo });
  }
}

/**
 * Rules stay when their recipes go, and so do their prerequisites: a rule that needs the builder's
 * Dockerfile (deleted by the migration) or an extracted file (no longer made) would stop make with
 * "No rule to make target". Such a prerequisite becomes an opaque step carrying the docker command
 * it depends on, so that the planner refuses the setup instead of breaking the Makefile.
 */
function guardPrerequisites(out: Emitter): void {
  const { mk } = out;
  const docker = out.steps.filter((s): s is Extract<DriverStep, { kind: 'docker' }> => s.kind === 'docker' && s.parsed.ok);
  const created = new Set(docker.flatMap((s) => (s.parsed.ok && s.parsed.invocation.kind === 'create' ? [imageKey(s.parsed.invocation.image.text)] : [])));
  const needs = new Map<string, string[]>();
  const dockerfiles = new Set<string>();
  const need = (p: string | null, why: string) => {
    if (p !== null && p !== '') needs.set(p, [...(needs.get(p) ?? []), why]);
  };
  for (const s of docker) {
    if (!s.parsed.ok || s.cwd === null) continue;
    const inv = s.parsed.invocation;
    const written = out.text.slice(s.unit.start, s.unit.end);
    if (inv.kind === 'build' && flagValues(inv.flags, '--tag').some((t) => created.has(imageKey(t.text)))) {
      const file = flagValues(inv.flags, '--file')[0];
      const context = inv.context?.isStatic ? resolveHostPath(s.cwd, inv.context.text) : null;
      // A builder Dockerfile named as a prerequisite is kept by the migration (builder-dockerfile-kept).
      const dockerfile = file?.isStatic ? resolveHostPath(s.cwd, file.text) : !file && context !== null ? path.join(context, 'Dockerfile') : null;
      if (dockerfile !== null) dockerfiles.add(dockerfile);
    }
    if (inv.kind === 'cp' && namesContainer(inv.src) && inv.dest.isStatic) {
      const dest = resolveHostPath(s.cwd, inv.dest.text);
      need(dest, written);
      if (dest !== null) need(path.join(dest, path.basename(inv.src.text.replace(/^[^:]*:/, '').replace(/\/\.?$/, ''))), written);
    }
  }
  const targets = new Set(mk.rules.flatMap((r) => r.targets));
  const prerequisites = mk.rules
    .flatMap((r) => [...r.prereqs, ...r.orderOnly])
    .filter((p) => !targets.has(p))
    .map((p) => resolveHostPath(mk.dir, p));
  out.fileDependencies.push(...[...dockerfiles].filter((d) => prerequisites.includes(d)));
  if (needs.size === 0) return;
  for (const r of mk.rules) {
    const why = [...r.prereqs, ...r.orderOnly].filter((p) => !targets.has(p)).flatMap((p) => needs.get(resolveHostPath(mk.dir, p) ?? '\0') ?? []);
    if (why.length === 0) continue;
    const unit = newUnit(out, r.start, r.end, r.start, r.end);
    out.steps.push({
      kind: 'opaque',
      unit,
      nodeType: 'make prerequisite on a file the migration removes',
      text: `${out.text.slice(r.start, r.end)}\n${[...new Set(why)].join('\n')}`,
    });
  }
}

/** The environment every recipe line of the Makefile `relPath` (in `dir`) gets from its exported variables (verify replays `make -n` with it). */
export function recipeEnvironment(relPath: string, text: string, dir: string): Map<string, Value> {
  return exportedVars(readMakefile(relPath, text, dir));
}

const starts = new WeakMap<Makefile, ShellStart>();

/** The exported variables every recipe line's shell starts with, computed once per Makefile. */
function shellStart(mk: Makefile): ShellStart {
  let start = starts.get(mk);
  if (start === undefined) starts.set(mk, (start = new ShellStart(exportedVars(mk))));
  return start;
}

/** Exported make variables are in each recipe shell's environment. */
function exportedVars(mk: Makefile): Map<string, Value> {
  const vars = new Map<string, Value>();
  for (const v of mk.vars.values()) {
    if (!(v.exported || mk.exportAll) || v.define || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.name)) continue;
    if (!v.known) {
      vars.set(v.name, { text: `$(${v.name})`, isStatic: false });
      continue;
    }
    const pieces = v.flavor === 'simple' ? v.pieces : expand(v.raw, { vars: mk.vars, dir: mk.dir, auto: null, flags: new Set(), stack: new Set([v.name]) });
    const isStatic = pieces.every((p) => p.kind !== 'dyn');
    vars.set(v.name, {
      text: pieces.map((p) => (p.kind === 'root' ? (p.rel === '' ? REPO_ROOT : `${REPO_ROOT}/${p.rel}`) : p.kind === 'text' ? p.text : p.display)).join(''),
      isStatic,
    });
  }
  return vars;
}

/**
 * The recipes a recursive `make [TARGET…]` of this same Makefile would run, as text. With -C, -f or
 * anything else restage cannot read, only the command itself.
 */
function recursionText(out: Emitter, args: Arg[]): string {
  if (args.some((a) => /^(-[CfI]|--directory|--file|--makefile|--include-dir)/.test(a.text))) return '';
  const goals = args.filter((a) => !a.text.startsWith('-') && !a.text.includes('=')).map((a) => (a.isStatic ? a.text : '$'));
  return subMakeRuns(out, goals)
    .map((r) => opaqueText(out, r.rule.recipe))
    .join('\n');
}

/** What `make GOAL…` of this Makefile runs; a goal restage cannot read may be any target. */
function subMakeRuns(out: Emitter, goals: string[]): Run[] {
  if (goals.some((g) => g.includes('$'))) return schedule(out.mk).runs;
  return runsFor(out.mk, goals.length > 0 ? goals : out.mk.defaultGoal ? [out.mk.defaultGoal] : []);
}
