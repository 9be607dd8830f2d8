import { runPlanCases, type ExpectedReport, type PlanCase } from '../support/plan-tester.js';

// How the builder's `docker build` line is read (src/plan/read-build.ts): its context, Dockerfile and
// flags, and a Dockerfile the driver writes itself. One row per condition.

const BUILDER = 'FROM golang:1.22\nRUN go build -o /out/app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';

/** build.sh with `before` lines, then the builder build (line 2 + before.length), create, cp and the runtime build. */
function setup(build: string, before: string[] = [], files: Record<string, string> = {}): Record<string, string> {
  const lines = [...before, build, 'docker create --name c t/b', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t t/app .'];
  return { 'build.sh': `#!/bin/sh\n${lines.join('\n')}\n`, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, ...files };
}

const report = (ruleId: string, messageId: string, line: number): ExpectedReport[] => [{ ruleId, messageId, line }];

const cases: PlanCase[] = [
  { name: 'a plain builder build', files: setup('docker build -t t/b -f Dockerfile.build .'), expected: 'migrate' },
  {
    name: '--progress=plain and --load change nothing in the image',
    files: setup('docker build --progress=plain --load -t t/b -f Dockerfile.build .'),
    expected: 'migrate',
  },
  { name: '--label on the builder image', files: setup('docker build --label stage=build -t t/b -f Dockerfile.build .'), expected: 'migrate' },
  { name: '--quiet, --rm and --force-rm', files: setup('docker build -q --rm --force-rm -t t/b -f Dockerfile.build .'), expected: 'migrate' },
  { name: 'no context', files: setup('docker build -t t/b -f Dockerfile.build'), expected: report('unknown-docker-flag', 'unknownDockerFlag', 2) },
  {
    name: 'the context in a variable restage cannot resolve',
    files: setup('docker build -t t/b -f Dockerfile.build "$CTX"'),
    expected: report('unresolved-value', 'unresolvedValue', 2),
  },
  {
    name: 'the context from stdin',
    files: setup('docker build -t t/b -f Dockerfile.build - < ctx.tar'),
    expected: [...report('unsupported-docker-flag', 'unsupportedDockerFlag', 2), ...report('unsupported-docker-flag', 'unsupportedDockerFlag', 2)],
  },
  {
    name: 'the context from a URL',
    files: setup('docker build -t t/b https://github.com/o/r.git'),
    expected: report('unsupported-docker-flag', 'unsupportedDockerFlag', 2),
  },
  {
    name: 'the context from a git@ remote',
    files: setup('docker build -t t/b git@github.com:o/r.git'),
    expected: report('unsupported-docker-flag', 'unsupportedDockerFlag', 2),
  },
  { name: 'the Dockerfile in a variable', files: setup('docker build -t t/b -f "$DF" .'), expected: report('unresolved-value', 'unresolvedValue', 2) },
  {
    name: 'the Dockerfile from stdin',
    files: setup('docker build -t t/b -f - . < Dockerfile.build'),
    expected: [...report('unsupported-docker-flag', 'unsupportedDockerFlag', 2), ...report('unsupported-docker-flag', 'unsupportedDockerFlag', 2)],
  },
  {
    name: 'a context outside the repository',
    files: setup('docker build -t t/b -f Dockerfile.build ..'),
    expected: report('path-outside-repo', 'pathOutsideRepo', 2),
  },
  {
    name: 'a Dockerfile outside the repository',
    files: setup('docker build -t t/b -f ../Dockerfile.build .'),
    expected: report('path-outside-repo', 'pathOutsideRepo', 2),
  },
  {
    name: 'a working directory restage cannot follow',
    files: setup('docker build -t t/b -f Dockerfile.build .', ['if [ -d build ]; then cd build; fi']),
    expected: [3, 5, 7].flatMap((line) => report('unresolved-value', 'unresolvedValue', line)),
  },
  {
    name: 'a builder Dockerfile the driver writes with sed first',
    files: setup('docker build -t t/b -f Dockerfile.build .', ['sed "s/VERSION/1.22/" Dockerfile.tmpl > Dockerfile.build'], { 'Dockerfile.tmpl': BUILDER }),
    expected: report('generated-dockerfile', 'generatedDockerfile', 2),
  },
  {
    name: 'a builder Dockerfile the driver writes with envsubst first',
    files: setup('docker build -t t/b -f Dockerfile.build .', ['envsubst < Dockerfile.tmpl > Dockerfile.build'], { 'Dockerfile.tmpl': BUILDER }),
    expected: report('generated-dockerfile', 'generatedDockerfile', 2),
  },
  {
    name: 'a builder Dockerfile the driver copies into place first',
    files: setup('docker build -t t/b -f Dockerfile.build .', ['cp docker/Dockerfile.build Dockerfile.build'], { 'docker/Dockerfile.build': BUILDER }),
    expected: report('generated-dockerfile', 'generatedDockerfile', 2),
  },
  {
    name: 'a command that only reads the builder Dockerfile first',
    files: setup('docker build -t t/b -f Dockerfile.build .', ['grep -q golang Dockerfile.build']),
    expected: 'migrate',
  },
];

runPlanCases("the builder's docker build line", cases);
