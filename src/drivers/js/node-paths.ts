import path from 'node:path/posix';
import type { Expression, Node as TsNode, SourceFile } from 'ts-morph';
import { joinRoot as absolute, underRoot, type Value } from '../../shell/evaluate.js';

type Morph = typeof import('ts-morph');

/** A function of Node's path or url module that a script calls to build a host path. */
type PathFunction = 'join' | 'resolve' | 'dirname' | 'fileURLToPath';
const PATH_FUNCTIONS = new Set<string>(['join', 'resolve', 'dirname']);

/** The names a script binds to Node's `path` and `url` modules and to their functions, at its top level. */
export interface NodeModuleNames {
  /** `path` in `import path from 'node:path'`, `import * as path from 'path'`, `const path = require('path')`. */
  pathModules: Set<string>;
  urlModules: Set<string>;
  /** Local name → function: `import { join as j } from 'node:path'`, `const { resolve } = require('path')`. */
  functions: Map<string, PathFunction>;
  /** `shell` in `const shell = require('shelljs')`, `import shell from 'shelljs'`. */
  shelljs: Set<string>;
  /** Local name → shelljs's `exec` or `cd`: `import { exec } from 'shelljs'`, or every use after `require('shelljs/global')`. */
  shellFunctions: Map<string, ShellFunction>;
}

/** The shelljs functions restage reads: exec runs a command line synchronously, cd moves the process. */
export type ShellFunction = 'exec' | 'cd';
const SHELL_FUNCTIONS = new Set<string>(['exec', 'cd']);
const SHELLJS = /^shelljs$/;
const SHELLJS_GLOBAL = /^shelljs\/(global|make)$/;

// Windows paths (path/win32) are not this model's.
const PATH_MODULE = /^(node:)?path(\/posix)?$/;
const URL_MODULE = /^(node:)?url$/;

/** What the script's imports and top-level `require`s bind to Node's path and url modules. */
export function nodeModuleNames(m: Morph, file: SourceFile): NodeModuleNames {
  const names: NodeModuleNames = { pathModules: new Set(), urlModules: new Set(), functions: new Map(), shelljs: new Set(), shellFunctions: new Map() };
  const bind = (spec: string, whole: string | undefined, named: [imported: string, local: string][]) => {
    if (SHELLJS_GLOBAL.test(spec)) for (const f of SHELL_FUNCTIONS) names.shellFunctions.set(f, f as ShellFunction);
    if (SHELLJS.test(spec)) {
      if (whole !== undefined) names.shelljs.add(whole);
      for (const [imported, local] of named) if (SHELL_FUNCTIONS.has(imported)) names.shellFunctions.set(local, imported as ShellFunction);
      return;
    }
    const isPath = PATH_MODULE.test(spec);
    if (!isPath && !URL_MODULE.test(spec)) return;
    if (whole !== undefined) (isPath ? names.pathModules : names.urlModules).add(whole);
    for (const [imported, local] of named) {
      if (isPath ? PATH_FUNCTIONS.has(imported) : imported === 'fileURLToPath') names.functions.set(local, imported as PathFunction);
    }
  };
  for (const s of file.getStatements()) {
    if (m.Node.isImportDeclaration(s)) {
      bind(
        s.getModuleSpecifierValue(),
        (s.getDefaultImport() ?? s.getNamespaceImport())?.getText(),
        s.getNamedImports().map((n) => [n.getName(), n.getAliasNode()?.getText() ?? n.getName()]),
      );
    } else if (m.Node.isVariableStatement(s)) {
      for (const d of s.getDeclarations()) {
        const init = d.getInitializer();
        if (!init || !m.Node.isCallExpression(init) || init.getExpression().getText() !== 'require') continue;
        const arg = init.getArguments()[0];
        if (!arg || !m.Node.isStringLiteral(arg)) continue;
        const nameNode = d.getNameNode();
        if (m.Node.isIdentifier(nameNode)) bind(arg.getLiteralValue(), nameNode.getText(), []);
        else if (m.Node.isObjectBindingPattern(nameNode))
          bind(
            arg.getLiteralValue(),
            undefined,
            nameNode.getElements().map((el) => [el.getPropertyNameNode()?.getText() ?? el.getName(), el.getName()]),
          );
      }
    } else if (m.Node.isExpressionStatement(s)) {
      // `require('shelljs/global')`: its functions become globals.
      const e = s.getExpression();
      const arg = m.Node.isCallExpression(e) && e.getExpression().getText() === 'require' ? e.getArguments()[0] : undefined;
      if (arg && m.Node.isStringLiteral(arg)) bind(arg.getLiteralValue(), undefined, []);
    }
  }
  return names;
}

