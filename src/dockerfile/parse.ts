import type { Instruction } from 'dockerfile-ast';
import { LineIndex } from '../text/lines.js';
import { exactArray } from '../text/exact-array.js';
import { requirePackage } from '../packages/require-package.js';

/** Loaded on first use: a pre-commit run that plans nothing never pays for the parser's import. */
let parser: typeof import('dockerfile-ast').DockerfileParser | undefined;
function dockerfileParser(): typeof import('dockerfile-ast').DockerfileParser {
  parser ??= loadDockerfileAst().DockerfileParser;
  return parser;
}

/**
 * dockerfile-ast, with each instruction's argument scan done once. The library rescans an instruction's
 * text on every getArguments() (a JSON-form instruction's constructor alone does it four times, and
 * dockerfile-utils' validation again for each check): that was a third of the time restage spent on
 * 10,000 Dockerfiles. An instruction's text never changes after parsing, so the scan is kept per
 * instance; callers get a copy, since ModifiableInstruction.getArguments() shifts the flags off the array
 * it is given. dockerfile-utils requires the same module, so its validation shares the memo: load this first.
 */
const SCANNED = Symbol("restage: the instruction's arguments, scanned once");
interface Scanned {
  [SCANNED]?: unknown[];
}

export function loadDockerfileAst(): typeof import('dockerfile-ast') {
  const ast = requirePackage('dockerfile-ast') as typeof import('dockerfile-ast');
  // getRawArguments is private in the typings: the prototype is reached as a plain record of methods.
  const proto = ast.Instruction.prototype as unknown as { getRawArguments(this: Scanned): unknown[]; restageMemo?: true };
  if (!proto.restageMemo) {
    const scan = proto.getRawArguments;
    proto.getRawArguments = function (this: Scanned) {
      this[SCANNED] ??= scan.call(this);
      return this[SCANNED].slice();
    };
    proto.restageMemo = true;
  }
  return ast;
}

/** A piece of Dockerfile text with its offsets in the file. */
interface Piece {
  value: string;
  start: number;
  end: number;
}

export interface DfInstruction {
  keyword: string;
  /** How the keyword is written (`FROM`, `from`), for casing what restage adds. */
  keywordText: string;
  start: number;
  end: number;
  args: Piece[];
  flags: { name: string; value: string | null; start: number; end: number }[];
}

export interface CopyInstruction extends DfInstruction {
  sources: Piece[];
  dest: Piece | null;
  /** JSON form, heredoc or otherwise not a plain list of paths. */
  unusualForm: string | null;
}

export interface Stage {
  index: number;
  name: string | null;
  from: DfInstruction;
  image: Piece;
  instructions: DfInstruction[];
}

export interface DockerfileModel {
  path: string;
  text: string;
  lines: LineIndex;
  directives: { name: string; value: string; start: number; end: number }[];
  globalArgs: { name: string; defaultValue: string | null; instruction: DfInstruction }[];
  stages: Stage[];
}

export function parseDockerfile(path: string, text: string): DockerfileModel {
  const lines = new LineIndex(text);
  const df = dockerfileParser().parse(text);
  const off = (p: { line: number; character: number }) => lines.offsetOf(p.line, p.character);
  const directives = df.getDirectives().map((d) => {
    const r = d.getRange();
    const start = off(r.start);
    const end = off(r.end);
    // The value as BuildKit reads it (all after '=', trimmed): dockerfile-ast stops at a space, so
    // `# escape=` x` would read as a backtick where Docker sees an invalid escape token.
    const raw = /^#[ \t]*[a-zA-Z][a-zA-Z0-9]*[ \t]*=[ \t]*(.+?)[ \t]*$/.exec(text.slice(start, end).replace(/\r$/, ''));
    return { name: d.getName().toLowerCase(), value: raw?.[1] ?? d.getValue(), start, end };
  });
  const globalArgs: DockerfileModel['globalArgs'] = [];
  const stages: Stage[] = [];
  for (const ins of df.getInstructions()) {
    const model = toInstruction(ins, off);
    if (model.keyword === 'FROM') {
      const args = model.args;
      const image = args[0] ?? { value: '', start: model.end, end: model.end };
      const name = args.length >= 3 && args[1]!.value.toLowerCase() === 'as' ? args[2]!.value : null;
      stages.push({ index: stages.length, name, from: model, image, instructions: [] });
    } else if (stages.length === 0) {
      if (model.keyword === 'ARG') {
        for (const a of model.args) {
          const eq = a.value.indexOf('=');
          globalArgs.push({ name: eq < 0 ? a.value : a.value.slice(0, eq), defaultValue: eq < 0 ? null : a.value.slice(eq + 1), instruction: model });
        }
      }
    } else {
      stages[stages.length - 1]!.instructions.push(model);
    }
  }
  for (const s of stages) s.instructions = exactArray(s.instructions);
  return { path, text, lines, directives, globalArgs, stages: exactArray(stages) };
}

