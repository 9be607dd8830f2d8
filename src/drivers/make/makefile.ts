import { expand, isStatic, textOf, type ExpandContext, type MakeVar } from './expand.js';
import { continues, findTopLevel, joinMakeLine, physicalLines, slice, stripComment, trimStart, type Mapped, type PhysicalLine } from './text.js';

/**
 * A Makefile read the way GNU make reads it, without running anything: variables, rules, recipe lines
 * with their spans, and what the reader could not follow (conditionals, includes, define blocks …).
 */

type RuleKind =
  /** `target: prereqs`, one target. */
  | 'explicit'
  /** `a b: prereqs` (or `a b &: …`): the recipe may run once per target. */
  | 'multi'
  | 'pattern'
  | 'static-pattern'
  | 'double-colon'
  /** `.DEFAULT`, suffix rules (`.c.o:`) and other special targets. */
  | 'special'
  /** Targets that depend on values restage cannot know. */
  | 'computed-target';

export interface Rule {
  id: number;
  targets: string[];
  prereqs: string[];
  orderOnly: string[];
  kind: RuleKind;
  /** A prerequisite depends on a value restage cannot know: make may run anything before this recipe. */
  computedPrereqs: boolean;
  recipe: RecipeLine[];
  /** The outermost conditional around the rule line, or null. */
  cond: Conditional | null;
  /** Offsets of the rule line. */
  start: number;
  end: number;
}

interface Conditional {
  id: number;
  /** Offset of its `ifeq`/`ifdef` … directive. */
  start: number;
}

export interface RecipeLine {
  rule: Rule;
  /** The whole line(s), from the recipe prefix (or the `;` of a rule line) to the end of the last physical line. */
  start: number;
  end: number;
  /** The command as make hands it to the shell: prefix, `@-+` and leading blanks removed, continuation prefixes dropped. */
  command: Mapped;
  /** The outermost conditional the line (or its rule) sits in, or null. */
  cond: Conditional | null;
}

export interface Makefile {
  path: string;
  text: string;
  vars: Map<string, MakeVar>;
  rules: Rule[];
  /** Every recipe line, in file order. */
  recipes: RecipeLine[];
  defaultGoal: string | null;
  phony: Set<string>;
  oneShell: boolean;
  /** SHELL set to something restage does not read as sh (its value), or null. */
  otherShell: string | null;
  exportAll: boolean;
  /** vpath/VPATH in use: prerequisite names may be rewritten. */
  vpath: boolean;
  /** Repo-relative directory of the Makefile ('' for the root). */
  dir: string;
  /**
   * Variables some `target: V = …` or `pattern%: V = …` sets, wherever it stands in the file, and
   * whether it exports them: inside a recipe their value depends on the target and on the goal make
   * was given (prerequisites inherit it).
   */
  targetVars: Map<string, { exported: boolean }>;
}

