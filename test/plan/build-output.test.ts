import { runPlanCases, unsupported, type PlanCase } from '../support/plan-tester.js';

// `docker build --output type=local,dest=DIR` (src/plan/recognise/build-output.ts): the target stage's
// filesystem exported into DIR, migrated as that stage; other exporters refused, each its own row.

const BUILDER = 'FROM golang:1.22 AS build\nRUN echo app > /app\nFROM scratch AS artifact\nCOPY --from=build /app /app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n';

function setup(output: string, files: Record<string, string> = {}): Record<string, string> {
  return {
    'build.sh': `#!/bin/sh\ndocker build -f Dockerfile.build --target artifact ${output} .\ndocker build -t app/app .\n`,
    'Dockerfile.build': BUILDER,
    Dockerfile: RUNTIME,
    ...files,
  };
}

const cases: PlanCase[] = [
  { name: 'a local export', files: setup('--output type=local,dest=bin'), expected: 'migrate' },
  { name: 'a bare directory (local by default)', files: setup('-o bin'), expected: 'migrate' },
  { name: 'two exporters', files: setup('--output type=local,dest=bin --output type=tar,dest=out.tar'), expected: unsupported('severalOutputs', 2) },
  {
    name: 'a tar export',
    files: setup('--output type=tar,dest=bin.tar', { Dockerfile: 'FROM alpine:3.19\nADD bin.tar /\n' }),
    expected: unsupported('exportNotLocal', 2),
  },
  { name: 'a local export to stdout', files: setup('--output type=local,dest=-'), expected: unsupported('exportNotLocal', 2) },
  // Docker itself fails on it (the local exporter needs a dest); the refusal is dropped with the driver, as no flow names a path.
  { name: 'a local export without a dest: no setup', files: setup('--output type=local'), expected: 'nothing' },
  {
    name: 'a dest known at run time',
    files: setup('--output "type=local,dest=$1"'),
    expected: [{ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line: 2 }],
  },
  {
    name: 'an export over a directory the repository holds',
    files: setup('--output type=local,dest=bin', { 'bin/README': 'x\n' }),
    expected: [{ ruleId: 'cp-destination-conflict', messageId: 'outputDestination', line: 2 }],
  },
  { name: 'type=local after the dest', files: setup('--output dest=bin,type=local'), expected: 'migrate' },
  {
    name: 'an export out of the repository',
    files: setup('-o ../bin', { Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n' }),
    expected: [{ ruleId: 'path-outside-repo', messageId: 'pathOutsideRepo', line: 2 }],
  },
  {
    name: 'an export over the repository root',
    files: setup('-o .', { Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n' }),
    expected: [{ ruleId: 'cp-destination-conflict', messageId: 'outputDestination', line: 2 }],
  },
  {
    name: 'a --target the builder Dockerfile does not have',
    files: { ...setup('-o bin'), 'build.sh': '#!/bin/sh\ndocker build -f Dockerfile.build --target nosuch -o bin .\ndocker build -t app/app .\n' },
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
  {
    name: 'a builder Dockerfile that is not there',
    files: { ...setup('-o bin'), 'build.sh': '#!/bin/sh\ndocker build -f Dockerfile.nope --target artifact -o bin .\ndocker build -t app/app .\n' },
    expected: [{ ruleId: 'dockerfile-not-found', messageId: 'dockerfileNotFound', line: 2 }],
  },
  {
    name: 'a flag of the builder build the merged build would not reproduce',
    files: setup('--network host -o bin'),
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
];

runPlanCases('docker build --output', cases);