function toInstruction(ins: Instruction, off: (p: { line: number; character: number }) => number): DfInstruction {
  const r = ins.getRange();
  const withFlags = ins as Instruction & { getFlags?: () => import('dockerfile-ast').Flag[] };
  const flags = (withFlags.getFlags ? withFlags.getFlags() : []).map((f) => ({
    name: f.getName(),
    value: f.getValue(),
    start: off(f.getRange().start),
    end: off(f.getRange().end),
  }));
  return {
    keyword: ins.getKeyword().toUpperCase(),
    keywordText: ins.getInstruction(),
    start: off(r.start),
    end: off(r.end),
    args: ins.getArguments().map((a) => ({ value: a.getValue(), start: off(a.getRange().start), end: off(a.getRange().end) })),
    flags,
  };
}

/** COPY/ADD view of an instruction: which words are sources and which is the destination. */
export function asCopy(ins: DfInstruction, text: string): CopyInstruction | null {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return null;
  const raw = text.slice(ins.args[0]?.start ?? ins.end, ins.end).trim();
  let unusualForm: string | null = null;
  if (raw.startsWith('[')) {
    // `COPY ["bin/app", "/usr/local/bin/app"]` of plain paths is the list `COPY bin/app /usr/local/bin/app` is.
    const plain = plainJsonWords(text, ins.args[0]?.start ?? ins.end, ins.end);
    if (plain) return { ...ins, args: plain, sources: plain.slice(0, -1), dest: plain.at(-1) ?? null, unusualForm: null };
    // Docker reads a list that is not a JSON array of strings (`COPY [Bb]in/app /x`) as shell form.
    if (jsonStrings(raw) !== null) unusualForm = 'JSON form';
  } else if (ins.args.some((a) => a.value.startsWith('<<'))) unusualForm = 'heredoc';
  const sources = ins.args.slice(0, -1);
  const dest = ins.args.at(-1) ?? null;
  return { ...ins, sources, dest, unusualForm };
}

/**
 * The words of a JSON-form list whose strings hold no blank, quote, backslash or `$` (what a shell-form
 * word would have to quote or escape), each at the offsets of its text inside the quotes, so an edit of
 * a word keeps the list valid JSON. Null for any other list, and for fewer than two words.
 */
function plainJsonWords(text: string, start: number, end: number): Piece[] | null {
  const raw = text.slice(start, end);
  const m = /^\s*\[((?:\s*"[^"\\\s$]+"\s*,)*\s*"[^"\\\s$]+"\s*)\]\s*$/.exec(raw);
  if (!m) return null;
  const words: Piece[] = [];
  for (const q of raw.matchAll(/"([^"]*)"/g)) words.push({ value: q[1]!, start: start + q.index + 1, end: start + q.index + 1 + q[1]!.length });
  return words.length >= 2 ? words : null;
}

/** The strings of a JSON array of strings, or null for any other text (Docker then reads it as shell form). */
function jsonStrings(raw: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(raw.trim());
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? (parsed as string[]) : null;
  } catch {
    return null;
  }
}

/** The sources of a JSON-form COPY/ADD (`COPY ["a b", "/dst/"]`), by JSON's rules; none when it is not valid JSON (Docker then reads it as shell form). */
export function jsonCopySources(raw: string): string[] {
  // Not a JSON array of strings: Docker reads it as a shell-form list, which asCopy already split.
  return jsonStrings(raw)?.slice(0, -1) ?? [];
}
