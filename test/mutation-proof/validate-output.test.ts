import { describe, expect, it } from 'vitest';
import { mayBacktrack } from '../../src/plan/validate-output.js';

/**
 * The gate in front of the written Dockerfiles' stage-name check: it must see every word on which
 * dockerfile-utils' stage-name pattern backtracks (a miss hangs restage), and few others (each one
 * costs a parse of the text).
 */
describe('mayBacktrack', () => {
  const name = 'a'.repeat(15);
  it.each([
    ['a run of 16 name characters and one that is not', `FROM x AS ${name}b"\n`],
    ['upper case, whichever way it is folded', `FROM x AS ${name.toUpperCase()}B!\n`],
    ['a name continued over an escaped line break', `FROM x AS ${'a'.repeat(9)}\\\n${'a'.repeat(9)}$\n`],
    ['a name continued over a line break escaped with a backtick', `# escape=\`\nFROM x AS ${'a'.repeat(9)}\`\n${'a'.repeat(9)}$\n`],
    ['a comment line inside the continued name', `FROM x AS ${'a'.repeat(9)}\\\n# note\n${'a'.repeat(9)}$\n`],
    ['a word at the very start of the text', `${name}b$`],
    ['a word after a tab', `FROM x AS\t${name}b$`],
    ['dots, dashes and underscores in the run', `FROM x AS a.b-c_d.e-f_g.h-i/\n`],
  ])('sees %s', (_, text) => {
    expect(mayBacktrack(text)).toBe(true);
  });

  it.each([
    ['a long name that is valid to its end', `FROM x AS ${name}bcd\nCOPY a b\n`],
    ['a run of 15 before the bad character', `FROM x AS ${'a'.repeat(14)}b"\n`],
    ['a long run that does not start a word', `COPY /${name}b$ /x\n`],
    ['a long run starting with a digit', `RUN echo 1${name}$\n`],
    ['an ordinary Dockerfile', 'FROM golang:1.22 AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/server\n'],
  ])('passes %s', (_, text) => {
    expect(mayBacktrack(text)).toBe(false);
  });
});
