import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { driverFor } from '../src/drivers/index.js';
import { claims } from '../src/drivers/make/claims.js';
import { extract } from '../src/drivers/make/index.js';
import { expand, textOf, type ExpandContext } from '../src/drivers/make/expand.js';
import { readMakefile, type Makefile } from '../src/drivers/make/makefile.js';
import { schedule } from '../src/drivers/make/order.js';
import { fillHolesText, shellLine } from '../src/drivers/make/recipe.js';
import type { DriverAnalysis, DriverStep } from '../src/drivers/steps.js';
import { toolGate } from './helpers/tool.js';
import { REPO_ROOT } from '../src/shell/evaluate.js';
import { tempDir } from './support/temp-dir.js';

const mk = (text: string) => readMakefile('Makefile', text, '');

/** A variable's value as a recipe would see it: unknown parts as written. */
function value(m: Makefile, name: string): { text: string; known: boolean } {
  const ctx: ExpandContext = { vars: m.vars, dir: m.dir, auto: null, flags: new Set(), stack: new Set() };
  const pieces = expand(`$(${name})`, ctx);
  return { text: textOf(pieces), known: pieces.every((p) => p.kind === 'text') };
}

/** Targets whose recipes run, in order. */
const order = (text: string) => schedule(mk(text)).runs.map((r) => r.target);

function describeStep(_a: DriverAnalysis, s: DriverStep): string {
  if (s.kind === 'opaque') return `opaque(${s.nodeType})`;
  return s.args.map((x) => (x.isStatic ? x.text : `~${x.text}`)).join(' ');
}

const steps = async (text: string) => {
  const a = await extract('Makefile', text);
  return a.steps.map((s) => describeStep(a, s));
};

describe('claims', () => {
  it('takes make file names and *.mk, nothing else', () => {
    for (const f of [
      'Makefile',
      'makefile',
      'GNUmakefile',
      'sub/Makefile',
      'docker.mk',
      'build/rules.mk',
      'Makefile.docker',
      'makefile.ci',
      'docker.make',
      'rules.mak',
    ])
      expect(claims(f, ''), f).toBe(true);
    for (const f of [
      'Makefile.am',
      'Makefile.in',
      'Makefile.toml',
      'Makefile.yml',
      'build.sh',
      'Dockerfile',
      'mk',
      'Makefile.bak',
      'Makefile.orig',
      'CMakeLists.txt',
      'rules.mk.orig',
      'Makefile.docker.bak',
    ])
      expect(claims(f, ''), f).toBe(false);
    expect(driverFor('Makefile', '')?.name).toBe('make');
    expect(driverFor('build.sh', '')?.name).toBe('sh');
  });
});

