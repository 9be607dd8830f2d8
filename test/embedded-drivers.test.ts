import { describe, expect, it } from 'vitest';
import { parseDocument, type Scalar } from 'yaml';
import { decodeScalar } from '../src/drivers/ci/yaml-scalar.js';
import { shellQuote } from '../src/drivers/embedded/word-syntax.js';
import { cook, escapeFor } from '../src/drivers/js/literals.js';
import { jsWordSyntax } from '../src/drivers/js/word-syntax.js';
import { decodeJsonString } from '../src/drivers/package-json/json-string.js';

/** Each decoded unit must come from a source span that, decoded alone, is that unit. */
function expectSpansDecode(src: string, d: { text: string; starts: number[]; ends: number[] }, one: (span: string) => string) {
  expect(d.starts.length).toBe(d.text.length);
  expect(d.ends.length).toBe(d.text.length);
  for (let i = 0; i < d.text.length; i++) expect(one(src.slice(d.starts[i], d.ends[i])), `unit ${i}`).toBe(d.text[i]);
}

describe('JSON script strings', () => {
  it('decodes escapes with a map back to each escape', () => {
    const src = '{"build": "docker build --build-arg \\"A=b c\\" -t x\\u0041 . \\\\ && echo \\/ok\\n"}';
    const start = src.indexOf('"docker');
    const end = src.lastIndexOf('"') + 1;
    const d = decodeJsonString(src, start, end);
    expect(d.text).toBe(JSON.parse(src).build);
    expectSpansDecode(src, d, (span) => JSON.parse(`"${span}"`));
  });
});

describe('YAML scalars', () => {
  const scalar = (src: string, key: string) => {
    const doc = parseDocument(src);
    return doc.get(key, true) as Scalar;
  };

  it('maps a literal block line by line, without its indentation', () => {
    const src = 'run: |\n    docker build -t a .\n\n      indented more\n    docker rm x\nnext: 1\n';
    const d = decodeScalar(src, scalar(src, 'run'))!;
    expect(d.text).toBe('docker build -t a .\n\n  indented more\ndocker rm x');
    for (let i = 0; i < d.text.length; i++) expect(src[d.starts[i]!], `unit ${i}`).toBe(d.text[i]);
  });

  it('decodes quoted one-liners and checks them against the YAML value', () => {
    const single = "s: 'docker cp ''x'':/a b'\n";
    const d1 = decodeScalar(single, scalar(single, 's'))!;
    expect(d1.text).toBe("docker cp 'x':/a b");
    expectSpansDecode(single, d1, (span) => (span === "''" ? "'" : span));
    const double = 's: "docker \\"cp\\" \\x41\\t"\n';
    const d2 = decodeScalar(double, scalar(double, 's'))!;
    expect(d2.text).toBe('docker "cp" A\t');
  });

  it('refuses forms it cannot map back', () => {
    const folded = 's: >\n  docker cp\n  x:/a b\n';
    expect(decodeScalar(folded, scalar(folded, 's'))).toBeNull();
    const multi = 's: "docker cp\n  x:/a b"\n';
    expect(decodeScalar(multi, scalar(multi, 's'))).toBeNull();
  });
});

describe('JS literals', () => {
  it('cooks escapes and line continuations', () => {
    const src = String.raw`'a\'b\x41\u0042\u{1F600}\
c\n'`;
    const d = cook(src, 1, src.length - 1);
    expect(d.text).toBe("a'bAB\u{1F600}c\n");
    expect(d.starts.length).toBe(d.text.length);
  });

  it('escapes inserted sh words for the literal they land in', () => {
    expect(escapeFor("it's", "'")).toBe("it\\'s");
    expect(escapeFor('a ${b} `c`', '`')).toBe('a \\${b} \\`c\\`');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('x:1')).toBe('x:1');
  });

  it('inserts argv elements after an argv word and escaped words inside a string', () => {
    const text = `run('docker', ['build', '--build-arg', 'V=1', '.']); execSync("docker build -t x .");`;
    const at = (s: string) => text.indexOf(s);
    const arg = (s: string, index: number) => ({ index, text: JSON.parse(`"${s.slice(1, -1)}"`), isStatic: true, start: at(s), end: at(s) + s.length, raw: s });
    const argv = [arg("'build'", 1), arg("'--build-arg'", 2), arg("'V=1'", 3)];
    const steps = [
      {
        kind: 'docker' as const,
        unit: { start: 0, end: 0, group: 1, groupStart: 0, groupEnd: 0 },
        args: argv,
        parsed: { ok: false as const, flag: '', subcommand: '', index: 0 },
        cwd: '',
        assignTo: null,
        stdoutTo: null,
        unmodelledRedirect: false,
      },
    ];
    const literals = [
      { start: at("'build'"), end: at("'build'") + 7, quote: "'", argv: true, value: 'build' },
      { start: at('"docker build'), end: text.lastIndexOf('"') + 1, quote: '"', argv: false, value: '' },
    ];
    const syntax = jsWordSyntax(text, literals, steps);
    expect(syntax.insert(at("'build'") + 7, ["'--build-arg', 'V=1'", '--target builder'])).toBe(", '--build-arg', 'V=1', '--target', 'builder'");
    expect(syntax.insert(at('build -t x') + 5, ['--target "my stage"'])).toBe(" --target 'my stage'");
  });
});