const CONDITIONAL = /^(ifeq|ifneq|ifdef|ifndef)(?=[\s(]|$)/;

export function readMakefile(relPath: string, text: string, dir: string): Makefile {
  const reader = new MakefileReader(relPath, text, dir);
  reader.read();
  const mk = reader.mk;
  mk.defaultGoal = defaultGoal(mk, reader.ctx);
  mk.otherShell = otherShell(mk, reader.ctx);
  return mk;
}

interface DefineBlock {
  name: string;
  op: string;
  depth: number;
  body: string[];
  exported: boolean;
}

/** One pass over the lines, holding what make holds while it reads: conditionals, the current rule, the recipe prefix. */
class MakefileReader {
  readonly mk: Makefile;
  private readonly condStack: Conditional[] = [];
  private condIds = 0;
  private ruleIds = 0;
  private rule: Rule | null = null;
  private prefix = '\t';
  /** After an include (or anything that may set variables unseen), undefined variables may be defined. */
  private unseenAssignments = false;
  private define: DefineBlock | null = null;

  constructor(
    relPath: string,
    private readonly text: string,
    private readonly dir: string,
  ) {
    this.mk = {
      path: relPath,
      text,
      vars: new Map(),
      rules: [],
      recipes: [],
      defaultGoal: null,
      phony: new Set(),
      oneShell: false,
      otherShell: null,
      exportAll: false,
      vpath: false,
      dir,
      targetVars: new Map(),
    };
  }

  readonly ctx = (): ExpandContext => ({ vars: this.mk.vars, dir: this.dir, auto: null, flags: new Set(), stack: new Set() });

  private outerCond(): Conditional | null {
    return this.condStack[0] ?? null;
  }

  read(): void {
    const { text } = this;
    const lines = physicalLines(text);
    for (let i = 0; i < lines.length;) {
      const line = lines[i]!;
      const raw = text.slice(line.start, line.end);
      if (this.define) {
        this.defineLine(this.define, raw);
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < lines.length && continues(text, lines[j]!)) j++;
      const group = lines.slice(i, j + 1);
      i = j + 1;
      this.logicalLine(group, raw);
    }
  }

  /** A define body is taken as written, up to its matching endef. */
  private defineLine(define: DefineBlock, raw: string): void {
    const word = raw.trim().split(/\s+/)[0] ?? '';
    if (/^(override\s+|export\s+|private\s+)*define(\s|$)/.test(raw.trim())) define.depth++;
    else if (word === 'endef' && --define.depth === 0) {
      this.define = null;
      // Conditionals cannot close inside a define body: the stack is the one around the define.
      // Without an operator (`define A`) the op is '', which assign takes as `=`: recursive.
      this.assign(define.name, define.op, define.body.join('\n'), { exported: define.exported, defineBlock: true });
      return;
    }
    define.body.push(raw);
  }

  private logicalLine(group: PhysicalLine[], raw: string): void {
    const { mk, text } = this;
    if (this.rule && raw.startsWith(this.prefix)) {
      addRecipeLine(mk, this.rule, text, group, this.prefix, this.outerCond() ?? this.rule.cond);
      return;
    }
    const joined = joinMakeLine(text, group);
    // Trailing blanks stay: they belong to a variable's value, even before a comment (as in GNU make).
    const logical = trimStart(stripComment(joined));
    const t = logical.text;
    if (t.trim() === '') return;
    const first = t.split(/[\s(]/)[0]!;
    if (CONDITIONAL.test(t)) {
      this.condStack.push({ id: ++this.condIds, start: logical.src[0]! });
      return;
    }
    if (first === 'else') return;
    if (first === 'endif') {
      this.condStack.pop();
      return;
    }
    // From here on, the line ends any rule context.
    this.rule = null;
    const mods = /^((?:(?:override|private|export|unexport)\s+)*)(.*)$/s.exec(t)!;
    const modifiers = mods[1]!.split(/\s+/).filter((w) => w !== '');
    const rest = mods[2]!;
    if (this.directive(rest, modifiers)) return;
    const sep = findTopLevel(rest, '=:');
    if (sep < 0) {
      this.namesOnly(t, rest, modifiers);
      return;
    }
    const op = assignmentOperator(rest, sep);
    if (op) {
      const name = rest.slice(0, op.at).trim();
      const value = rest.slice(op.at + op.op.length).replace(/^[ \t]+/, '');
      // A computed or odd variable name: which variable changes is unknown.
      if (name === '' || /[\s$]/.test(name)) this.forgetAll();
      else this.assign(name, op.op, value, { exported: modifiers.includes('export') });
      return;
    }
    // A rule: targets, then `:`, `::` or `&:`.
    const read = readRule(mk, slice(logical, t.length - rest.length), sep, ++this.ruleIds, this.outerCond(), this.ctx, (name, exported) => {
      mk.targetVars.set(name, { exported: exported || mk.targetVars.get(name)?.exported === true });
      const v = mk.vars.get(name);
      if (v) v.known = false;
      else mk.vars.set(name, { name, flavor: 'recursive', raw: '', pieces: [], known: false, define: false, exported: false, loose: [] });
    });
    this.rule = read?.rule ?? null;
    if (read?.inline) addInlineRecipe(mk, read.rule, text, joined, read.inline, group[group.length - 1]!, this.outerCond() ?? read.rule.cond);
  }

  /** define, include, undefine, vpath: true when `rest` was one of them. */
  private directive(rest: string, modifiers: string[]): boolean {
    const def = /^define\s+(.+?)\s*(=|:=|::=|:::=|\?=|\+=|!=)?\s*$/.exec(rest);
    if (def) {
      this.define = { name: def[1]!, op: def[2] ?? '', depth: 1, body: [], exported: modifiers.includes('export') };
      return true;
    }
    if (/^(-?include|sinclude|-?load)(\s|$)/.test(rest)) {
      this.forgetAll();
      return true;
    }
    if (/^undefine\s/.test(rest)) {
      for (const name of rest.slice('undefine'.length).trim().split(/\s+/)) {
        if (this.condStack.length > 0) {
          const v = this.mk.vars.get(name);
          if (v) v.known = false;
        } else this.mk.vars.delete(name);
      }
      return true;
    }
    if (/^vpath(\s|$)/.test(rest)) {
      this.mk.vpath = true;
      return true;
    }
    return false;
  }

  /** `export`/`unexport` with names only, or a bare `$(eval …)`-style line that may define anything. */
  private namesOnly(t: string, rest: string, modifiers: string[]): void {
    const { mk } = this;
    if (modifiers.length > 0 && (modifiers.at(-1) === 'export' || modifiers.at(-1) === 'unexport') && !rest.includes('$')) {
      const exported = modifiers.at(-1) === 'export';
      const names = rest.split(/\s+/).filter((n) => n !== '');
      if (names.length === 0 && exported) mk.exportAll = true;
      for (const n of names) {
        const v = mk.vars.get(n);
        if (v) v.exported = exported;
        else if (exported)
          mk.vars.set(n, {
            name: n,
            flavor: 'recursive',
            raw: '',
            pieces: [{ kind: 'dyn', display: `$(${n})` }],
            known: false,
            define: false,
            exported: true,
            loose: [],
          });
      }
    } else if (t.trim() === 'export') mk.exportAll = true;
    else if (t.trim() !== 'unexport' && !/^\$[({](info|warning|error)\s/.test(rest)) this.forgetAll(); // messages only change nothing
  }

  private forgetAll(): void {
    for (const v of this.mk.vars.values()) v.known = false;
    this.unseenAssignments = true;
  }

  private assign(name: string, op: string, value: string, opts: { exported?: boolean; defineBlock?: boolean } = {}): void {
    const { mk, ctx } = this;
    const inCond = this.condStack.length > 0;
    let v = mk.vars.get(name);
    const fresh = (): MakeVar => ({ name, flavor: 'recursive', raw: '', pieces: [], known: true, define: false, exported: false, loose: [] });
    if (op === '?=' && v) {
      v.loose.push(value);
      if (inCond) v.known = false;
      if (opts.exported) v.exported = true;
      return;
    }
    const existed = v !== undefined;
    v ??= fresh();
    mk.vars.set(name, v);
    v.loose.push(value);
    if (opts.exported) v.exported = true;
    if (op === '+=' && existed) {
      if (v.flavor === 'simple') v.pieces = [...v.pieces, { kind: 'text', text: ' ' }, ...expand(value, ctx())];
      else v.raw = v.raw === '' ? value : `${v.raw} ${value}`;
    } else if (op === ':=' || op === '::=' || op === ':::=') {
      v.flavor = 'simple';
      v.pieces = expand(value, ctx());
      v.known = true;
    } else if (op === '!=') {
      v.known = false;
    } else {
      v.flavor = 'recursive';
      v.raw = value;
      v.known = true;
    }
    v.define = opts.defineBlock === true;
    // Whatever make decides at run time, restage cannot: a conditional branch, or an unseen earlier value.
    if (inCond || op === '!=' || (!existed && this.unseenAssignments && (op === '?=' || op === '+='))) v.known = false;
    if (name === '.RECIPEPREFIX') {
      const p = textOf(expand(value, ctx()));
      this.prefix = p === '' ? '\t' : p[0]!;
    }
  }
}

/** `.DEFAULT_GOAL` when it is known, else the first target that is not a pattern or special one. */
function defaultGoal(mk: Makefile, ctx: () => ExpandContext): string | null {
  const goal = mk.vars.get('.DEFAULT_GOAL');
  if (goal && goal.known) {
    const g = expand(goal.flavor === 'simple' ? textOf(goal.pieces) : goal.raw, ctx());
    if (isStatic(g) && textOf(g).trim() !== '') return textOf(g).trim().split(/\s+/)[0]!;
  }
  for (const r of mk.rules) {
    const t = r.targets[0];
    if (r.kind === 'pattern' || r.kind === 'static-pattern' || r.kind === 'computed-target' || r.kind === 'special' || !t) continue;
    if (t.startsWith('.') && !t.includes('/')) continue;
    return t;
  }
  return null;
}

/** SHELL's value when it is not one restage reads as sh. */
function otherShell(mk: Makefile, ctx: () => ExpandContext): string | null {
  const shell = mk.vars.get('SHELL');
  if (!shell) return null;
  const value = shell.known ? textOf(shell.flavor === 'simple' ? shell.pieces : expand(shell.raw, ctx())).trim() : '$(SHELL)';
  return /^(\S*\/)?(env\s+)?(ba|da)?sh(\s+-[a-z]+|\s+-o\s+\w+)*$/.test(value) ? null : value;
}

/** The assignment operator when the first `=` or `:` at `sep` makes the line an assignment. */
function assignmentOperator(text: string, sep: number): { op: string; at: number } | null {
  if (text[sep] === '=') {
    const before = text[sep - 1];
    if (before === '+' || before === '?' || before === '!') return { op: `${before}=`, at: sep - 1 };
    return { op: '=', at: sep };
  }
  for (const op of [':::=', '::=', ':=']) if (text.startsWith(op, sep)) return { op, at: sep };
  return null;
}

function readRule(
  mk: Makefile,
  line: Mapped,
  sep: number,
  id: number,
  cond: Conditional | null,
  ctx: () => ExpandContext,
  targetVariable: (name: string, exported: boolean) => void,
): { rule: Rule; inline: Mapped | null } | null {
  const t = line.text;
  const grouped = t[sep - 1] === '&';
  const doubleColon = t[sep + 1] === ':';
  const afterSep = sep + (doubleColon ? 2 : 1);
  const targetsText = t.slice(0, grouped ? sep - 1 : sep);
  let rest = t.slice(afterSep);
  let inline: Mapped | null = null;
  const semi = findTopLevel(rest, ';');
  if (semi >= 0) {
    inline = slice(line, afterSep + semi);
    rest = rest.slice(0, semi);
  }
  const targetsPieces = expand(targetsText, ctx());
  const targets = textOf(targetsPieces)
    .split(/\s+/)
    .filter((w) => w !== '');
  const rule: Rule = {
    id,
    targets,
    prereqs: [],
    orderOnly: [],
    kind: 'explicit',
    computedPrereqs: false,
    recipe: [],
    cond,
    start: line.src[0]!,
    end: line.src[t.length]!,
  };

  // `target: VAR = value` sets a variable for that target and what it builds: restage treats it as unknown.
  const eq = findTopLevel(rest, '=');
  if (eq >= 0 && inline === null) {
    const m = /^\s*((?:(?:override|private|export|unexport)\s+)*)([^\s:+?!]+)\s*(?:[:+?!]|::|:::)?$/.exec(rest.slice(0, eq));
    if (m) targetVariable(m[2]!, /\bexport\s/.test(m[1]!));
    return null;
  }
  const staticPattern = findTopLevel(rest, ':');
  const [normal, orderOnly] = splitOrderOnly(staticPattern >= 0 ? rest.slice(staticPattern + 1) : rest);
  const normalPieces = expand(normal, ctx());
  const orderPieces = expand(orderOnly, ctx());
  rule.prereqs = textOf(normalPieces)
    .split(/\s+/)
    .filter((w) => w !== '');
  rule.orderOnly = textOf(orderPieces)
    .split(/\s+/)
    .filter((w) => w !== '');
  rule.computedPrereqs = !isStatic(normalPieces) || !isStatic(orderPieces);

  if (!isStatic(targetsPieces)) rule.kind = 'computed-target';
  else if (staticPattern >= 0) rule.kind = 'static-pattern';
  else if (targets.some((x) => x.includes('%'))) rule.kind = 'pattern';
  else if (targets.length === 1 && targets[0]!.startsWith('.') && !targets[0]!.includes('/')) rule.kind = 'special';
  else if (doubleColon) rule.kind = 'double-colon';
  else if (targets.length > 1 || grouped) rule.kind = 'multi';

  if (rule.kind === 'special') {
    const name = targets[0]!;
    if (name === '.PHONY') for (const p of rule.prereqs) mk.phony.add(p);
    if (name === '.ONESHELL') mk.oneShell = true;
    if (name === '.EXPORT_ALL_VARIABLES') mk.exportAll = true;
  }
  mk.rules.push(rule);
  return { rule, inline };
}

function splitOrderOnly(text: string): [string, string] {
  const bar = findTopLevel(text, '|');
  return bar < 0 ? [text, ''] : [text.slice(0, bar), text.slice(bar + 1)];
}

/** A tab-prefixed line in rule context (with its backslash-continued lines): one recipe line. */
function addRecipeLine(mk: Makefile, rule: Rule, text: string, group: PhysicalLine[], prefix: string, cond: Conditional | null): void {
  let out = '';
  const src: number[] = [];
  group.forEach((l, k) => {
    let a = l.start;
    if (text.startsWith(prefix, a)) a += prefix.length;
    if (k === 0) while (a < l.end && ' \t@-+'.includes(text[a]!)) a++;
    for (let x = a; x < l.end; x++) {
      out += text[x];
      src.push(x);
    }
    if (k < group.length - 1) {
      out += '\n';
      src.push(l.end);
    }
  });
  const last = group[group.length - 1]!;
  src.push(last.end);
  const line: RecipeLine = { rule, start: group[0]!.start, end: last.end, command: { text: out, src }, cond };
  rule.recipe.push(line);
  mk.recipes.push(line);
}

/** `target: prereqs ; command`: the command is the first recipe line; removing it leaves the rule line. */
function addInlineRecipe(mk: Makefile, rule: Rule, text: string, joined: Mapped, inline: Mapped, lastLine: PhysicalLine, cond: Conditional | null): void {
  // The `;` and the blanks before it go with the command.
  let start = inline.src[0]!;
  while (start > rule.start && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  // The command is the shell's: a `#` in it is not a make comment.
  let a = joined.src.indexOf(inline.src[0]!) + 1;
  while (a < joined.text.length && ' \t@-+'.includes(joined.text[a]!)) a++;
  const command = trimEnd(slice(joined, a));
  const line: RecipeLine = { rule, start, end: lastLine.end, command, cond };
  rule.recipe.push(line);
  mk.recipes.push(line);
}

function trimEnd(m: Mapped): Mapped {
  let b = m.text.length;
  while (b > 0 && /\s/.test(m.text[b - 1]!)) b--;
  return slice(m, 0, b);
}
