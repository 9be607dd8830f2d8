import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// `docker rmi` of the builder image (src/plan/surrounding-steps.ts): a clean-up that goes with the
// builder build when nothing else keeps that build; it stays beside a kept `--target` build. What each
// row's driver becomes is pinned by the snapshot.

const BUILDER = 'FROM golang:1.22\nRUN mkdir -p /out && echo app > /out/app\n';

/** build.sh: build, create, cp, rm, the runtime build, then `after`. */
function setup(...after: string[]): Record<string, string> {
  const lines = [
    'docker build -t app/builder -f Dockerfile.build .',
    'docker create --name x app/builder',
    'docker cp x:/out/app ./app',
    'docker rm x',
    'docker build -t app/app .',
    ...after,
  ];
  return { 'build.sh': `#!/bin/sh\nset -e\n${lines.join('\n')}\n`, 'Dockerfile.build': BUILDER, Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n' };
}

const cases: PlanCase[] = [
  { name: 'docker rmi of the builder tag: removed with the build', files: setup('docker rmi app/builder'), expected: 'migrate' },
  { name: 'docker rmi -f of the builder tag with :latest', files: setup('docker rmi -f app/builder:latest'), expected: 'migrate' },
  { name: 'docker image rm --force --no-prune of the builder tag', files: setup('docker image rm --force --no-prune app/builder'), expected: 'migrate' },
  { name: 'docker image remove of the builder tag', files: setup('docker image remove app/builder'), expected: 'migrate' },
  {
    name: 'docker rmi before the builder build (a clean start)',
    files: { ...setup(), 'build.sh': setup()['build.sh']!.replace('set -e\n', 'set -e\ndocker rmi -f app/builder\n') },
    expected: 'migrate',
  },
  // Kept: the builder is still built (--target) for the push, so removing it afterwards still happens.
  {
    name: 'docker rmi after a push of the builder tag: kept with the --target build',
    files: setup('docker push app/builder', 'docker rmi app/builder'),
    expected: 'migrate',
  },
  // Another image removed with it: a use of the tag, so the builder is built with --target and the line stays.
  { name: 'docker rmi of the builder and another image', files: setup('docker rmi app/builder app/other'), expected: 'migrate' },
  { name: 'docker rmi with a flag it does not read', files: setup('docker rmi --platform linux/amd64 app/builder'), expected: 'migrate' },
  { name: 'docker rmi of another image only', files: setup('docker rmi app/other'), expected: 'migrate' },
];

runPlanCases('docker rmi of the builder image', cases);
