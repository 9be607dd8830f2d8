import path from 'node:path';
import { Node, Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';

/**
 * No function in src/ or rules/ is over 120 lines: the planner was once one 755-line function that no
 * newcomer could change and no table test could reach. A function that grows past the limit is split
 * by what it recognises or decides, not squeezed.
 */
const LIMIT = 120;
const ROOT = path.resolve(__dirname, '..');

function longFunctions(limit: number, files?: Record<string, string>): string[] {
  const project = files ? new Project({ useInMemoryFileSystem: true }) : new Project({ tsConfigFilePath: path.join(ROOT, 'tsconfig.json') });
  if (files) for (const [name, text] of Object.entries(files)) project.createSourceFile(name, text);
  const out: string[] = [];
  for (const sf of project.getSourceFiles()) {
    const rel = files ? sf.getBaseName() : path.relative(ROOT, sf.getFilePath());
    sf.forEachDescendant((n) => {
      if (!(
        Node.isFunctionDeclaration(n) ||
        Node.isMethodDeclaration(n) ||
        Node.isArrowFunction(n) ||
        Node.isFunctionExpression(n) ||
        Node.isConstructorDeclaration(n) ||
        Node.isGetAccessorDeclaration(n)
      ))
        return;
      const lines = n.getEndLineNumber() - n.getStartLineNumber() + 1;
      if (lines > limit) out.push(`${rel}:${n.getStartLineNumber()}: ${lines} lines`);
    });
  }
  return out;
}

describe('function length', () => {
  it(`no function in src/ or rules/ is over ${LIMIT} lines`, () => {
    expect(longFunctions(LIMIT)).toEqual([]);
  });

  it('the check sees declarations, arrows, methods and nested functions', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const found = longFunctions(5, {
      'a.ts': `export function a() {\n${body(5)}\n}\nfunction short() {\n  return 1;\n}\n`,
      'b.ts': `export const b = () => {\n${body(5)}\n};\nclass C {\n  m() {\n${body(5)}\n  }\n}\nfunction outer() {\n  return function inner() {\n${body(5)}\n  };\n}\n`,
    });
    expect(found).toEqual(['a.ts:1: 7 lines', 'b.ts:1: 7 lines', 'b.ts:9: 7 lines', 'b.ts:17: 9 lines', 'b.ts:18: 7 lines']);
  });
});
