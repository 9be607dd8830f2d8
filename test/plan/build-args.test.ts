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

// A value the merged build gets at the runtime build's line: a variable assigned again between the
// builder build (or the docker run -e that read it) and there would pass the later value.
const ARG_BUILDER = 'FROM golang:1.22\nARG V\nRUN go build -ldflags "-X main.v=$V" -o /out/app\n';
const between = (line: string): Record<string, string> => ({
  'build.sh': `#!/bin/sh\nV=1.0\ndocker build --build-arg V="$V" -t t/b -f Dockerfile.build .\ndocker create --name c t/b\ndocker cp c:/out/app ./app\n${line}\ndocker build -t t/app .\n`,
  'Dockerfile.build': ARG_BUILDER,
  Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n',
});
/** A mount run that carries `-e V="$V"`, then `line`, then the runtime build. */
const runBetween = (line: string): Record<string, string> => ({
  'build.sh': `#!/bin/sh\nV=$(git describe)\ndocker run --rm -v "$PWD":/src -w /src -e V="$V" golang:1.22 go build -o bin/app .\n${line}\ndocker build -t t/app .\n`,
  Dockerfile: 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n',
  'main.go': 'package main\n',
});

runPlanCases('a carried value assigned again before the runtime build', [
  { name: 'nothing assigns it', files: between('docker rm c'), expected: 'migrate' },
  { name: 'another name is assigned', files: between('W=2.0'), expected: 'migrate' },
  { name: 'a name that ends like it', files: between('XV=2.0'), expected: 'migrate' },
  { name: 'V=2.0', files: between('V=2.0'), expected: conflict(3) },
  { name: 'V+=x (bash)', files: between('V+=-rc'), expected: conflict(3) },
  { name: 'export V=2.0', files: between('export V=2.0'), expected: conflict(3) },
  { name: 'declare -x V=2.0', files: between('declare -x V=2.0'), expected: conflict(3) },
  { name: 'read V', files: between('read -r V < VERSION'), expected: conflict(3) },
  { name: 'unset V', files: between('unset V'), expected: conflict(3) },
  { name: 'for V in …', files: between('for V in a b; do :; done'), expected: conflict(3) },
  { name: 'after a semicolon', files: between('true; V=2.0'), expected: conflict(3) },
  { name: 'a docker run -e value, nothing assigns it', files: runBetween('echo built'), expected: 'migrate' },
  { name: 'a docker run -e value assigned again', files: runBetween('V=latest'), expected: conflict(3) },
  {
    name: 'a docker run -e NAME assigned again',
    files: {
      ...runBetween('V=latest'),
      'build.sh': runBetween('V=latest')['build.sh']!.replace('-e V="$V"', '-e V').replace('V=$(git describe)', 'export V=$(git describe)'),
    },
    expected: conflict(3),
  },
]);

// A value the builder build reads in a shell the runtime build does not run in: make runs each recipe
// line, GitHub Actions each `run:`, Node each exec call in a new shell, and a function's `local` ends
// with the function. The merged build reads the carried word at the runtime build, where the value is
// another (merge-args.ts, carriedValueMoves).
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';
const makeRepo = (head: string, builderLine: string): Record<string, string> => ({
  Makefile: `${head}image:\n\t${builderLine}\n\tdocker create --name c t/b\n\tdocker cp c:/out/app ./app\n\tdocker rm c\n\tdocker build -t t/app .\n`,
  'Dockerfile.build': ARG_BUILDER,
  Dockerfile: RUNTIME,
});
// Two targets: the builder's recipe, and the runtime build's, which runs after it.
const makeTargets = (head: string, builderLine: string): Record<string, string> => ({
  Makefile: `${head}builder:\n\t${builderLine}\n\tdocker create --name c t/b\n\tdocker cp c:/out/app ./app\n\tdocker rm c\nimage: builder\n\tdocker build -t t/app .\n`,
  'Dockerfile.build': ARG_BUILDER,
  Dockerfile: RUNTIME,
});
const ciRepo = (jobEnv: string, stepEnv: string, script: string): Record<string, string> => ({
  '.github/workflows/ci.yml': `on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n${jobEnv}    steps:\n      - uses: actions/checkout@v4\n      - run: |\n${script
    .split('\n')
    .map((l) => `          ${l}\n`)
    .join('')}${stepEnv}      - run: docker build -t t/app .\n`,
  'Dockerfile.build': ARG_BUILDER,
  Dockerfile: RUNTIME,
});
const BUILDER_STEPS = 'docker create --name c t/b\ndocker cp c:/out/app ./app\ndocker rm c';
const jsRepo = (first: string): Record<string, string> => ({
  'build.js': `const { execSync } = require('child_process');\nexecSync('${first}');\nexecSync('docker create --name c t/b');\nexecSync('docker cp c:/out/app ./app');\nexecSync('docker rm c');\nexecSync('docker build -t t/app .');\n`,
  'Dockerfile.build': ARG_BUILDER,
  Dockerfile: RUNTIME,
});
const shFunction = (decl: string): Record<string, string> => ({
  'build.sh': `#!/bin/bash\nb() {\n  ${decl}\n  docker build --build-arg V="$V" -t t/b -f Dockerfile.build .\n  docker create --name c t/b\n  docker cp c:/out/app ./app\n  docker rm c\n}\nb\ndocker build -t t/app .\n`,
  'Dockerfile.build': ARG_BUILDER,
  Dockerfile: RUNTIME,
});

