import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { TESTDATA } from '../helpers/cli.js';
import { filesUnder } from '../helpers/files.js';

/** A repository as bytes: repo-relative POSIX path → content. */
export type Tree = Map<string, Buffer>;

/** Every testdata case's before/ tree: the seeds the mutations start from. */
export function seedTrees(): { name: string; tree: Tree }[] {
  return fs
    .readdirSync(TESTDATA)
    .filter((c) => fs.existsSync(path.join(TESTDATA, c, 'before')))
    .sort()
    .map((name) => ({ name, tree: readTreeBytes(path.join(TESTDATA, name, 'before')) }));
}

export function readTreeBytes(dir: string): Tree {
  // Regular files only: a seed tree holds no links, and a link a run made is not content.
  return new Map(
    filesUnder(dir)
      .filter((f) => fs.lstatSync(path.join(dir, f)).isFile())
      .map((f) => [f, fs.readFileSync(path.join(dir, f))]),
  );
}

/** check-repo puts the repository beside this directory and checks nothing in it changes. */
export const OUTSIDE_DIR = 'outside';
/** An absolute path no run may create. */
export const ABSOLUTE_TARGET = '/tmp/restage-fuzz-escaped';

/** One change to one file of a seed tree; `file` and `at` are taken modulo what the tree and file hold. */
type Everywhere = { kind: 'crlf-everywhere' | 'bom-everywhere' };
type OneFile = Exclude<Mutation, Everywhere>;
const isEverywhere = (m: Mutation): m is Everywhere => m.kind === 'crlf-everywhere' || m.kind === 'bom-everywhere';

export type Mutation =
  | { kind: 'delete-line' | 'duplicate-line' | 'truncate' | 'unterminated-heredoc' | 'nul-byte'; file: number; at: number }
  | { kind: 'random-bytes'; file: number; at: number; bytes: number[] }
  | { kind: 'unbalanced-quote'; file: number; at: number; quote: string }
  | { kind: 'non-utf8'; file: number; at: number; bytes: readonly number[] }
  | { kind: 'long-line'; file: number; at: number; length: number }
  | { kind: 'escape-path'; file: number; at: number; target: string }
  | { kind: 'crlf' | 'bom' | 'empty' | 'no-final-newline' | 'oversize' | 'spaces-to-tabs' | 'tabs-to-spaces'; file: number }
  | Everywhere;

const file = fc.nat();
const at = fc.nat();
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete-line', 'duplicate-line', 'truncate', 'unterminated-heredoc', 'nul-byte'), file, at }),
  fc.record({ kind: fc.constant('random-bytes'), file, at, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 24 }) }),
  fc.record({ kind: fc.constant('unbalanced-quote'), file, at, quote: fc.constantFrom('"', "'", '`', '$(', '${') }),
  // Lone continuation bytes, overlong forms, a truncated sequence, Latin-1 é.
  fc.record({
    kind: fc.constant('non-utf8'),
    file,
    at,
    bytes: fc.constantFrom([0xff], [0xfe, 0xff], [0x80], [0xc3], [0xe9], [0xc0, 0xaf], [0xed, 0xa0, 0x80]),
  }),
  fc.record({ kind: fc.constant('long-line'), file, at, length: fc.integer({ min: 1_000, max: 300_000 }) }),
  // The last word of a line becomes a path out of the repository; OUTSIDE_DIR is a sibling check-repo watches.
  fc.record({
    kind: fc.constant('escape-path'),
    file,
    at,
    target: fc.constantFrom(`../${OUTSIDE_DIR}/x`, `../${OUTSIDE_DIR}`, '../../etc/x', ABSOLUTE_TARGET, `${ABSOLUTE_TARGET}/`),
  }),
  fc.record({ kind: fc.constantFrom('crlf', 'bom', 'empty', 'no-final-newline', 'oversize', 'spaces-to-tabs', 'tabs-to-spaces'), file }),
  fc.record({ kind: fc.constantFrom('crlf-everywhere', 'bom-everywhere') }),
);

/** A seed (by index into seedTrees()) and one to three mutations applied in order. */
export const caseArb = (seeds: number) => fc.record({ seed: fc.nat({ max: seeds - 1 }), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) });

const INTERESTING = /(^|\/)([^/]*\.)?[Dd]ockerfile(\.[^/]*)?$|\.sh$|\.bash$|(^|\/)(GNU)?[Mm]akefile$|\.mk$|\.dockerignore$/;

