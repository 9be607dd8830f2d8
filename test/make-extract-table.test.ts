import { describe, expect, it } from 'vitest';
import { extract, recipeEnvironment } from '../src/drivers/make/index.js';
import type { DriverAnalysis, DriverStep } from '../src/drivers/steps.js';
import { REPO_ROOT } from '../src/shell/evaluate.js';

// What extract (src/drivers/make/index.ts) makes of a Makefile, one row per form: the steps it hands the
// planner (a docker or host command as its words, `~` before a word known only at run time, or an opaque
// step by the reason it is opaque), what an opaque step says it may run, and the edits it leaves for when
// a rule's recipe is emptied.

function describeStep(s: DriverStep): string {
  if (s.kind === 'opaque') return `opaque(${s.nodeType})`;
  return s.args.map((x) => (x.isStatic ? x.text : `~${x.text}`)).join(' ');
}

const run = (text: string): Promise<DriverAnalysis> => extract('Makefile', text);
const steps = async (text: string): Promise<string[]> => (await run(text)).steps.map(describeStep);
const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('steps', () => {
  it.each<[string, string, string[]]>([
    ['a double-colon rule', lines('all:: ', '\tdocker build .'), ['opaque(make double-colon rule)']],
    ['a special target with a recipe', lines('.DEFAULT:', '\tdocker build .'), ['opaque(make special target .DEFAULT)']],
    ['a rule with computed targets', lines('$(BIN):', '\tdocker build .'), ['opaque(make rule with computed targets)']],
    ['a static pattern rule', lines('all: a.o', 'a.o: %.o: %.c', '\tdocker build .'), ['opaque(make pattern rule)']],
    ['a rule with computed prerequisites', lines('all: $(DEPS)', '\tdocker build .'), ['opaque(make rule with computed prerequisites)']],
    ['an empty recipe line', lines('all:', '\t', '\tdocker build .'), ['docker build .']],
    ['a line that is only an empty variable', lines('E =', 'all:', '\t$(E)', '\tdocker build .'), ['docker build .']],
    ['$(eval) in a recipe', lines('all:', '\t$(eval X := 1)docker build .'), ['opaque(make eval)']],
    ['a for loop', lines('all:', '\tfor d in a b; do docker build $$d; done'), ['opaque(for_statement)']],
    ['a shell function', lines('all:', '\tf() { docker build .; }; f'), ['opaque(function_definition)', 'f']],
    ['a brace group', lines('all:', '\t{ docker build .; }'), ['opaque(compound_statement)']],
    ['a subshell', lines('all:', '\t(cd sub && docker build .)'), ['opaque(subshell)']],
    // The inner rule runs on its own too (make all inner): after what the default goal reaches.
    ['make by path', lines('all:', '\t/usr/bin/make inner', 'inner:', '\tdocker build .'), ['opaque(recursive make)', 'docker build .']],
    ['gmake', lines('all:', '\tgmake inner', 'inner:', '\tdocker build .'), ['opaque(recursive make)', 'docker build .']],
    ['a word that ends in make is no make', lines('all:', '\tcmake .', '\tdocker build .'), ['cmake .', 'docker build .']],
    ['nor one that starts with make', lines('all:', '\tmakeself dist app.run', '\tdocker build .'), ['makeself dist app.run', 'docker build .']],
    [
      'a variable holding several commands after a command of the line',
      lines('S = docker create --name c img; docker cp c:/a ./a', 'all:', '\techo x; $(S)'),
      ['opaque(make variable holding several commands)'],
    ],
    [
      'a tool named by a dynamic variable that mentions docker',
      lines('D := $(shell which docker)', 'all:', '\t$(D) build .'),
      ['opaque(command named by a make variable)'],
    ],
    [
      'a tool named DOCKER by a dynamic variable is the client',
      lines('DOCKER := $(shell which docker)', 'all:', '\t$(DOCKER) build .'),
      ['~$(shell which docker) build .'],
    ],
    ['a tool named by a dynamic variable that does not', lines('T := $(shell which tar)', 'all:', '\t$(T) czf a.tgz a'), ['~$(shell which tar) czf a.tgz a']],
    ['a shell variable set on the line', lines('all:', '\tX=img; docker build -t $$X .'), ['docker build -t img .']],
    ['an empty shell assignment', lines('all:', '\tX=; docker build -t a$$X .'), ['docker build -t a .']],
    ['a command substitution assigned', lines('all:', '\tV=$$(cat VERSION); docker build -t a:$$V .'), ['cat VERSION', 'docker build -t ~a:$(cat VERSION) .']],
    ['cd moves the next command of the line', lines('all:', '\tcd sub; docker build .'), ['cd sub', 'docker build .']],
  ])('%s', async (_, text, expected) => {
    expect(await steps(text)).toEqual(expected);
  });
});