// The script's arguments: `shift` and `set -- …` change them between the builder build and the runtime build.
const positional = (word: string, line: string): Record<string, string> => ({
  'build.sh': `#!/bin/sh\ndocker build --build-arg V=${word} -t t/b -f Dockerfile.build .\ndocker create --name c t/b\ndocker cp c:/out/app ./app\n${line}\ndocker build -t t/app .\n`,
  'Dockerfile.build': ARG_BUILDER,
  Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n',
});

runPlanCases('a carried script argument changed before the runtime build', [
  { name: '$1, nothing changes it', files: positional('"$1"', 'docker rm c'), expected: 'migrate' },
  { name: '$1, then shift', files: positional('"$1"', 'shift'), expected: conflict(2) },
  { name: '${1}, then shift 2', files: positional('"${1}"', 'shift 2'), expected: conflict(2) },
  { name: '$2, then set --', files: positional('"$2"', 'set -- release'), expected: conflict(2) },
  { name: '$@, then set with words', files: positional('"$*"', 'set a b'), expected: conflict(2) },
  { name: '$#, then shift', files: positional('$#', 'shift'), expected: conflict(2) },
  { name: '$1, then set -e', files: positional('"$1"', 'set -eu'), expected: 'migrate' },
  { name: '$1, then set +x', files: positional('"$1"', 'set +x'), expected: 'migrate' },
  { name: 'a variable, then shift', files: positional('"$V"', 'shift'), expected: 'migrate' },
]);

