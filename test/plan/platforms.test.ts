import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// `--platform` on the builder build, the runtime build or the run (src/plan/platforms.ts): every stage of
// the merged build without a `FROM --platform` is made for the runtime build's platform, so an
// extraction the legacy build made for another platform is refused; the same platform on both builds
// is the same build.

const BUILDER = 'FROM golang:1.22\nWORKDIR /src\nRUN echo app > app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';

/** build.sh: the builder build with `builderFlags` (2), create + cp (3–4), the runtime build with `runtimeFlags` (5). */
function copied(builderFlags: string, runtimeFlags: string): Record<string, string> {
  return {
    'build.sh': `#!/bin/sh\ndocker build ${builderFlags}-t app/builder -f Dockerfile.build .\ndocker create --name x app/builder\ndocker cp x:/src/app app\ndocker build ${runtimeFlags}-t app/app .\n`,
    'Dockerfile.build': BUILDER,
    Dockerfile: RUNTIME,
  };
}

/** build.sh: a toolchain run into the checkout (2) with `runFlags`, the runtime build with `runtimeFlags` (3). */
function mounted(runFlags: string, runtimeFlags: string): Record<string, string> {
  return {
    'build.sh': `#!/bin/sh\ndocker run --rm ${runFlags}-v "$PWD":/src -w /src golang:1.22 go build -o app .\ndocker build ${runtimeFlags}-t app/app .\n`,
    'main.go': 'package main\n',
    Dockerfile: RUNTIME,
  };
}

const refused = (line: number) => [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line }];
const AMD = '--platform linux/amd64 ';
const ARM = '--platform linux/arm64 ';

const cases: PlanCase[] = [
  { name: 'no --platform anywhere', files: copied('', ''), expected: 'migrate' },
  { name: 'the same --platform on both builds', files: copied(AMD, AMD), expected: 'migrate' },
  { name: '--platform=… on both builds', files: copied('--platform=linux/amd64 ', '--platform=linux/amd64 '), expected: 'migrate' },
  { name: 'on the runtime build only: the builder made it for the engine', files: copied('', AMD), expected: refused(5) },
  { name: 'on the builder build only', files: copied(AMD, ''), expected: refused(2) },
  { name: 'two platforms', files: copied(AMD, ARM), expected: refused(5) },
  { name: 'a run of a pulled image, then a runtime build with --platform', files: mounted('', AMD), expected: refused(3) },
  { name: 'a run with --platform pins its stage: any runtime platform', files: mounted(AMD, ARM), expected: 'migrate' },
  { name: 'a run with --platform, a runtime build without', files: mounted(AMD, ''), expected: 'migrate' },
  {
    name: 'a pulled image copied out of, then a runtime build with --platform',
    files: {
      'build.sh': `#!/bin/sh\ndocker create --name x golang:1.22\ndocker cp x:/usr/local/go/VERSION app\ndocker build ${AMD}-t app/app .\n`,
      Dockerfile: RUNTIME,
    },
    expected: refused(4),
  },
  {
    name: 'cat out of a built image, the same platform on both builds',
    files: {
      'build.sh': `#!/bin/sh\ndocker build ${AMD}-t app/builder -f Dockerfile.build .\ndocker run --rm app/builder cat /src/app > app\ndocker build ${AMD}-t app/app .\n`,
      'Dockerfile.build': BUILDER,
      Dockerfile: RUNTIME,
    },
    expected: 'migrate',
  },
  {
    name: 'cat out of a built image made for another platform',
    files: {
      'build.sh': `#!/bin/sh\ndocker build ${ARM}-t app/builder -f Dockerfile.build .\ndocker run --rm app/builder cat /src/app > app\ndocker build -t app/app .\n`,
      'Dockerfile.build': BUILDER,
      Dockerfile: RUNTIME,
    },
    expected: refused(2),
  },
  {
    name: 'a BuildKit export for the platform the runtime build targets too',
    files: {
      'build.sh': `#!/bin/sh\ndocker build ${AMD}--target app -o bin -f Dockerfile.build .\ndocker build ${AMD}-t app/app .\n`,
      'Dockerfile.build': 'FROM golang:1.22 AS build\nRUN echo app > /app\nFROM scratch AS app\nCOPY --from=build /app /app\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n',
    },
    expected: 'migrate',
  },
  {
    name: 'a BuildKit export for another platform',
    files: {
      'build.sh': `#!/bin/sh\ndocker build ${ARM}--target app -o bin -f Dockerfile.build .\ndocker build -t app/app .\n`,
      'Dockerfile.build': 'FROM golang:1.22 AS build\nRUN echo app > /app\nFROM scratch AS app\nCOPY --from=build /app /app\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n',
    },
    expected: refused(2),
  },
];

runPlanCases('--platform on the builds', cases);
