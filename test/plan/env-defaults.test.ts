import { describe, expect, it } from 'vitest';
import { planFiles, runPlanCases, type PlanCase } from '../support/plan-tester.js';

// `${VAR:-default}` where the script never sets VAR (src/drivers/env-defaults.ts): an extraction's
// host destination is read as the default; every input (Dockerfile, context, container path, build
// args) stays a value only a run knows.

const BUILDER = 'FROM golang:1.22\nWORKDIR /build\nRUN mkdir -p out && echo app > out/app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY dist/app /usr/bin/app\n';

function script(lines: string[], files: Record<string, string> = {}): Record<string, string> {
  return { 'build.sh': `#!/bin/sh\n${lines.join('\n')}\n`, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, ...files };
}

const BUILD = 'docker build -t app/builder -f Dockerfile.build .';
const CREATE = 'id=$(docker create app/builder)';
const RUNTIME_BUILD = 'docker build -t app/app .';
const unresolved = (line: number) => [{ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line }];

const cases: PlanCase[] = [
  {
    name: 'OUT_DIR=${OUT_DIR:-dist}, then mkdir and cp into "$OUT_DIR"',
    files: script(['OUT_DIR=${OUT_DIR:-dist}', BUILD, CREATE, 'mkdir -p "$OUT_DIR"', 'docker cp "$id":/build/out/. "$OUT_DIR"/', RUNTIME_BUILD]),
    expected: 'migrate',
  },
  {
    name: 'the default written in the cp',
    files: script([BUILD, CREATE, 'mkdir -p dist', 'docker cp "$id":/build/out/app "${OUT:-dist}/app"', RUNTIME_BUILD]),
    expected: 'migrate',
  },
  {
    name: '${OUT-dist} (no colon)',
    files: script([BUILD, CREATE, 'mkdir -p dist', 'docker cp "$id":/build/out/app "${OUT-dist}/app"', RUNTIME_BUILD]),
    expected: 'migrate',
  },
  {
    name: 'a default that is itself a default',
    files: script([BUILD, CREATE, 'mkdir -p dist', 'docker cp "$id":/build/out/app "${OUT:-${BASE:-dist}}/app"', RUNTIME_BUILD]),
    expected: 'migrate',
  },
  {
    name: 'a variable with no default stays unknown',
    files: script([BUILD, CREATE, 'mkdir -p dist', 'docker cp "$id":/build/out/app "$OUT/app"', RUNTIME_BUILD]),
    expected: unresolved(5),
  },
  {
    name: 'a default after an expansion with none stays unknown',
    files: script([BUILD, CREATE, 'mkdir -p dist', 'docker cp "$id":/build/out/app "$ROOT${OUT:-dist}/app"', RUNTIME_BUILD]),
    expected: unresolved(5),
  },
  {
    name: 'the script sets the variable: its own value, not the default',
    files: script(['OUT=dist', BUILD, CREATE, 'mkdir -p dist', 'docker cp "$id":/build/out/app "${OUT:-elsewhere}/app"', RUNTIME_BUILD]),
    expected: 'migrate',
  },
  {
    name: 'a stdout redirect',
    files: script([BUILD, 'mkdir -p dist', 'docker run --rm app/builder cat /build/out/app > "${OUT:-dist}/app"', RUNTIME_BUILD]),
    expected: 'migrate',
  },
  {
    name: 'the host tar of a pipe',
    files: script([BUILD, 'mkdir -p dist', 'docker run --rm app/builder tar -C /build/out -c . | tar -x -C "${OUT:-dist}"', RUNTIME_BUILD]),
    expected: 'migrate',
  },
  {
    name: 'a BuildKit --output destination',
    files: script(['docker build -f Dockerfile.build --output "type=local,dest=${OUT:-dist}" .', RUNTIME_BUILD], {
      'Dockerfile.build': 'FROM golang:1.22 AS build\nRUN mkdir -p /out && echo app > /out/app\nFROM scratch\nCOPY --from=build /out/ /\n',
    }),
    expected: 'migrate',
  },
  {
    name: 'the builder Dockerfile is an input: unknown',
    files: script([
      'docker build -t app/builder -f "${DOCKERFILE:-Dockerfile.build}" .',
      CREATE,
      'mkdir -p dist',
      'docker cp "$id":/build/out/app dist/app',
      RUNTIME_BUILD,
    ]),
    expected: unresolved(2),
  },
  {
    name: 'the path in the container is an input: unknown',
    files: script([BUILD, CREATE, 'mkdir -p dist', 'docker cp "$id:${SRC:-/build/out/app}" dist/app', RUNTIME_BUILD]),
    expected: [{ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line: 5 }],
  },
  {
    name: 'a copy into a container is no destination on the host',
    files: script([
      BUILD,
      CREATE,
      'docker cp "${CFG:-config.yml}" "$id":/etc/app.yml',
      'mkdir -p dist',
      'docker cp "$id":/build/out/app dist/app',
      RUNTIME_BUILD,
    ]),
    expected: [
      { ruleId: 'unsupported-extraction', messageId: 'otherCommandOnContainer', line: 4 },
      { ruleId: 'unsupported-extraction', messageId: 'keptLineReadsRemoved', line: 4 },
    ],
  },
  {
    name: "a CI job that sets the variable: its value over the script's default (see ci-environment.test.ts)",
    files: {
      '.gitlab-ci.yml': `build:\n  variables:\n    OUT: dist\n  script:\n    - ${BUILD}\n    - ${CREATE}\n    - mkdir -p dist\n    - docker cp "$id":/build/out/app "\${OUT:-elsewhere}/app"\n    - ${RUNTIME_BUILD}\n`,
      'Dockerfile.build': BUILDER,
      Dockerfile: RUNTIME,
    },
    expected: 'migrate',
  },
  {
    name: 'a CI job that does not set it: the default',
    files: {
      '.gitlab-ci.yml': `build:\n  script:\n    - ${BUILD}\n    - ${CREATE}\n    - mkdir -p dist\n    - docker cp "$id":/build/out/app "\${OUT:-dist}/app"\n    - ${RUNTIME_BUILD}\n`,
      'Dockerfile.build': BUILDER,
      Dockerfile: RUNTIME,
    },
    expected: 'migrate',
  },
  {
    name: ': "${OUT:=dist}" sets OUT for the commands after it',
    files: script([': "${OUT:=dist}"', BUILD, CREATE, 'mkdir -p "$OUT"', 'docker cp "$id":/build/out/app "$OUT/app"', RUNTIME_BUILD]),
    expected: 'migrate',
  },
  {
    name: ': ${OUT=dist} (no colon) sets it too',
    files: script([': ${OUT=dist}', BUILD, CREATE, 'mkdir -p dist', 'docker cp "$id":/build/out/app "$OUT/app"', RUNTIME_BUILD]),
    expected: 'migrate',
  },
  {
    name: 'an assign-default inside a command word lasts after it',
    files: script([BUILD, CREATE, 'mkdir -p "${OUT:=dist}"', 'docker cp "$id":/build/out/app "$OUT/app"', RUNTIME_BUILD]),
    expected: 'migrate',
  },
  {
    name: 'an assign-default leaves a variable the script set as it was',
    files: script(['OUT=elsewhere', ': "${OUT:=dist}"', BUILD, CREATE, 'mkdir -p dist', 'docker cp "$id":/build/out/app "$OUT/app"', RUNTIME_BUILD]),
    expected: 'nothing',
  },
  {
    name: '${OUT=dist} keeps a variable set to empty',
    files: script(['OUT=', ': "${OUT=dist}"', BUILD, CREATE, 'mkdir -p dist', 'docker cp "$id":/build/out/app "${OUT}dist/app"', RUNTIME_BUILD]),
    expected: 'migrate',
  },
  {
    name: '${OUT:=dist} replaces an empty value',
    files: script(['OUT=', ': "${OUT:=dist}"', BUILD, CREATE, 'mkdir -p dist', 'docker cp "$id":/build/out/app "$OUT/app"', RUNTIME_BUILD]),
    expected: 'migrate',
  },
];

