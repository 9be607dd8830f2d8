import path from 'node:path/posix';
import type { Unit } from '../drivers/steps.js';
import type { BuildPlan } from '../plan/model.js';
import { applyEdits, type TextEdit } from '../text/edits.js';
import type { LineIndex } from '../text/lines.js';

/**
 * The driver without the builder build, the extraction and its clean-up, and with the builder's
 * build args carried onto the one remaining `docker build`. Lines restage does not remove stay byte for byte.
 */
export function rewriteDriver(plan: BuildPlan): string {
  const { text, lines, units } = plan.driver;
  const removed = new Set(plan.removedUnits);
  const edits: TextEdit[] = [];
  const removedLines = new Set<number>();

  // A loop or function whose body loses every statement goes whole (`do done` and `f() { }` are syntax
  // errors), and so does the function's call.
  const blocks = new Map<number, { block: NonNullable<Unit['block']>; members: Unit[] }>();
  for (const u of units) if (u.block) blocks.set(u.block.id, { block: u.block, members: [...(blocks.get(u.block.id)?.members ?? []), u] });
  const emptiedBlocks = new Set<number>();
  // A call removed with its function's body is a member of the calling function's block: repeat until
  // no more blocks empty (`main` loses `build` when `build` loses its body).
  for (let more = true; more;) {
    more = false;
    for (const [id, { block, members }] of blocks) {
      if (emptiedBlocks.has(id) || !members.every((u) => removed.has(u))) continue;
      emptiedBlocks.add(id);
      more = true;
      if (block.call) removed.add(block.call);
      const whole = wholeLines(text, lines, block.start, block.end);
      if (whole) for (let l = whole.first; l <= whole.last; l++) removedLines.add(l);
      else edits.push({ start: block.start, end: swallowSemicolon(text, block.end), text: '' });
    }
  }

  for (const w of plan.driver.whenEmptied ?? []) if (w.units.length > 0 && w.units.every((u) => removed.has(u))) edits.push(w.fix);

  const groups = new Map<number, Unit[]>();
  for (const u of units) if (!(u.block && emptiedBlocks.has(u.block.id))) groups.set(u.group, [...(groups.get(u.group) ?? []), u]);
  for (const members of groups.values()) {
    const gone = members.filter((u) => removed.has(u));
    if (gone.length === 0) continue;
    const first = members[0]!;
    if (gone.length === members.length) {
      const whole = wholeLines(text, lines, first.groupStart, first.groupEnd);
      if (whole) for (let l = whole.first; l <= whole.last; l++) removedLines.add(l);
      else edits.push({ start: first.groupStart, end: swallowSemicolon(text, first.groupEnd), text: '' });
      continue;
    }
    // Part of an `a && b` chain: each run of removed units goes with the operator that joined it.
    for (let i = 0; i < members.length;) {
      if (!removed.has(members[i]!)) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < members.length && removed.has(members[j + 1]!)) j++;
      const next = members[j + 1];
      const prev = members[i - 1];
      if (prev) edits.push({ start: prev.end, end: members[j]!.end, text: '' });
      else if (next) edits.push({ start: members[i]!.start, end: next.start, text: '' });
      i = j + 1;
    }
  }

  // Statements removed one by one (`a; b; c`) can empty a line that no unit fills alone: it goes whole.
  for (const l of emptiedLines(text, lines, edits)) removedLines.add(l);

  // A blank line that only separated removed blocks would leave a double blank line.
  const total = lines.lineCount;
  const lineText = (l: number) => text.slice(lines.offsetOf(l - 1, 0), lines.lineEndInclusive(lines.offsetOf(l - 1, 0))).replace(/\r?\n$/, '');
  const isBlank = (l: number) => lineText(l).trim() === '';
  for (let l = 1; l <= total; l++) {
    if (removedLines.has(l) || !isBlank(l) || !removedLines.has(l - 1)) continue;
    let p = l - 1;
    while (p >= 1 && removedLines.has(p)) p--;
    let n = l + 1;
    while (n <= total && removedLines.has(n)) n++;
    const atEnd = n > total || (n === total && lineText(n) === '');
    if (p < 1 || isBlank(p) || atEnd) removedLines.add(l);
  }
  for (const l of removedLines) {
    const start = lines.offsetOf(l - 1, 0);
    edits.push({ start, end: lines.lineEndInclusive(start), text: '' });
  }

  const syntax = plan.driver.wordSyntax;
  const insertion = (at: number, pieces: string[]): TextEdit => ({ start: at, end: at, text: syntax ? syntax.insert(at, pieces) : ` ${pieces.join(' ')}` });
  // A builder image still used later is built from the merged file, stopping at its stage.
  for (const { build, stageName, dockerfile } of plan.keptBuilderBuilds) {
    const merged = path.relative(build.cwd || '.', dockerfile);
    const inserts: string[] = [];
    if (build.fileWord) {
      const raw = build.fileWord.raw;
      const prefix = raw.startsWith('-') ? raw.slice(0, raw.includes('=') ? raw.indexOf('=') + 1 : 2) : '';
      edits.push({ start: build.fileWord.start, end: build.fileWord.end, text: syntax ? syntax.replace(build.fileWord, merged) : prefix + shellWord(merged) });
    } else inserts.push(`-f ${shellWord(merged)}`);
    if (!build.targetWord) inserts.push(`--target ${stageName}`);
    // The merged file's builder stage reads its sources rebased onto the runtime build's context
    // (`ADD config` became `ADD sub/config`): the kept build must send that context, not its old one.
    const runtime = plan.runtimes.find((r) => r.finalDockerfile.path === dockerfile);
    const step = plan.driver.steps[build.step];
    const contextWord = step?.kind === 'docker' && step.parsed.ok && step.parsed.invocation.kind === 'build' ? step.parsed.invocation.context : null;
    if (runtime && runtime.final.context !== build.context && contextWord) {
      const rel = path.relative(build.cwd || '.', runtime.final.context || '.') || '.';
      edits.push({ start: contextWord.start, end: contextWord.end, text: syntax ? syntax.replace(contextWord, rel) : shellWord(rel) });
    }
    if (inserts.length > 0) edits.push(insertion(build.subcommandEnd, inserts));
    for (const f of plan.driver.fixes) if (f.start >= build.unit.start && f.end <= build.unit.end) edits.push(f);
  }

  for (const { final, carriedWords } of plan.runtimes) {
    if (carriedWords.length > 0) edits.push(insertion(final.subcommandEnd, carriedWords));
    // The command restage rewrites gets its broken continuations mended (see continuation-trailing-space).
    for (const f of plan.driver.fixes) if (f.start >= final.unit.start && f.end <= final.unit.end) edits.push(f);
  }
  return applyEdits(text, mergeAdjacent(edits));
}

