import { createRequire } from 'node:module';
import path from 'node:path';
import type { Node as TsNode, Parser as TsParser } from 'web-tree-sitter';
import type { Statement } from './script.js';
import { topLevelStatements } from './statements.js';

export type SyntaxNode = TsNode;

let parserPromise: Promise<TsParser> | undefined;

/** Loads the bash grammar once, on first use: drivers that never mention docker never pay for the wasm. */
function loadParser(): Promise<TsParser> {
  parserPromise ??= (async () => {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const require = createRequire(import.meta.url);
    const grammarDir = path.dirname(require.resolve('tree-sitter-bash/package.json'));
    const bash = await Language.load(path.join(grammarDir, 'tree-sitter-bash.wasm'));
    const parser = new Parser();
    parser.setLanguage(bash);
    return parser;
  })();
  return parserPromise;
}

export interface ParsedShell {
  /** The script's top-level statements (plain data: the syntax tree is freed once they are read). */
  statements: Statement[];
  /** First syntax error or missing token, as an offset, if the parse was not clean (then no statements). */
  errorAt: number | null;
}

/**
 * Parses a script and reads its statements. The tree lives in the wasm heap, which nothing frees but
 * `delete()`: kept, every script of a monorepo stayed in memory until exit.
 */
export async function parseShell(text: string): Promise<ParsedShell> {
  const parser = await loadParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('the shell parser returned no tree');
  try {
    const root = tree.rootNode;
    if (root.hasError) return { statements: [], errorAt: firstErrorOffset(root) };
    return { statements: topLevelStatements(root), errorAt: null };
  } finally {
    tree.delete();
  }
}

function firstErrorOffset(node: SyntaxNode): number {
  if (node.isError) return node.startIndex;
  for (const child of node.children) {
    if (!child) continue;
    // A missing closing token sits where the parser gave up; the construct it would close starts the trouble.
    if (child.isMissing) return node.startIndex;
    if (child.isError || child.hasError) return firstErrorOffset(child);
  }
  return node.startIndex;
}