/** The text of the first opaque step: what the planner searches for docker commands it may hide. */
const opaqueText = async (text: string): Promise<string> => {
  const s = (await run(text)).steps.find((x) => x.kind === 'opaque');
  if (s?.kind !== 'opaque') throw new Error('no opaque step');
  return s.text;
};

describe('what an opaque step may run', () => {
  it.each<[string, string, string[], string[]]>([
    [
      'a recursive make of a goal carries that goal’s recipe',
      lines('all:', '\t$(MAKE) inner V=1 -j2', 'inner:', '\tdocker cp c:/i ./i', 'other:', '\tdocker cp c:/o ./o'),
      ['$(MAKE) inner V=1 -j2', 'docker cp c:/i ./i'],
      ['docker cp c:/o ./o'],
    ],
    ['a recursive make without a goal runs the default goal', lines('all:', '\tdocker cp c:/a ./a', 'sub:', '\tmake'), ['docker cp c:/a ./a'], []],
    [
      'a recursive make of a computed goal may run any target',
      lines('all:', '\t$(MAKE) $(GOAL)', 'one:', '\tdocker cp c:/1 ./1', 'two:', '\tdocker cp c:/2 ./2'),
      ['docker cp c:/1 ./1', 'docker cp c:/2 ./2'],
      [],
    ],
    [
      'a recursive make of another directory is only itself',
      lines('all:', '\t$(MAKE) -C sub inner', 'inner:', '\tdocker cp c:/i ./i'),
      ['$(MAKE) -C sub inner'],
      ['docker cp c:/i ./i'],
    ],
    [
      'nor of another Makefile',
      lines('all:', '\t$(MAKE) --file=other.mk inner', 'inner:', '\tdocker cp c:/i ./i'),
      ['--file=other.mk'],
      ['docker cp c:/i ./i'],
    ],
    [
      'a conditional line inside a rule carries a sub-make it runs',
      lines('all:', 'ifdef CI', '\t$(MAKE) inner', 'endif', 'inner:', '\tdocker cp c:/i ./i'),
      ['$(MAKE) inner', 'docker cp c:/i ./i'],
      [],
    ],
    [
      'a sub-make in a conditional that names -f is only itself',
      lines('all:', 'ifdef CI', '\t$(MAKE) -f other.mk inner', 'endif', 'inner:', '\tdocker cp c:/i ./i'),
      ['$(MAKE) -f other.mk inner'],
      ['docker cp c:/i ./i'],
    ],
    // A sub-make on a line restage does not read as commands (here: inside a conditional) is found in its text.
    [
      'a plain make in a conditional carries its goal’s recipe',
      lines('all:', 'ifdef CI', '\tmake inner', 'endif', 'inner:', '\tdocker cp c:/i ./i'),
      ['docker cp c:/i ./i'],
      [],
    ],
    ['so does gmake', lines('all:', 'ifdef CI', '\tgmake inner', 'endif', 'inner:', '\tdocker cp c:/i ./i'), ['docker cp c:/i ./i'], []],
    [
      'and a make after another command',
      lines('all:', 'ifdef CI', '\ttrue; make inner', 'endif', 'inner:', '\tdocker cp c:/i ./i'),
      ['docker cp c:/i ./i'],
      [],
    ],
    ['cmake is no sub-make', lines('all:', 'ifdef CI', '\tcmake inner', 'endif', 'inner:', '\tdocker cp c:/i ./i'), [], ['docker cp c:/i ./i']],
    ['a goal after a flag', lines('all:', 'ifdef CI', '\tmake -j2 inner', 'endif', 'inner:', '\tdocker cp c:/i ./i'), ['docker cp c:/i ./i'], []],
    ['a goal after two blanks', lines('all:', 'ifdef CI', '\tmake  inner', 'endif', 'inner:', '\tdocker cp c:/i ./i'), ['docker cp c:/i ./i'], []],
    [
      'a goal with -f inside its name is a goal',
      lines('all:', 'ifdef CI', '\t$(MAKE) docker-fetch', 'endif', 'docker-fetch:', '\tdocker cp c:/i ./i'),
      ['docker cp c:/i ./i'],
      [],
    ],
    [
      'a conditional sub-make without a goal runs the default goal',
      lines('all:', '\tdocker cp c:/a ./a', 'sub:', 'ifdef CI', '\t$(MAKE)', 'endif'),
      ['docker cp c:/a ./a'],
      [],
    ],
    [
      'nor does one with only flags and variables',
      lines('all:', '\tdocker cp c:/a ./a', 'sub:', 'ifdef CI', '\t$(MAKE) -j2 V=1', 'endif'),
      ['docker cp c:/a ./a'],
      [],
    ],
    // The same on a line restage reads as a command.
    [
      'a goal with -f inside its name, as a command',
      lines('all:', '\t$(MAKE) docker-fetch', 'docker-fetch:', '\tdocker cp c:/i ./i'),
      ['docker cp c:/i ./i'],
      [],
    ],
    [
      'a sub-make with only flags and variables runs the default goal',
      lines('all:', '\tdocker cp c:/a ./a', 'sub:', '\t$(MAKE) -j2 V=1'),
      ['docker cp c:/a ./a'],
      [],
    ],
    [
      'a computed goal beside a static one may run any target',
      lines('all:', '\t$(MAKE) inner $(GOAL)', 'inner:', '\tdocker cp c:/i ./i', 'other:', '\tdocker cp c:/o ./o'),
      ['docker cp c:/i ./i', 'docker cp c:/o ./o'],
      [],
    ],
    [
      'a variable holding several commands carries their values',
      lines('S = docker create --name c img; docker cp c:/a ./a', 'all:', '\t$(S)'),
      ['docker create --name c img; docker cp c:/a ./a'],
      [],
    ],
    [
      'a command named by a variable is read as the docker command',
      lines('D := $(shell which docker)', 'all:', '\t$(D) cp c:/a ./a'),
      ['docker cp c:/a ./a'],
      [],
    ],
  ])('%s', async (_, text, present, absent) => {
    const t = await opaqueText(text);
    for (const p of present) expect(t).toContain(p);
    for (const a of absent) expect(t).not.toContain(a);
  });
});

