import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// A builder built from a directory inside the runtime context (src/plan/merge.ts, rebaseFor): its stages
// join the runtime build, whose one context and one .dockerignore then serve both, so its COPY sources
// are rebased, and anything that would read that context differently is refused.

const BUILD_SH =
  '#!/bin/sh\ndocker build -t t/b -f tools/Dockerfile.build tools\ndocker create --name c t/b\ndocker cp c:/out/tool ./tool\ndocker rm c\ndocker build -t t/app .\n';

const repo = (builder: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'build.sh': BUILD_SH,
  'tools/Dockerfile.build': builder,
  'tools/main.go': 'package main\n',
  Dockerfile: 'FROM alpine:3.19\nCOPY tool /usr/bin/tool\n',
  ...extra,
});

const mismatch = [{ ruleId: 'build-context-mismatch', messageId: 'buildContextMismatch', line: 2 }];

const cases: PlanCase[] = [
  {
    name: 'a sub-context builder whose sources are rebased',
    files: repo('FROM golang:1.22\nCOPY . /src\nRUN go build -o /out/tool /src\n'),
    expected: 'migrate',
  },
  {
    name: "the runtime context's .dockerignore hides part of the builder context",
    files: repo('FROM golang:1.22\nCOPY . /src\nRUN go build -o /out/tool /src\n', { '.dockerignore': 'tools/*.go\n' }),
    expected: mismatch,
  },
  {
    name: "the runtime context's .dockerignore hides nothing of it",
    files: repo('FROM golang:1.22\nCOPY . /src\nRUN go build -o /out/tool /src\n', { '.dockerignore': 'docs/\n' }),
    expected: 'migrate',
  },
  {
    name: 'a RUN --mount=type=bind of the builder context',
    files: repo('FROM golang:1.22\nRUN --mount=type=bind,target=/src go build -o /out/tool /src\n'),
    expected: mismatch,
  },
  {
    name: 'a RUN --mount=type=bind from another stage reads no context',
    files: repo('FROM golang:1.22 AS src\nCOPY . /src\nFROM golang:1.22\nRUN --mount=type=bind,from=src,source=/src,target=/src go build -o /out/tool /src\n'),
    expected: 'migrate',
  },
  {
    name: 'a RUN --mount=type=cache reads no context',
    files: repo('FROM golang:1.22\nCOPY . /src\nRUN --mount=type=cache,target=/root/.cache go build -o /out/tool /src\n'),
    expected: 'migrate',
  },
];

runPlanCases('a builder built from a sub-context', cases);

/** The builder build written as `build` (line 2), then the create, copy and runtime build. */
const withBuilderBuild = (build: string): Record<string, string> => ({
  ...repo('FROM golang:1.22\nRUN mkdir /out && echo tool > /out/tool\n'),
  'build.sh': BUILD_SH.replace('docker build -t t/b -f tools/Dockerfile.build tools', build),
});

/** A refusal of the builder build (line 2 of build.sh). */
const atBuild = (ruleId: string, messageId: string) => [{ ruleId, messageId, line: 2 }];
const FLAG = atBuild('unsupported-docker-flag', 'unsupportedDockerFlag');
const UNRESOLVED = atBuild('unresolved-value', 'unresolvedValue');

// How the builder's own `docker build` names its context and Dockerfile (src/plan/read-build.ts).
const builderBuilds: [string, string, PlanCase['expected']][] = [
  ['a context and Dockerfile restage reads', 'docker build -t t/b -f tools/Dockerfile.build tools', 'migrate'],
  [
    'flags that shape only the output (--progress, --load, --quiet, --label)',
    'docker build --progress=plain --load -q --label a=b -t t/b -f tools/Dockerfile.build tools',
    'migrate',
  ],
  ['a flag that changes the builder stage (--network)', 'docker build --network host -t t/b -f tools/Dockerfile.build tools', FLAG],
  ['no context', 'docker build -t t/b -f tools/Dockerfile.build', atBuild('unknown-docker-flag', 'unknownDockerFlag')],
  ['a context known only at run time', 'docker build -t t/b -f tools/Dockerfile.build "$CTX"', UNRESOLVED],
  ['a context from a URL', 'docker build -t t/b -f Dockerfile.build https://github.com/acme/tools.git', FLAG],
  ['a Dockerfile read from stdin', 'docker build -t t/b -f - tools', FLAG],
  ['a Dockerfile path known only at run time', 'docker build -t t/b -f "$DF" tools', UNRESOLVED],
  ['a context outside the repository', 'docker build -t t/b -f tools/Dockerfile.build ..', atBuild('path-outside-repo', 'pathOutsideRepo')],
];

runPlanCases(
  'the builder build a driver writes',
  builderBuilds.map(([name, build, expected]) => ({ name, files: withBuilderBuild(build), expected })),
);
