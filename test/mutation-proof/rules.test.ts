import { describe, expect, it } from 'vitest';
import chown from '../../rules/chown-non-root-artifact.js';
import { excludingPattern } from '../../src/dockerfile/dockerignore.js';
import { nonRootReason } from '../../src/plan/ownership.js';
import { findRule, RULES } from '../../rules/index.js';
import { defineRule } from '../../rules/rule.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';

/** The rule catalogue's own logic: message templates, lookup, and the two rules that decide something. */

describe('defineRule: a rule reports its template filled in at a position', () => {
  const rule = defineRule({
    id: 'x-rule',
    title: 'T',
    severity: 'warning',
    messages: { only: 'first {{a}}, then {{b}}, {{a}} again, {{c}} unknown, {{ a }} spaced' },
  });
  it('fills every placeholder it has data for, leaves the others as written, and keeps id, severity and position', () => {
    // {{c}} and {{ a }} are placeholders the template declares, left without data on purpose: they stay as written.
    expect(rule.report({ file: 'f.sh', line: 3, col: 7 }, { a: 'A$1', b: '' } as unknown as Parameters<typeof rule.report>[1])).toEqual({
      ruleId: 'x-rule',
      messageId: 'only',
      severity: 'warning',
      file: 'f.sh',
      line: 3,
      col: 7,
      message: 'first A$1, then , A$1 again, {{c}} unknown, {{ a }} spaced',
    });
  });
  it("writes the planner's stand-ins for run-time values as the user would: the loop's variable, the created container", () => {
    const data = { a: 'docker/\u0001loop0:target\u0001/Dockerfile, \u0001loop12:d\u0001', b: '\u0001cid3\u0001:/out' } as unknown as Parameters<
      typeof rule.report
    >[1];
    expect(rule.report({ file: 'f.sh', line: 1, col: 1 }, data).message).toBe(
      'first docker/$target/Dockerfile, $d, then $(docker create …):/out, docker/$target/Dockerfile, $d again, {{c}} unknown, {{ a }} spaced',
    );
  });
  it('keeps the meta it was defined with', () => {
    expect([rule.id, rule.title, rule.severity, rule.message.slice(0, 5)]).toEqual(['x-rule', 'T', 'warning', 'first']);
  });
});