describe('a target’s other rules', () => {
  /** The steps, each opaque one with the line its unit starts on. */
  const placed = async (text: string): Promise<string[]> => {
    const a = await run(text);
    return a.steps.map((s) => (s.kind === 'opaque' ? `${describeStep(s)}@${a.lines.position(s.unit.start).line}` : describeStep(s)));
  };
  it.each<[string, string, string[]]>([
    ['$< from a rule without a recipe', lines('app: one.txt', 'app:', '\tdocker build -f $< .'), ['docker build -f one.txt .']],
    ['$^: the recipe rule’s prerequisites first', lines('app: two.txt', 'app: one.txt', '\tdocker build $^'), ['docker build one.txt two.txt']],
    ['$|: order-only ones the same way', lines('app: | two', 'app: | one', '\tdocker build $|'), ['docker build one two']],
    ['not another target’s', lines('app: one.txt', 'other: two.txt', 'app:', '\tdocker build $^'), ['docker build one.txt']],
    // Whether make reads them before the recipe depends on the conditional.
    ['prerequisites added in a conditional', lines('ifdef CI', 'app: one.txt', 'endif', 'app:', '\tdocker build .'), ['opaque(make conditional)@1']],
    ['order-only ones too', lines('ifdef CI', 'app: | one', 'endif', 'app:', '\tdocker build .'), ['opaque(make conditional)@1']],
    ['a conditional rule that adds none', lines('ifdef CI', 'app:', 'endif', 'app:', '\tdocker build .'), ['docker build .']],
    [
      'a recipe in a conditional of its own is that conditional',
      lines('ifdef A', 'app: one.txt', 'endif', 'ifdef B', 'app:', '\tdocker build .', 'endif'),
      ['opaque(make conditional)@4'],
    ],
  ])('%s', async (_, text, expected) => {
    expect(await placed(text)).toEqual(expected);
  });
});

