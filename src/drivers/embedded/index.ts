import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { LineIndex } from '../../text/lines.js';
import { parseDockerCommand, type Arg } from '../docker-cli.js';
import { extractShell } from '../sh/index.js';
import { CONTAINER_ID_TOKEN, containerIdToken, type DriverAnalysis, type DriverStep, type TextFix, type Unit } from '../steps.js';
import { escapedWordSyntax, type EscapedSpan } from './word-syntax.js';
import { withClient } from '../../text/client-names.js';
import type { Value } from '../../shell/evaluate.js';

/**
 * A shell script held inside another file (a package.json script, a CI `run:` block): the text the shell
 * receives, and for each of its UTF-16 units the span of the file it was decoded from, so that every step
 * the sh driver finds maps back onto the file and a splice lands inside the string or block it came from.
 */
export interface EmbeddedScript {
  text: string;
  starts: number[];
  ends: number[];
  /** Repo-relative directory the script runs from; null when restage cannot know it. */
  cwd: string | null;
  /** How inserted words are escaped in the parts of the file the script is written in (default: as is). */
  spans?: EscapedSpan[];
  /** The file span of the one statement group all of the script's units belong to, if any. */
  group?: { start: number; end: number };
  /**
   * Parts of the script the file holds as removable pieces (YAML list items with their dash): `from`/`to`
   * in the script's text, `start`/`end` in the file. A statement group that fills a piece is widened to it,
   * so that removing the group removes the item rather than leaving an empty one.
   */
  pieces?: { from: number; to: number; start: number; end: number }[];
  /** The variables the script's shell starts with (a CI file's `env:`/`variables:`). */
  environment?: ReadonlyMap<string, Value>;
}

/**
 * Docker commands that build images or create, copy from or remove containers: a script holding one
 * that restage cannot place in order takes part in a setup it cannot follow.
 */
export const TAKES_PART = withClient(String.raw`\bCLIENT\s+((container|image|builder)\s+)?(create|cp|build|rm)\b`);

/** Something in the file restage does not follow, carried to the planner as an opaque step. */
export interface EmbeddedOpaque {
  start: number;
  end: number;
  nodeType: string;
  text: string;
  /** See the opaque DriverStep's `action`. */
  action?: string;
}

/**
 * The driver analysis of a file holding shell scripts. `order`: 'file' when they run in the order the
 * file holds them (CI steps), 'given' when the caller knows better (package.json: the setup script first);
 * opaque pieces then come last.
 */
export async function extractEmbedded(
  relPath: string,
  fileText: string,
  scripts: EmbeddedScript[],
  opaque: EmbeddedOpaque[],
  order: 'file' | 'given',
): Promise<DriverAnalysis> {
  const lines = new LineIndex(fileText);
  const steps: DriverStep[] = [];
  const units: Unit[] = [];
  const fixes: TextFix[] = [];
  const diagnostics: Diagnostic[] = [];
  let unreadable = false;
  let groups = 0;
  type Placed = { at: number; steps: DriverStep[]; units: Unit[] };
  const placed: Placed[] = [];
  const opaquePlaced = opaque.map((o): Placed => {
    const unit: Unit = { start: o.start, end: o.end, group: 0, groupStart: o.start, groupEnd: o.end };
    return {
      at: order === 'file' ? o.start : Infinity,
      steps: [{ kind: 'opaque', unit, nodeType: o.nodeType, text: o.text, ...(o.action === undefined ? {} : { action: o.action }) }],
      units: [unit],
    };
  });
  for (const script of scripts) {
    const got = await embedScript(relPath, fileText, lines, script, groups);
    diagnostics.push(...got.diagnostics);
    fixes.push(...got.fixes);
    if (got.unreadable) {
      unreadable = true;
      continue;
    }
    groups = Math.max(groups, ...got.units.map((u) => u.group));
    placed.push({ at: order === 'file' ? (script.starts[0] ?? 0) : placed.length, steps: got.steps, units: got.units });
  }
  placed.push(...opaquePlaced);
  placed.sort((a, b) => a.at - b.at);
  for (const p of placed) {
    for (const un of p.units) if (un.group === 0) un.group = ++groups;
    steps.push(...placedAfter(p.steps, steps.length));
    units.push(...p.units);
  }
  const spans = scripts.flatMap((s) => s.spans ?? [{ start: s.starts[0] ?? 0, end: s.ends.at(-1) ?? 0, style: 'verbatim', escape: (t: string) => t }]);
  return { path: relPath, text: fileText, lines, steps, units, fixes, diagnostics, unreadable, wordSyntax: escapedWordSyntax(fileText, steps, spans) };
}

/**
 * One embedded script's steps with file offsets; its groups are numbered after `groupBase`, and a
 * container id it captures names its step as the `stepBase`-th and later of the file. With
 * `script.group`, all its units form that one group (a JS statement: removing every unit removes it).
 */