runPlanCases('a carried value of a shell the runtime build does not run in', [
  {
    name: 'make: the builder line sets V',
    files: makeRepo('', 'V=$$(git describe); docker build --build-arg V=$$V -t t/b -f Dockerfile.build .'),
    expected: [{ ruleId: 'build-arg-conflict', messageId: 'buildArgConflict', line: 2 }],
  },
  {
    name: 'make: the builder line exports V, read by name',
    files: makeRepo('', 'export V=$$(git describe); docker build --build-arg V -t t/b -f Dockerfile.build .'),
    expected: [{ ruleId: 'build-arg-conflict', messageId: 'buildArgConflict', line: 2 }],
  },
  {
    name: 'make: an exported make variable',
    files: makeRepo('export V := $(shell git describe)\n', 'docker build --build-arg V=$$V -t t/b -f Dockerfile.build .'),
    expected: 'migrate',
  },
  { name: "make: the caller's environment", files: makeRepo('', 'docker build --build-arg V=$$V -t t/b -f Dockerfile.build .'), expected: 'migrate' },
  {
    name: 'make: a make variable',
    files: makeRepo('V := $(shell git describe)\n', 'docker build --build-arg V=$(V) -t t/b -f Dockerfile.build .'),
    expected: 'migrate',
  },
  // `target: V := …` sets V in that target's recipes and in what make builds for it; which value a
  // recipe sees depends on the goal make was given. Moved into another target's recipe, $(V) reads
  // that target's value.
  {
    name: 'make: a target-specific value of the builder’s target',
    files: makeTargets('V := 1.0\nbuilder: V := 2.0\n', 'docker build --build-arg V=$(V) -t t/b -f Dockerfile.build .'),
    expected: conflict(4),
  },
  {
    name: 'make: a target-specific value, the global one assigned after it',
    files: makeTargets('builder: V := 2.0\nV := 1.0\n', 'docker build --build-arg V=$(V) -t t/b -f Dockerfile.build .'),
    expected: conflict(4),
  },
  {
    name: 'make: a target-specific value in braces',
    files: makeTargets('builder: V := 2.0\n', 'docker build --build-arg V=${V} -t t/b -f Dockerfile.build .'),
    expected: conflict(3),
  },
  {
    name: 'make: a target-specific value inside another variable',
    files: makeTargets('ARGS = --build-arg V=$(V)\nbuilder: V := 2.0\n', 'docker build $(ARGS) -t t/b -f Dockerfile.build .'),
    expected: conflict(4),
  },
  {
    name: 'make: a target-specific export, read from the environment',
    files: makeTargets('builder: export V := 2.0\n', 'docker build --build-arg V -t t/b -f Dockerfile.build .'),
    expected: conflict(3),
  },
  {
    name: 'make: a target-specific export, read as $$V',
    files: makeTargets('V := 1.0\nexport V\nbuilder: V := 2.0\n', 'docker build --build-arg V=$$V -t t/b -f Dockerfile.build .'),
    expected: conflict(5),
  },
  {
    name: 'make: a target-specific value with every variable exported',
    files: makeTargets('export\nbuilder: V := 2.0\n', 'docker build --build-arg V -t t/b -f Dockerfile.build .'),
    expected: conflict(4),
  },
  {
    name: 'make: a target-specific value of the runtime build’s target',
    files: makeTargets('image: V := 2.0\n', 'docker build --build-arg V=$(V) -t t/b -f Dockerfile.build .'),
    expected: conflict(3),
  },
  {
    name: 'make: a pattern-specific value',
    files: makeTargets('b%: V := 2.0\n', 'docker build --build-arg V=$(V) -t t/b -f Dockerfile.build .'),
    expected: conflict(3),
  },
  {
    name: 'make: a docker run -e value of a target-specific variable',
    files: {
      Makefile:
        'bin: V := 2.0\nbin:\n\tdocker run --rm -v "$$PWD":/src -w /src -e V=$(V) golang:1.22 go build -o bin/app .\nimage: bin\n\tdocker build -t t/app .\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n',
      'main.go': 'package main\n',
    },
    expected: conflict(3),
  },
  {
    name: 'make: the builder Dockerfile named by a target-specific variable',
    files: makeTargets('builder: DF := Dockerfile.build\nDF := Dockerfile\n', 'docker build -t t/b -f $(DF) .'),
    expected: [{ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line: 4 }],
  },
  // Automatic variables are the recipe's rule's: `$@` in another recipe names another target.
  {
    name: 'make: $@ of the builder’s recipe',
    files: makeTargets('', 'docker build --build-arg V=$@ -t t/b -f Dockerfile.build .'),
    expected: conflict(2),
  },
  {
    name: 'make: $(@D) and ${<} of it',
    files: makeTargets('', 'docker build --build-arg V=$(@D)/${<} -t t/b -f Dockerfile.build .'),
    expected: conflict(2),
  },
  {
    name: 'make: $< inside a function',
    files: makeTargets('', 'docker build --build-arg V=$(shell cat $<) -t t/b -f Dockerfile.build .'),
    expected: conflict(2),
  },
  {
    name: 'make: $@ of the one recipe both builds are in',
    files: makeRepo('', 'docker build --build-arg V=$@ -t t/b -f Dockerfile.build .'),
    expected: 'migrate',
  },
  {
    name: 'make: a target-specific value of the one recipe both builds are in',
    files: makeRepo('image: V := 2.0\n', 'docker build --build-arg V=$(V) -t t/b -f Dockerfile.build .'),
    expected: 'migrate',
  },
  {
    name: 'make: a target-specific variable the builder does not read',
    files: makeTargets('builder: W := 2.0\nV := 1.0\n', 'docker build --build-arg V=$(V) -t t/b -f Dockerfile.build .'),
    expected: 'migrate',
  },
  {
    name: 'make: a docker run -e value set on its line',
    files: {
      Makefile:
        'image:\n\tV=$$(git describe); docker run --rm -v "$$PWD":/src -w /src -e V="$$V" golang:1.22 go build -o bin/app .\n\tdocker build -t t/app .\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n',
      'main.go': 'package main\n',
    },
    expected: [{ ruleId: 'build-arg-conflict', messageId: 'buildArgConflict', line: 2 }],
  },
  {
    name: 'make: a docker run -e NAME exported on its line',
    files: {
      Makefile:
        'image:\n\texport V=$$(git describe); docker run --rm -v "$$PWD":/src -w /src -e V golang:1.22 go build -o bin/app .\n\tdocker build -t t/app .\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n',
      'main.go': 'package main\n',
    },
    expected: conflict(2),
  },
  {
    name: 'make: a docker run -e NAME from the caller',
    files: {
      Makefile: 'image:\n\tdocker run --rm -v "$$PWD":/src -w /src -e V golang:1.22 go build -o bin/app .\n\tdocker build -t t/app .\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n',
      'main.go': 'package main\n',
    },
    expected: 'migrate',
  },
  {
    name: 'GitHub Actions: the builder step sets V',
    files: ciRepo('', '', `V=$(git describe)\ndocker build --build-arg V="$V" -t t/b -f Dockerfile.build .\n${BUILDER_STEPS}`),
    expected: [{ ruleId: 'build-arg-conflict', messageId: 'buildArgConflict', line: 9 }],
  },
  {
    name: "GitHub Actions: the builder step's env",
    files: ciRepo('', '        env:\n          V: "1.0"\n', `docker build --build-arg V="$V" -t t/b -f Dockerfile.build .\n${BUILDER_STEPS}`),
    expected: [{ ruleId: 'build-arg-conflict', messageId: 'buildArgConflict', line: 8 }],
  },
  {
    name: "GitHub Actions: the job's env reaches both steps",
    files: ciRepo('    env:\n      V: "1.0"\n', '', `docker build --build-arg V="$V" -t t/b -f Dockerfile.build .\n${BUILDER_STEPS}`),
    expected: 'migrate',
  },
  {
    name: 'Node: the builder exec sets V',
    files: jsRepo('V=$(git describe) && docker build --build-arg V="$V" -t t/b -f Dockerfile.build .'),
    expected: [{ ruleId: 'build-arg-conflict', messageId: 'buildArgConflict', line: 2 }],
  },
  // restage writes a carried word into a JS literal as re-quoted sh words: only a static value survives that.
  {
    name: "Node: the process's environment, which restage cannot write into a literal",
    files: jsRepo('docker build --build-arg V="$V" -t t/b -f Dockerfile.build .'),
    expected: [{ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line: 2 }],
  },
  { name: 'Node: a static value', files: jsRepo('docker build --build-arg V=1.0 -t t/b -f Dockerfile.build .'), expected: 'migrate' },
  {
    name: 'Node argv: a template value',
    files: {
      ...jsRepo('docker create --name x t/none'),
      'build.js': `const { execFileSync } = require('child_process');\nconst v = process.env.V;\nexecFileSync('docker', ['build', '--build-arg', \`V=\${v}\`, '-t', 't/b', '-f', 'Dockerfile.build', '.']);\nexecFileSync('docker', ['create', '--name', 'c', 't/b']);\nexecFileSync('docker', ['cp', 'c:/out/app', './app']);\nexecFileSync('docker', ['rm', 'c']);\nexecFileSync('docker', ['build', '-t', 't/app', '.']);\n`,
    },
    expected: [{ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line: 3 }],
  },
  {
    name: 'Node argv: a static value',
    files: {
      ...jsRepo('docker create --name x t/none'),
      'build.js': `const { execFileSync } = require('child_process');\nexecFileSync('docker', ['build', '--build-arg', 'V=1.0', '-t', 't/b', '-f', 'Dockerfile.build', '.']);\nexecFileSync('docker', ['create', '--name', 'c', 't/b']);\nexecFileSync('docker', ['cp', 'c:/out/app', './app']);\nexecFileSync('docker', ['rm', 'c']);\nexecFileSync('docker', ['build', '-t', 't/app', '.']);\n`,
    },
    expected: 'migrate',
  },
  {
    name: "sh: a function's local",
    files: shFunction('local V=$(git describe)'),
    expected: [{ ruleId: 'build-arg-conflict', messageId: 'buildArgConflict', line: 4 }],
  },
  { name: "sh: a function's global", files: shFunction('V=$(git describe)'), expected: 'migrate' },
]);