describe('variables', () => {
  it('reads every assignment flavour', () => {
    const m = mk(
      [
        'A = 1',
        'B := $(A)2',
        'C ::= $(B)3',
        'D ?= d',
        'D ?= ignored',
        'E = e',
        'E += $(A)',
        'F := f',
        'F += $(A)',
        'export G = g',
        'override H := h',
        'I = $(LATER)',
        'LATER = late',
        'J != date',
        'private K = k',
        'L ::= $$x',
        'M :::= $(A)m',
      ].join('\n'),
    );
    expect(value(m, 'A')).toEqual({ text: '1', known: true });
    expect(value(m, 'B')).toEqual({ text: '12', known: true });
    expect(value(m, 'C')).toEqual({ text: '123', known: true });
    expect(value(m, 'D')).toEqual({ text: 'd', known: true });
    expect(value(m, 'E')).toEqual({ text: 'e 1', known: true });
    expect(value(m, 'F')).toEqual({ text: 'f 1', known: true });
    expect(value(m, 'G')).toEqual({ text: 'g', known: true });
    expect(m.vars.get('G')?.exported).toBe(true);
    expect(value(m, 'H')).toEqual({ text: 'h', known: true });
    // Recursive variables expand at use, with values assigned later.
    expect(value(m, 'I')).toEqual({ text: 'late', known: true });
    expect(value(m, 'J')).toEqual({ text: '$(J)', known: false });
    expect(value(m, 'K')).toEqual({ text: 'k', known: true });
    expect(value(m, 'L')).toEqual({ text: '$x', known: true });
    expect(value(m, 'M')).toEqual({ text: '1m', known: true });
    expect(value(m, 'UNDEFINED')).toEqual({ text: '$(UNDEFINED)', known: false });
  });

  it('distinguishes simple from recursive expansion', () => {
    const m = mk(['X = 1', 'S := $(X)', 'R = $(X)', 'X = 2'].join('\n'));
    expect(value(m, 'S').text).toBe('1');
    expect(value(m, 'R').text).toBe('2');
  });

  it('keeps trailing blanks of a value, even before a comment, as GNU make does', () => {
    const m = mk(['A = x   # comment', 'B = y\\', '   z  \\', ' w', 'C = a\\#b # c', 'D = $(subst #,-,a#b) # c'].join('\n'));
    expect(value(m, 'A').text).toBe('x   ');
    expect(value(m, 'B').text).toBe('y z w');
    expect(value(m, 'C').text).toBe('a#b ');
    expect(value(m, 'D')).toEqual({ text: '$(subst #,-,a#b) ', known: false });
  });

  it('${VAR}, $X, $$ and substitution references', () => {
    const m = mk(['N = app', 'A = ${N}', 'B = $Nx', 'C = $$N', 'SRCS = a.c b.c', 'OBJS = $(SRCS:.c=.o)', 'P = $(SRCS:%.c=build/%.o)'].join('\n'));
    expect(value(m, 'A').text).toBe('app');
    // `$Nx` is `$(N)` followed by x.
    expect(value(m, 'B')).toEqual({ text: 'appx', known: true });
    expect(value(m, 'UNSET_REF')).toEqual({ text: '$(UNSET_REF)', known: false });
    expect(value(m, 'C').text).toBe('$N');
    expect(value(m, 'OBJS').text).toBe('a.o b.o');
    expect(value(m, 'P').text).toBe('build/a.o build/b.o');
  });

  it('functions are dynamic, kept as written', () => {
    const m = mk(['TAG := $(shell git describe --tags 2>/dev/null || echo dev)', 'W = $(wildcard *.go)', 'IMG = app:$(TAG)'].join('\n'));
    expect(value(m, 'TAG')).toEqual({ text: '$(shell git describe --tags 2>/dev/null || echo dev)', known: false });
    expect(value(m, 'W').known).toBe(false);
    expect(value(m, 'IMG').text).toBe('app:$(shell git describe --tags 2>/dev/null || echo dev)');
  });

  it('variables set in conditionals, per target, by define or after an include are unknown', () => {
    const m = mk(
      [
        'A = 1',
        'ifeq ($(CI),true)',
        'A = 2',
        'endif',
        'B = 1',
        'ifdef X',
        'B += 2',
        'else',
        'C = 3',
        'endif',
        'build: T = x',
        'define STEPS',
        'docker cp c:/a .',
        'endef',
        'D = 1',
        'include other.mk',
        'E ?= e',
        'F = f',
      ].join('\n'),
    );
    for (const name of ['A', 'B', 'C', 'T', 'STEPS', 'D', 'E']) expect(value(m, name).known, name).toBe(false);
    expect(value(m, 'F')).toEqual({ text: 'f', known: true });
  });

  it('undefine, export forms and .RECIPEPREFIX', () => {
    const m = mk(['A = 1', 'undefine A', 'B = 2', 'export B', 'C = 3', 'export C', 'unexport C', '.RECIPEPREFIX = >', 'all:', '> echo hi'].join('\n'));
    expect(value(m, 'A').known).toBe(false);
    expect(m.vars.get('B')?.exported).toBe(true);
    expect(m.vars.get('C')?.exported).toBe(false);
    expect(m.recipes.map((r) => r.command.text)).toEqual(['echo hi']);
  });
});

