import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// `a || b` lists the sh driver reads as `a` alone (src/shell/statements.ts): clean-ups that may fail
// (`|| true`) and commands that stop the script when they fail (`|| exit 1`). Any other `||` is control
// flow restage does not follow.

const BUILDER = 'FROM golang:1.22\nWORKDIR /build\nRUN echo app > app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';

/** build.sh: the builder build followed by `orElse` (line 2), the extraction (3–4), the runtime build (5). */
function setup(orElse: string, runtimeOrElse = ''): Record<string, string> {
  return {
    'build.sh': `#!/bin/sh\ndocker build -t app/builder -f Dockerfile.build . ${orElse}\ndocker create --name x app/builder\ndocker cp x:/build/app app\ndocker build -t app/app . ${runtimeOrElse}\n`,
    'Dockerfile.build': BUILDER,
    Dockerfile: RUNTIME,
  };
}

/** The same setup with `exit 0` between the extraction and the runtime build. */
function exitBefore(): Record<string, string> {
  const files = setup('');
  return { ...files, 'build.sh': files['build.sh']!.replace('docker build -t app/app', 'exit 0\ndocker build -t app/app') };
}

const refusedAt = (line: number) => [{ ruleId: 'driver-control-flow', messageId: 'driverControlFlow', line }];

const cases: PlanCase[] = [
  { name: '|| exit 1', files: setup('|| exit 1'), expected: 'migrate' },
  { name: '|| exit', files: setup('|| exit'), expected: 'migrate' },
  { name: '|| exit $?', files: setup('|| exit $?'), expected: 'migrate' },
  { name: '|| return 1', files: setup('|| return 1'), expected: 'migrate' },
  { name: '|| { echo … >&2; exit 1; }', files: setup('|| { echo "builder failed" >&2; exit 1; }'), expected: 'migrate' },
  { name: '|| { printf …; exit 2; }', files: setup("|| { printf 'failed\\n'; exit 2; }"), expected: 'migrate' },
  { name: '|| { exit 1; }', files: setup('|| { exit 1; }'), expected: 'migrate' },
  { name: 'on the runtime build, kept as written', files: setup('', '|| { echo "image failed" >&2; exit 1; }'), expected: 'migrate' },
  { name: '|| echo failed: the script goes on', files: setup('|| echo failed'), expected: refusedAt(2) },
  { name: '|| exit with a word', files: setup('|| exit now'), expected: refusedAt(2) },
  { name: '|| a block that also removes a file', files: setup('|| { rm -f app; exit 1; }'), expected: refusedAt(2) },
  { name: "|| a block that prints a command's output", files: setup('|| { echo "$(date)"; exit 1; }'), expected: refusedAt(2) },
  { name: '|| a block that does not exit', files: setup('|| { echo failed; }'), expected: refusedAt(2) },
  { name: '&& exit 1: stops when it succeeds', files: setup('&& exit 1'), expected: 'nothing' },
  { name: '|| exit 1 after an && chain', files: setup('&& true || exit 1'), expected: refusedAt(2) },
  {
    name: '[ -n "$SKIP" ] && exit 0 first: the exit may not run, so the rest is read',
    files: { ...setup(''), 'build.sh': setup('')['build.sh']!.replace('#!/bin/sh\n', '#!/bin/sh\n[ -n "$SKIP" ] && exit 0\n') },
    expected: 'migrate',
  },
  {
    name: 'mkdir -p out && exit 0 first: the exit runs, and nothing after it',
    files: { ...setup(''), 'build.sh': setup('')['build.sh']!.replace('#!/bin/sh\n', '#!/bin/sh\nmkdir -p out && exit 0\n') },
    expected: 'nothing',
  },
  {
    name: 'test -f x && exit 0 first: the exit may not run',
    files: { ...setup(''), 'build.sh': setup('')['build.sh']!.replace('#!/bin/sh\n', '#!/bin/sh\ntest -f skip && exit 0\n') },
    expected: 'migrate',
  },
  {
    name: '[[ … ]] && exit 0 first (a test restage does not read): the exit may not run',
    files: { ...setup(''), 'build.sh': setup('')['build.sh']!.replace('#!/bin/sh\n', '#!/bin/bash\n[[ -n $SKIP ]] && exit 0\n') },
    expected: 'migrate',
  },
  { name: 'exit 0 at the end of the script', files: setup('', '\nexit 0'), expected: 'migrate' },
  {
    name: 'exit 0 before the runtime build: no build restage reads copies the extraction, which is refused',
    files: exitBefore(),
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 4 }],
  },
];

runPlanCases('|| lists read as their command', cases);
