import unsupportedDriver from '../../../rules/unsupported-driver.js';
import path from 'node:path/posix';
import type { CallExpression, Expression, Node as TsNode, Statement, TaggedTemplateExpression } from 'ts-morph';
import driverParseError from '../../../rules/driver-parse-error.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { REPO_ROOT, REPO_ROOT_VARIABLE, underRoot, type Value } from '../../shell/evaluate.js';
import { LineIndex } from '../../text/lines.js';
import { parseDockerCommand, type Arg } from '../docker-cli.js';
import { embedScript } from '../embedded/index.js';
import { resolveHostPath } from '../../shell/host-path.js';
import { containerIdToken, ENGINE_API_STEP, type DriverAnalysis, type DriverStep, type TextFix, type Unit } from '../steps.js';
import { shellQuote } from '../embedded/word-syntax.js';
import type { MappedText } from '../../text/offsets.js';
import { append, cook, spanning } from './literals.js';
import { jsWordSyntax, type Literal } from './word-syntax.js';
import type { DriverRepo } from '../index.js';
import { invokedFrom } from '../invoked-from.js';
import { nodeModuleNames, nodePathValue, type NodeModuleNames, type ShellFunction } from './node-paths.js';
import { CLIENT_PROGRAM, MENTIONS_CLIENT, withClient } from '../../text/client-names.js';

type Morph = typeof import('ts-morph');

/** child_process functions that return after the command ran, with where their argv or command is. */
const SYNC_SHELL = new Set(['execSync', 'execaCommandSync']);
const SYNC_ARGV = new Set(['execFileSync', 'spawnSync', 'execaSync']);
const ASYNC_ARGV = new Set(['execa', 'execFile', 'spawn']);
const ASYNC_SHELL = new Set(['exec', 'execaCommand']);
const EXEC = new Set([...SYNC_SHELL, ...SYNC_ARGV, ...ASYNC_ARGV, ...ASYNC_SHELL, 'execFileAsync', 'execAsync', 'spawnAsync']);
const TEMPLATE_EXEC = new Set(['$', '$.sync', 'execa', 'execaSync']);
/** Options that change what the command does beyond where it runs and what it prints. */
// `silent` and `fatal` are shelljs's exec options: what it prints, and whether a failure throws.
const HARMLESS_OPTIONS = new Set(['stdio', 'encoding', 'maxBuffer', 'timeout', 'windowsHide', 'stdout', 'stderr', 'reject', 'verbose', 'silent', 'fatal']);

interface State {
  m: Morph;
  relPath: string;
  text: string;
  lines: LineIndex;
  dir: string;
  cwd: string | null;
  vars: Map<string, Value>;
  steps: DriverStep[];
  units: Unit[];
  fixes: TextFix[];
  diagnostics: Diagnostic[];
  literals: Literal[];
  /** Functions of this file that only run `execSync(theirArgument, options)`: called like execSync. */
  wrappers: Map<string, TsNode | undefined>;
  /** Functions run once from the top level (`main()`), whose bodies are read in place of the call. */
  entries: Map<string, FunctionLike>;
  /** Variables assigned anywhere but a top-level statement (in a loop, a branch, a function): never static. */
  unstable: Set<string>;
  /** `const $$ = $({ stdio: 'inherit' })` at the top level: the name, and the call that binds the options. */
  boundTemplates: Map<string, CallExpression>;
  /** `const run = promisify(exec)` (or `util.promisify(cp.execFile)`): the name, and which it promisifies. */
  promisified: Map<string, 'exec' | 'execFile'>;
  /** Other functions of this file that run commands: a call of one is not followed. */
  runners: Map<string, TsNode>;
  /** What the script binds to Node's path and url modules (for the host paths it builds with them). */
  modules: NodeModuleNames;
  groups: number;
  unreadable: boolean;
}

/**
 * The top-level statements of a JS/TS build script, read in order: docker run through child_process,
 * execa or zx becomes the same steps a shell script gives. What restage cannot follow as a straight
 * line (functions, loops, conditionals, promises not awaited in sequence, commands built at run time)
 * is opaque, so the planner refuses a setup that depends on it. ts-morph loads only for files that
 * mention docker (planRepository reads no other).
 */
