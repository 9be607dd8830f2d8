import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// The driver's other steps around an extraction (src/plan/surrounding-steps.ts): clean-ups of what only
// the extraction made go with it (`mkdir`/`rm` of the artifact's paths, `rm` after the build of what a
// `docker run -v` build left), other uses of the artifact are refused. What each migrated driver
// becomes is pinned by the snapshot.

const BUILDER = 'FROM golang:1.22\nRUN mkdir -p /out && echo app > /out/app\n';

/** build.sh: `before`, build, create, cp app, rm, `between`, the runtime build, `after`. */
function copied(before: string[], between: string[], after: string[], files: Record<string, string> = {}): Record<string, string> {
  const lines = [
    ...before,
    'docker build -t app/builder -f Dockerfile.build .',
    'docker create --name x app/builder',
    'docker cp x:/out/app ./app',
    'docker rm x',
    ...between,
    'docker build -t app/app .',
    ...after,
  ];
  return {
    'build.sh': `#!/bin/sh\nset -e\n${lines.join('\n')}\n`,
    'Dockerfile.build': BUILDER,
    Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n',
    ...files,
  };
}

/** build.sh: a `docker run -v` build writing dist/, the runtime build (COPY dist/), then `after`. */
function mounted(after: string[], files: Record<string, string> = {}): Record<string, string> {
  const lines = ['docker run --rm -v "$PWD":/src -w /src node:20 npm run build', 'docker build -t app/web .', ...after];
  return {
    'build.sh': `#!/bin/sh\nset -e\n${lines.join('\n')}\n`,
    Dockerfile: 'FROM nginx:1.27\nCOPY dist/ /usr/share/nginx/html/\n',
    'package.json': '{"scripts":{"build":"vite build"}}\n',
    ...files,
  };
}

const usedAfter = (line: number) => [{ ruleId: 'artifact-used-after-build', messageId: 'artifactUsedAfterBuild', line }];
const between = (line: number) => [{ ruleId: 'host-step-between-extraction-and-build', messageId: 'hostStepBetweenExtractionAndBuild', line }];

const onContainer = (line: number) => [{ ruleId: 'unsupported-extraction', messageId: 'otherCommandOnContainer', line }];

const cases: PlanCase[] = [
  // `docker rm` of containers the extraction did not make is the driver's own business: it stays.
  { name: 'docker rm of a container no extraction made', files: copied(['docker rm -f db || true'], [], []), expected: 'migrate' },
  // A use of the builder's tag before the driver builds it is an image from elsewhere (a registry, an
  // earlier run): the migration, which no longer tags the builder, would change what it sees.
  {
    name: 'a host command names the builder tag before the build',
    files: copied(['trivy image app/builder'], [], []),
    expected: [{ ruleId: 'builder-image-used-elsewhere', messageId: 'builderImageUsedElsewhere', line: 3 }],
  },
  {
    name: 'a docker command names the builder tag before the build',
    files: copied(['docker inspect app/builder'], [], []),
    expected: [{ ruleId: 'builder-image-used-elsewhere', messageId: 'builderImageUsedElsewhere', line: 3 }],
  },
  { name: 'rm of the artifact after the build', files: copied([], [], ['rm -f app']), expected: 'migrate' },
  {
    name: 'rm of the artifact and another file after the build',
    files: copied([], [], ['rm -f app notes.txt'], { 'notes.txt': 'x\n' }),
    expected: usedAfter(8),
  },
  { name: 'rm of the artifact before the extraction (a clean start)', files: copied(['rm -f app'], [], []), expected: 'migrate' },
  { name: 'rm of the artifact between the extraction and the build', files: copied([], ['rm -f app'], []), expected: between(7) },
  { name: 'cp of the artifact after the build', files: copied([], [], ['cp app /tmp/app']), expected: usedAfter(8) },
  { name: 'rm of a path named at run time after the build', files: copied([], [], ['rm -f "$OUT"']), expected: 'migrate' },
  { name: 'echo naming the builder tag', files: copied([], ['echo "built app/builder"'], []), expected: 'migrate' },
  { name: 'rm -rf of what a docker run -v build wrote, after the build', files: mounted(['rm -rf dist']), expected: 'migrate' },
  { name: 'rm -rf of a path inside what the run wrote', files: mounted(['rm -rf dist/assets']), expected: 'migrate' },
  { name: 'rm -rf of the run output and a tracked file', files: mounted(['rm -rf dist README.md'], { 'README.md': '# x\n' }), expected: usedAfter(5) },
  { name: 'rm -rf of the run output named at run time', files: mounted(['rm -rf "$DIST"']), expected: 'migrate' },
  { name: 'rm -rf with only flags', files: mounted(['rm -rf']), expected: 'migrate' },
  {
    name: 'a block whose text holds the container name inside a word (next): no use of it',
    files: copied([], [], ['if [ -f next ]; then echo ok; fi']),
    expected: 'migrate',
  },
  {
    name: 'a block that names the builder tag',
    files: copied([], [], ['if [ -n "$PUSH" ]; then docker push app/builder; fi']),
    expected: [{ ruleId: 'driver-control-flow', messageId: 'driverControlFlow', line: 8 }],
  },
  {
    name: 'a block that names the builder tag with another tag',
    files: copied([], [], ['if [ -n "$PUSH" ]; then echo app/builder:v1 >> tags.txt; fi']),
    expected: [{ ruleId: 'driver-control-flow', messageId: 'driverControlFlow', line: 8 }],
  },
  {
    name: 'a block whose text holds the builder tag inside a word (app/builder2): no use of it',
    files: copied([], [], ['if [ -f app/builder2 ]; then echo ok; fi']),
    expected: 'migrate',
  },
  {
    name: 'a block that names the container',
    files: copied([], [], ['if [ -n "$LOGS" ]; then echo x; fi']),
    expected: [{ ruleId: 'driver-control-flow', messageId: 'driverControlFlow', line: 8 }],
  },
  {
    name: 'docker rm $(docker ps -aq -f name=x): finds no container after the migration',
    files: copied([], [], ['docker rm $(docker ps -aq -f name=x)']),
    expected: onContainer(8),
  },
  {
    name: "docker ps -aq --filter 'name=^/x$' | xargs docker rm -f",
    files: copied([], [], ["docker ps -aq --filter 'name=^/x$' | xargs docker rm -f"]),
    expected: onContainer(8),
  },
  {
    name: 'docker ps --filter "name=x" > ids: the filter in quotes',
    files: copied([], ['docker ps -q --filter "name=x" > ids'], []),
    expected: onContainer(7),
  },
  { name: 'a name filter for another container', files: copied([], [], ['docker ps -aq -f name=xy | xargs -r docker rm']), expected: 'migrate' },
  { name: 'a name filter for the container with a longer value', files: copied([], [], ['docker ps -aq -f name=x.y']), expected: 'migrate' },
  // The builder image found by a command: the builder stays built (--target) so that the command finds it.
  {
    name: 'docker rmi $(docker images -q app/builder) after the build',
    files: copied([], [], ['docker rmi $(docker images -q app/builder)']),
    expected: 'migrate',
  },
  {
    name: 'docker images -q --filter reference=app/builder | xargs docker rmi',
    files: copied([], [], ['docker images -q --filter reference=app/builder | xargs docker rmi']),
    expected: 'migrate',
  },
  {
    name: 'docker rmi $(docker images -q app/builderx): another image',
    files: copied([], [], ['docker rmi $(docker images -q app/builderx)']),
    expected: 'migrate',
  },
];

runPlanCases('steps around the extraction', cases);