runPlanCases('environment defaults of host destinations', cases);

function jsDriver(defaulted: string): Record<string, string> {
  return {
    'build.mjs': [
      "import { execSync } from 'node:child_process';",
      defaulted,
      `execSync('${BUILD}');`,
      "execSync('docker create --name x app/builder');",
      'execSync(`docker cp x:/build/out/app ${out}/app`);',
      `execSync('${RUNTIME_BUILD}');`,
      '',
    ].join('\n'),
    'Dockerfile.build': BUILDER,
    Dockerfile: RUNTIME,
  };
}

const jsUnresolved = [{ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line: 5 }];

runPlanCases('environment defaults in a JS driver', [
  { name: "process.env.OUT ?? 'dist'", files: jsDriver("const out = process.env.OUT ?? 'dist';"), expected: 'migrate' },
  { name: "process.env['OUT'] || 'dist'", files: jsDriver("const out = process.env['OUT'] || 'dist';"), expected: 'migrate' },
  { name: "const { OUT: out = 'dist' } = process.env", files: jsDriver("const { OUT: out = 'dist' } = process.env;"), expected: 'migrate' },
  { name: 'a variable with no default', files: jsDriver('const out = process.env.OUT;'), expected: jsUnresolved },
  { name: 'a destructured variable with no default', files: jsDriver('const { OUT: out } = process.env;'), expected: jsUnresolved },
  { name: 'a default computed at run time', files: jsDriver('const out = process.env.OUT ?? process.cwd();'), expected: jsUnresolved },
  { name: 'a default sh would split', files: jsDriver("const out = process.env.OUT ?? 'my dist';"), expected: jsUnresolved },
  { name: '&& is no default', files: jsDriver("const out = process.env.OUT && 'dist';"), expected: jsUnresolved },
  { name: 'another object than process.env', files: jsDriver("const out = config.env.OUT ?? 'dist';"), expected: jsUnresolved },
  {
    name: 'an env: option that sets the variable for the command',
    files: {
      'build.mjs': [
        "import { execSync } from 'node:child_process';",
        `execSync('${BUILD}');`,
        "execSync('docker create --name x app/builder');",
        `execSync('docker cp x:/build/out/app "\${OUT:-dist}/app"', { env: { ...process.env, OUT: 'build' } });`,
        `execSync('${RUNTIME_BUILD}');`,
        '',
      ].join('\n'),
      'Dockerfile.build': BUILDER,
      Dockerfile: RUNTIME,
    },
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 4 }],
  },
]);

describe('env-default-assumed', () => {
  it('is not reported for a source, an input or a copy into a container', async () => {
    for (const c of cases.filter((x) => /input|into a container|no default|with none/.test(x.name))) {
      const setups = await planFiles(c.files);
      expect(
        setups.flatMap((s) => s.diagnostics).filter((d) => d.ruleId === 'env-default-assumed'),
        c.name,
      ).toEqual([]);
    }
  });
  it('is reported once per variable, at its first destination, as info', async () => {
    const [setup] = await planFiles(cases[0]!.files);
    const notes = setup!.diagnostics.filter((d) => d.ruleId === 'env-default-assumed');
    expect(notes.map((d) => [d.line, d.col, d.severity, d.message])).toEqual([
      [
        5,
        10,
        'info',
        '"$OUT_DIR" reads OUT_DIR from the environment; restage reads it as "dist", its value when OUT_DIR is not set (the path the Dockerfile copies pins it)',
      ],
    ]);
  });
});