export async function extract(relPath: string, text: string, repo?: DriverRepo): Promise<DriverAnalysis> {
  const m = await import('ts-morph');
  const project = new m.Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  const file = project.createSourceFile(
    `/x${path
      .extname(relPath)
      .replace(/^\.c?js$|^\.mjs$/, '.js')
      .replace(/^\.[mc]ts$/, '.ts')}`,
    text,
    { overwrite: true },
  );
  const lines = new LineIndex(text);
  const dir = path.dirname(relPath) === '.' ? '' : path.dirname(relPath);
  // The parser's own diagnostics: building a program for getSyntacticDiagnostics costs ~1.5 s more.
  const syntaxErrors = (file.compilerNode as unknown as { parseDiagnostics?: readonly import('ts-morph').ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = syntaxErrors[0];
  if (first)
    return unparsable(relPath, text, lines, first.start ?? 0, typeof first.messageText === 'string' ? first.messageText : first.messageText.messageText);
  // `import x from /tmp/x` parses (the checker, not the parser, rejects it), yet no runtime loads it.
  const badImport = file.getImportDeclarations().find((d) => !m.ts.isStringLiteral(d.compilerNode.moduleSpecifier));
  if (badImport) return unparsable(relPath, text, lines, badImport.compilerNode.moduleSpecifier.getStart(), 'String literal expected.');
  const st: State = {
    m,
    relPath,
    text,
    lines,
    dir,
    cwd: (repo && invokedFrom(relPath, repo)) ?? dir,
    vars: new Map(),
    steps: [],
    units: [],
    fixes: [],
    diagnostics: [],
    literals: [],
    wrappers: new Map(),
    runners: new Map(),
    promisified: promisifiedExecs(m, file),
    boundTemplates: boundTemplateNames(m, file),
    entries: new Map(),
    unstable: new Set(),
    modules: nodeModuleNames(m, file),
    groups: 0,
    unreadable: false,
  };
  findWrappers(st, file.getStatements());
  findEntries(st, file.getStatements(), file);
  findUnstable(st, file.getStatements());
  for (const s of file.getStatements()) await readStatement(st, s);
  refuseEngineApiCopies(st);
  readUnreadClientCalls(st, file);
  return {
    path: relPath,
    text,
    lines,
    steps: st.steps,
    units: st.units,
    fixes: st.fixes,
    diagnostics: st.diagnostics,
    unreadable: st.unreadable,
    wordSyntax: jsWordSyntax(text, st.literals, st.steps),
  };
}

/**
 * The client named as a program where restage read no command (`new Deno.Command("docker", { args })`
 * in a helper, an API it does not know): what the file runs is unknown, so each argument list written
 * in it that no read step holds is taken for the client's words (`run(["cp", "x:/out/app", "bin/app"])`
 * as `docker cp x:/out/app bin/app`) in an opaque step. A setup that depends on one is then refused
 * rather than passed over as "0 setups". Functions whose calls restage reads (wrappers, runners) are
 * not this: their calls are steps.
 */
function readUnreadClientCalls(st: State, file: TsNode): void {
  const { m } = st;
  const held = (n: TsNode) => st.units.some((u) => n.getStart() >= u.start && n.getEnd() <= u.end);
  const declared = new Set<TsNode>([...st.runners.values(), ...[...st.wrappers.keys()].flatMap((name) => functionNamed(st, file, name) ?? [])]);
  const inDeclared = (n: TsNode) => n.getAncestors().some((a) => declared.has(a));
  // The client where a program goes, with its words after it: first in an array of more, or the first
  // argument of a call whose second is an array or holds `args`/`cmd`. `commandExists('docker')`,
  // `which('docker')` only look the client up.
  const asProgram = (n: TsNode) => {
    const parent = n.getParent();
    if (parent && m.Node.isArrayLiteralExpression(parent)) return parent.getElements()[0] === n && parent.getElements().length > 1;
    if (!parent || !(m.Node.isCallExpression(parent) || m.Node.isNewExpression(parent)) || parent.getArguments()[0] !== n) return false;
    const words = parent.getArguments()[1];
    return (
      words !== undefined &&
      (m.Node.isArrayLiteralExpression(words) ||
        (m.Node.isObjectLiteralExpression(words) && (words.getProperty('args') ?? words.getProperty('cmd')) !== undefined))
    );
  };
  const client = file
    .getDescendants()
    .find(
      (n) =>
        (m.Node.isStringLiteral(n) || m.Node.isNoSubstitutionTemplateLiteral(n)) &&
        CLIENT_PROGRAM.test(n.getLiteralText()) &&
        asProgram(n) &&
        !held(n) &&
        !inDeclared(n),
    );
  if (!client) return;
  const lines = argumentLists(st, file, held);
  // A helper that takes the client's words one by one (`const run = (...args) => new Deno.Command("docker",
  // { args })`, called `run("cp", "x:/out/app", "app")`): each call's string arguments are its words.
  const helper = (file as import('ts-morph').SourceFile)
    .getStatements()
    .map((s) => declaredFunction(m, s))
    .find((f) => f !== null && client.getAncestors().includes(f.fn));
  if (helper)
    for (const call of file.getDescendantsOfKind(m.SyntaxKind.CallExpression)) {
      const words = call.getArguments().filter((a) => m.Node.isStringLiteral(a) || m.Node.isNoSubstitutionTemplateLiteral(a));
      if (calleeName(m, call.getExpression()) === helper.name && words.length > 0 && !held(call))
        lines.push(['docker', ...words.map((e) => valueOf(st, e).text)].join(' '));
    }
  const statement = client.getAncestors().find((a) => a.getParent() === file) ?? client;
  const unit: Unit = {
    start: statement.getStart(),
    end: statement.getEnd(),
    group: ++st.groups,
    groupStart: statement.getStart(),
    groupEnd: statement.getEnd(),
  };
  st.units.push(unit);
  st.steps.push({ kind: 'opaque', unit, nodeType: 'docker client run through an API restage does not read', text: [statement.getText(), ...lines].join('\n') });
}

/** Each array literal of the file that `skip` leaves, as the client's words: `["cp", "x:/out", "out"]` → `docker cp x:/out out`. */
function argumentLists(st: State, file: TsNode, skip: (n: TsNode) => boolean = () => false): string[] {
  const { m } = st;
  return file
    .getDescendantsOfKind(m.SyntaxKind.ArrayLiteralExpression)
    .filter((n) => !skip(n) && n.getElements().length > 0)
    .map((n) => ['docker', ...n.getElements().map((e) => valueOf(st, e).text)].join(' '));
}

/** The top-level function declared under `name`, if any. */
function functionNamed(st: State, file: TsNode, name: string): TsNode | undefined {
  for (const s of (file as import('ts-morph').SourceFile).getStatements()) {
    const f = declaredFunction(st.m, s);
    if (f?.name === name) return f.fn;
  }
  return undefined;
}

/**
 * dockerode's `container.getArchive({ path })` (Testcontainers' `copyArchiveFromContainer`) copies out of a container through the Engine API, not the
 * CLI restage reads: with an image build in the same file (`docker.buildImage`, or a docker build
 * command) it is the builder pattern restage cannot follow, refused rather than "0 setups". Without
 * one (the image is built by another file, or pulled), the copy is a write to a place restage cannot
 * tell: an opaque step, so a build that copies what the checkout lacks is refused, and a test helper
 * that reads a container's files is left alone.
 */
function refuseEngineApiCopies(st: State): void {
  const api = ENGINE_API_COPIES.find(([library, call]) => library.test(st.text) && call.test(st.text));
  const copy = api?.[1].exec(st.text);
  if (!api || !copy) return;
  if (/\.buildImage\s*\(/.test(st.text) || st.steps.some((s) => s.kind === 'docker' && s.parsed.ok && s.parsed.invocation.kind === 'build')) {
    st.diagnostics.push(unsupportedDriver.report({ file: st.relPath, ...st.lines.position(copy.index) }, { kind: api[2] }));
    st.unreadable = true;
    return;
  }
  const end = st.text.indexOf('\n', copy.index);
  const unit: Unit = {
    start: copy.index,
    end: end < 0 ? st.text.length : end,
    group: ++st.groups,
    groupStart: copy.index,
    groupEnd: end < 0 ? st.text.length : end,
  };
  st.units.push(unit);
  st.steps.push({ kind: 'opaque', unit, nodeType: ENGINE_API_STEP, text: st.text.slice(unit.start, unit.end) });
}

/** Libraries that copy out of a container through the Engine API: the import's name, the call, what a refusal calls it. */
const ENGINE_API_COPIES: [RegExp, RegExp, string][] = [
  [/\bdockerode\b/, /\.(getArchive|export)\s*\(/, 'Docker Engine API (dockerode)'],
  [/\btestcontainers\b/, /\.(copyArchiveFromContainer|copyFileFromContainer)\s*\(/, 'Docker Engine API (Testcontainers)'],
];

/**
 * A script the parser rejects; read no further (ts-morph's accessors throw on a broken import). Only a
 * file that runs commands and copies out of a container is a setup worth refusing.
 */
function unparsable(relPath: string, text: string, lines: LineIndex, at: number, detail: string): DriverAnalysis {
  const diagnostics =
    /\bdocker\s+(container\s+)?cp\b|['"`]cp['"`]/.test(text) && /child_process|execa|\bzx\b|\$`/.test(text)
      ? [driverParseError.report({ file: relPath, ...lines.position(at) }, { kind: 'JS/TS script', detail })]
      : [];
  return { path: relPath, text, lines, steps: [], units: [], fixes: [], diagnostics, unreadable: diagnostics.length > 0 };
}

type FunctionLike = import('ts-morph').FunctionDeclaration | import('ts-morph').ArrowFunction | import('ts-morph').FunctionExpression;

/** The function a top-level statement declares (`function f(…) {…}`, `const f = (…) => …`), with its name. */
function declaredFunction(m: Morph, s: TsNode): { name: string; fn: FunctionLike } | null {
  if (m.Node.isFunctionDeclaration(s) && s.getName()) return { name: s.getName()!, fn: s };
  if (!m.Node.isVariableStatement(s) || s.getDeclarations().length !== 1) return null;
  const d = s.getDeclarations()[0]!;
  const init = d.getInitializer();
  if (m.Node.isIdentifier(d.getNameNode()) && init && (m.Node.isArrowFunction(init) || m.Node.isFunctionExpression(init)))
    return { name: d.getName(), fn: init };
  return null;
}

/** Top-level `const NAME = $(opts)` and `const NAME = execa(opts)`: a template tag bound to options. */
function boundTemplateNames(m: Morph, file: TsNode): Map<string, CallExpression> {
  const out = new Map<string, CallExpression>();
  for (const [name, init] of topLevelConstCalls(m, file))
    if (/^(\$|execa)$/.test(init.getExpression().getText()) && init.getArguments().length === 1) out.set(name, init);
  return out;
}

/** Each top-level `const NAME = f(…)` (one name, not a pattern): the name and the call. */
function topLevelConstCalls(m: Morph, file: TsNode): [string, CallExpression][] {
  return (file as import('ts-morph').SourceFile).getStatements().flatMap((s) =>
    m.Node.isVariableStatement(s) && s.getDeclarationKind() === m.VariableDeclarationKind.Const
      ? s.getDeclarations().flatMap((d): [string, CallExpression][] => {
          const init = d.getInitializer();
          return init && m.Node.isCallExpression(init) && m.Node.isIdentifier(d.getNameNode()) ? [[d.getName(), init]] : [];
        })
      : [],
  );
}

/**
 * `const exec = util.promisify(require('child_process').exec)` at the top level: awaited, a call runs
 * the command to its end as execSync does (and resolves to `{ stdout, stderr }`, as execa's result).
 */
function promisifiedExecs(m: Morph, file: TsNode): Map<string, 'exec' | 'execFile'> {
  const out = new Map<string, 'exec' | 'execFile'>();
  const source = file as import('ts-morph').SourceFile;
  // `import { exec as execCb }`, `const { exec: execCb } = require(…)`: the name it stands for.
  const aliases = new Map<string, string>();
  for (const i of source.getImportDeclarations())
    for (const n of i.getNamedImports()) if (n.getAliasNode()) aliases.set(n.getAliasNode()!.getText(), n.getName());
  for (const b of source.getDescendantsOfKind(m.SyntaxKind.BindingElement)) {
    const prop = b.getPropertyNameNode();
    if (prop) aliases.set(b.getName(), prop.getText());
  }
  for (const [name, init] of topLevelConstCalls(m, file)) {
    const of = calleeName(m, init.getExpression()) === 'promisify' ? init.getArguments() : [];
    const arg = of.length === 1 ? calleeName(m, of[0]!) : '';
    const wrapped = aliases.get(arg) ?? arg;
    if (wrapped === 'exec' || wrapped === 'execFile') out.set(name, wrapped);
  }
  return out;
}

/**
 * `const sh = (cmd) => execSync(cmd, { stdio: 'inherit' })` and the like: a call `sh('docker …')` is an
 * execSync of its argument. Any other function that runs commands is a runner, whose calls are opaque.
 */
function findWrappers(st: State, statements: Statement[]): void {
  const { m } = st;
  for (const s of statements) {
    const f = declaredFunction(m, s);
    if (!f) continue;
    const param = f.fn.getParameters()[0]?.getName();
    const body = f.fn.getBody();
    let only: TsNode | undefined = body;
    if (body && m.Node.isBlock(body)) {
      const inner = body.getStatements();
      only =
        inner.length === 1
          ? m.Node.isExpressionStatement(inner[0])
            ? inner[0].getExpression()
            : m.Node.isReturnStatement(inner[0])
              ? inner[0].getExpression()
              : undefined
          : undefined;
    }
    const call = only ? unwrapCall(m, only) : null;
    if (call && !call.awaited && m.Node.isCallExpression(call.call) && SYNC_SHELL.has(calleeName(m, call.call.getExpression())) && param !== undefined) {
      const [cmd, opts] = call.call.getArguments();
      if (
        cmd &&
        m.Node.isIdentifier(cmd) &&
        cmd.getText() === param &&
        f.fn.getParameters().length === 1 &&
        (!opts || m.Node.isObjectLiteralExpression(opts))
      ) {
        st.wrappers.set(f.name, opts);
        continue;
      }
    }
  }
  // A function calling a runner declared later is a runner too: repeat until nothing changes.
  for (let grew = true; grew;) {
    grew = false;
    for (const s of statements) {
      const f = declaredFunction(m, s);
      if (!f || st.wrappers.has(f.name) || st.runners.has(f.name) || commandsIn(st, f.fn).length === 0) continue;
      st.runners.set(f.name, f.fn);
      grew = true;
    }
  }
}

/**
 * `async function main() {…}` called once from the top level: its body runs in place of the call, so it
 * is read as if written there. Only functions without parameters, named nowhere else.
 */
function findEntries(st: State, statements: Statement[], file: TsNode): void {
  const { m } = st;
  const uses = new Map<string, number>();
  file.forEachDescendant((n) => {
    if (m.Node.isIdentifier(n)) uses.set(n.getText(), (uses.get(n.getText()) ?? 0) + 1);
  });
  for (const s of statements) {
    const f = declaredFunction(m, s);
    if (f && f.fn.getParameters().length === 0 && uses.get(f.name) === 2 && m.Node.isBlock(f.fn.getBody())) st.entries.set(f.name, f.fn);
  }
  // Only the entries actually called as a statement of their own count.
  const called = new Set<string>();
  for (const s of statements) {
    const callee = entryCall(st, s, statements)?.name;
    if (callee) called.add(callee);
  }
  for (const name of [...st.entries.keys()]) if (!called.has(name)) st.entries.delete(name);
}

/**
 * `main()`, `await main()`, `void main()`, `main().catch(…)`, `(async () => {…})()`: the function a
 * top-level statement runs once, when its body can be read in place. An async one not awaited only
 * when nothing acting follows it (it would run alongside).
 */
function entryCall(st: State, s: Statement, statements: Statement[]): { name: string | null; body: Statement[] } | null {
  const { m } = st;
  if (!m.Node.isExpressionStatement(s)) return null;
  let e: TsNode = s.getExpression();
  let awaited = false;
  const strip = () => {
    for (;;) {
      if (m.Node.isAwaitExpression(e)) {
        awaited = true;
        e = e.getExpression();
      } else if (m.Node.isVoidExpression(e) || m.Node.isParenthesizedExpression(e)) e = e.getExpression();
      else return;
    }
  };
  strip();
  if (m.Node.isCallExpression(e) && m.Node.isPropertyAccessExpression(e.getExpression()) && e.getExpression().getText().endsWith('.catch')) {
    e = (e.getExpression() as import('ts-morph').PropertyAccessExpression).getExpression();
    strip();
  }
  if (!m.Node.isCallExpression(e) || e.getArguments().length > 0) return null;
  let callee: TsNode = e.getExpression();
  while (m.Node.isParenthesizedExpression(callee)) callee = callee.getExpression();
  const name = m.Node.isIdentifier(callee) ? callee.getText() : null;
  const fn = name ? st.entries.get(name) : m.Node.isArrowFunction(callee) || m.Node.isFunctionExpression(callee) ? callee : undefined;
  if (!fn || fn.getParameters().length > 0) return null;
  const body = fn.getBody();
  if (!body || !m.Node.isBlock(body)) return null;
  const last = statements.indexOf(s) === statements.length - 1;
  if (fn.isAsync() && !awaited && !last) return null;
  return { name, body: body.getStatements() };
}

/**
 * Names assigned where restage does not follow the order (inside a loop, a branch, a function, or as
 * part of a larger expression): their value at any later command is unknown, as the sh driver forgets
 * variables assigned in control flow.
 */
function findUnstable(st: State, statements: Statement[]): void {
  const { m } = st;
  const ASSIGN = /^(=|\+=|-=|\*=|\/=|%=|\*\*=|<<=|>>=|>>>=|&=|\|=|\^=|&&=|\|\|=|\?\?=)$/;
  for (const s of statements) {
    // An entry function's body is read in place: its own statements are top level.
    const declared = declaredFunction(m, s);
    if (declared && st.entries.get(declared.name) === declared.fn) {
      findUnstable(st, (declared.fn.getBody() as import('ts-morph').Block).getStatements());
      continue;
    }
    const entry = entryCall(st, s, statements);
    if (entry && entry.name === null) {
      findUnstable(st, entry.body);
      continue;
    }
    const topLevelAssignment = m.Node.isExpressionStatement(s) ? s.getExpression() : null;
    s.forEachDescendant((n) => {
      if (n === topLevelAssignment) return;
      if (m.Node.isBinaryExpression(n) && ASSIGN.test(n.getOperatorToken().getText()) && m.Node.isIdentifier(n.getLeft()))
        st.unstable.add(n.getLeft().getText());
      if ((m.Node.isPrefixUnaryExpression(n) || m.Node.isPostfixUnaryExpression(n)) && m.Node.isIdentifier(n.getOperand()))
        st.unstable.add(n.getOperand().getText());
    });
  }
}

/** A directory change restage cannot place (in a function, a branch): from there on the cwd is unknown. */
const MOVES = /\b(process\.chdir|cd|pushd|popd)\s*\(|\$\.cwd\s*=/;

async function readStatement(st: State, s: Statement): Promise<void> {
  const before = st.cwd;
  await readOneStatement(st, s);
  // A top-level chdir was followed (the cwd changed or was resolved); any other leaves it unknown.
  if (st.cwd === before && MOVES.test(s.getText()) && !isTopLevelMove(st, s)) st.cwd = null;
}

function isTopLevelMove(st: State, s: Statement): boolean {
  const { m } = st;
  if (!m.Node.isExpressionStatement(s)) return false;
  const call = unwrapCall(m, s.getExpression());
  const e = s.getExpression();
  return (
    (call !== null && m.Node.isCallExpression(call.call) && isDirectoryChange(st, call.call)) ||
    (m.Node.isBinaryExpression(e) && e.getLeft().getText() === '$.cwd')
  );
}

async function readOneStatement(st: State, s: Statement): Promise<void> {
  const { m } = st;
  const siblings =
    s.getParent() && m.Node.isBlock(s.getParent()!) ? (s.getParent() as import('ts-morph').Block).getStatements() : s.getSourceFile().getStatements();
  const entry = entryCall(st, s, siblings);
  if (entry) {
    for (const inner of entry.body) await readStatement(st, inner);
    return;
  }
  if (m.Node.isImportDeclaration(s) || m.Node.isEmptyStatement(s) || m.Node.isTypeAliasDeclaration(s) || m.Node.isInterfaceDeclaration(s)) return;
  // Declaring a function runs nothing; its calls are what count.
  const declared = declaredFunction(m, s);
  if (declared && (st.wrappers.has(declared.name) || st.runners.has(declared.name) || st.entries.has(declared.name))) return;
  const group = { start: s.getStart(), end: s.getEnd() };
  if (m.Node.isVariableStatement(s)) {
    const decls = s.getDeclarations();
    if (decls.length === 1) {
      const d = decls[0]!;
      const name = boundName(m, d.getNameNode());
      const init = d.getInitializer();
      const call = init ? unwrapCall(m, init) : null;
      if (call && name && (await readCall(st, call.call, call.awaited, group, name))) return;
      const fromEnv = init ? environmentDefault(st, init) : null;
      // `const DOCKER = 'docker'` names the program; a command line in a variable stays unread (its words would be spliced elsewhere).
      const namesClient =
        init !== undefined && (m.Node.isStringLiteral(init) || m.Node.isNoSubstitutionTemplateLiteral(init)) && CLIENT_PROGRAM.test(init.getLiteralText());
      if (name && init && (fromEnv || namesClient || !mentionsDocker(init.getText()))) {
        st.vars.set(name, fromEnv ?? valueOf(st, init));
        return;
      }
    }
    for (const d of decls) if (m.Node.isIdentifier(d.getNameNode())) st.vars.set(d.getName(), { text: `\${${d.getName()}}`, isStatic: false });
    if (decls.every((d) => readEnvironmentDefaults(st, d))) return;
    return opaqueIfItActs(st, s, 'variable declaration restage cannot read');
  }
  if (m.Node.isExpressionStatement(s)) {
    const e = s.getExpression();
    if (m.Node.isBinaryExpression(e) && e.getOperatorToken().getText() === '=' && m.Node.isIdentifier(e.getLeft()) && !mentionsDocker(e.getRight().getText())) {
      st.vars.set(e.getLeft().getText(), valueOf(st, e.getRight()));
      return;
    }
    const call = unwrapCall(m, e);
    if (call && (await readCall(st, call.call, call.awaited, group, null))) return;
    // process.chdir(dir), zx's cd(dir) and `$.cwd = dir` move every later command.
    if (call && m.Node.isCallExpression(call.call) && isDirectoryChange(st, call.call)) {
      const target = call.call.getArguments()[0];
      changeDirectory(st, target ? valueOf(st, target as Expression) : null);
      return;
    }
    if (m.Node.isBinaryExpression(e) && e.getOperatorToken().getText() === '=' && e.getLeft().getText() === '$.cwd') {
      changeDirectory(st, valueOf(st, e.getRight()));
      return;
    }
    if (call && m.Node.isCallExpression(call.call) && readFileOperation(st, call.call, call.awaited, group)) return;
    return opaqueIfItActs(st, s, 'statement restage cannot read');
  }
  if (m.Node.isIfStatement(s) && (await readFailureGuard(st, s, group))) return;
  return opaqueIfItActs(st, s, describeKind(s.getKindName()));
}

function changeDirectory(st: State, v: Value | null): void {
  st.cwd = v?.isStatic && st.cwd !== null ? resolveHostPath(st.cwd, v.text) : null;
}

/**
 * fs calls restage models as the host commands they equal, so the planner can drop an artifact's
 * clean-up or translate its chmod as it does for a shell script: rmSync/rm → `rm -rf`, mkdirSync →
 * `mkdir -p`, chmodSync → `chmod`, renameSync → `mv`.
 */
function readFileOperation(st: State, call: CallExpression, awaited: boolean, group: { start: number; end: number }): boolean {
  const { m } = st;
  const callee = call.getExpression();
  const name =
    m.Node.isPropertyAccessExpression(callee) && /^(fs|fsp|fse|fs\.promises)$/.test(callee.getExpression().getText())
      ? callee.getName()
      : m.Node.isIdentifier(callee)
        ? callee.getText()
        : null;
  const args = call.getArguments();
  const word = (n: TsNode, index: number, value?: Value): Arg => ({
    index,
    ...(value ?? valueOf(st, n)),
    start: n.getStart(),
    end: n.getEnd(),
    raw: n.getText(),
  });
  const fixed = (text: string, index: number): Arg => ({ index, text, isStatic: true, start: callee.getStart(), end: callee.getEnd(), raw: callee.getText() });
  let argv: Arg[] | null = null;
  if ((name === 'rmSync' || name === 'rm') && args[0]) argv = [fixed('rm', 0), fixed('-rf', 1), word(args[0], 2)];
  else if ((name === 'mkdirSync' || name === 'mkdir') && args[0]) argv = [fixed('mkdir', 0), fixed('-p', 1), word(args[0], 2)];
  else if ((name === 'renameSync' || name === 'rename') && args[0] && args[1]) argv = [fixed('mv', 0), word(args[0], 1), word(args[1], 2)];
  else if ((name === 'chmodSync' || name === 'chmod') && args[0] && args[1]) {
    const mode = m.Node.isNumericLiteral(args[1]) ? { text: Number(args[1].getLiteralValue()).toString(8), isStatic: true } : valueOf(st, args[1]);
    argv = [fixed('chmod', 0), word(args[1], 1, mode), word(args[0], 2)];
  }
  if (!argv) return false;
  // fs/promises' rm(…) or a callback fs.rm(…) runs alongside what follows unless awaited.
  if (!name!.endsWith('Sync') && !awaited) return notInSequence(st, call, group);
  const unit: Unit = { start: call.getStart(), end: call.getEnd(), group: ++st.groups, groupStart: group.start, groupEnd: group.end };
  st.units.push(unit);
  st.steps.push({ kind: 'host', unit, args: argv, cwd: st.cwd, stdoutTo: null });
  return true;
}

/** A program expression whose source names a client anywhere (`dockerPath()`, `PODMAN_BIN`): the list of clients is client-names.ts's. */
const NAMES_A_CLIENT = withClient('CLIENT', 'i');

/** File operations a statement may do on an artifact (fs.rmSync, rm(…), fsp.cp …). */
const FILE_OPERATION =
  /\b(fs|fsp|fse)\.\w+|\b(rm|rmSync|cp|cpSync|rename|renameSync|unlink|unlinkSync|writeFile|writeFileSync|mkdir|mkdirSync|copyFile|copyFileSync)\s*\(/;

/**
 * A statement restage does not follow matters only when it runs commands or touches files; one that
 * merely mentions docker (a test's string, a log line) runs nothing and is not a step.
 */
function opaqueIfItActs(st: State, s: TsNode, nodeType: string): void {
  if (commandsIn(st, s).length === 0 && !FILE_OPERATION.test(s.getText())) return;
  opaque(st, s, nodeType);
}

/** `id`, or `{ stdout: id }` / `{ stdout }` (execa's result): the name that receives a command's output. */
function boundName(m: Morph, n: TsNode): string | null {
  if (m.Node.isIdentifier(n)) return n.getText();
  if (!m.Node.isObjectBindingPattern(n) || n.getElements().length !== 1) return null;
  const el = n.getElements()[0]!;
  const prop = el.getPropertyNameNode()?.getText() ?? el.getName();
  return prop === 'stdout' && !el.getDotDotDotToken() && !el.getInitializer() ? el.getName() : null;
}

function mentionsDocker(text: string): boolean {
  return MENTIONS_CLIENT.test(text);
}

function describeKind(kind: string): string {
  const names: Record<string, string> = {
    IfStatement: 'if statement',
    ForStatement: 'for loop',
    ForOfStatement: 'for loop',
    ForInStatement: 'for loop',
    WhileStatement: 'while loop',
    DoStatement: 'do loop',
    FunctionDeclaration: 'JS function',
    ClassDeclaration: 'JS class',
    TryStatement: 'try statement',
    SwitchStatement: 'switch statement',
    Block: 'block',
  };
  return names[kind] ?? `JS ${kind}`;
}

function opaque(st: State, s: TsNode, nodeType: string, group?: { start: number; end: number }): void {
  const unit: Unit = { start: s.getStart(), end: s.getEnd(), group: ++st.groups, groupStart: group?.start ?? s.getStart(), groupEnd: group?.end ?? s.getEnd() };
  st.units.push(unit);
  st.steps.push({ kind: 'opaque', unit, nodeType, text: [s.getText(), ...commandsIn(st, s).filter(mentionsDocker)].join('\n') });
}

/**
 * The command lines of the exec calls inside `node`, as the shell would see them (`docker cp x:/a b`
 * from an argv array), so that the planner recognises a copy out of a container it cannot follow.
 */
function commandsIn(st: State, node: TsNode, inside = new Set<TsNode>()): string[] {
  const { m } = st;
  const out: string[] = [];
  const visit = (n: TsNode) => {
    const callee = m.Node.isCallExpression(n) ? calleeName(m, n.getExpression()) : '';
    const runner = st.runners.get(callee);
    if (runner) {
      // What the function runs, so that a copy out of a container inside it is seen.
      if (inside.has(runner)) return;
      const lines = commandsIn(st, runner, new Set([...inside, runner]));
      out.push(...lines);
      // A runner of the client given its words (`docker('cp x:/out/app app')` of `(cmd) => execSync(\`docker
      // ${cmd}\`)`, `run(['cp', …])` of `(args) => spawn('docker', args)`, `sh('docker', ['cp', …])`):
      // the call's words after the client, so that a copy out of a container through it is seen.
      const words = m.Node.isCallExpression(n) ? callWords(st, n) : [];
      if (lines.some(mentionsDocker) || words.some((w) => CLIENT_PROGRAM.test(w))) out.push(['docker', ...words].join(' '));
    } else if (m.Node.isCallExpression(n) && (EXEC.has(callee) || st.wrappers.has(callee))) {
      const args = n.getArguments();
      const list = args[1];
      const argv = foreignArgv(st, args);
      if (argv !== null) out.push(argv);
      else if (args[0] && list && m.Node.isArrayLiteralExpression(list)) {
        // `execFileSync(dockerPath(), ['cp', …])`: a program computed at run time whose source names docker is read as the client.
        const program = valueOf(st, args[0]);
        const name = !program.isStatic && NAMES_A_CLIENT.test(args[0].getText()) ? 'docker' : program.text;
        out.push([name, ...list.getElements().map((e) => valueOf(st, e).text)].join(' '));
      } else if (args[0] && list && !m.Node.isObjectLiteralExpression(list) && CLIENT_PROGRAM.test(valueOf(st, args[0]).text)) {
        // `spawnSync('docker', step)` over `const steps = [['cp', …], …]`: words restage cannot follow to
        // the call; every argument list the file writes may be them.
        out.push('docker', ...argumentLists(st, n.getSourceFile()));
      } else if (args[0]) out.push(valueOf(st, args[0]).text);
    } else if (m.Node.isTaggedTemplateExpression(n) && boundTemplate(st, n.getTag())) out.push(valueOf(st, n.getTemplate()).text);
    else if (m.Node.isCallExpression(n) || m.Node.isNewExpression(n)) {
      // An API restage does not read that takes the client and its arguments (`Bun.spawnSync(["docker",
      // "cp", …])`, `new Deno.Command("docker", { args: ["cp", …] })`): its command line still shows
      // what it may copy out, so that a setup depending on it is refused rather than passed over.
      const line = foreignArgv(st, n.getArguments());
      if (line !== null) out.push(line);
      // A function restage does not know (imported from another module, `let run = promisify(exec)`, a
      // method `builder.run(…)`) whose name says it runs commands, given a command line that starts with the client: it runs it.
      // A name that says nothing (`parse(…)` in a test, `log(…)`) may only read or print the line.
      else if (m.Node.isCallExpression(n) && namesARunner(callee))
        for (const a of n.getArguments()) {
          const text = m.Node.isStringLiteral(a) || m.Node.isNoSubstitutionTemplateLiteral(a) || m.Node.isTemplateExpression(a) ? valueOf(st, a).text : '';
          if (COMMAND_LINE.test(text)) out.push(text);
        }
    }
  };
  visit(node);
  node.forEachDescendant(visit);
  return out;
}

/** A string that is a command line of the client (`docker cp x:/out/app app`), not prose that mentions it. */
const COMMAND_LINE = withClient(String.raw`^\s*(?:sudo\s+)?(?:\S*\/)?CLIENT\s+[a-z]`);

/** A function name with a part that says it runs commands: `sh`, `run`, `execAsync`, `runCommand`, `dockerExec`. */
function namesARunner(name: string): boolean {
  return name.split(/(?=[A-Z])|[_$]/).some((part) => /^(sh|bash|shell|run|runs|exec|execute|spawn|cmd|command|system|invoke|docker)$/i.test(part));
}

/** A call's arguments as words: each string, template or value, and each element of an array. */
function callWords(st: State, call: CallExpression): string[] {
  const { m } = st;
  return call
    .getArguments()
    .flatMap((a) => (m.Node.isArrayLiteralExpression(a) ? a.getElements() : [a]))
    .filter((a) => !m.Node.isObjectLiteralExpression(a) && !m.Node.isArrowFunction(a) && !m.Node.isFunctionExpression(a))
    .map((a) => valueOf(st, a).text);
}

/**
 * The command line of a call's arguments when they spell the docker client and its words: an array
 * starting with the client (`["docker", "cp", …]`, or `{ cmd: [...] }`), or the client as the first
 * argument with an array after it, directly or as an object's `args`. Null otherwise.
 */
function foreignArgv(st: State, args: TsNode[]): string | null {
  const { m } = st;
  const arrayOf = (n: TsNode | undefined): TsNode[] | null => {
    if (n && m.Node.isArrayLiteralExpression(n)) return n.getElements();
    const prop = n && m.Node.isObjectLiteralExpression(n) ? (n.getProperty('args') ?? n.getProperty('cmd')) : undefined;
    const init = prop && m.Node.isPropertyAssignment(prop) ? prop.getInitializer() : undefined;
    return init && m.Node.isArrayLiteralExpression(init) ? init.getElements() : null;
  };
  const isClient = (n: TsNode | undefined) => n !== undefined && CLIENT_PROGRAM.test(valueOf(st, n).text);
  const first = arrayOf(args[0]);
  const words = first && isClient(first[0]) ? first : isClient(args[0]) ? [args[0]!, ...(arrayOf(args[1]) ?? [])] : null;
  return words && words.length > 1 ? words.map((e) => valueOf(st, e).text).join(' ') : null;
}

/** `await x(…)`, `x(…).toString().trim()`, `(await x(…)).stdout` …: the call, and whether it is awaited. */
function unwrapCall(m: Morph, e: TsNode): { call: CallExpression | TaggedTemplateExpression; awaited: boolean } | null {
  let n: TsNode = e;
  let awaited = false;
  for (;;) {
    if (m.Node.isAwaitExpression(n)) {
      awaited = true;
      n = n.getExpression();
    } else if (m.Node.isParenthesizedExpression(n) || m.Node.isAsExpression(n) || m.Node.isNonNullExpression(n)) n = n.getExpression();
    else if (m.Node.isPropertyAccessExpression(n) && /^(stdout|stderr)$/.test(n.getName())) n = n.getExpression();
    else if (
      m.Node.isCallExpression(n) &&
      m.Node.isPropertyAccessExpression(n.getExpression()) &&
      /^(toString|trim|trimEnd|text)$/.test((n.getExpression() as import('ts-morph').PropertyAccessExpression).getName()) &&
      n.getArguments().length <= 1
    )
      n = (n.getExpression() as import('ts-morph').PropertyAccessExpression).getExpression();
    else break;
  }
  if (m.Node.isCallExpression(n) || m.Node.isTaggedTemplateExpression(n)) return { call: n, awaited };
  return null;
}

/** The callee's last name: `execSync`, `cp.execSync`, `child_process.execSync`, `$`, `$.sync`. */
function calleeName(m: Morph, callee: TsNode): string {
  if (m.Node.isPropertyAccessExpression(callee)) return callee.getExpression().getText() === '$' && callee.getName() === 'sync' ? '$.sync' : callee.getName();
  return callee.getText();
}

/**
 * The template tag of a command (zx's or execa's `$`, `$.sync`, `execa`) and the options it was bound
 * to: `` $({ stdio: 'inherit' })`…` ``, or a top-level `const $$ = $({ stdio: 'inherit' })`. Null for any
 * other tag.
 */
function boundTemplate(st: State, tag: TsNode): { name: string; options: TsNode | undefined } | null {
  const { m } = st;
  const name = calleeName(m, tag);
  if (TEMPLATE_EXEC.has(name)) return { name, options: undefined };
  const bound = m.Node.isIdentifier(tag) ? st.boundTemplates.get(name) : m.Node.isCallExpression(tag) ? tag : undefined;
  if (!bound) return null;
  const inner = calleeName(m, bound.getExpression());
  return inner === '$' || inner === 'execa' ? { name: inner, options: bound.getArguments()[0] } : null;
}

/** Reads one exec call as steps; false when it is no command call restage knows. */
async function readCall(
  st: State,
  call: CallExpression | TaggedTemplateExpression,
  awaited: boolean,
  group: { start: number; end: number },
  assignTo: string | null,
): Promise<boolean> {
  const { m } = st;
  if (m.Node.isTaggedTemplateExpression(call)) {
    const bound = boundTemplate(st, call.getTag());
    if (!bound) return false;
    if (!awaited && bound.name !== '$.sync' && bound.name !== 'execaSync') return notInSequence(st, call, group);
    const script = templateScript(st, call.getTemplate(), true);
    if (!script) return false;
    await addScript(st, script, group, assignTo, options(st, bound.options));
    return true;
  }
  const name = calleeName(m, call.getExpression());
  const args = call.getArguments();
  // `sh('docker …')` for a wrapper of execSync: its argument, with the wrapper's options.
  if (st.wrappers.has(name) && args.length === 1) return readShellCall(st, call, args[0]!, options(st, st.wrappers.get(name)), group, assignTo);
  if (st.runners.has(name)) {
    opaque(st, call, `call of ${name}, a function that runs commands`, group);
    return true;
  }
  if (shellFunction(st, call.getExpression()) === 'exec') return readShelljsExec(st, call, group, assignTo);
  const promised = st.promisified.get(name);
  const isShell = SYNC_SHELL.has(name) || ASYNC_SHELL.has(name) || promised === 'exec';
  const isArgv = SYNC_ARGV.has(name) || ASYNC_ARGV.has(name) || promised === 'execFile';
  if (!isShell && !isArgv) return false;
  const inSequence = awaited && (promised !== undefined || name === 'execa' || name === 'execaCommand');
  if ((promised !== undefined || ASYNC_SHELL.has(name) || ASYNC_ARGV.has(name)) && !inSequence) return notInSequence(st, call, group);
  const first = args[0];
  if (!first) return false;
  const opts = options(st, args[isShell ? 1 : 2]);
  if (isShell) return readShellCall(st, call, first, opts, group, assignTo);
  const program = valueOf(st, first as Expression);
  const list = args[1];
  // `execFileSync(process.env.DOCKER ?? 'docker', […])`: the client its default names, as in a shell script.
  const isDocker = CLIENT_PROGRAM.test(program.isStatic ? program.text : (program.ifUnset?.text ?? ''));
  if (
    !(program.isStatic || isDocker) ||
    (list !== undefined && !m.Node.isArrayLiteralExpression(list)) ||
    (list && m.Node.isArrayLiteralExpression(list) && list.getElements().some((e) => m.Node.isSpreadElement(e)))
  ) {
    if (!isDocker && !mentionsDocker(call.getText())) return false;
    opaque(st, call, isDocker ? 'docker argument list built at run time' : `command ${program.text} restage cannot read`, group);
    return true;
  }
  const argv: Arg[] = [{ index: 0, ...program, start: first.getStart(), end: first.getEnd(), raw: first.getText() }];
  const elements = list && m.Node.isArrayLiteralExpression(list) ? list.getElements() : [];
  for (const e of elements) {
    const v = valueOf(st, e as Expression);
    argv.push({ index: argv.length, ...v, start: e.getStart(), end: e.getEnd(), raw: e.getText() });
    if (m.Node.isStringLiteral(e) || m.Node.isNoSubstitutionTemplateLiteral(e))
      st.literals.push({ start: e.getStart(), end: e.getEnd(), quote: e.getText()[0]!, argv: true, value: v.text });
  }
  const unit: Unit = { start: call.getStart(), end: call.getEnd(), group: ++st.groups, groupStart: group.start, groupEnd: group.end };
  st.units.push(unit);
  const cwd = opts.cwd === undefined ? st.cwd : opts.cwd;
  // Any other program is a host command, as the sh driver reads one (chmod, tar, mv …).
  if (!isDocker) {
    st.steps.push({ kind: 'host', unit, args: argv, cwd, stdoutTo: null });
    if (assignTo) st.vars.set(assignTo, { text: `\${${assignTo}}`, isStatic: false });
    return true;
  }
  st.steps.push({ kind: 'docker', unit, args: argv, parsed: parseDockerCommand(argv), cwd, assignTo, stdoutTo: null, unmodelledRedirect: opts.unmodelled });
  if (assignTo) st.vars.set(assignTo, { text: containerIdToken(st.steps.length - 1), isStatic: true });
  return true;
}

/** A command string handed to sh: read as a script when it is written here as a literal or template. */
async function readShellCall(
  st: State,
  call: CallExpression,
  first: TsNode,
  opts: Options,
  group: { start: number; end: number },
  assignTo: string | null,
): Promise<boolean> {
  const { m } = st;
  const script =
    m.Node.isStringLiteral(first) || m.Node.isNoSubstitutionTemplateLiteral(first) || m.Node.isTemplateExpression(first)
      ? templateScript(st, first, false)
      : null;
  if (!script) {
    const v = valueOf(st, first);
    if (!mentionsDocker(v.text)) return false;
    opaque(st, call, 'command string built at run time', group);
    return true;
  }
  await addScript(st, script, group, assignTo, opts);
  return true;
}

/** shelljs's `shell.exec`, `exec` imported from it or made global by `shelljs/global`, or its `cd`. */
function shellFunction(st: State, callee: TsNode): ShellFunction | null {
  const { m } = st;
  if (m.Node.isIdentifier(callee)) return st.modules.shellFunctions.get(callee.getText()) ?? null;
  if (!m.Node.isPropertyAccessExpression(callee) || !st.modules.shelljs.has(callee.getExpression().getText())) return null;
  const name = callee.getName();
  return name === 'exec' || name === 'cd' ? name : null;
}

/** Whether a call moves the process: `process.chdir(dir)`, zx's `cd(dir)`, shelljs's `shell.cd(dir)`. */
function isDirectoryChange(st: State, call: CallExpression): boolean {
  return /^(process\.chdir|cd)$/.test(call.getExpression().getText()) || shellFunction(st, call.getExpression()) === 'cd';
}

/**
 * `shell.exec('docker build …')` runs the line through a shell and returns when it ends, like execSync,
 * unless it is given a callback or `{ async: true }`; its options are `{ cwd, silent, fatal, … }`.
 */
async function readShelljsExec(st: State, call: CallExpression, group: { start: number; end: number }, assignTo: string | null): Promise<boolean> {
  const { m } = st;
  const [first, second] = call.getArguments();
  if (!first) return false;
  // Options written in place or in a top-level `const opts = { … }`.
  const opts = second !== undefined && m.Node.isIdentifier(second) ? (constantObject(st, second) ?? second) : second;
  const isAsync =
    call.getArguments().some((a) => m.Node.isArrowFunction(a) || m.Node.isFunctionExpression(a)) ||
    (opts !== undefined && (!m.Node.isObjectLiteralExpression(opts) || /\basync\s*:/.test(opts.getText())));
  if (isAsync) return notInSequence(st, call, group);
  return readShellCall(st, call, first, options(st, second), group, assignTo);
}

/** What a failure guard may do: say so, and stop the script. */
const STOPS = /^((shell\.)?(echo|exit)|console\.(log|error|warn)|process\.exit)\s*\([^;{}]*\)\s*;?$|^throw\b[^;{}]*;?$/;

/**
 * shelljs's README idiom, `if (shell.exec('docker build …').code !== 0) { shell.echo('…'); shell.exit(1); }`:
 * the command, then a stop when it fails, as `cmd || exit 1` is in a shell script. The whole statement
 * is the command's: removing the command removes the guard with it.
 */
async function readFailureGuard(st: State, s: import('ts-morph').IfStatement, group: { start: number; end: number }): Promise<boolean> {
  const { m } = st;
  const cond = s.getExpression();
  if (s.getElseStatement() || !m.Node.isBinaryExpression(cond) || !/^(!==|!=|>)$/.test(cond.getOperatorToken().getText()) || cond.getRight().getText() !== '0')
    return false;
  const left = cond.getLeft();
  if (!m.Node.isPropertyAccessExpression(left) || left.getName() !== 'code') return false;
  const call = left.getExpression();
  if (!m.Node.isCallExpression(call) || shellFunction(st, call.getExpression()) !== 'exec') return false;
  const body = s.getThenStatement();
  const stops = m.Node.isBlock(body) ? body.getStatements() : [body];
  if (stops.length === 0 || !stops.every((x) => STOPS.test(x.getText()))) return false;
  return readShelljsExec(st, call, group, null);
}

/** An async call whose promise is not awaited where it stands: it runs alongside what follows. */
function notInSequence(st: State, call: TsNode, group: { start: number; end: number }): boolean {
  opaque(st, call, 'promise not awaited in sequence', group);
  return true;
}

interface Options {
  /** undefined: no cwd option (the script's cwd); null: one restage cannot know. */
  cwd?: string | null;
  unmodelled: boolean;
}

function options(st: State, node: TsNode | undefined): Options {
  const { m } = st;
  if (!node) return { unmodelled: false };
  // `const opts = { stdio: 'inherit' }` shared by every call: read as written there.
  const shared = m.Node.isIdentifier(node) ? constantObject(st, node) : null;
  if (shared) return options(st, shared);
  if (!m.Node.isObjectLiteralExpression(node)) return { cwd: null, unmodelled: true };
  const out: Options = { unmodelled: false };
  for (const p of node.getProperties()) {
    if (!m.Node.isPropertyAssignment(p)) {
      out.unmodelled = true;
      continue;
    }
    const key = p.getName();
    if (key === 'cwd') {
      const v = valueOf(st, p.getInitializerOrThrow());
      out.cwd = v.isStatic && st.cwd !== null ? resolveHostPath(st.cwd, v.text) : null;
    } else if (!HARMLESS_OPTIONS.has(key)) out.unmodelled = true;
  }
  return out;
}

/**
 * A string or template as the shell text it hands over. `quoted`: zx and execa templates pass each
 * interpolation as one argument, so a known value is shell-quoted; otherwise it is pasted as JS does.
 * An unknown value becomes a shell variable that no one sets, so its words are not static.
 */
function templateScript(st: State, node: TsNode, quoted: boolean): MappedText | null {
  const { m, text } = st;
  const record = (start: number, end: number) => st.literals.push({ start, end, quote: text[start]!, argv: false, value: '' });
  if (m.Node.isStringLiteral(node) || m.Node.isNoSubstitutionTemplateLiteral(node)) {
    record(node.getStart(), node.getEnd());
    const cooked = cook(text, node.getStart() + 1, node.getEnd() - 1);
    return cooked.text === node.getLiteralValue() ? cooked : null;
  }
  if (!m.Node.isTemplateExpression(node)) return null;
  record(node.getStart(), node.getEnd());
  const out: MappedText = { text: '', starts: [], ends: [] };
  const head = node.getHead();
  const first = cook(text, head.getStart() + 1, head.getEnd() - 2);
  if (first.text !== head.getLiteralText()) return null;
  append(out, first);
  for (const [n, span] of node.getTemplateSpans().entries()) {
    const e = span.getExpression();
    const v = valueOf(st, e);
    const start = e.getStart() - 2;
    const lit = span.getLiteral();
    const end = lit.getStart() + 1;
    // An environment default pastes as the shell expansion it stands for (see environmentDefault).
    const pasted = v.isStatic ? pastedValue(v.text, quoted) : v.ifUnset ? (quoted ? `"${v.text}"` : v.text) : `\${__js${n}}`;
    append(out, spanning(pasted, start, end));
    const tail = m.Node.isTemplateTail(lit);
    const part = cook(text, lit.getStart() + 1, lit.getEnd() - (tail ? 1 : 2));
    if (part.text !== lit.getLiteralText()) return null;
    append(out, part);
  }
  return out;
}

/** A known value as shell text; a path under the repository root names it by REPO_ROOT_VARIABLE. */
function pastedValue(value: string, quoted: boolean): string {
  if (!underRoot(value)) return quoted ? shellQuote(value) : value;
  const rest = value.slice(REPO_ROOT.length);
  return quoted ? `"\${${REPO_ROOT_VARIABLE}}"${rest === '' ? '' : shellQuote(rest)}` : `\${${REPO_ROOT_VARIABLE}}${rest}`;
}

async function addScript(
  st: State,
  script: MappedText,
  group: { start: number; end: number },
  assignTo: string | null,
  opts: Options | Record<string, never>,
): Promise<void> {
  const cwd = 'cwd' in opts && opts.cwd !== undefined ? opts.cwd : st.cwd;
  const got = await embedScript(st.relPath, st.text, st.lines, { ...script, cwd, group }, st.groups, st.steps.length);
  st.diagnostics.push(...got.diagnostics);
  st.fixes.push(...got.fixes);
  if (got.unreadable) {
    st.unreadable = true;
    return;
  }
  st.groups += 1;
  const unmodelled = 'unmodelled' in opts && opts.unmodelled === true;
  const dockerSteps = got.steps.filter((s) => s.kind === 'docker');
  for (const s of got.steps) if (s.kind === 'docker' && unmodelled) s.unmodelledRedirect = true;
  st.steps.push(...got.steps);
  st.units.push(...got.units);
  if (assignTo) {
    // `const id = execSync('docker create …')`: the variable holds the container id.
    const only = got.steps.length === 1 && dockerSteps.length === 1 ? dockerSteps[0]! : null;
    if (only && only.kind === 'docker') only.assignTo = assignTo;
    st.vars.set(assignTo, only ? { text: containerIdToken(st.steps.length - 1), isStatic: true } : { text: `\${${assignTo}}`, isStatic: false });
  }
}

/** A default restage can write inside `${NAME:-…}` with nothing for sh to expand or split. */
const PLAIN_DEFAULT = /^[\w./@%+,:=-]*$/;

/**
 * `process.env.DOCKER ?? 'docker'`, `process.env['OUT'] || 'dist'`: the value of the shell expansion
 * `${DOCKER-docker}` (`${OUT:-dist}` for `||`, which also skips an empty string), so a driver reads
 * it as it reads a shell script's environment default (see ../env-defaults.ts).
 */
function environmentDefault(st: State, e: Expression | TsNode): Value | null {
  const { m } = st;
  if (!m.Node.isBinaryExpression(e)) return null;
  const op = e.getOperatorToken().getText();
  if (op !== '??' && op !== '||') return null;
  const variable = environmentVariable(m, e.getLeft());
  return variable ? defaulted(variable, op === '||' ? ':-' : '-', valueOf(st, e.getRight())) : null;
}

/** `${variable<op>fallback}` as a value: the fallback when the environment leaves the variable unset; null for a fallback restage cannot write there. */
function defaulted(variable: string, op: ':-' | '-', fallback: Value): Value | null {
  if (!fallback.isStatic || !PLAIN_DEFAULT.test(fallback.text)) return null;
  return { text: `\${${variable}${op}${fallback.text}}`, isStatic: false, ifUnset: { text: fallback.text, variables: [variable] } };
}

/**
 * `const { DOCKER = 'docker', OUT_DIR: out } = process.env`: each name bound to its variable, with its
 * default as `${DOCKER-docker}` (a destructuring default replaces only undefined, as `-` does). False
 * when the declaration is not that shape.
 */
function readEnvironmentDefaults(st: State, d: import('ts-morph').VariableDeclaration): boolean {
  const { m } = st;
  const pattern = d.getNameNode();
  if (!m.Node.isObjectBindingPattern(pattern) || d.getInitializer()?.getText() !== 'process.env') return false;
  const bound: [string, Value][] = [];
  for (const el of pattern.getElements()) {
    const variable = el.getPropertyNameNode()?.getText() ?? el.getName();
    const init = el.getInitializer();
    if (el.getDotDotDotToken() || !/^[A-Za-z_]\w*$/.test(variable) || !m.Node.isIdentifier(el.getNameNode())) return false;
    bound.push([el.getName(), (init && defaulted(variable, '-', valueOf(st, init))) ?? { text: `\${${variable}}`, isStatic: false }]);
  }
  for (const [name, value] of bound) st.vars.set(name, value);
  return true;
}

/** `process.env.NAME`, `process.env['NAME']`: the environment variable read. */
function environmentVariable(m: Morph, e: TsNode): string | null {
  const name = m.Node.isPropertyAccessExpression(e)
    ? e.getName()
    : m.Node.isElementAccessExpression(e) && m.Node.isStringLiteral(e.getArgumentExpression() ?? e)
      ? (e.getArgumentExpression() as import('ts-morph').StringLiteral).getLiteralValue()
      : null;
  const object = m.Node.isPropertyAccessExpression(e) || m.Node.isElementAccessExpression(e) ? e.getExpression().getText() : '';
  return name !== null && object === 'process.env' && /^[A-Za-z_]\w*$/.test(name) ? name : null;
}

/** A JS expression's value where it is a constant restage can compute; otherwise its source, not static. */
function valueOf(st: State, e: Expression | TsNode): Value {
  const { m } = st;
  // A script's own `const __dirname = …` is read as any variable (below).
  if (!(m.Node.isIdentifier(e) && st.vars.has(e.getText()))) {
    const place = { relPath: st.relPath, dir: st.dir, cwd: st.cwd, shadows: (name: string) => st.unstable.has(name) };
    const value = nodePathValue(m, st.modules, place, e, (x) => valueOf(st, x));
    if (value) return value;
  }
  if (m.Node.isStringLiteral(e) || m.Node.isNoSubstitutionTemplateLiteral(e)) return { text: e.getLiteralValue(), isStatic: true };
  if (m.Node.isNumericLiteral(e)) return { text: e.getText(), isStatic: true };
  const fromEnv = environmentDefault(st, e);
  if (fromEnv) return fromEnv;
  if (m.Node.isParenthesizedExpression(e) || m.Node.isAsExpression(e)) return valueOf(st, e.getExpression());
  if (m.Node.isIdentifier(e)) return (st.unstable.has(e.getText()) ? undefined : st.vars.get(e.getText())) ?? { text: `\${${e.getText()}}`, isStatic: false };
  if (m.Node.isTemplateExpression(e)) {
    let text = e.getHead().getLiteralText();
    let isStatic = true;
    for (const span of e.getTemplateSpans()) {
      const v = valueOf(st, span.getExpression());
      text += v.text + span.getLiteral().getLiteralText();
      isStatic &&= v.isStatic;
    }
    return { text, isStatic };
  }
  // `${id.trim()}`: a promisified exec's stdout ends in a newline; a known value's blanks go.
  if (m.Node.isCallExpression(e) && e.getArguments().length === 0 && m.Node.isPropertyAccessExpression(e.getExpression())) {
    const method = e.getExpression() as import('ts-morph').PropertyAccessExpression;
    const trim = { trim: (t: string) => t.trim(), trimEnd: (t: string) => t.trimEnd(), trimStart: (t: string) => t.trimStart(), toString: (t: string) => t }[
      method.getName()
    ];
    const v = trim ? valueOf(st, method.getExpression()) : null;
    if (trim && v?.isStatic) return { text: trim(v.text), isStatic: true };
  }
  if (m.Node.isBinaryExpression(e) && e.getOperatorToken().getText() === '+') {
    const l = valueOf(st, e.getLeft());
    const r = valueOf(st, e.getRight());
    return { text: l.text + r.text, isStatic: l.isStatic && r.isStatic };
  }
  return { text: e.getText(), isStatic: false };
}

/**
 * The object literal a top-level `const NAME = { … }` holds, when nothing in the file changes it
 * (`NAME.cwd = …`, `NAME['env'] = …`, `Object.assign(NAME, …)`); null otherwise.
 */
function constantObject(st: State, id: TsNode): TsNode | null {
  const { m } = st;
  const name = id.getText();
  const file = id.getSourceFile();
  const decl = file
    .getVariableStatements()
    .filter((v) => v.getDeclarationKind() === 'const')
    .flatMap((v) => v.getDeclarations())
    .find((d) => d.getName() === name);
  const init = decl?.getInitializer();
  if (!init || !m.Node.isObjectLiteralExpression(init)) return null;
  const escaped = name.replace(/\$/g, '\\$');
  const changed = new RegExp(`\\b${escaped}\\s*(\\.\\s*\\w+|\\[[^\\]]*\\])\\s*=(?!=)|Object\\.assign\\(\\s*${escaped}\\b`);
  return changed.test(file.getText()) ? null : init;
}