describe('the catalogue', () => {
  it('finds each rule by its id, and nothing for an unknown id', () => {
    for (const r of RULES) expect(findRule(r.id)).toBe(r);
    expect(findRule('no-such-rule')).toBeUndefined();
    expect(findRule('')).toBeUndefined();
  });
  it('holds each id once, and ids are kebab-case', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
  it('reports the chown rule with both placeholders filled', () => {
    expect(chown.report({ file: 'Dockerfile', line: 1, col: 1 }, { artifact: 'app', reason: 'USER app' }).message).toBe(
      'the extracted app may not be owned by root in the builder (USER app); the legacy context COPY made it 0:0, so the migrated COPY --from gets --chown=0:0',
    );
  });
});

describe('nonRootReason: why the builder may leave files owned by someone other than root', () => {
  const reason = (text: string, stageIndex?: number) => {
    const df = parseDockerfile('Dockerfile.build', text);
    return nonRootReason(df, df.stages[stageIndex ?? df.stages.length - 1]!);
  };
  it.each([
    ['FROM golang\nRUN go build -o /app\n', null],
    ['FROM golang\nUSER root\nUSER 0\nUSER root:root\nUSER 0:0\nUSER ROOT\nUSER root:0\nUSER 0:root\n', null],
    ['FROM golang\nUSER app\n', 'USER app'],
    ['FROM golang\nUSER 1000:1000\n', 'USER 1000:1000'],
    ['FROM golang\nUSER\n', 'USER '],
    ['FROM golang\nCOPY --chown=app . .\n', 'COPY --chown'],
    ['FROM golang\nADD --chown=1:1 x.tgz /\n', 'ADD --chown'],
    ['FROM golang\nCOPY --chmod=755 . .\n', null],
    ['FROM golang\nRUN useradd app && chown -R app /src\n', 'RUN chown'],
    ['FROM golang\nRUN echo chowned\n', null],
    ['FROM golang\nRUN mychown x\n', null],
    ['FROM golang AS base\nUSER app\nFROM base\nRUN make\n', 'USER app'],
    ['FROM golang AS Base\nUSER app\nFROM base\nRUN make\n', 'USER app'],
    ['FROM golang AS base\nRUN make\nFROM base\nRUN make\n', null],
    ['FROM golang AS deps\nUSER app\nFROM golang\nCOPY --from=deps /x /x\n', 'USER app'],
    ['FROM golang AS deps\nUSER app\nFROM golang\nCOPY --from=0 /x /x\n', 'USER app'],
    ['FROM golang AS deps\nRUN make\nFROM golang\nCOPY --from=DEPS /x /x\n', null],
    ['FROM golang\nCOPY --from=alpine:3 /x /x\n', 'COPY --from=alpine:3, an image whose owners are unknown'],
    ['FROM golang AS a\nCOPY --from=a /x /x\n', 'COPY --from=a, an image whose owners are unknown'],
    ['FROM golang AS a\nUSER app\nFROM golang AS b\nCOPY --from=a /x /y\nFROM b AS c\nCOPY --from=b /y /z\n', 'USER app'],
    ['FROM golang AS a\nRUN make\nFROM a AS b\nCOPY --from=a /x /y\nFROM b\nCOPY --from=a /y /z\n', null],
    ['FROM golang AS later\nFROM golang\nUSER app\nFROM later\n', null],
    ['FROM golang AS a\nUSER app\nFROM golang AS b\nRUN make\nFROM golang\nCOPY --from=b /x /x\n', null],
    ['FROM golang AS a\nUSER app\nFROM golang\nRUN make\n', null],
    ['FROM golang\nCOPY chown /x\n', null],
    ['FROM golang AS other\nRUN chown x /y\nFROM golang\nRUN make\n', null],
    [`${'FROM golang\n'.repeat(10)}FROM golang\nUSER app\nFROM golang\nCOPY --from=10 /x /x\n`, 'USER app'],
  ] as [string, string | null][])('%j → %j', (text, expected) => {
    expect(reason(text)).toBe(expected);
  });
  it('reads a stage that is not the last one on its own, and a --from of a later stage as unknown', () => {
    expect(reason('FROM golang AS a\nRUN make\nFROM a\nUSER app\n', 0)).toBeNull();
    expect(reason('FROM x AS first\nRUN make\nFROM golang AS x\nUSER app\n', 0)).toBeNull();
    expect(reason('FROM golang AS a\nCOPY --from=1 /x /x\nFROM golang AS b\nRUN make\n', 0)).toBe('COPY --from=1, an image whose owners are unknown');
  });
  it('cannot know the owners of an image built elsewhere', () => {
    expect(nonRootReason(null, null)).toBe('the builder image is not built here, so its owners are unknown');
    const df = parseDockerfile('Dockerfile', 'FROM x\n');
    expect(nonRootReason(df, null)).toBe('the builder image is not built here, so its owners are unknown');
    expect(nonRootReason(null, df.stages[0]!)).toBe('the builder image is not built here, so its owners are unknown');
  });
});

describe('excludingPattern: the .dockerignore line that hides (part of) the artifact from the legacy build', () => {
  it.each([
    ['', 'app', null],
    ['# app\n\n   \n', 'app', null],
    ['app\n', 'app', { pattern: 'app', line: 1 }],
    ['/app/\n', 'app', { pattern: '/app/', line: 1 }],
    ['  app  \n', 'app', { pattern: 'app', line: 1 }],
    ['apps\n', 'app', null],
    ['bin\n', 'bin/app', { pattern: 'bin', line: 1 }],
    ['bin/\n', 'bin/app', { pattern: 'bin/', line: 1 }],
    ['*\n!bin/\n', 'bin/app', null],
    ['*\n!bin\n', 'bin', null],
    ['*\n!bin/\nbin/*.map\n', 'bin', { pattern: 'bin/*.map', line: 3 }],
    ['*\n!dist\n', 'dist', null],
    ['*\r\n!dist\r\ndist/**/*.map\r\n', 'dist', { pattern: 'dist/**/*.map', line: 3 }],
    ['**/*.map\n', 'dist', { pattern: '**/*.map', line: 1 }],
    ['dist/x/y\n', 'dist', { pattern: 'dist/x/y', line: 1 }],
    ['other/x\n', 'dist', null],
    ['dist\n', 'dist/x/y', { pattern: 'dist', line: 1 }],
    ['dist/x\n', 'dist/y', null],
    ['d*/x\n', 'dist', { pattern: 'd*/x', line: 1 }],
    ['e*/x\n', 'dist', null],
    ['dist\n!dist\n', 'dist', null],
    ['!dist\ndist\n', 'dist', { pattern: 'dist', line: 2 }],
    ['!\n/\n', 'dist', null],
    ['[z-a]\n', 'dist', { pattern: '[z-a]', line: 1 }],
    [`${'a'.repeat(5000)}\n`, 'dist', null],
    [`${'a/'.repeat(2100)}\n`, 'a', null],
    ['Dist\n', 'dist', null],
    ['*.tar\n', 'app.tar', { pattern: '*.tar', line: 1 }],
    ['!keep\n*.log\n', '', { pattern: '*.log', line: 2 }],
    ['!keep\n', '', null],
    ['', '', null],
    ['# c\n\ndist\n', '', { pattern: 'dist', line: 3 }],
    ['/\n', '', null],
    ['a#\n', 'a#', { pattern: 'a#', line: 1 }],
    ['dist\n! dist\n', 'dist', null],
    ['di!st\n', 'dist', null],
    ['//dist\n', 'dist', { pattern: '//dist', line: 1 }],
    ['dist//\n', 'dist', { pattern: 'dist//', line: 1 }],
    [`${'a'.repeat(4096)}\n`, 'a'.repeat(4096), { pattern: 'a'.repeat(4096), line: 1 }],
    ['dist/x\n!dist\n', 'dist', null],
    [`*\n!dist\ndist/**/${'a'.repeat(4088)}\n`, 'dist', { pattern: `dist/**/${'a'.repeat(4088)}`, line: 3 }],
    [`*\n!dist\ndist/**/${'a'.repeat(4089)}\n`, 'dist', null],
    ['*\n!dist\nx**/y\n', 'dist', { pattern: 'x**/y', line: 3 }],
    ['e//x\n', 'dist', null],
    ['a/b/c\n', 'a/b', { pattern: 'a/b/c', line: 1 }],
    // After `!`, and at the start, the pattern is read as Docker does (spaces trimmed, every leading slash
    // dropped) also where a later pattern may reach inside the artifact.
    ['*\n!dist\n! dist/x\n', 'dist', { pattern: '! dist/x', line: 3 }],
    ['*\n!dist\n//dist/x\n', 'dist', { pattern: '//dist/x', line: 3 }],
  ] as [string, string, { pattern: string; line: number } | null][])('%j over %j → %j', (ignore, artifact, expected) => {
    expect(excludingPattern(ignore, artifact)).toEqual(expected);
  });
});