export async function embedScript(
  relPath: string,
  fileText: string,
  lines: LineIndex,
  script: EmbeddedScript,
  groupBase: number,
  stepBase = 0,
): Promise<Pick<DriverAnalysis, 'steps' | 'units' | 'fixes' | 'diagnostics' | 'unreadable'>> {
  const diagnostics: Diagnostic[] = [];
  {
    const inner = await extractShell(relPath, script.text, script.cwd ?? '', stepBase, script.environment);
    const map = offsetMapper(script, fileText.length);
    const scriptLines = new LineIndex(script.text);
    for (const d of inner.diagnostics) {
      const p = lines.position(map.start(scriptLines.offsetOf(d.line - 1, d.col - 1)));
      diagnostics.push({ ...d, line: p.line, col: p.col });
    }
    if (inner.unreadable) return { steps: [], units: [], fixes: [], diagnostics, unreadable: true };
    const unitOf = new Map<Unit, Unit>();
    for (const u of inner.units) {
      const mapped: Unit = script.group
        ? { start: map.start(u.start), end: map.end(u.end), group: groupBase + 1, groupStart: script.group.start, groupEnd: script.group.end }
        : { start: map.start(u.start), end: map.end(u.end), group: groupBase + u.group, groupStart: map.start(u.groupStart), groupEnd: map.end(u.groupEnd) };
      const blanks = /^\s*$/;
      const piece = script.pieces?.find(
        (p) =>
          p.from <= u.groupStart &&
          u.groupEnd <= p.to &&
          blanks.test(script.text.slice(p.from, u.groupStart)) &&
          blanks.test(script.text.slice(u.groupEnd, p.to)),
      );
      if (piece) {
        mapped.groupStart = piece.start;
        mapped.groupEnd = piece.end;
      }
      unitOf.set(u, mapped);
    }
    // Loop and function blocks (shared by their units): mapped once each, with ids unique in the file
    // (each script's group numbers are its own, so they make the id's high part).
    const blockOf = new Map<NonNullable<Unit['block']>, NonNullable<Unit['block']>>();
    for (const [u, mapped] of unitOf) {
      const b = u.block;
      if (!b) continue;
      let mb = blockOf.get(b);
      if (!mb) {
        mb = {
          kind: b.kind,
          id: (groupBase + 1) * 1000 + b.id,
          start: map.start(b.start),
          end: map.end(b.end),
          ...(b.call ? { call: unitOf.get(b.call) ?? b.call } : {}),
        };
        blockOf.set(b, mb);
      }
      mapped.block = mb;
    }
    const arg = (a: Arg): Arg => {
      const start = map.start(a.start);
      const end = map.end(a.end);
      return { ...a, start, end, raw: fileText.slice(start, end) };
    };
    // Steps without a unit of their own (none today) would get a fresh one rather than a shared object.
    const u = (x: Unit) => unitOf.get(x) ?? { ...x, start: map.start(x.start), end: map.end(x.end) };
    const mappedSteps = inner.steps.map((s): DriverStep => {
      if (s.kind === 'opaque') return { ...s, unit: u(s.unit) };
      const args = s.args.map(arg);
      const stdoutTo = s.stdoutTo ? arg(s.stdoutTo) : null;
      if (s.kind === 'host') return { ...s, unit: u(s.unit), args, stdoutTo, cwd: script.cwd === null ? null : s.cwd };
      // The docker invocation holds its own copies of the args: parse again over the mapped ones.
      return {
        ...s,
        unit: u(s.unit),
        args,
        stdoutTo,
        parsed: parseDockerCommand(args),
        ...(s.pipeTo ? { pipeTo: s.pipeTo.map(arg) } : {}),
        cwd: script.cwd === null ? null : s.cwd,
      };
    });
    const fixes = inner.fixes.map((f) => ({ start: map.start(f.start), end: map.end(f.end), text: f.text }));
    return { steps: mappedSteps, units: [...unitOf.values()], fixes, diagnostics, unreadable: false };
  }
}

/**
 * One script's steps placed after `base` steps of the file's other scripts: a container id captured in
 * it (`id=$(docker create …)`) stands for its create step by the index that step has in the file, not
 * in the script (a CI step's `docker cp "$id":…` named another step of the workflow).
 */
function placedAfter(steps: DriverStep[], base: number): DriverStep[] {
  if (base === 0) return steps;
  const ids = new RegExp(CONTAINER_ID_TOKEN.source, 'g');
  const shift = (a: Arg): Arg => ({ ...a, text: a.text.replace(ids, (_m, n: string) => containerIdToken(Number(n) + base)) });
  return steps.map((s): DriverStep => {
    if (s.kind === 'opaque') return s;
    const args = s.args.map(shift);
    const stdoutTo = s.stdoutTo ? shift(s.stdoutTo) : null;
    if (s.kind === 'host') return { ...s, args, stdoutTo };
    return { ...s, args, stdoutTo, parsed: parseDockerCommand(args), ...(s.pipeTo ? { pipeTo: s.pipeTo.map(shift) } : {}) };
  });
}

function offsetMapper(script: EmbeddedScript, fileEnd: number): { start(e: number): number; end(e: number): number } {
  const { starts, ends } = script;
  const last = ends.length > 0 ? ends[ends.length - 1]! : fileEnd;
  return {
    start: (e) => (e < starts.length ? starts[e]! : last),
    end: (e) => (e > 0 ? ends[Math.min(e, ends.length) - 1]! : (starts[0] ?? last)),
  };
}
