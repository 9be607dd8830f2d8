import { describe, expect, it } from 'vitest';
import { expand, mentions, textOf, tokenize, type AutoVars, type ExpandContext } from '../src/drivers/make/expand.js';
import { readMakefile } from '../src/drivers/make/makefile.js';

// What make's expansion gives a recipe (src/drivers/make/expand.ts), one row per form: the text
// (unknown parts as written, $(CURDIR) for the directory), whether every piece is known, and what the
// expansion ran into (a function, $(MAKE), eval).

const AUTO: AutoVars = { target: 'bin/app', prereqs: ['main.go', 'go.mod', 'main.go'], orderOnly: ['out/', 'out/'], prereqsKnown: true };

function expanded(makefile: string, text: string, auto: AutoVars | null = AUTO, dir = 'svc'): { text: string; known: boolean; flags: string[] } {
  const m = readMakefile('svc/Makefile', makefile, dir);
  const ctx: ExpandContext = { vars: m.vars, dir, auto, flags: new Set(), stack: new Set() };
  const pieces = expand(text, ctx);
  return { text: textOf(pieces), known: pieces.every((p) => p.kind !== 'dyn'), flags: [...ctx.flags].sort() };
}

describe('references', () => {
  it.each<[string, string, string, { text: string; known: boolean; flags: string[] }]>([
    ['$$ is a dollar', '', 'echo $$HOME', { text: 'echo $HOME', known: true, flags: [] }],
    ['a lone $ at the end', '', 'echo $', { text: 'echo ', known: true, flags: [] }],
    ['a one-letter name', 'A = x\n', '$A-', { text: 'x-', known: true, flags: [] }],
    ['$(A) and ${A}', 'A = x\n', '$(A)${A}', { text: 'xx', known: true, flags: [] }],
    // make stops on it (unterminated variable reference); read as if it were closed.
    ['an unclosed reference', 'A = x\n', 'echo $(A', { text: 'echo x', known: true, flags: [] }],
    ['an empty reference', '', 'a$()b', { text: 'ab', known: true, flags: [] }],
    // The environment or the command line may set it.
    ['a name the Makefile does not set', '', '[$(NOPE)]', { text: '[$(NOPE)]', known: false, flags: [] }],
    ['a reference inside a name', 'N = A\nA = x\n', '$($(N))', { text: '$($(N))', known: false, flags: [] }],
    ['recursion stops', 'A = $(B)\nB = $(A)\n', '$(A)', { text: '$(A)', known: false, flags: [] }],
    ['RM', '', '$(RM) app', { text: 'rm -f app', known: true, flags: [] }],
    ['SHELL', '', '$(SHELL)', { text: '/bin/sh', known: true, flags: [] }],
    ['RM set by the Makefile', 'RM = rm -rf\n', '$(RM) app', { text: 'rm -rf app', known: true, flags: [] }],
    ['$(MAKE)', '', '$(MAKE) -C sub', { text: 'make -C sub', known: true, flags: ['make'] }],
    ['$(CURDIR)', '', '$(CURDIR)/bin', { text: '$(CURDIR)/bin', known: true, flags: [] }],
    ['$(PWD)', '', '$(PWD)/bin', { text: '$(CURDIR)/bin', known: true, flags: [] }],
    ['$(shell pwd)', '', '$(shell pwd)/bin', { text: '$(CURDIR)/bin', known: true, flags: [] }],
    ['$(shell  pwd ) with blanks', '', '$(shell  pwd )', { text: '$(CURDIR)', known: true, flags: [] }],
    ['another $(shell …)', '', '$(shell git rev-parse HEAD)', { text: '$(shell git rev-parse HEAD)', known: false, flags: ['function'] }],
    ['$(eval …)', '', '$(eval X = 1)', { text: '$(eval X = 1)', known: false, flags: ['eval'] }],
    // Rows aimed at drivers-make-expand's survivors (77.7 % at 6e64c2a).
    ['$(shell pwd -P) is a command like any', '', '$(shell pwd -P)', { text: '$(shell pwd -P)', known: false, flags: ['function'] }],
    ['a word and a blank that name no function: a variable of that name', '', '$(foo bar)', { text: '$(foo bar)', known: false, flags: [] }],
    ['a name that starts like an automatic variable', '', '$(@x)', { text: '$(@x)', known: false, flags: [] }],
    ['one that ends like one', '', '$(x@)', { text: '$(x@)', known: false, flags: [] }],
    ['a pattern longer than the word', 'SRC = aba\n', '$(SRC:ab%ba=x)', { text: 'aba', known: true, flags: [] }],
    ['a pattern with text on both sides', 'SRC = a.c b.c\n', '$(SRC:a%.c=%.o)', { text: '.o b.c', known: true, flags: [] }],
    ['a substitution reference', 'SRC = a.c b.c\n', '$(SRC:.c=.o)', { text: 'a.o b.o', known: true, flags: [] }],
    ['a pattern substitution reference', 'SRC = a.c b.h\n', '$(SRC:%.c=obj/%.o)', { text: 'obj/a.o b.h', known: true, flags: [] }],
    ['a substitution whose suffix is longer than the word', 'SRC = c\n', '$(SRC:abc=x)', { text: 'c', known: true, flags: [] }],
    ['a substitution to a constant', 'SRC = a.c\n', '$(SRC:%.c=x)', { text: 'x', known: true, flags: [] }],
    ['a substitution of an unknown value', 'SRC != ls\n', '$(SRC:.c=.o)', { text: '$(SRC:.c=.o)', known: false, flags: [] }],
  ])('%s', (_, makefile, text, expected) => {
    expect(expanded(makefile, text)).toEqual(expected);
  });

  it.each([
    'subst',
    'patsubst',
    'strip',
    'findstring',
    'filter',
    'filter-out',
    'sort',
    'word',
    'wordlist',
    'words',
    'firstword',
    'lastword',
    'dir',
    'notdir',
    'suffix',
    'basename',
    'addsuffix',
    'addprefix',
    'join',
    'wildcard',
    'realpath',
    'abspath',
    'error',
    'warning',
    'info',
    'origin',
    'flavor',
    'foreach',
    'if',
    'or',
    'and',
    'call',
    'file',
    'value',
    'let',
    'intcmp',
    'guile',
  ])('the function %s is left unknown', (fn) => {
    expect(expanded('', `$(${fn} a,b)`)).toEqual({ text: `$(${fn} a,b)`, known: false, flags: ['function'] });
  });

  it('a name that only starts like a function is a variable', () => {
    expect(expanded('subster = x\n', '$(subster)')).toEqual({ text: 'x', known: true, flags: [] });
  });
});