describe('rules and recipes', () => {
  it('reads recipe lines with prefixes, continuations and comments', () => {
    const text = [
      'all: a',
      '\t@echo one',
      '# a make comment between recipe lines',
      '',
      '\t-docker build \\',
      '\t\t-t x \\',
      '\t  .',
      '\t+@ echo "#not a comment"',
      'a: ; @echo inline # shell comment',
      'X = 1',
      '\tY = 2',
    ].join('\n');
    const m = mk(text);
    expect(m.recipes.map((r) => r.command.text)).toEqual([
      'echo one',
      'docker build \\\n\t-t x \\\n  .',
      'echo "#not a comment"',
      'echo inline # shell comment',
    ]);
    // The line span covers the tab and the prefix; the command maps back character by character.
    const build = m.recipes[1]!;
    expect(text.slice(build.start, build.end)).toBe('\t-docker build \\\n\t\t-t x \\\n\t  .');
    expect(
      build.command.src
        .slice(0, build.command.text.length)
        .map((o) => text[o])
        .join(''),
    ).toBe(build.command.text);
    const inline = m.recipes[3]!;
    expect(text.slice(inline.start, inline.end)).toBe(' ; @echo inline # shell comment');
    // An assignment ends the rule context: a tab line after it is a make line.
    expect(value(m, 'Y').text).toBe('2');
    expect(m.recipes).toHaveLength(4);
  });

  it('classifies rules', () => {
    const m = mk(
      ['a: b c | d', 'x y: z', 'p q &: r', '%.o: %.c', '$(OBJS): %.o: %.c', 's:: t', '.PHONY: a x', '.c.o:', '\tcc $<', '$(DYN): a', 'u: $(DYN)'].join('\n'),
    );
    expect(m.rules.map((r) => [r.targets.join(' '), r.kind, r.prereqs.join(' '), r.orderOnly.join(' ')])).toEqual([
      ['a', 'explicit', 'b c', 'd'],
      ['x y', 'multi', 'z', ''],
      ['p q', 'multi', 'r', ''],
      ['%.o', 'pattern', '%.c', ''],
      ['$(OBJS)', 'computed-target', '%.c', ''],
      ['s', 'double-colon', 't', ''],
      ['.PHONY', 'special', 'a x', ''],
      ['.c.o', 'special', '', ''],
      ['$(DYN)', 'computed-target', 'a', ''],
      ['u', 'explicit', '$(DYN)', ''],
    ]);
    expect(m.rules.at(-1)!.computedPrereqs).toBe(true);
    expect([...m.phony]).toEqual(['a', 'x']);
    expect(m.defaultGoal).toBe('a');
  });

  it('runs prerequisites depth-first, each target once, then what the default goal does not reach', () => {
    const text = [
      '.PHONY: all',
      'all: build test',
      'build: extract gen',
      '\tdocker build .',
      'extract: builder',
      '\tdocker cp',
      'builder:',
      '\tdocker build -f B .',
      'gen:',
      '\techo gen',
      'test: builder',
      '\techo test',
      'push: build',
      '\tdocker push',
      'clean:',
      '\trm -f app',
      'all:',
      '\techo all',
    ].join('\n');
    expect(order(text)).toEqual(['builder', 'extract', 'gen', 'build', 'test', 'all', 'push', 'clean']);
  });

  it("orders the recipe rule's prerequisites first, then other rules', then order-only ones; honours .DEFAULT_GOAL", () => {
    expect(order(['all: b', 'all: c | d', '\techo all', 'all: e', 'b c d e:', '\techo $@'].join('\n'))).toEqual(['c', 'd', 'b', 'e', 'all']);
    expect(order(['.DEFAULT_GOAL := second', 'first:', '\techo 1', 'second:', '\techo 2'].join('\n'))).toEqual(['second', 'first']);
  });
});

