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

// How the builder's own `docker build` names its context and Dockerfile (src/plan/read-build.ts).
runPlanCases('the builder build a driver writes', [
  { name: 'a context and Dockerfile restage reads', files: withBuilderBuild('docker build -t t/b -f tools/Dockerfile.build tools'), expected: 'migrate' },
  {
    name: 'flags that shape only the output (--progress, --load, --quiet, --label)',
    files: withBuilderBuild('docker build --progress=plain --load -q --label a=b -t t/b -f tools/Dockerfile.build tools'),
    expected: 'migrate',
  },
  {
    name: 'a flag that changes the builder stage (--network)',
    files: withBuilderBuild('docker build --network host -t t/b -f tools/Dockerfile.build tools'),
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
  {
    name: 'no context',
    files: withBuilderBuild('docker build -t t/b -f tools/Dockerfile.build'),
    expected: [{ ruleId: 'unknown-docker-flag', messageId: 'unknownDockerFlag', line: 2 }],
  },
  {
    name: 'a context known only at run time',
    files: withBuilderBuild('docker build -t t/b -f tools/Dockerfile.build "$CTX"'),
    expected: [{ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line: 2 }],
  },
  {
    name: 'a context from a URL',
    files: withBuilderBuild('docker build -t t/b -f Dockerfile.build https://github.com/acme/tools.git'),
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
  {
    name: 'a Dockerfile read from stdin',
    files: withBuilderBuild('docker build -t t/b -f - tools'),
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
  {
    name: 'a Dockerfile path known only at run time',
    files: withBuilderBuild('docker build -t t/b -f "$DF" tools'),
    expected: [{ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line: 2 }],
  },
  {
    name: 'a context outside the repository',
    files: withBuilderBuild('docker build -t t/b -f tools/Dockerfile.build ..'),
    expected: [{ ruleId: 'path-outside-repo', messageId: 'pathOutsideRepo', line: 2 }],
  },
]);
