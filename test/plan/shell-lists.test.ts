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
  ...['grep -q skip notes.txt', 'command -v go', 'which go', 'type go', 'cmp a b', 'diff a b', 'false', '/usr/bin/test -f skip'].map((test): PlanCase => ({
    name: `${test} && exit 0 first: a test that may fail, so the rest is read`,
    files: { ...setup(''), 'build.sh': setup('')['build.sh']!.replace('#!/bin/sh\n', `#!/bin/sh\n${test} && exit 0\n`) },
    expected: 'migrate',
  })),
  { name: 'exit 0 at the end of the script', files: setup('', '\nexit 0'), expected: 'migrate' },
  {
    name: 'exit 0 before the runtime build: no build restage reads copies the extraction, which is refused',
    files: exitBefore(),
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 4 }],
  },
  {
    name: 'timeout on the runtime build: the merged build does more within the same limit',
    files: { ...setup(''), 'build.sh': setup('')['build.sh']!.replace('docker build -t app/app', 'timeout 5m docker build -t app/app') },
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 5 }],
  },
  {
    name: '/usr/bin/timeout -s KILL on the runtime build',
    files: { ...setup(''), 'build.sh': setup('')['build.sh']!.replace('docker build -t app/app', '/usr/bin/timeout -s KILL 300 docker build -t app/app') },
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 5 }],
  },
  {
    name: 'timeout on the builder build and the copy: removed with them',
    files: {
      ...setup(''),
      'build.sh': setup('')
        ['build.sh']!.replace('docker build -t app/builder', 'timeout 5m docker build -t app/builder')
        .replace('docker cp', 'timeout 60 docker cp'),
    },
    expected: 'migrate',
  },
  {
    name: 'time (no limit) on the runtime build',
    files: { ...setup(''), 'build.sh': setup('')['build.sh']!.replace('docker build -t app/app', 'time docker build -t app/app') },
    expected: 'migrate',
  },
  {
    name: 'exec docker build as the last command: the runtime build, migrated with its exec kept',
    files: { ...setup(''), 'build.sh': setup('')['build.sh']!.replace('docker build -t app/app', 'exec docker build -t app/app') },
    expected: 'migrate',
  },
  {
    name: 'exec docker build before the extraction: the shell becomes the build, and nothing after it runs',
    files: { ...setup(''), 'build.sh': setup('')['build.sh']!.replace('docker build -t app/builder', 'exec docker build -t app/builder') },
    expected: 'nothing',
  },
  {
    name: 'exec docker cp before the runtime build: nothing after it runs, so no build restage reads copies the extraction',
    files: { ...setup(''), 'build.sh': setup('')['build.sh']!.replace('docker cp', 'exec docker cp') },
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 4 }],
  },
  {
    name: '[ -n "$X" ] && exec …: the exec may not run, so the rest is read',
    files: { ...setup(''), 'build.sh': setup('')['build.sh']!.replace('#!/bin/sh\n', '#!/bin/sh\n[ -n "$X" ] && exec ./other.sh\n') },
    expected: 'migrate',
  },
  {
    name: 'exec with redirections only (the script goes on with its output in a file)',
    files: { ...setup(''), 'build.sh': setup('')['build.sh']!.replace('#!/bin/sh\n', '#!/bin/sh\nexec > build.log 2>&1\n') },
    expected: 'migrate',
  },
];

runPlanCases('|| lists read as their command', cases);

// tree-sitter-bash reads `a && b > out && c` as `(a && b) > out && c`; bash gives the redirection to `b`
// alone (src/shell/statements.ts, flattenList). A one-line chain that extracts with `cat > app` is the
// npm-script spelling of the pattern.

/** One line: build the builder, `run` (whose stdout goes where `redirect` says), build the runtime image. */
function oneLine(run: string, redirect: string, tail = ' && docker build -t app/app .'): Record<string, string> {
  return {
    'build.sh': `#!/bin/sh\ndocker build -t app/builder -f Dockerfile.build . && ${run} ${redirect}${tail}\n`,
    'Dockerfile.build': BUILDER,
    Dockerfile: RUNTIME,
  };
}

const CAT = 'docker run --rm app/builder cat /build/app';