describe('extract', () => {
  const example = [
    'IMAGE ?= acme/app',
    'TAG := $(shell git describe --tags 2>/dev/null || echo dev)   # may be dynamic',
    'BUILDER = $(IMAGE):builder',
    '',
    'build: extract',
    '\tdocker build -t $(IMAGE):$(TAG) .',
    '\trm -f app',
    '',
    'extract: builder',
    '\tdocker create --name extract $(BUILDER)',
    '\tdocker cp extract:/go/bin/app ./app',
    '\tdocker rm -f extract',
    '',
    'builder:',
    '\tdocker build -t $(BUILDER) -f Dockerfile.build .',
    '',
    '.PHONY: build extract builder',
    '',
  ].join('\n');

  it("linearises the issue example with make's values", async () => {
    expect(await steps(example)).toEqual([
      'docker build -t acme/app:builder -f Dockerfile.build .',
      'docker create --name extract acme/app:builder',
      'docker cp extract:/go/bin/app ./app',
      'docker rm -f extract',
      // The comment's blanks belong to TAG: make passes them on, so the tag word ends before them.
      'docker build -t ~acme/app:$(shell git describe --tags 2>/dev/null || echo dev) .',
      'rm -f app',
    ]);
  });

  it('gives each recipe line its own group over the whole line, words spans in the Makefile', async () => {
    const a = await extract('Makefile', example);
    const cp = a.steps[2]!;
    expect(cp.kind).toBe('docker');
    expect(example.slice(cp.unit.groupStart, cp.unit.groupEnd)).toBe('\tdocker cp extract:/go/bin/app ./app');
    expect(example.slice(cp.unit.start, cp.unit.end)).toBe('docker cp extract:/go/bin/app ./app');
    const build = a.steps[0]!;
    if (build.kind !== 'docker') throw new Error('expected a docker step');
    expect(build.args.map((x) => x.raw)).toEqual(['docker', 'build', '-t', '$(BUILDER)', '-f', 'Dockerfile.build', '.']);
    expect(new Set(a.steps.map((s) => s.unit.group)).size).toBe(a.steps.length);
  });

  it('each recipe line is a new shell: cd and shell variables do not carry over', async () => {
    const text = [
      'all:',
      '\tcd sub && docker build -t a .',
      '\tdocker build -t b .',
      '\tX=img; docker create --name c $$X',
      '\tdocker create --name d $$X',
    ].join('\n');
    const a = await extract('dir/Makefile', text);
    expect(a.steps.map((s) => (s.kind === 'opaque' ? null : s.cwd))).toEqual(['dir/sub', 'dir/sub', 'dir', 'dir', 'dir']);
    expect(a.steps.map((s) => describeStep(a, s))).toEqual([
      'cd sub',
      'docker build -t a .',
      'docker build -t b .',
      'docker create --name c img',
      'docker create --name d ~$X',
    ]);
  });

  it('exported variables reach the shell; automatic variables and $(CURDIR) resolve', async () => {
    expect(
      await steps(
        [
          'export IMG = app',
          'LOCAL = x',
          'out/bin: src dep',
          '\tdocker build -t $$IMG -t $$LOCAL -f $< $(@D) $^',
          '\tdocker cp c:/a $(CURDIR)/$(@F) $$0',
          'src dep:',
        ].join('\n'),
      ),
    ).toEqual(['docker build -t app -t ~$LOCAL -f src out src dep', `docker cp c:/a ${REPO_ROOT}/bin ~$0`]);
  });

  it('captures a container id within one line', async () => {
    const a = await extract('Makefile', ['all:', '\tid=$$(docker create img) && docker cp $$id:/a ./a && docker rm $$id'].join('\n'));
    expect(a.steps.map((s) => describeStep(a, s))).toEqual(['docker create img', 'docker cp \u0001cid0\u0001:/a ./a', 'docker rm \u0001cid0\u0001']);
    expect(new Set(a.steps.map((s) => s.unit.group)).size).toBe(1);
  });

  it('makes what it cannot follow opaque, with what it may run', async () => {
    const text = [
      'define STEPS',
      'docker cp c:/a ./a',
      'endef',
      'CHAIN = docker create --name c img; docker cp c:/b ./b',
      'DOCKER := $(shell which docker)',
      'all: cond define chain rec dyn multi1 computed',
      'cond:',
      'ifeq ($(CI),1)',
      '\tdocker cp c:/a ./a',
      'endif',
      'define:',
      '\t$(STEPS)',
      'chain:',
      '\t$(CHAIN)',
      'rec:',
      '\t$(MAKE) inner',
      'inner:',
      '\tdocker cp c:/i ./i',
      'dyn:',
      '\t$(DOCKER) cp c:/d ./d',
      'multi1 multi2:',
      '\tdocker cp c:/m ./$@',
      'computed: $(DEPS)',
      '\tdocker cp c:/x ./x',
      '%.o: %.c',
      '\tdocker cp c:/p $@',
    ].join('\n');
    const a = await extract('Makefile', text);
    const opaque = a.steps.filter((s): s is Extract<DriverStep, { kind: 'opaque' }> => s.kind === 'opaque');
    expect(opaque.map((s) => s.nodeType)).toEqual([
      'make conditional',
      'make define',
      'make variable holding several commands',
      'recursive make',
      'make rule with several targets',
      'make rule with computed prerequisites',
      'make pattern rule',
    ]);
    // `$(DOCKER) cp …` names the client through a variable: read as the docker command it is.
    const cp = a.steps.find((s) => s.kind === 'docker' && s.parsed.ok && s.parsed.invocation.kind === 'cp');
    expect(cp && cp.kind === 'docker' ? cp.args.map((w) => w.raw) : null).toEqual(['$(DOCKER)', 'cp', 'c:/d', './d']);
    // Each carries the docker command it hides, so the planner sees docker there.
    for (const s of opaque) expect(s.text, s.nodeType).toMatch(/\bdocker (cp|create)\b/);
    // The conditional is reported where it starts.
    expect(a.lines.position(opaque[0]!.unit.start)).toEqual({ line: 8, col: 1 });
  });

  it('.ONESHELL and a SHELL that is not sh make every recipe opaque', async () => {
    expect(await steps(['.ONESHELL:', 'all:', '\tcd sub', '\tdocker build .'].join('\n'))).toEqual(['opaque(make .ONESHELL recipe)']);
    expect(await steps(['SHELL = /usr/bin/python3', 'all:', '\tdocker build .'].join('\n'))).toEqual(['opaque(make recipe for SHELL /usr/bin/python3)']);
    expect(await steps(['SHELL := /bin/bash', 'all:', '\tdocker build .'].join('\n'))).toEqual(['docker build .']);
  });

  it('a prerequisite on an extracted file no rule makes becomes opaque; the builder Dockerfile as a prerequisite is a file dependency', async () => {
    const a = await extract(
      'Makefile',
      [
        'image: app.bin',
        '\tdocker build -t app .',
        'app.bin: Dockerfile.build',
        '\tdocker build -t app:build -f Dockerfile.build .',
        '\tdocker create --name c app:build',
        '\tdocker cp c:/app app.bin',
        '\tdocker cp c:/app.sig app.sig',
        'pack: app.sig',
        '\ttar czf app.tgz app.bin',
      ].join('\n'),
    );
    const guard = a.steps.filter((s) => s.kind === 'opaque');
    expect(guard.map((s) => a.lines.position(s.unit.start).line)).toEqual([8]);
    expect(a.fileDependencies).toEqual(['Dockerfile.build']);
  });

  it('a docker line the shell parser cannot read makes the Makefile unreadable; another line is opaque', async () => {
    const bad = await extract('Makefile', ['all:', '\tdocker build -t "x .', '\techo ok'].join('\n'));
    expect(bad.unreadable).toBe(true);
    expect(bad.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['shell-parse-error', 2]]);
    const other = await extract('Makefile', ['all:', '\techo "unterminated', '\tdocker build .'].join('\n'));
    expect(other.unreadable).toBe(false);
    expect(other.steps.map((s) => describeStep(other, s))).toEqual(['opaque(recipe line restage cannot parse)', 'docker build .']);
  });
});

