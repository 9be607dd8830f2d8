import { describe, expect, it } from 'vitest';
import { extract } from '../src/drivers/make/index.js';
import { readMakefile } from '../src/drivers/make/makefile.js';
import { fillHoles, fillHolesText, insideExpansion, mapEnd, mapStart, shellLine, type ShellLine } from '../src/drivers/make/recipe.js';

// A recipe line as the shell receives it (src/drivers/make/recipe.ts): make's expansion with each shell
// character's Makefile span, the values make cannot know as holes, and the maps back.

/** `ab` copied as written (Makefile 10–12), then `cd` from one expansion spanning 12–16. */
const LINE: ShellLine = { shell: 'abcd', starts: [10, 11, 12, 12], ends: [11, 12, 16, 16], seg: [-1, -1, 0, 0], holes: [], flags: new Set() };
const EMPTY: ShellLine = { shell: '', starts: [], ends: [], seg: [], holes: [], flags: new Set() };

describe('the maps back', () => {
  it.each<[number, number, number]>([
    [0, 10, 10],
    [1, 11, 11],
    [2, 12, 12],
    [3, 12, 16],
    [4, 16, 16],
    [9, 16, 16],
  ])('a span starting at shell offset %i starts at %i; one ending there ends at %i', (e, start, end) => {
    expect([mapStart(LINE, e, -1), mapEnd(LINE, e, -1)]).toEqual([start, end]);
  });
  it('the end of offset 0 is the first character’s start', () => {
    expect(mapEnd(LINE, 0, -1)).toBe(10);
  });
  it('an empty line maps to the fallback', () => {
    expect([mapStart(EMPTY, 0, 7), mapEnd(EMPTY, 0, 7), mapEnd(EMPTY, 3, 7)]).toEqual([7, 7, undefined]);
  });
  it.each<[number, boolean]>([
    [0, false],
    [1, false],
    [2, false],
    [3, true],
    [4, false],
  ])('offset %i inside one expansion: %s', (e, expected) => {
    expect(insideExpansion(LINE, e)).toBe(expected);
  });
});

describe('holes', () => {
  const holes = Array.from({ length: 12 }, (_, i) => ({ text: `$(V${i})`, isStatic: i !== 11 }));
  it('a hole of two digits', () => {
    expect(fillHoles({ text: 'a\u000210\u0003b', isStatic: true }, holes)).toEqual({ text: 'a$(V10)b', isStatic: true });
    expect(fillHoles({ text: '\u000211\u0003', isStatic: true }, holes)).toEqual({ text: '$(V11)', isStatic: false });
    expect(fillHolesText('\u00021\u0003\u00022\u0003', holes)).toBe('$(V1)$(V2)');
  });
  it('a word that is not static stays so', () => {
    expect(fillHoles({ text: 'x', isStatic: false }, holes)).toEqual({ text: 'x', isStatic: false });
  });
});

describe('shellLine', () => {
  const first = (text: string) => {
    const mk = readMakefile('Makefile', text, '');
    return shellLine(mk.recipes[0]!, mk, null);
  };
  it('an astral character takes two offsets: as written, and from an expansion', () => {
    const l = first('all:\n\techo 😀$(A)x\nA = 😀b\n');
    expect(l.shell).toBe('echo 😀😀bx');
    expect(l.starts).toHaveLength(l.shell.length);
    expect(l.starts.slice(5)).toEqual([11, 12, 13, 13, 13, 17]);
    expect(l.ends.slice(5)).toEqual([12, 13, 17, 17, 17, 18]);
    expect(l.seg.slice(5)).toEqual([-1, -1, 0, 0, 0, -1]);
  });
  it('each expansion is a segment of its own; $$ too', () => {
    const l = first('all:\n\t$(A)$(B)$$x\nA = a\nB = b\n');
    expect(l.shell).toBe('ab$x');
    expect(l.seg).toEqual([0, 1, 2, -1]);
  });
});

describe('$0 in a recipe is the shell', () => {
  const words = async (line: string) => {
    const a = await extract('Makefile', `all:\n\t${line}\n`);
    const s = a.steps[0]!;
    return s.kind === 'opaque' ? s.nodeType : s.args.map((x) => (x.isStatic ? x.text : `~${x.text}`)).join(' ');
  };
  it.each<[string, string]>([
    ['docker build -t $$0 .', 'docker build -t ~$0 .'],
    ['docker build -t $${0%.sh} .', 'docker build -t ~${0%.sh} .'],
    ['docker build -t $${X:-$$0} .', 'docker build -t ~${X:-$0} .'],
    ['docker build -t $$(basename $$0) .', 'docker build -t ~$(basename $0) .'],
    ['docker build -t $$(basename x) .', 'docker build -t ~$(basename x) .'],
    ['docker build -t $$1 .', 'docker build -t ~$1 .'],
  ])('%s', async (line, expected) => {
    expect(await words(line)).toBe(expected);
  });
  it('cd "$$(dirname "$$0")" is no move to the Makefile’s directory', async () => {
    const a = await extract('Makefile', 'all:\n\tcd "$$(dirname "$$0")"; docker build .\n');
    expect(a.steps.map((s) => (s.kind === 'opaque' ? s.nodeType : `${s.args.map((x) => x.text).join(' ')} @${s.cwd ?? '?'}`))).toEqual([
      'cd "$(dirname "$0")" @?',
      'docker build . @?',
    ]);
  });
});
