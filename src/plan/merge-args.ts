import buildArgConflict from '../../rules/build-arg-conflict.js';
import globalArgConflict from '../../rules/global-arg-conflict.js';
import unresolvedValue from '../../rules/unresolved-value.js';
import type { DockerfileModel } from '../dockerfile/parse.js';
import type { MergeInput } from './merge.js';
import type { ImageBuild, RuntimeMerge } from './model.js';
import type { Value } from '../shell/evaluate.js';
import { edgeOr, wordIndexes } from '../text/regexp.js';

/** Build args every stage sees without an ARG; they never reach the image, so carrying them is safe. */
const PREDEFINED_ARGS = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((n) => [n, n.toLowerCase()]));

type Builder = RuntimeMerge['builders'][number];

/** The merged file's ARG names: which a builder may rename, and what each file's name became. */
export interface MergeArgs {
  renameArg(b: Builder, name: string): boolean;
  declared(d: DockerfileModel): Set<string>;
  runtimeDeclared: Set<string>;
  /** A stage's own `ARG NAME` inherits the global default: a global hoisted from the other file would give it one. */
  refuseHoistedGlobals(): void;
}

const stageDeclared = (d: DockerfileModel) =>
  new Set(d.stages.flatMap((st) => st.instructions.filter((i) => i.keyword === 'ARG').flatMap((i) => i.args.map((a) => a.value.split('=')[0]!))));
const declared = (d: DockerfileModel) => new Set([...d.globalArgs.map((g) => g.name), ...stageDeclared(d)]);

/**
 * Global ARGs become shared by every stage's FROM; one name must keep one default. A builder's global
 * ARG that only its FROM lines read can take another name in the merged file (with the driver's
 * --build-arg for it), so that the runtime file's ARG of that name stays its own.
 */