// Differential check against GNU make itself: for Makefiles whose values are all static, the
// recipe lines restage expands, in the order it schedules them, are exactly what `make -n` prints.
describe.skipIf(!toolGate('make', 'the comparison with GNU make -n'))('agrees with GNU make -n', () => {
  const cases: Record<string, string> = {
    example: [
      'IMAGE ?= acme/app',
      'TAG ?= 1.0',
      'BUILDER = $(IMAGE):builder',
      '',
      'build: extract',
      '\tdocker build -t $(IMAGE):$(TAG) .',
      '\trm -f app',
      '',
      'extract: builder',
      '\tdocker create --name extract $(BUILDER)',
      '\tdocker cp extract:/go/bin/app ./app',
      '\tdocker rm -f extract',
      '',
      'builder:',
      '\tdocker build -t $(BUILDER) -f Dockerfile.build .',
      '',
      '.PHONY: build extract builder',
      '',
    ].join('\n'),
    flavours: [
      'A = a   # trailing',
      'B := $(A)b',
      'C ::= c$$d',
      'D ?= d',
      'D += more',
      'E := e',
      'E += $(D)',
      'override F = f',
      'export G = g',
      'H = ${A}${B}',
      'S = x.c y.c',
      '',
      'all: one two',
      '\t@echo "[$(A)] [$(B)] [$(C)] [$(D)] [$(E)] [$(F)] [$(G)] [$(H)] $(S:.c=.o) $@ $< $^"',
      'one: two',
      '\t-echo one \\',
      '\t  continued \\',
      '\t\t$(F)',
      'two: ; @echo two $$HOME $(RM)',
      '.PHONY: all one two',
    ].join('\n'),
    ordering: ['all: b', 'all: c | d', '\techo all $^ $|', 'all: e', 'b c d e: f', '\techo $@', 'f:', '\techo f', '.PHONY: all b c d e f'].join('\n'),
    unreached: [
      '.PHONY: build push clean test',
      'build: bin',
      '\tdocker build -t app .',
      'push: build',
      '\tdocker push app',
      'clean:',
      '\trm -rf bin',
      'test: bin lint',
      '\techo test',
      'lint:',
      '\techo lint',
      'bin:',
      '\techo bin',
    ].join('\n'),
    syntax: [
      'V = one \\',
      '    two\\',
      'three',
      'W := $(V) # comment',
      'HASH = a\\#b',
      '.RECIPEPREFIX = >',
      '.DEFAULT_GOAL := main',
      'first:',
      '> echo never by default',
      'main: first',
      '> echo "[$(V)] [$(W)] [$(HASH)] $$$$ $${PATH:+set}"',
      '.RECIPEPREFIX :=',
      'tail:',
      '\t@echo tail \\',
      '\t\tdone',
      '.PHONY: first main tail',
    ].join('\n'),
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => {
      const dir = tempDir('restage-make-');
      fs.writeFileSync(path.join(dir, 'Makefile'), text);
      const m = mk(text);
      // restage's schedule: the default goal, then every target in file order, as `make GOAL t1 t2 …` runs them.
      const goals = [m.defaultGoal!, ...m.rules.filter((r) => r.kind === 'explicit').flatMap((r) => r.targets)];
      const r = spawnSync('make', ['-n', '-s', '-f', 'Makefile', ...goals], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      fs.rmSync(dir, { recursive: true, force: true });
      expect(r.status, r.stderr).toBe(0);
      const { runs } = schedule(m);
      const ours = runs.flatMap((run) =>
        run.rule.recipe.map((line) =>
          fillHolesText(
            shellLine(line, m, {
              target: run.target,
              prereqs: run.rule.prereqs.concat(m.rules.filter((o) => o !== run.rule && o.targets.includes(run.target)).flatMap((o) => o.prereqs)),
              orderOnly: run.rule.orderOnly,
              prereqsKnown: true,
            }).shell,
            [],
          ),
        ),
      );
      expect(ours.join('\n') + '\n').toBe(r.stdout);
    });
  }
});

