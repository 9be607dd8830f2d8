import v8 from 'node:v8';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Node as TsNode, Parser as TsParser } from 'web-tree-sitter';

export type SyntaxNode = TsNode;

let parserPromise: Promise<TsParser> | undefined;

/** Loads the bash grammar once, on first use: drivers that never mention docker never pay for the wasm. */
function loadParser(): Promise<TsParser> {
  parserPromise ??= (async () => {
    // Without these, V8 compiles the grammar's wasm again in the background and exit waits ~700 ms for it.
    v8.setFlagsFromString('--no-wasm-tier-up');
    v8.setFlagsFromString('--no-wasm-dynamic-tiering');
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
  root: SyntaxNode;
  /** First syntax error or missing token, as an offset, if the parse was not clean. */
  errorAt: number | null;
}

export async function parseShell(text: string): Promise<ParsedShell> {
  const parser = await loadParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('the shell parser returned no tree');
  const root = tree.rootNode;
  return { root, errorAt: root.hasError ? firstErrorOffset(root) : null };
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
