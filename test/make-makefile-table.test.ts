import { describe, expect, it } from 'vitest';
import { textOf } from '../src/drivers/make/expand.js';
import { readMakefile, type Makefile } from '../src/drivers/make/makefile.js';

// What readMakefile (src/drivers/make/makefile.ts) makes of each directive, one row per form, with the
// fields a row is about written out: a variable's value and whether it is known or exported, the
// file-wide flags (export all, vpath, another SHELL), the default goal, and each rule's kind.

const mk = (text: string) => readMakefile('Makefile', text, '');

/** A variable as make holds it: its value (a simple one's expanded text, a recursive one's as written), known, exported. */
function variable(m: Makefile, name: string): { text: string; known: boolean; exported: boolean } | null {
  const v = m.vars.get(name);
  return v ? { text: v.flavor === 'simple' ? textOf(v.pieces) : v.raw, known: v.known, exported: v.exported } : null;
}

describe('variables', () => {
  it.each<[string, string, string, { text: string; known: boolean; exported: boolean } | null]>([
    ['a recursive assignment', 'A = x\n', 'A', { text: 'x', known: true, exported: false }],
    ['blanks after the operator are not the value', 'A =  \t x y\n', 'A', { text: 'x y', known: true, exported: false }],
    ['a simple assignment', 'B = 1\nA := $(B)\nB = 2\n', 'A', { text: '1', known: true, exported: false }],
    ['::= is simple', 'B = 1\nA ::= $(B)\nB = 2\n', 'A', { text: '1', known: true, exported: false }],
    [':::= is simple', 'B = 1\nA :::= $(B)\nB = 2\n', 'A', { text: '1', known: true, exported: false }],
    ['+= appends with a blank', 'A = x\nA += y\n', 'A', { text: 'x y', known: true, exported: false }],
    ['+= on nothing is the value alone', 'A += y\n', 'A', { text: 'y', known: true, exported: false }],
    ['?= keeps a value', 'A = x\nA ?= y\n', 'A', { text: 'x', known: true, exported: false }],
    ['!= runs a command', 'A != git rev-parse HEAD\n', 'A', { text: '', known: false, exported: false }],
    ['assigned in a conditional', 'ifdef CI\nA = x\nendif\n', 'A', { text: 'x', known: false, exported: false }],
    ['override', 'override A = x\n', 'A', { text: 'x', known: true, exported: false }],
    ['export on the assignment', 'export A = x\n', 'A', { text: 'x', known: true, exported: true }],
    ['export of a name set before', 'A = x\nexport A\n', 'A', { text: 'x', known: true, exported: true }],
    ['export of several names', 'A = x\nB = y\nexport A B\n', 'B', { text: 'y', known: true, exported: true }],
    ['unexport', 'export A = x\nunexport A\n', 'A', { text: 'x', known: true, exported: false }],
    ['export of a name set nowhere: the caller may pass it', 'export A\n', 'A', { text: '', known: false, exported: true }],
    ['unexport of a name set nowhere', 'unexport A\n', 'A', null],
    ['undefine', 'A = x\nundefine A\n', 'A', null],
    ['undefine in a conditional leaves it unknown', 'A = x\nifdef CI\nundefine A\nendif\n', 'A', { text: 'x', known: false, exported: false }],
    ['define … endef', 'define A\nline one\nline two\nendef\n', 'A', { text: 'line one\nline two', known: true, exported: false }],
    ['define with an operator', 'define A :=\nx\nendef\n', 'A', { text: 'x', known: true, exported: false }],
    ['export define', 'export define A\nx\nendef\n', 'A', { text: 'x', known: true, exported: true }],
    ['a nested define', 'define A\ndefine B\ninner\nendef\nendef\n', 'A', { text: 'define B\ninner\nendef', known: true, exported: false }],
    ['a target-specific value is per target', 'A = x\nimage: A = y\nimage:\n\techo $(A)\n', 'A', { text: 'x', known: false, exported: false }],
    ['a target-specific value with a modifier', 'A = x\nimage: export A := y\n', 'A', { text: 'x', known: false, exported: false }],
    ['a computed name forgets everything', 'A = x\n$(N) = y\n', 'A', { text: 'x', known: false, exported: false }],
    ['include forgets everything', 'A = x\ninclude other.mk\n', 'A', { text: 'x', known: false, exported: false }],
    ['-include too', 'A = x\n-include other.mk\n', 'A', { text: 'x', known: false, exported: false }],
    ['an unknown line forgets everything', 'A = x\n$(eval B = y)\n', 'A', { text: 'x', known: false, exported: false }],
    ['a message does not', 'A = x\n$(info building)\n', 'A', { text: 'x', known: true, exported: false }],
    ['a blank line does not', 'A = x\n\n   \n', 'A', { text: 'x', known: true, exported: false }],
    // Rows aimed at drivers-makefile's surviving mutants (78.6 % at c4f8a48).
    ['a value with blanks inside and none before', 'A =x  y\n', 'A', { text: 'x  y', known: true, exported: false }],
    // GNU make keeps a backslash that ends the file without a newline (checked with make 4.3).
    ['a backslash at the end of the file', 'A = x \\', 'A', { text: 'x \\', known: true, exported: false }],
    ['a continuation before the last line', 'A = x \\\n  y\n', 'A', { text: 'x y', known: true, exported: false }],
    ['define with := expands at once', 'B = 1\ndefine A :=\n$(B)\nendef\nB = 2\n', 'A', { text: '1', known: true, exported: false }],
    ['define alone is recursive', 'B = 1\ndefine A\n$(B)\nendef\nB = 2\n', 'A', { text: '$(B)', known: true, exported: false }],
    ['define ?= keeps a value', 'A = x\ndefine A ?=\ny\nendef\n', 'A', { text: 'x', known: true, exported: false }],
    ['define after two blanks', 'define  A\nx\nendef\n', 'A', { text: 'x', known: true, exported: false }],
    ['override define', 'override define A\nx\nendef\n', 'A', { text: 'x', known: true, exported: false }],
    [
      'a nested define with modifiers',
      'define A\noverride  export   private define B\ninner\nendef\nendef\n',
      'A',
      { text: 'override  export   private define B\ninner\nendef', known: true, exported: false },
    ],
    ['a line that starts like define is none', 'define A\ndefinex\nendef\n', 'A', { text: 'definex', known: true, exported: false }],
    ['an assignment with no name forgets everything', 'A = x\n = y\n', 'A', { text: 'x', known: false, exported: false }],
    ['a name with a blank forgets everything', 'A = x\nA B = y\n', 'A', { text: 'x', known: false, exported: false }],
    ['export after two blanks', 'export  A = x\n', 'A', { text: 'x', known: true, exported: true }],
    ['a target-specific variable set nowhere else', 'image: V = 1\n', 'V', { text: '', known: false, exported: false }],
    ['include alone forgets everything', 'A = x\ninclude\n', 'A', { text: 'x', known: false, exported: false }],
    ['sinclude', 'A = x\nsinclude a.mk\n', 'A', { text: 'x', known: false, exported: false }],
    ['-load', 'A = x\n-load y.so\n', 'A', { text: 'x', known: false, exported: false }],
    ['a variable named like include is none', 'A = x\nincludes = y\n', 'A', { text: 'x', known: true, exported: false }],
    ['undefine of several names', 'A = x\nB = y\nundefine A B\n', 'B', null],
    ['undefine after two blanks', 'A = x\nundefine  A\n', 'A', null],
    ['export of a name set nowhere, then exported again', 'export A\nexport A\n', 'A', { text: '', known: false, exported: true }],
    ['unexport of a name set before', 'A = x\nunexport A\n', 'A', { text: 'x', known: true, exported: false }],
    ['export of two names after two blanks', 'A = x\nB = y\nexport  A  B\n', 'A', { text: 'x', known: true, exported: true }],
    ['a warning does not forget', 'A = x\n$(warning building)\n', 'A', { text: 'x', known: true, exported: false }],
    ['nor an error in braces', 'A = x\n${error stop}\n', 'A', { text: 'x', known: true, exported: false }],
    ['unexport alone does not', 'A = x\nunexport\n', 'A', { text: 'x', known: true, exported: false }],
    ['?= on a set name in a conditional', 'A = x\nifdef CI\nA ?= y\nendif\n', 'A', { text: 'x', known: false, exported: false }],
    ['export ?= on a set name', 'A = x\nexport A ?= y\n', 'A', { text: 'x', known: true, exported: true }],
    ['+= on an empty recursive value', 'A =\nA += y\n', 'A', { text: 'y', known: true, exported: false }],
    ['+= of a simple one expands', 'B = 1\nA := x\nA += $(B)\nB = 2\n', 'A', { text: 'x 1', known: true, exported: false }],
    ['!= after a simple value', 'A := x\nA != date\n', 'A', { text: 'x', known: false, exported: false }],
    ['= after an unknown value', 'A != date\nA = x\n', 'A', { text: 'x', known: true, exported: false }],
    ['?= of a name first set after an include', 'include a.mk\nA ?= x\n', 'A', { text: 'x', known: false, exported: false }],
    ['+= of one', 'include a.mk\nA += x\n', 'A', { text: 'x', known: false, exported: false }],
    ['= of one is known', 'include a.mk\nA = x\n', 'A', { text: 'x', known: true, exported: false }],
  ])('%s', (_, text, name, expected) => {
    expect(variable(mk(text), name)).toEqual(expected);
  });

  it('a variable after `include` and a later assignment is known again from there', () => {
    expect(variable(mk('include a.mk\nA = x\n'), 'A')).toEqual({ text: 'x', known: true, exported: false });
  });
});