/** Mutations land on drivers, Dockerfiles and .dockerignore files nine times in ten. */
function pickFile(tree: Tree, n: number): string | undefined {
  const all = [...tree.keys()].sort();
  const interesting = all.filter((f) => INTERESTING.test(f));
  const pool = n % 10 === 0 || interesting.length === 0 ? all : interesting;
  return pool.length === 0 ? undefined : pool[Math.floor(n / 10) % pool.length];
}

function lineSpans(buf: Buffer): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 0x0a) {
      spans.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < buf.length) spans.push({ start, end: buf.length });
  return spans;
}

const insertAt = (buf: Buffer, offset: number, bytes: Buffer) => Buffer.concat([buf.subarray(0, offset), bytes, buf.subarray(offset)]);

function mutateFile(buf: Buffer, m: OneFile): Buffer {
  const lines = lineSpans(buf);
  const offset = 'at' in m ? (buf.length === 0 ? 0 : m.at % (buf.length + 1)) : 0;
  const line = 'at' in m && lines.length > 0 ? lines[m.at % lines.length]! : { start: 0, end: 0 };
  const lineEnd = buf[line.end - 1] === 0x0a ? line.end - 1 : line.end;
  switch (m.kind) {
    case 'delete-line':
      return Buffer.concat([buf.subarray(0, line.start), buf.subarray(line.end)]);
    case 'duplicate-line':
      return insertAt(buf, line.start, buf.subarray(line.start, line.end));
    case 'truncate':
      return buf.subarray(0, offset);
    case 'unterminated-heredoc':
      return insertAt(buf, lineEnd, Buffer.from(' <<EOF'));
    case 'nul-byte':
      return insertAt(buf, offset, Buffer.from([0]));
    case 'random-bytes':
    case 'non-utf8':
      return insertAt(buf, offset, Buffer.from(m.bytes));
    case 'unbalanced-quote':
      return insertAt(buf, offset, Buffer.from(m.quote));
    case 'long-line':
      return insertAt(buf, lineEnd, Buffer.from(` ${'x'.repeat(m.length)}`));
    case 'escape-path': {
      const text = buf.subarray(line.start, lineEnd).toString('latin1');
      const lastWord = /\S+(?=\s*$)/.exec(text);
      if (!lastWord) return buf;
      const from = line.start + lastWord.index;
      return Buffer.concat([buf.subarray(0, from), Buffer.from(m.target), buf.subarray(from + lastWord[0].length)]);
    }
    case 'crlf':
      return Buffer.from(buf.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf]);
    case 'empty':
      return Buffer.alloc(0);
    case 'no-final-newline':
      return Buffer.from(buf.toString('latin1').replace(/(\r?\n)+$/, ''), 'latin1');
    case 'oversize': {
      // A comment both shells and Dockerfiles ignore, so only the size is wrong.
      const pad = `\n# ${'p'.repeat(1024 * 1024)}\n`;
      return Buffer.concat([buf, Buffer.from(pad)]);
    }
    case 'spaces-to-tabs':
      return Buffer.from(
        buf
          .toString('latin1')
          .replace(/^( {2})+/gm, (s) => '\t'.repeat(s.length / 2))
          .replace(/ (?=-)/g, '\t'),
        'latin1',
      );
    case 'tabs-to-spaces':
      return Buffer.from(buf.toString('latin1').replace(/\t/g, '    '), 'latin1');
  }
}

export function applyMutations(tree: Tree, mutations: Mutation[]): Tree {
  const out: Tree = new Map(tree);
  for (const m of mutations) {
    if (isEverywhere(m)) {
      for (const [f, buf] of out) if (INTERESTING.test(f)) out.set(f, mutateFile(buf, { kind: m.kind === 'crlf-everywhere' ? 'crlf' : 'bom', file: 0 }));
      continue;
    }
    const target = pickFile(out, m.file);
    if (target !== undefined) out.set(target, mutateFile(out.get(target)!, m));
  }
  return out;
}

/** How a case reads in a report: the seed and each mutation with the file it landed on. */
export function describeCase(seedName: string, tree: Tree, mutations: Mutation[]): string {
  return `${seedName}: ${mutations.map((m) => (isEverywhere(m) ? m.kind : `${m.kind}(${pickFile(tree, m.file) ?? '-'}${'at' in m ? `@${m.at}` : ''})`)).join(', ')}`;
}