describe('automatic variables', () => {
  it.each<[string, string]>([
    ['$@', 'bin/app'],
    ['$<', 'main.go'],
    ['$^', 'main.go go.mod'],
    ['$+', 'main.go go.mod main.go'],
    ['$|', 'out/'],
    ['$(@D)', 'bin'],
    ['$(@F)', 'app'],
    ['$(<D)', '.'],
    ['$(|D)', 'out'],
    ['$(|F)', ''],
    ['$(^F)', 'main.go go.mod'],
  ])('%s is %s', (text, value) => {
    expect(expanded('', text)).toEqual({ text: value, known: true, flags: [] });
  });

  it.each(['$*', '$?', '$%'])('%s is not known', (text) => {
    expect(expanded('', text).known).toBe(false);
  });

  it.each(['$<', '$^', '$+', '$|'])('%s is not known when vpath may rewrite prerequisites', (text) => {
    expect(expanded('', text, { ...AUTO, prereqsKnown: false })).toEqual({ text, known: false, flags: [] });
  });

  it.each<[string, Partial<AutoVars>, string]>([
    ['$(@D) of a target at the root of the file system', { target: '/app' }, '/'],
    ['$(^D) with no prerequisites', { prereqs: [] }, ''],
  ])('%s', (_, auto, value) => {
    const text = _.slice(0, _.indexOf(')') + 1);
    expect(expanded('', text, { ...AUTO, ...auto }).text).toBe(value);
  });

  it('$@ is known whatever vpath does', () => {
    expect(expanded('', '$@', { ...AUTO, prereqsKnown: false }).text).toBe('bin/app');
  });

  it.each(['$@', '$(@D)'])('%s outside a rule is not known', (text) => {
    expect(expanded('', text, null)).toEqual({ text, known: false, flags: [] });
  });
});

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ['a$(B)c', ['lit 0-1', 'ref 1-5 B', 'lit 5-6']],
    ['$$x', ['dollar 0-2', 'lit 2-3']],
    ['${A}$B', ['ref 0-4 A', 'ref 4-6 B']],
    ['x$', ['lit 0-1', 'ref 1-2 ']],
    ['$(A', ['ref 0-3 A']],
    ['$(a (b))', ['ref 0-8 a (b)']],
    ['', []],
  ])('%j', (text, expected) => {
    expect(tokenize(text).map((t) => `${t.kind} ${t.start}-${t.end}${t.kind === 'ref' ? ` ${t.body}` : ''}`)).toEqual(expected);
  });
});

describe('mentions', () => {
  const of = (makefile: string, text: string) => mentions(text, readMakefile('Makefile', makefile, '').vars).split('\n');
  it.each<[string, string, string, string[]]>([
    [
      'a variable’s values, each one',
      'A = docker cp c:/a a\nifdef CI\nA = docker cp c:/b b\nendif\n',
      '$(A)',
      ['$(A)', 'docker cp c:/a a', 'docker cp c:/b b'],
    ],
    ['through other variables', 'A = x $(B)\nB = docker cp c:/a a\n', '$(A)', ['$(A)', 'x $(B)', 'docker cp c:/a a']],
    ['a name with a substitution', 'A = a.c\n', '$(A:.c=.o)', ['$(A:.c=.o)', 'a.c']],
    ['the arguments of a function', 'L = a b\n', '$(foreach x,$(L),$(x))', ['$(foreach x,$(L),$(x))', 'a b']],
    ['the variable $(call) names', 'F = docker cp c:/$(1) $(1)\n', '$(call F,app)', ['$(call F,app)', 'docker cp c:/$(1) $(1)']],
    ['and $(value)', 'F = x\n', '$(value F)', ['$(value F)', 'x']],
    ['a name made of a reference', 'N = A\nA = x\n', '$($(N))', ['$($(N))', 'A']],
    ['a cycle ends', 'A = $(A) x\n', '$(A)', ['$(A)', '$(A) x']],
    ['a word that names no function is a variable name', '', '$(foo bar)', ['$(foo bar)']],
  ])('%s', (_, makefile, text, expected) => {
    expect(of(makefile, text)).toEqual(expected);
  });
});