describe('when a rule’s recipe empties', () => {
  /** The text the rewrite puts where a file target's recipe was, at the offset it puts it. */
  const emptied = async (text: string): Promise<{ at: string; insert: string }[]> =>
    ((await run(text)).whenEmptied ?? []).map((w) => ({ at: text.slice(0, w.fix.start).split('\n').at(-1)!, insert: w.fix.text }));

  it.each<[string, string, { at: string; insert: string }[]]>([
    ['a file target gets an empty recipe after its prerequisites', lines('app: main.c', '\tdocker build .'), [{ at: 'app: main.c', insert: ' ;' }]],
    ['after a blank, no second blank', lines('app: main.c ', '\tdocker build .'), [{ at: 'app: main.c ', insert: ';' }]],
    ['before a comment, a blank after the semicolon', lines('app: main.c #x', '\tdocker build .'), [{ at: 'app: main.c ', insert: '; ' }]],
    ['a recipe on the rule line: an empty one takes its place', lines('app: main.c ; docker build .'), [{ at: 'app: main.c', insert: ' ;' }]],
    ['a phony target needs none', lines('.PHONY: app', 'app: main.c', '\tdocker build .'), []],
  ])('%s', async (_, text, expected) => {
    expect(await emptied(text)).toEqual(expected);
  });
});

describe('prerequisites on what a migration removes', () => {
  const guards = async (text: string): Promise<number[]> => {
    const a = await run(text);
    return a.steps
      .filter((s) => s.kind === 'opaque' && s.nodeType === 'make prerequisite on a file the migration removes')
      .map((s) => a.lines.position(s.unit.start).line);
  };
  const head = ['image: out/app', '\tdocker build -t app .', 'extract:', '\tdocker build -t b -f Dockerfile.build .', '\tdocker create --name c b'];
  it.each<[string, string, number[]]>([
    ['a file docker cp writes', lines(...head, '\tdocker cp c:/app out/app'), [1]],
    ['a file in the directory docker cp writes into', lines(...head, '\tdocker cp c:/app out'), [1]],
    [
      'a directory copied with /.',
      lines('image: out/app', '\tdocker build -t app .', 'extract:', '\tdocker create --name c b', '\tdocker cp c:/dist/. out/app'),
      [1],
    ],
    ['a file no docker cp writes', lines(...head, '\tdocker cp c:/app out/other'), []],
    ['a prerequisite a rule makes', lines(...head, '\tdocker cp c:/app out/app', 'out/app:', '\ttouch out/app'), []],
    ['a dynamic destination', lines(...head, '\tdocker cp c:/app $(OUT)/app'), []],
    ['a destination outside the repository', lines(...head, '\tdocker cp c:/app /tmp/out'), []],
    [
      'a container path relative to its root',
      lines('image: out/app', '\tdocker build -t app .', 'extract:', '\tdocker create --name ctr b', '\tdocker cp ctr:app out'),
      [1],
    ],
    [
      'the contents of a directory, copied with /., into a directory',
      lines('image: out/dist', '\tdocker build -t app .', 'extract:', '\tdocker create --name ctr b', '\tdocker cp ctr:/dist/. out'),
      [1],
    ],
  ])('%s', async (_, text, expected) => {
    expect(await guards(text)).toEqual(expected);
  });

  it('the opaque step carries the rule and the docker commands it depends on, once each', async () => {
    const a = await run(lines(...head, '\tdocker cp c:/app out/app', '\tdocker cp c:/app out/app'));
    const guard = a.steps.find((s) => s.kind === 'opaque' && s.nodeType === 'make prerequisite on a file the migration removes');
    expect(guard?.kind === 'opaque' && guard.text).toBe('image: out/app\ndocker cp c:/app out/app');
  });

  it.each<[string, string, string[]]>([
    [
      'the builder Dockerfile named by -f',
      lines('b: Dockerfile.build', '\tdocker build -t b -f Dockerfile.build .', '\tdocker create --name c b'),
      ['Dockerfile.build'],
    ],
    ['the context’s Dockerfile', lines('b: build/Dockerfile', '\tdocker build -t b build', '\tdocker create --name c b'), ['build/Dockerfile']],
    ['a build nothing creates a container of', lines('b: Dockerfile.build', '\tdocker build -t b -f Dockerfile.build .'), []],
    ['not a prerequisite', lines('b:', '\tdocker build -t b -f Dockerfile.build .', '\tdocker create --name c b'), []],
    [
      'a build with a second tag that is the created image',
      lines('b: Dockerfile.build', '\tdocker build -t other -t b -f Dockerfile.build .', '\tdocker create --name c b'),
      ['Dockerfile.build'],
    ],
    ['a Dockerfile named by a variable', lines('b: Dockerfile', '\tdocker build -t b -f $(DF) .', '\tdocker create --name c b'), []],
    [
      'a prerequisite a rule makes',
      lines('b: Dockerfile.build', '\tdocker build -t b -f Dockerfile.build .', '\tdocker create --name c b', 'Dockerfile.build:', '\tcp x Dockerfile.build'),
      [],
    ],
  ])('file dependencies: %s', async (_, text, expected) => {
    expect((await run(text)).fileDependencies).toEqual(expected);
  });
});

