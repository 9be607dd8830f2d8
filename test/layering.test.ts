import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The pipeline's order, lowest first: a module may import from its own folder or from a folder earlier
// in this list, never from a later one. docs/architecture.md explains each layer.
const LAYERS = [
  'packages',
  'text',
  'diagnostics',
  'repo',
  'shell',
  'dockerfile',
  'drivers',
  'detect',
  'plan',
  'synthesize',
  'references',
  'config',
  'emit',
  'pipeline',
  'fleet',
  'verify',
  'cli',
];

// A driver kind's folder is its own business: from outside drivers/, only these are imported.
const DRIVERS_PUBLIC = new Set(['drivers/index.ts', 'drivers/claims.ts', 'drivers/steps.ts', 'drivers/docker-cli.ts']);

/**
 * Imports that break the rules, each with why: none today. A new one fails at once; an entry that no
 * longer occurs fails too, so the list only shrinks.
 */
const KNOWN: Record<string, string> = {};

const SRC = path.resolve(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every relative import, re-export and dynamic import of src/, as `from -> to` paths under src/. */
function importEdges(): { from: string; to: string }[] {
  const edges: { from: string; to: string }[] = [];
  for (const file of sourceFiles(SRC)) {
    for (const ref of ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), ref.fileName).replace(/\.js$/, '.ts');
      if (!target.startsWith(SRC + path.sep)) continue;
      edges.push({ from: rel(file), to: rel(target) });
    }
  }
  return edges;
}

const rel = (p: string) => path.relative(SRC, p).split(path.sep).join('/');
const folder = (p: string) => p.split('/')[0]!;

/** Why an import breaks the layering, or null when it does not. */
function violation(from: string, to: string): string | null {
  const a = folder(from);
  const b = folder(to);
  if (a === b) return null;
  const la = LAYERS.indexOf(a);
  const lb = LAYERS.indexOf(b);
  if (la < 0 || lb < 0) return `src/${la < 0 ? a : b}/ is in no layer`;
  if (lb > la) return `${a}/ imports upward from ${b}/`;
  if (b === 'drivers' && !DRIVERS_PUBLIC.has(to)) return `${a}/ imports a driver kind's internals`;
  return null;
}

describe('layering of src/', () => {
  const edges = importEdges();
  const broken = edges.flatMap(({ from, to }) => {
    const why = violation(from, to);
    return why === null ? [] : [`${from} -> ${to}`];
  });

  it('reads the import graph (a parser that finds nothing would pass anything)', () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(edges).toContainEqual({ from: 'cli/program.ts', to: 'verify/index.ts' });
  });

  it('has every folder of src/ in a layer', () => {
    const folders = fs
      .readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !LAYERS.includes(f))).toEqual([]);
  });

  it('imports nothing upward and no driver internals, beyond the known list', () => {
    expect(broken.filter((e) => !(e in KNOWN)).map((e) => `${e}: ${violation(...(e.split(' -> ') as [string, string]))}`)).toEqual([]);
  });

  it('lists no known exception that no longer occurs', () => {
    expect(Object.keys(KNOWN).filter((k) => !broken.includes(k))).toEqual([]);
  });

  it('flags an upward import and a reach into a driver kind', () => {
    expect(violation('verify/index.ts', 'cli/migrate.ts')).toBe('verify/ imports upward from cli/');
    expect(violation('plan/setups.ts', 'synthesize/index.ts')).toBe('plan/ imports upward from synthesize/');
    expect(violation('plan/host-steps.ts', 'drivers/sh/index.ts')).toBe("plan/ imports a driver kind's internals");
    expect(violation('verify/replay.ts', 'drivers/steps.ts')).toBeNull();
    expect(violation('drivers/make/index.ts', 'drivers/sh/index.ts')).toBeNull();
  });
});