const chainCases: PlanCase[] = [
  { name: 'a && b > app && c on one line', files: oneLine(CAT, '> app'), expected: 'migrate' },
  { name: 'a && b > app, the runtime build on the next line', files: oneLine(CAT, '> app', '\ndocker build -t app/app .'), expected: 'migrate' },
  { name: 'a && b 2>/dev/null > app && c: the stderr redirection goes along', files: oneLine(CAT, '2>/dev/null > app'), expected: 'migrate' },
  {
    name: 'a && b > app && chmod +x app && c (package.json scripts chain like this)',
    files: oneLine(CAT, '> app', ' && chmod +x app && docker build -t app/app .'),
    expected: 'migrate',
  },
  {
    name: 'a && b >> app && c: appending is not followed, and refused',
    files: oneLine(CAT, '>> app'),
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 2 }],
  },
  {
    name: 'b >> app on its own line: refused, not "0 setups"',
    files: {
      ...oneLine(CAT, '>> app'),
      'build.sh': '#!/bin/sh\ndocker build -t app/builder -f Dockerfile.build .\n' + CAT + ' >> app\ndocker build -t app/app .\n',
    },
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 3 }],
  },
  {
    name: 'b &> app: stderr mixed in, refused',
    files: {
      ...oneLine(CAT, '>> app'),
      'build.sh': '#!/bin/sh\ndocker build -t app/builder -f Dockerfile.build .\n' + CAT + ' &> app\ndocker build -t app/app .\n',
    },
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 3 }],
  },
  {
    name: 'b 2>> build.log > app: a log appended beside a plain > app migrates',
    files: oneLine(CAT, '2>> build.log > app'),
    expected: 'migrate',
  },
  {
    name: 'a && (b) > app && c: a subshell redirected stays opaque',
    files: oneLine(`(${CAT})`, '> app'),
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 2 }],
  },
  {
    name: 'a || b > app && c: control flow stays opaque',
    files: { ...oneLine(CAT, '> app'), 'build.sh': oneLine(CAT, '> app')['build.sh']!.replace(' . && docker run', ' . || docker run') },
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 2 }],
  },
];

runPlanCases('&& chains whose last command tree-sitter gave a redirection', chainCases);

// Redirections that write no file (`> /dev/null`, `2>&1`, `>&2`): what build scripts put on every docker
// command to keep logs quiet. They were read as redirections restage does not model, and refused.

/** build.sh: build, create, cp, rm and the runtime build, each followed by `redirect`. */
function quiet(redirect: string): Record<string, string> {
  const lines = [
    'docker build -t app/builder -f Dockerfile.build .',
    'docker create --name x app/builder',
    'docker cp x:/build/app app',
    'docker rm x',
    'docker build -t app/app .',
  ];
  return { 'build.sh': `#!/bin/sh\n${lines.map((l) => `${l} ${redirect}`).join('\n')}\n`, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME };
}

const refusedRedirect = (line: number) => [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line }];

const quietCases: PlanCase[] = [
  { name: '> /dev/null', files: quiet('> /dev/null'), expected: 'migrate' },
  { name: '>/dev/null 2>&1', files: quiet('>/dev/null 2>&1'), expected: 'migrate' },
  { name: '&> /dev/null', files: quiet('&> /dev/null'), expected: 'migrate' },
  { name: '>> /dev/null', files: quiet('>> /dev/null'), expected: 'migrate' },
  { name: '2>&1 (into the script output)', files: quiet('2>&1'), expected: 'migrate' },
  { name: '>&2', files: quiet('>&2'), expected: 'migrate' },
  {
    name: 'cat > app 2>&1: the errors may land in the artifact',
    files: oneLine('docker run --rm app/builder cat /build/app', '> app 2>&1', '\ndocker build -t app/app .'),
    expected: refusedRedirect(2),
  },
  {
    name: 'cat 2>&1 > app',
    files: oneLine('docker run --rm app/builder cat /build/app', '2>&1 > app', '\ndocker build -t app/app .'),
    expected: refusedRedirect(2),
  },
  {
    name: 'cat > /dev/null: nothing extracted, nothing to migrate',
    files: oneLine('docker run --rm app/builder cat /build/app', '> /dev/null', '\ndocker build -t app/app .'),
    expected: 'nothing',
  },
];

runPlanCases('redirections that write no file', quietCases);