/** The 1-based line range a span fills alone (nothing but blanks, `;` or a comment around it), or null. */
function wholeLines(text: string, lines: LineIndex, start: number, end: number): { first: number; last: number } | null {
  const ls = lines.lineStart(start);
  if (text.slice(ls, start).trim() !== '') return null;
  const le = lines.lineEndInclusive(Math.max(start, end - 1));
  if (!/^[ \t;]*(#.*)?\r?\n?$/.test(text.slice(end, le))) return null;
  return { first: lines.position(start).line, last: lines.position(Math.max(start, end - 1)).line };
}

/**
 * Lines whose every non-blank character a removal covers, with nothing written into them, when every
 * removal touching the line lies inside it (one that crosses a line end, as in an embedded script, already
 * says where the line break goes).
 */
function emptiedLines(text: string, lines: LineIndex, edits: TextEdit[]): number[] {
  const cuts = edits.filter((e) => e.text === '' && e.end > e.start);
  const candidates = new Set(cuts.map((c) => lines.position(c.start).line));
  const out: number[] = [];
  for (const l of candidates) {
    const ls = lines.offsetOf(l - 1, 0);
    const le = lines.lineEndInclusive(ls);
    if (edits.some((e) => e.start < le && e.end > ls && (e.text !== '' || e.start < ls || e.end > le))) continue;
    let content = false;
    let covered = true;
    for (let i = ls; i < le && covered; i++) {
      if (/\s/.test(text[i]!)) continue;
      content = true;
      covered = cuts.some((c) => c.start <= i && i < c.end);
    }
    if (content && covered) out.push(l);
  }
  return out;
}

function swallowSemicolon(text: string, end: number): number {
  const m = /^[ \t]*;[ \t]*/.exec(text.slice(end));
  return m ? end + m[0].length : end;
}

/** Line removals and span removals can touch; merge overlaps so the splice stays well-defined. */
function mergeAdjacent(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out.at(-1);
    if (last && e.start < last.end && last.text === '' && e.text === '') last.end = Math.max(last.end, e.end);
    else out.push({ ...e });
  }
  return out;
}

function shellWord(s: string): string {
  return /^[A-Za-z0-9_./@:+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