// A builder's global ARG read only by its FROM is renamed for the builder when the runtime file declares
// the same name; the renamed word is carried, so it gets the same checks.
const renamed = (driver: Record<string, string>): Record<string, string> => ({
  ...driver,
  'Dockerfile.build': 'ARG BASE=golang:1.22\nFROM $BASE\nRUN go build -o /out/app\n',
  Dockerfile: 'ARG BASE=alpine:3.19\nFROM $BASE\nCOPY app /usr/bin/app\n',
});
const shRenamed = (line: string) => ({
  'build.sh': `#!/bin/sh\nB=golang:1.22\ndocker build --build-arg BASE=$B -t t/b -f Dockerfile.build .\ndocker create --name c t/b\ndocker cp c:/out/app ./app\ndocker rm c\n${line}\ndocker build -t t/app .\n`,
});
runPlanCases('a renamed builder ARG carried to the runtime build', [
  { name: 'nothing assigns its variable again', files: renamed(shRenamed('echo built')), expected: 'migrate' },
  { name: 'its variable assigned again', files: renamed(shRenamed('B=alpine:3.19')), expected: conflict(3) },
  {
    name: 'its variable set on the builder’s make recipe line',
    files: renamed({
      Makefile:
        'image:\n\tB=golang:1.22; docker build --build-arg BASE=$$B -t t/b -f Dockerfile.build .\n\tdocker create --name c t/b\n\tdocker cp c:/out/app ./app\n\tdocker rm c\n\tdocker build -t t/app .\n',
    }),
    expected: conflict(2),
  },
]);
