import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// docker run where the sh and make drivers do not read it as a docker step. In a command string (`eval`,
// `sh -c`, `su -c`, `ssh`: src/drivers/shell-command.ts, commandStringStep) the extraction was a host
// command and the setup passed as "0 setups"; now the string is an opaque step and the setup refused.
// Behind a program that runs the words after it (`setsid`, `xargs`, a script's own `retry` function)
// detection reads the client's words (src/detect/producers.ts, unreadClientWrites). A docker subcommand
// known only at run time (`docker "${ARGS[@]}"`) is a write detection cannot place.

const BUILDER = 'FROM golang:1.22\nRUN mkdir -p /out && echo app > /out/app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';

/** build.sh: the builder build (line 2), the create (3), `copy` (4), the rm (5), the runtime build (6). */
function script(copy: string, shebang = '#!/bin/bash'): Record<string, string> {
  return {
    'build.sh': `${shebang}\ndocker build -t app/builder -f Dockerfile.build .\ndocker create --name x app/builder\n${copy}\ndocker rm x\ndocker build -t app/app .\n`,
    'Dockerfile.build': BUILDER,
    Dockerfile: RUNTIME,
  };
}

/** A Makefile whose image recipe builds, creates, runs `copy` (line 4), removes and builds the image. */
function makefile(copy: string): Record<string, string> {
  return {
    Makefile: `image:\n\tdocker build -t app/builder -f Dockerfile.build .\n\tdocker create --name x app/builder\n\t${copy}\n\tdocker rm x\n\tdocker build -t app/app .\n`,
    'Dockerfile.build': BUILDER,
    Dockerfile: RUNTIME,
  };
}

const hidden = (line: number) => [{ ruleId: 'driver-control-flow', messageId: 'driverControlFlow', line }];
const unplaced = (line: number) => [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line }];

const cases: PlanCase[] = [
  { name: 'docker cp itself: migrated', files: script('docker cp x:/out/app ./app'), expected: 'migrate' },
  { name: 'eval "docker cp …"', files: script('eval "docker cp x:/out/app ./app"'), expected: hidden(4) },
  { name: 'eval of a variable holding the command', files: script('CP="docker cp x:/out/app ./app"\neval "$CP"'), expected: hidden(5) },
  { name: 'sh -c "docker cp …"', files: script('sh -c "docker cp x:/out/app ./app"'), expected: hidden(4) },
  { name: 'bash -ec "docker cp …"', files: script('bash -ec "docker cp x:/out/app ./app"'), expected: hidden(4) },
  { name: "sh -c -- '…'", files: script("/bin/sh -c -- 'docker cp x:/out/app ./app'"), expected: hidden(4) },
  { name: 'sudo sh -c "…"', files: script('sudo sh -c "docker cp x:/out/app ./app"'), expected: hidden(4) },
  { name: 'su -c "…" user', files: script('su -c "docker cp x:/out/app ./app" builder'), expected: hidden(4) },
  { name: 'runuser --command=…', files: script("runuser -u ci --command='docker cp x:/out/app ./app'"), expected: hidden(4) },
  { name: 'flock LOCK -c "…"', files: script('flock /tmp/build.lock -c "docker cp x:/out/app ./app"'), expected: hidden(4) },
  { name: 'ssh host "docker cp …"', files: script('ssh builder@ci "docker cp x:/out/app ./app"'), expected: hidden(4) },
  { name: 'setsid docker cp …', files: script('setsid docker cp x:/out/app ./app'), expected: unplaced(4) },
  { name: 'ionice -c3 docker cp … (ionice takes -c, no shell)', files: script('ionice -c3 docker cp x:/out/app ./app'), expected: unplaced(4) },
  { name: "a script's own retry function", files: script('retry() { "$@" || "$@"; }\nretry docker cp x:/out/app ./app'), expected: unplaced(5) },
  { name: 'xargs docker cp', files: script('xargs -I{} docker cp {}:/out/app ./app < ids.txt'), expected: unplaced(4) },
  // What runs nothing, or no copy: not read as docker.
  {
    name: 'echo "docker cp …" (a log line), then the copy',
    files: script('echo "docker cp x:/out/app ./app"\ndocker cp x:/out/app ./app'),
    expected: 'migrate',
  },
  {
    name: 'echo docker cp … unquoted (a log line), then the copy',
    files: script('echo docker cp x:/out/app ./app\ndocker cp x:/out/app ./app'),
    expected: 'migrate',
  },
  {
    name: 'printf of the command, then the copy',
    files: script("printf '%s\\n' 'docker cp x:/out/app ./app'\ndocker cp x:/out/app ./app"),
    expected: 'migrate',
  },
  { name: 'sh without -c runs a script file', files: script('sh ./docker-cp.sh\ndocker cp x:/out/app ./app', '#!/bin/sh'), expected: 'migrate' },
  { name: 'sh -c that runs no docker', files: script('sh -c "echo built"\ndocker cp x:/out/app ./app'), expected: 'migrate' },
  { name: 'sh -c that uses the artifact after the build', files: script('docker cp x:/out/app ./app\nsh -c "cp app /tmp/app"'), expected: hidden(5) },
  {
    name: 'setsid docker push of the builder tag: the builder build is kept',
    files: script('docker cp x:/out/app ./app\nsetsid docker push app/builder'),
    expected: 'migrate',
  },
  {
    name: 'docker run … sh -c behind setsid: the container runs the string, the run stays a host step',
    files: script('docker cp x:/out/app ./app\nsetsid docker run --rm app/app sh -c "cat /usr/bin/app"'),
    expected: [{ ruleId: 'host-step-between-extraction-and-build', messageId: 'hostStepBetweenExtractionAndBuild', line: 5 }],
  },
  {
    name: 'a client known only at run time, then sh -c: the container runs the string',
    files: script('$ENGINE run --rm -v "$PWD/out:/out" alpine sh -c "cp app /out/"\ndocker cp x:/out/app ./app'),
    expected: 'migrate',
  },
  {
    name: 'a program given the client as a word with no writing subcommand',
    files: script('setsid docker version\ndocker cp x:/out/app ./app'),
    expected: 'migrate',
  },
  // A subcommand known only at run time.
  {
    name: 'docker version beside a file built on the host: no write',
    files: script('go build -o app .\ndocker version'),
    expected: 'nothing',
  },
  { name: 'docker "${ARGS[@]}" (a bash array)', files: script('ARGS=(cp x:/out/app ./app)\ndocker "${ARGS[@]}"'), expected: unplaced(5) },
  { name: 'docker $SUB with SUB unknown', files: script('docker $SUB x:/out/app ./app'), expected: unplaced(4) },
  // make recipes read their lines with the same reader.
  { name: 'make: sh -c "docker cp …"', files: makefile('sh -c "docker cp x:/out/app ./app"'), expected: hidden(4) },
  { name: 'make: eval', files: makefile('eval "docker cp x:/out/app ./app"'), expected: hidden(4) },
  { name: 'make: the copy itself', files: makefile('docker cp x:/out/app ./app'), expected: 'migrate' },
];

runPlanCases('docker run through a command restage does not read as docker', cases);