export function mergeArgs(m: MergeInput, builders: Builder[], all: DockerfileModel[]): MergeArgs {
  const allArgNames = new Set(all.flatMap((d) => [...d.globalArgs.map((g) => g.name), ...stageDeclared(d)]));
  const renameArg = (b: Builder, name: string): boolean => {
    if (!b.dockerfile.globalArgs.some((g) => g.name === name) || stageDeclared(b.dockerfile).has(name)) return false;
    if (!b.argRenames.has(name)) {
      const base = `${name}_${b.stageName.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
      let candidate = base;
      for (let n = 2; allArgNames.has(candidate); n++) candidate = `${base}_${n}`;
      allArgNames.add(candidate);
      b.argRenames.set(name, candidate);
    }
    return true;
  };
  const argName = (d: DockerfileModel, name: string) => builders.find((b) => b.dockerfile === d)?.argRenames.get(name) ?? name;
  const globals = new Map<string, string | null>();
  for (const d of [m.runtimeDf, ...builders.map((b) => b.dockerfile)]) {
    const b = builders.find((x) => x.dockerfile === d);
    for (const g of d.globalArgs) {
      const clash = globals.has(argName(d, g.name)) && globals.get(argName(d, g.name)) !== g.defaultValue;
      if (clash && !(b && renameArg(b, g.name))) m.diagnostics.push(globalArgConflict.report(m.inDockerfile(d, g.instruction.start), { name: g.name }));
      globals.set(argName(d, g.name), g.defaultValue);
    }
  }
  const refuseHoistedGlobals = () => {
    for (const d of all) {
      const stageArgs = stageDeclared(d);
      for (const other of all) {
        if (other === d) continue;
        for (const g of other.globalArgs) {
          const own = d.globalArgs.find((x) => argName(d, x.name) === argName(other, g.name));
          if (stageArgs.has(argName(other, g.name)) && (!own || own.defaultValue !== g.defaultValue))
            m.diagnostics.push(globalArgConflict.report(m.inDockerfile(other, g.instruction.start), { name: g.name }));
        }
      }
    }
  };
  return { renameArg, declared, runtimeDeclared: declared(m.runtimeDf), refuseHoistedGlobals };
}

/**
 * What a carried word can read, each with the names a step's `vars` snapshot holds it by. A make
 * reference is also held by itself (a make step's snapshot holds a target-specific variable so), make's
 * automatic variables by `$@` (also `$(@D)`), the script's arguments by `$1`, `$#` (`$@`, `$*` above).
 */
const READS: ReadonlyArray<readonly [RegExp, (m: RegExpMatchArray) => string[]]> = [
  [/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g, (m) => [m[1]!]], // $VERSION, ${VERSION}
  [/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m) => [m[1]!, `$(${m[1]!})`]], // make's $(VERSION)
  [/\$[({]?([@<^+|*?])/g, (m) => [`$${m[1]!}`]], // make's $@, $(<D)
  [/\$(?:\{([0-9]+|#)\}|([0-9#]))/g, (m) => [`$${m[1] ?? m[2]!}`]], // $1, ${12}, $#
];

/** `--build-arg NAME`, `-e NAME`: a bare name, read from the environment. */
const BARE_NAME = /^(?:--build-arg(?:=|\s+))?["']?([A-Za-z_][A-Za-z0-9_]*)["']?$/;

/** The variables a carried word reads, in the order it reads them. */
function readNames(word: string): string[] {
  const reads = READS.flatMap(([pattern, names]) => [...word.matchAll(pattern)].map((m) => ({ at: m.index, names: names(m) })));
  const names = reads.sort((a, b) => a.at - b.at).flatMap((r) => r.names);
  const bare = BARE_NAME.exec(word);
  return bare ? [...names, bare[1]!] : names;
}

/**
 * Why a word the driver wrote at one docker step (`from`, a step index, ending at `fromEnd`) would read
 * another value at the runtime build, where the merged build reads it; null when it reads the same.
 * Either the driver assigns a variable it reads again in between, or the variable belongs to the first
 * step's shell: a make recipe line, a CI `run:` and a JS exec call each run in a shell of their own, and
 * a function's `local` ends with the function, so `V=$(cat VERSION); docker build --build-arg V=$V …` on
 * one line leaves the runtime build's line with another $V.
 */
function carriedValueMoves(m: MergeInput, word: string, from: number, fromEnd: number): string | null {
  const names = readNames(word);
  const between = m.driver.text.slice(fromEnd, m.runtime.unit.start);
  const assigned = names.find((n) => (POSITIONAL.test(n) ? ARGUMENTS_CHANGE : n.startsWith('$') ? null : assignment(n))?.test(between));
  if (assigned !== undefined)
    return POSITIONAL.test(assigned)
      ? `the driver changes the script's arguments (${assigned}) with shift or set before the runtime build, where the merged build would read them, so the build step would get the later value`
      : `the driver assigns $${assigned} again before the runtime build, where the merged build would read it, so the build step would get the later value`;
  const there = varsAt(m, from);
  const here = varsAt(m, m.runtime.step);
  const moved = there && here ? names.find((n) => !sameValue(there.get(n), here.get(n))) : undefined;
  if (moved === undefined) return null;
  const [a, b] = [there!.get(moved), here!.get(moved)];
  // A make step's snapshot gives every recipe's target-specific variables a scope, or none of them.
  const why = /^\$[@<^+|*?]$/.test(moved)
    ? "make sets the automatic variables ($@, $<, $^ …) for each rule's recipe"
    : a?.scope !== undefined
      ? "make sets a target-specific variable in that target's recipes and in what it builds for it"
      : "a make recipe line, a CI step and a JS exec call each run in a new shell; a function's local variable ends with the function";
  return `${moved.startsWith('$') ? moved : `$${moved}`} is ${describeValue(a)} at this docker command but ${describeValue(b)} at the runtime build, where the merged build reads it (${why})`;
}

function varsAt(m: MergeInput, step: number): ReadonlyMap<string, Value> | undefined {
  const s = m.driver.steps[step];
  return s?.kind === 'docker' ? s.vars : undefined;
}

const sameValue = (a: Value | undefined, b: Value | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.text === b.text && a.isStatic === b.isStatic && a.scope === b.scope);

const describeValue = (v: Value | undefined) =>
  v === undefined ? "the environment's" : v.scope !== undefined ? `target ${v.scope}'s ${v.text}` : v.isStatic ? JSON.stringify(v.text) : v.text;

/** A script argument as readNames gives it: `$1`, `$#`, `$@`, `$*`. */
const POSITIONAL = /^\$([0-9]+|[#@*])$/;

/** `shift`, `set -- …`, `set a b`: what changes the script's arguments (`set -e`, `set +x` do not). */
const ARGUMENTS_CHANGE = /(^|[\s;&|(])(shift\b|set\s+(--|[^\s+-]))/;

/** `NAME=`, `NAME+=`, `export NAME=`, `read … NAME`, `for NAME in`, `unset NAME`, `getopts … NAME`. */
const assignment = (n: string) =>
  new RegExp(`(^|[\\s;&|(])((export|local|readonly|declare|typeset)\\s+(-\\w+\\s+)*)?${n}\\+?=|\\b(read|unset|getopts)\\b[^\\n;]*\\s${n}\\b|\\bfor\\s+${n}\\b`);

/**
 * Whether the builder build's `--build-arg` can be written onto the runtime build as it stands; reports
 * why not. Its value must be the same there (carriedValueMoves), and a JS driver's words are literals:
 * restage writes a carried word as sh words inside one, which keeps a static value and nothing else
 * (`V="$V"` became the text '\"$V\"', a template's `${version}` a name out of scope).
 */
function mayCarry(m: MergeInput, a: ImageBuild['buildArgs'][number], build: ImageBuild): boolean {
  const at = m.inDriver(a.args[0]!.start);
  // Read as written and as evaluated: make's `$(ARGS)` may hold `--build-arg V=$(V)`.
  const moves = carriedValueMoves(m, [a.raw, ...a.args.filter((x) => !x.isStatic).map((x) => x.text)].join(' '), build.step, build.unit.end);
  if (moves !== null) m.diagnostics.push(buildArgConflict.report(at, { name: a.name, detail: moves }));
  else if (m.driver.wordSyntax?.staticOnly && a.args.some((x) => !x.isStatic))
    m.diagnostics.push(
      unresolvedValue.report(at, { what: `the --build-arg ${a.name} value of`, raw: 'this docker build (restage carries such values as shell words only)' }),
    );
  else return true;
  return false;
}

/** Build args: the merged build passes both builds' args to every stage. Returns the words it adds. */
export function carriedBuildArgs(m: MergeInput, builders: Builder[], args: MergeArgs): string[] {
  const { runtime, diagnostics } = m;
  const carriedWords: string[] = [];
  const runtimeValue = new Map(runtime.buildArgs.map((a) => [a.name, a.value]));
  for (const b of builders) {
    const builderDeclared = args.declared(b.dockerfile);
    for (const a of b.build.buildArgs) {
      const same = runtimeValue.get(a.name);
      const conflict =
        same !== undefined
          ? same !== a.value
            ? 'the two builds pass different values'
            : null
          : args.runtimeDeclared.has(a.name) && !PREDEFINED_ARGS.has(a.name)
            ? 'only the builder build passes it, but the runtime Dockerfile declares it too'
            : null;
      if (b.argRenames.has(a.name) || (conflict !== null && args.renameArg(b, a.name))) {
        const word = renamedBuildArg(a, b.argRenames.get(a.name)!);
        if (word === null)
          diagnostics.push(
            buildArgConflict.report(m.inDriver(a.args[0]!.start), {
              name: a.name,
              detail: `the builder's ARG becomes ${b.argRenames.get(a.name)!} in the merged file, and restage cannot rewrite this --build-arg word for it`,
            }),
          );
        else if (mayCarry(m, a, b.build) && !carriedWords.includes(word)) carriedWords.push(word);
      } else if (conflict !== null) diagnostics.push(buildArgConflict.report(m.inDriver(a.args[0]!.start), { name: a.name, detail: conflict }));
      else if (same === undefined && mayCarry(m, a, b.build) && !carriedWords.includes(a.raw)) carriedWords.push(a.raw);
    }
    for (const a of runtime.buildArgs) {
      if (!b.build.buildArgs.some((x) => x.name === a.name) && builderDeclared.has(a.name) && !PREDEFINED_ARGS.has(a.name) && !args.renameArg(b, a.name)) {
        diagnostics.push(
          buildArgConflict.report(m.inDriver(a.args[0]!.start), {
            name: a.name,
            detail: 'only the runtime build passes it, but the builder Dockerfile declares it too',
          }),
        );
      }
    }
    if (b.build.noCache && !runtime.noCache && !carriedWords.includes('--no-cache')) carriedWords.push('--no-cache');
    if (b.build.pull && !runtime.pull && !carriedWords.includes('--pull')) carriedWords.push('--pull');
  }
  return carriedWords;
}

/**
 * Values only a run knows reach the merged build as --build-arg with the words the driver wrote:
 * `docker run -e CC=$(CC)` (an ARG of its stage) and `docker run "$GO_IMAGE"` (a global ARG of its
 * FROM). A name another build passes, or a Dockerfile declares where the ARG would reach, mixes values.
 */
export function carryRunValues(m: MergeInput, builders: Builder[], runStages: RuntimeMerge['runStages'], args: MergeArgs, carriedWords: string[]): void {
  const { runtime, diagnostics } = m;
  const passedElsewhere = (name: string) =>
    runtime.buildArgs.some((a) => a.name === name) || builders.some((b) => b.build.buildArgs.some((a) => a.name === name));
  const anyDeclares = (name: string) => [m.runtimeDf, ...builders.map((b) => b.dockerfile)].some((d) => args.declared(d).has(name));
  for (const r of runStages) {
    const at = m.inDriver(r.source.spec.image.start);
    const carried = [
      ...(r.source.builtOn ? [] : (r.source.spec.carriedImage?.args ?? [])).map((c) => ({
        ...c,
        what: 'the image of',
        clash: anyDeclares(c.name),
        detail: 'the docker run image is named through it, and a Dockerfile or another build uses the same name',
      })),
      ...r.source.spec.carriedEnv.map((c) => ({
        ...c,
        what: `the -e ${c.name} value of`,
        clash: args.runtimeDeclared.has(c.name),
        detail: 'docker run -e passes it to the build step, and another build or the runtime Dockerfile uses the same name',
      })),
    ];
    const runEnd = m.driver.steps[r.source.step]?.unit.end ?? r.source.spec.image.end;
    for (const c of carried) {
      const word = `--build-arg ${c.word}`;
      if (m.driver.wordSyntax)
        diagnostics.push(unresolvedValue.report(at, { what: c.what, raw: 'this docker run (restage carries such values as shell words only)' }));
      else if (c.clash || passedElsewhere(c.name)) diagnostics.push(buildArgConflict.report(at, { name: c.name, detail: c.detail }));
      else {
        const moves = carriedValueMoves(m, c.word, r.source.step, runEnd);
        if (moves !== null) diagnostics.push(buildArgConflict.report(at, { name: c.name, detail: moves }));
        else if (!carriedWords.includes(word)) carriedWords.push(word);
      }
    }
  }
}

/** The `--build-arg NAME=…` words as written with NAME replaced, or null when the name is not spelled out (`--build-arg NAME`). */
function renamedBuildArg(a: ImageBuild['buildArgs'][number], to: string): string | null {
  if (!a.value.startsWith(`${a.name}=`)) return null;
  const last = a.args.at(-1)!;
  const lastAt = a.raw.length - last.raw.length;
  const first = wordIndexes(last.raw, `${a.name}=`, edgeOr(/[="']/), () => true)[0];
  if (first === undefined) return null;
  const at = lastAt + first;
  return `${a.raw.slice(0, at)}${to}${a.raw.slice(at + a.name.length)}`;
}