describe('target-specific variables', () => {
  it.each<[string, string, Record<string, { exported: boolean }>]>([
    ['a target’s', 'image: A = y\n', { A: { exported: false } }],
    ['after the global value', 'image: A := y\nA = x\n', { A: { exported: false } }],
    ['several targets’, with a modifier', 'a b: override A += y\n', { A: { exported: false } }],
    ['a pattern’s', '%.o: CFLAGS += -O2\n', { CFLAGS: { exported: false } }],
    ['exported', 'image: export A := y\n', { A: { exported: true } }],
    ['exported after other modifiers', 'image: private export A := y\n', { A: { exported: true } }],
    ['exported by one target, not by another', 'a: export A := y\nb: A := z\n', { A: { exported: true } }],
    ['and the other way round', 'a: A := y\nb: export A := z\n', { A: { exported: true } }],
    ['unexport is no export', 'image: unexport A := y\n', { A: { exported: false } }],
    ['a rule is none', 'image: a b\n\techo\n', {}],
    ['nor a global assignment', 'A = x\nexport B := y\n', {}],
  ])('%s', (_, text, expected) => {
    expect(Object.fromEntries(mk(text).targetVars)).toEqual(expected);
  });
});

describe('file-wide settings', () => {
  it.each<[string, string, Partial<Pick<Makefile, 'exportAll' | 'vpath' | 'otherShell' | 'oneShell' | 'defaultGoal'>>]>([
    ['export alone exports all', 'export\n', { exportAll: true }],
    ['.EXPORT_ALL_VARIABLES', '.EXPORT_ALL_VARIABLES:\n', { exportAll: true }],
    ['unexport alone does not', 'unexport\n', { exportAll: false }],
    ['export alone with a blank after it', 'export \n', { exportAll: true }],
    ['unexport alone with one does not', 'unexport \n', { exportAll: false }],
    ['vpath', 'vpath %.c src\n', { vpath: true }],
    ['vpath without arguments', 'vpath\n', { vpath: true }],
    ['a word that starts like vpath', 'vpathx = 1\n', { vpath: false }],
    ['.ONESHELL', '.ONESHELL:\n', { oneShell: true }],
    ['SHELL = /bin/bash', 'SHELL = /bin/bash\n', { otherShell: null }],
    ['SHELL := bash -eu -o pipefail', 'SHELL := bash -eu -o pipefail\n', { otherShell: null }],
    ['SHELL = /usr/bin/env bash', 'SHELL = /usr/bin/env bash\n', { otherShell: null }],
    ['SHELL = python3', 'SHELL = python3\n', { otherShell: 'python3' }],
    ['SHELL = /bin/zsh', 'SHELL = /bin/zsh\n', { otherShell: '/bin/zsh' }],
    ['SHELL = bash -c with a script', 'SHELL = bash -x script.sh\n', { otherShell: 'bash -x script.sh' }],
    ['the first target is the goal', 'all: image\nimage:\n\techo\n', { defaultGoal: 'all' }],
    ['a special target is not the goal', '.PHONY: image\nimage:\n\techo\n', { defaultGoal: 'image' }],
    ['a pattern rule is not the goal', '%.o: %.c\n\tcc\nimage:\n\techo\n', { defaultGoal: 'image' }],
    ['a hidden target with a slash is', './x: y\n', { defaultGoal: './x' }],
    ['.DEFAULT_GOAL', '.DEFAULT_GOAL := image\nall:\nimage:\n', { defaultGoal: 'image' }],
    ['.DEFAULT_GOAL from a variable', 'G = image\n.DEFAULT_GOAL = $(G)\nall:\nimage:\n', { defaultGoal: 'image' }],
  ])('%s', (_, text, expected) => {
    const m = mk(text);
    const got = Object.fromEntries(Object.keys(expected).map((k) => [k, m[k as keyof typeof expected]]));
    expect(got).toEqual(expected);
  });

  it('includes and loads are not rules', () => {
    expect(mk('include a.mk\n-include b.mk\nsinclude c.mk\nload x.so\n-load y.so\nall:\n').rules.map((r) => r.targets)).toEqual([['all']]);
  });
});

