import { describe, expect, it } from 'vitest';
import type { Arg } from '../src/drivers/docker-cli.js';
import { jsWordSyntax, type Literal } from '../src/drivers/js/word-syntax.js';
import type { DriverStep } from '../src/drivers/steps.js';

// How restage writes words into a JS driver (src/drivers/js/word-syntax.ts): new elements of an argv
// array, or sh words escaped for the string literal a command is written in. Each row is the text the
// rewrite splices in, checked against the driver text around it.

const TEXT = `execSync("docker build -fDockerfile.build --target=b .");\nexecFileSync('docker', ['build', '--file=Dockerfile.build', '.']);\n`;
const at = (s: string, from = 0) => TEXT.indexOf(s, from);

/** The command string (quotes included in the span) and the argv elements of TEXT. */
const cmdStart = at('"docker');
const cmdEnd = at('");') + 1;
const LITERALS: Literal[] = [
  { start: cmdStart, end: cmdEnd, quote: '"', argv: false, value: 'docker build -fDockerfile.build --target=b .' },
  ...["'docker'", "'build'", "'--file=Dockerfile.build'", "'.'"].map((q) => {
    const start = at(q, cmdEnd);
    return { start, end: start + q.length, quote: "'", argv: true, value: q.slice(1, -1) };
  }),
];

function arg(raw: string, from = 0, text = raw): Arg {
  const start = at(raw, from);
  return { index: 0, text, isStatic: true, start, end: start + raw.length, raw };
}

/** A docker step whose words are those of the command string, so that argRun finds runs of them. */
const STEP: DriverStep = {
  kind: 'docker',
  unit: { start: cmdStart, end: cmdEnd, group: 1, groupStart: 0, groupEnd: cmdEnd },
  args: [arg('docker'), arg('build'), arg('-fDockerfile.build', 0, '-fDockerfile.build'), arg('--target=b', 0, '--target=b'), arg('.', cmdStart)],
  parsed: { ok: true, invocation: { kind: 'other', subcommand: 'build', args: [] } },
  cwd: '',
  assignTo: null,
  stdoutTo: null,
  unmodelledRedirect: false,
};

const syntax = jsWordSyntax(TEXT, LITERALS, [STEP]);

describe('insert', () => {
  it.each<[string, number, string[], string]>([
    ['after an argv element: new elements in its quote', LITERALS[4]!.end, ['--build-arg V=1'], ", '--build-arg', 'V=1'"],
    ['a quoted sh word becomes one element', LITERALS[4]!.end, ["--label 'a b'"], ", '--label', 'a b'"],
    ['inside the command string: sh words escaped for its quote', at(' .")'), ['--build-arg "V=a b"'], " --build-arg 'V=a b'"],
    ['a word that needs no quoting stays bare', at(' .")'), ['--pull'], ' --pull'],
    ['a run of the step’s own static words is copied as those words', at(' .")'), ['--target=b'], ' --target=b'],
    ['a double quote inside is escaped for the string', at(' .")'), [`--label 'say "hi"'`], String.raw` --label 'say \"hi\"'`],
    // Not inside the string: escaped as for a single-quoted literal.
    ['at the closing quote is not inside', cmdEnd, ['--label "it\'s"'], String.raw` --label \'it\'\\\'\'s\'`],
  ])('%s', (_, offset, pieces, expected) => {
    expect(syntax.insert(offset, pieces)).toBe(expected);
  });
});

describe('replace', () => {
  it.each<[string, Arg, string, string]>([
    ['an argv element keeps its flag prefix', arg("'--file=Dockerfile.build'", cmdEnd, 'Dockerfile.build'), 'Dockerfile', "'--file=Dockerfile'"],
    ['an argv element that is the value alone', arg("'.'", cmdEnd, '.'), 'ctx dir', "'ctx dir'"],
    ['a joined short flag inside the string keeps -f', arg('-fDockerfile.build', 0, 'Dockerfile.build'), 'Dockerfile', '-fDockerfile'],
    ['a long flag with = keeps its name', arg('--target=b', 0, 'b'), 'final stage', "--target='final stage'"],
    ['a plain word', arg('.', cmdStart), 'sub dir', "'sub dir'"],
  ])('%s', (_, a, value, expected) => {
    expect(syntax.replace(a, value)).toBe(expected);
  });

  it('a word outside every literal is written as a new single-quoted literal', () => {
    const outside: Arg = { index: 0, text: 'x', isStatic: true, start: 0, end: 8, raw: 'execSync' };
    expect(syntax.replace(outside, "it's")).toBe("'it\\'s'");
  });

  it('a word at the very start of the string is not inside it', () => {
    const first: Arg = { index: 0, text: '"docker', isStatic: true, start: cmdStart, end: cmdStart + 7, raw: '"docker' };
    expect(syntax.replace(first, 'podman')).toBe("'podman'");
  });
});
