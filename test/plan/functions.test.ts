import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// Shell functions the sh driver reads at their one call (src/drivers/sh/index.ts functionsReadAtCall):
// nested calls from another such function (`main "$@"`), arguments the body never reads, locals that
// end with their function. Anything else stays a function restage does not follow, and is refused.

const BUILDER = 'FROM golang:1.22\nWORKDIR /build\nRUN echo app > app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';
const EXTRACT = ['docker build -t app/builder -f Dockerfile.build .', 'docker create --name x app/builder', 'docker cp x:/build/app app'];

function script(lines: string[], runtime = RUNTIME): Record<string, string> {
  return { 'build.sh': `#!/bin/bash\n${lines.join('\n')}\n`, 'Dockerfile.build': BUILDER, Dockerfile: runtime };
}

const fn = (name: string, body: string[]) => [`${name}() {`, ...body.map((l) => `  ${l}`), '}'];
const refusedAt = (line: number) => [{ ruleId: 'driver-control-flow', messageId: 'driverControlFlow', line }];

const cases: PlanCase[] = [
  {
    name: 'main "$@" calls the extraction and the image build',
    files: script([...fn('extract', EXTRACT), ...fn('image', ['docker build -t app/app .']), ...fn('main', ['extract', 'image']), 'main "$@"']),
    expected: 'migrate',
  },
  {
    name: 'three levels deep',
    files: script([...fn('a', EXTRACT), ...fn('b', ['a']), ...fn('c', ['b', 'docker build -t app/app .']), 'c']),
    expected: 'migrate',
  },
  {
    name: 'called with arguments its body never reads',
    files: script([...fn('extract', EXTRACT), 'extract --verbose "$@"', 'docker build -t app/app .']),
    expected: 'migrate',
  },
  {
    name: 'called with an argument its body reads as $1',
    files: script([...fn('extract', [...EXTRACT.slice(0, 2), 'docker cp x:/build/app "$1"']), 'extract app', 'docker build -t app/app .']),
    expected: refusedAt(2),
  },
  {
    name: 'called with arguments, the body shifts them',
    files: script([...fn('extract', ['shift', ...EXTRACT]), 'extract app', 'docker build -t app/app .']),
    expected: refusedAt(2),
  },
  {
    name: 'the name mentioned in a comment as well',
    files: script(['# extract copies the binary out', ...fn('extract', EXTRACT), 'extract  # run it', 'docker build -t app/app .']),
    expected: 'migrate',
  },
  {
    name: 'called twice',
    files: script([...fn('extract', EXTRACT), 'extract', 'extract', 'docker build -t app/app .']),
    expected: refusedAt(2),
  },
  {
    name: 'called by a function that is itself called twice',
    files: script([...fn('extract', EXTRACT), ...fn('twice', ['extract']), 'twice', 'twice', 'docker build -t app/app .']),
    expected: refusedAt(2),
  },
  {
    name: 'defined after the statement that runs it',
    files: script([...fn('main', ['extract', 'docker build -t app/app .']), 'main', ...fn('extract', EXTRACT)]),
    expected: refusedAt(7),
  },
  {
    name: 'two functions calling each other',
    files: script([...fn('a', ['b']), ...fn('b', ['a', ...EXTRACT]), 'a', 'docker build -t app/app .']),
    expected: refusedAt(5),
  },
  {
    name: 'defined twice',
    files: script([...fn('extract', ['true']), ...fn('extract', EXTRACT), 'extract', 'docker build -t app/app .']),
    expected: refusedAt(5),
  },
  {
    name: 'called inside a loop',
    files: script([...fn('extract', EXTRACT), 'for v in a; do', '  extract', 'done', 'docker build -t app/app .']),
    expected: refusedAt(2),
  },
  {
    name: "a local variable ends with its function: the caller's value is back",
    files: script([
      'DEST=app',
      ...fn('note', ['local DEST=elsewhere', 'echo "$DEST"']),
      'note',
      ...EXTRACT.slice(0, 2),
      'docker cp x:/build/app "$DEST"',
      'docker build -t app/app .',
    ]),
    expected: 'migrate',
  },
  {
    name: 'a variable the function sets without local stays set',
    files: script([
      'DEST=elsewhere',
      ...fn('pick', ['DEST=app']),
      'pick',
      ...EXTRACT.slice(0, 2),
      'docker cp x:/build/app "$DEST"',
      'docker build -t app/app .',
    ]),
    expected: 'migrate',
  },
];

runPlanCases('shell functions read at their call', cases);