describe('recipeEnvironment', () => {
  const env = (text: string, file = 'Makefile', dir = ''): Record<string, string> =>
    Object.fromEntries([...recipeEnvironment(file, text, dir)].map(([k, v]) => [k, `${v.isStatic ? '' : '~'}${v.text}`]));
  it.each<[string, string, Record<string, string>]>([
    ['names sh cannot hold are left out', lines('export A-B := x', 'export 1A := y', 'export OK := z'), { OK: 'z' }],
    ['a value partly known is not static', lines('export T = a$(shell cat TAG)'), { T: '~a$(shell cat TAG)' }],
    ['a variable that refers to itself', lines('export T = $(T)x'), { T: '~$(T)x' }],
  ])('%s', (_, text, expected) => {
    expect(env(text)).toEqual(expected);
  });
  it('the directory of a Makefile in a subdirectory, with a path under it', () => {
    expect(env(lines('export D := $(CURDIR)/out'), 'sub/Makefile', 'sub')).toEqual({ D: `${REPO_ROOT}/sub/out` });
  });
});

describe('exported variables in a recipe shell', () => {
  it.each<[string, string, string[]]>([
    ['an exported simple variable', lines('export T := app', 'all:', '\tdocker build -t $$T .'), ['docker build -t app .']],
    ['an exported recursive one, expanded at the recipe', lines('export T = $(N)', 'N = app', 'all:', '\tdocker build -t $$T .'), ['docker build -t app .']],
    ['export of everything', lines('export', 'T := app', 'all:', '\tdocker build -t $$T .'), ['docker build -t app .']],
    ['an unexported one is not there', lines('T := app', 'all:', '\tdocker build -t $$T .'), ['docker build -t ~$T .']],
    ['an exported one of unknown value', lines('ifdef CI', 'export T := app', 'endif', 'all:', '\tdocker build -t $$T .'), ['docker build -t ~$(T) .']],
    ['a dynamic one', lines('export T := $(shell cat TAG)', 'all:', '\tdocker build -t $$T .'), ['docker build -t ~$(shell cat TAG) .']],
    [
      'the Makefile’s directory',
      lines('export D := $(CURDIR)', 'all:', '\tdocker build -f $$D/Dockerfile.build .'),
      [`docker build -f ${REPO_ROOT}/Dockerfile.build .`],
    ],
    [
      'an exported target-specific one: unknown in the shell',
      lines('export T := app', 'all: T := other', 'all:', '\tdocker build -t $$T .'),
      ['docker build -t ~$(T) .'],
    ],
    ['a name sh cannot hold', lines('export A-B := x', 'all:', '\tdocker build -t $$T .'), ['docker build -t ~$T .']],
  ])('%s', async (_, text, expected) => {
    expect(await steps(text)).toEqual(expected);
  });
});