describe('rules', () => {
  it.each<[string, string, { targets: string[]; kind: string; prereqs: string[]; orderOnly: string[] }[]]>([
    ['an explicit rule', 'image: a b\n', [{ targets: ['image'], kind: 'explicit', prereqs: ['a', 'b'], orderOnly: [] }]],
    ['order-only prerequisites', 'image: a | b c\n', [{ targets: ['image'], kind: 'explicit', prereqs: ['a'], orderOnly: ['b', 'c'] }]],
    ['several targets', 'a b: c\n', [{ targets: ['a', 'b'], kind: 'multi', prereqs: ['c'], orderOnly: [] }]],
    ['a pattern rule', '%.o: %.c\n', [{ targets: ['%.o'], kind: 'pattern', prereqs: ['%.c'], orderOnly: [] }]],
    ['a static pattern rule', 'a.o b.o: %.o: %.c\n', [{ targets: ['a.o', 'b.o'], kind: 'static-pattern', prereqs: ['%.c'], orderOnly: [] }]],
    ['a special target', '.PHONY: image\n', [{ targets: ['.PHONY'], kind: 'special', prereqs: ['image'], orderOnly: [] }]],
    ['a recipe after a semicolon', 'image: ; docker build .\n', [{ targets: ['image'], kind: 'explicit', prereqs: [], orderOnly: [] }]],
  ])('%s', (_, text, expected) => {
    expect(mk(text).rules.map((r) => ({ targets: r.targets, kind: r.kind, prereqs: r.prereqs, orderOnly: r.orderOnly }))).toEqual(expected);
  });

  it('.PHONY names its prerequisites phony', () => {
    expect([...mk('.PHONY: image push\nimage:\n').phony]).toEqual(['image', 'push']);
  });

  it('a recipe after a semicolon is a recipe line', () => {
    expect(mk('image: ; docker build .\n').recipes.map((r) => r.command.text)).toEqual(['docker build .']);
  });

  it('the recipe prefix, @, - and + are not the command; a continuation is one line', () => {
    const m = mk('image:\n\t@-docker build \\\n\t  -t app .\n\t+  echo done\n');
    expect(m.recipes.map((r) => r.command.text)).toEqual(['docker build \\\n  -t app .', 'echo done']);
  });

  it('a rule inside a conditional carries it', () => {
    const m = mk('ifdef CI\nimage:\n\techo\nendif\nother:\n\techo\n');
    expect(m.rules.map((r) => r.cond !== null)).toEqual([true, false]);
    expect(m.recipes.map((r) => r.cond !== null)).toEqual([true, false]);
  });

  it('a conditional written without a blank before its parenthesis is one', () => {
    const m = mk('ifeq($(CI),1)\nimage:\n\techo\nendif\n');
    expect(m.rules[0]?.cond).not.toBeNull();
  });
});
