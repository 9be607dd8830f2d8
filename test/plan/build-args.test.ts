import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// What the two `docker build` lines pass besides the Dockerfile (src/plan/merge-args.ts): build args that
// one build passes and the other's Dockerfile also declares would reach the wrong stages in one merged
// build, and --pull / --no-cache of the builder build must still reach its stages.

const repo = (builderFlags: string, runtimeFlags: string, builder: string, runtime = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n'): Record<string, string> => ({
  'build.sh': `#!/bin/sh\ndocker build ${builderFlags}-t t/b -f Dockerfile.build .\ndocker create --name c t/b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build ${runtimeFlags}-t t/app .\n`,
  'Dockerfile.build': builder,
  Dockerfile: runtime,
});

const BUILDER = 'FROM golang:1.22\nRUN go build -o /out/app\n';
const conflict = (line: number) => [{ ruleId: 'build-arg-conflict', messageId: 'buildArgConflict', line }];

const cases: PlanCase[] = [
  {
    name: 'only the runtime build passes an ARG a builder stage declares',
    files: repo('', '--build-arg VERSION=2 ', 'FROM golang:1.22\nARG VERSION\nRUN go build -ldflags "-X main.v=$VERSION" -o /out/app\n'),
    expected: conflict(6),
  },
  {
    name: 'only the runtime build passes an ARG the builder does not declare',
    files: repo('', '--build-arg VERSION=2 ', BUILDER),
    expected: 'migrate',
  },
  {
    name: 'only the runtime build passes a predefined ARG the builder declares',
    files: repo('', '--build-arg HTTP_PROXY=http://p:3128 ', 'FROM golang:1.22\nARG HTTP_PROXY\nRUN go build -o /out/app\n'),
    expected: 'migrate',
  },
  { name: 'the builder build pulls', files: repo('--pull ', '', BUILDER), expected: 'migrate' },
  { name: 'the builder build takes no cache', files: repo('--no-cache ', '', BUILDER), expected: 'migrate' },
  { name: 'both builds pull', files: repo('--pull ', '--pull ', BUILDER), expected: 'migrate' },
];

runPlanCases('build args and build flags of the two builds', cases);