describe('the gate of the make -n comparisons', () => {
  it('runs them without make in CI or when required, and skips them (saying so) elsewhere', () => {
    expect(toolGate('restage-no-such-tool', 'a test of the gate', { CI: 'true' })).toBe(true);
    expect(toolGate('restage-no-such-tool', 'a test of the gate', { RESTAGE_E2E_REQUIRED: '1' })).toBe(true);
    expect(toolGate('restage-no-such-tool', 'a test of the gate', {})).toBe(false);
    expect(toolGate('node', 'a test of the gate', {})).toBe(true);
  });
});

describe('the variables each recipe line starts with', () => {
  const varsOf = async (text: string) => (await extract('Makefile', text)).steps.flatMap((s) => (s.kind === 'docker' && s.vars ? [s.vars] : []));

  it('every line starts from the exported variables, as a new shell; what a line sets ends with it', async () => {
    const [a, b, c] = await varsOf(
      'export A = 1\nB = 2\nx:\n\tdocker build --build-arg A=$$A .\n\tA=3; docker build --build-arg A=$$A .\ny:\n\tdocker build --build-arg A=$$A .\n',
    );
    expect([a!.get('A')?.text, b!.get('A')?.text, c!.get('A')?.text]).toEqual(['1', '3', '1']);
    expect([a!.has('B'), c!.has('B')]).toEqual([false, false]);
    // The automatic variables are the line's target's.
    expect([a!.get('$@')?.scope, b!.get('$@')?.scope, c!.get('$@')?.scope]).toEqual(['x', 'x', 'y']);
    expect(new Map([...c!].filter(([k]) => !k.startsWith('$')).map(([k, v]) => [k, v.text]))).toEqual(new Map([['A', '1']]));
  });

  it('with every variable exported (a bare `export`), each line sees them all', async () => {
    const vars = Array.from({ length: 50 }, (_, i) => `V${i} = ${i}\n`).join('');
    const all = await varsOf(`export\n${vars}${Array.from({ length: 5 }, (_, i) => `t${i}:\n\tdocker build -t t${i}:$$V${i} .\n`).join('')}`);
    expect(all).toHaveLength(5);
    for (const [i, v] of all.entries()) {
      expect(v.get(`V${i}`)?.text).toBe(String(i));
      expect([...v.keys()].filter((k) => /^V\d+$/.test(k))).toHaveLength(50);
    }
  });
});