/** Where the script is and runs, for the values below; `cwd` null once a move restage cannot place happened. */
export interface ScriptPlace {
  relPath: string;
  dir: string;
  cwd: string | null;
  /** A name the script assigns anywhere but at its top level is not (or not always) Node's. */
  shadows(name: string): boolean;
}

const isAbsolute = (p: string) => p.startsWith('/') || underRoot(p);

/**
 * The host path an expression names through Node's own means: `__dirname`, `import.meta.dirname`,
 * `process.cwd()`, `path.join`/`resolve`/`dirname` and `fileURLToPath(import.meta.url)`, as a path under
 * the repository root (the planner's REPO_ROOT stand-in, as `$0` and `$PWD` are in a shell script).
 * Undefined when the expression is none of these; not static when an argument is not, or the result
 * leaves the repository.
 */
export function nodePathValue(
  m: Morph,
  names: NodeModuleNames,
  place: ScriptPlace,
  e: Expression | TsNode,
  valueOf: (e: Expression | TsNode) => Value,
): Value | undefined {
  const unknown = { text: e.getText(), isStatic: false };
  const text = e.getText();
  if (m.Node.isIdentifier(e) && (text === '__dirname' || text === '__filename') && !place.shadows(text))
    return { text: absolute(text === '__dirname' ? place.dir : place.relPath), isStatic: true };
  if (text === 'import.meta.dirname') return { text: absolute(place.dir), isStatic: true };
  if (text === 'import.meta.filename') return { text: absolute(place.relPath), isStatic: true };
  if (!m.Node.isCallExpression(e)) return undefined;
  const callee = e.getExpression();
  const args = e.getArguments();
  if (callee.getText() === 'process.cwd' && args.length === 0) return place.cwd === null ? unknown : { text: absolute(place.cwd), isStatic: true };
  const fn = calledFunction(m, names, callee, place);
  if (fn === undefined) return undefined;
  if (fn === 'fileURLToPath')
    return args.length === 1 && args[0]!.getText() === 'import.meta.url' ? { text: absolute(place.relPath), isStatic: true } : unknown;
  const values = args.map((a) => valueOf(a));
  if (values.length === 0 || values.some((v) => !v.isStatic)) return unknown;
  let parts = values.map((v) => v.text);
  let result: string;
  if (fn === 'dirname') {
    if (parts.length !== 1) return unknown;
    result = path.dirname(parts[0]!);
  } else if (fn === 'join') result = path.join(...parts);
  else {
    // path.resolve: from the last absolute argument on, else from the cwd.
    let at = parts.length - 1;
    while (at > 0 && !isAbsolute(parts[at]!)) at--;
    parts = parts.slice(at);
    if (!isAbsolute(parts[0]!)) {
      if (place.cwd === null) return unknown;
      parts.unshift(absolute(place.cwd));
    }
    result = path.join(...parts);
    if (result.length > 1 && result.endsWith('/')) result = result.slice(0, -1);
  }
  // `path.join(__dirname, '..', '..')` above the repository root: a directory restage does not model.
  const fromRoot = parts.some(underRoot);
  if (fromRoot && !underRoot(result)) return unknown;
  return { text: result, isStatic: true };
}

function calledFunction(m: Morph, names: NodeModuleNames, callee: TsNode, place: ScriptPlace): PathFunction | undefined {
  if (m.Node.isIdentifier(callee)) return place.shadows(callee.getText()) ? undefined : names.functions.get(callee.getText());
  if (!m.Node.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.getName();
  let owner = callee.getExpression();
  // path.posix.join is path.join here: the model is POSIX.
  if (m.Node.isPropertyAccessExpression(owner) && owner.getName() === 'posix') owner = owner.getExpression();
  if (!m.Node.isIdentifier(owner) || place.shadows(owner.getText())) return undefined;
  if (names.pathModules.has(owner.getText()) && PATH_FUNCTIONS.has(name)) return name as PathFunction;
  if (names.urlModules.has(owner.getText()) && name === 'fileURLToPath') return 'fileURLToPath';
  return undefined;
}
