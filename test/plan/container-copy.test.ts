import { runPlanCases, unsupported, type PlanCase } from '../support/plan-tester.js';

// `docker create`/`docker run --name` then `docker cp` (src/plan/recognise/container-copy.ts): one
// extraction per copy, from the image the container was made of; each refusal its own row.

const BUILDER = 'FROM golang:1.22\nWORKDIR /build\nRUN echo app > app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';
const BUILD = 'docker build -t app/builder -f Dockerfile.build .';

/** build.sh: the builder build (line 2), then `lines` from line 3, then the runtime build. */
function setup(lines: string[], files: Record<string, string> = {}, build = BUILD): Record<string, string> {
  return { 'build.sh': `#!/bin/sh\n${build}\n${lines.join('\n')}\ndocker build -t app/app .\n`, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, ...files };
}

const CREATE = 'docker create --name x app/builder';
const CP = 'docker cp x:/build/app app';

const cases: PlanCase[] = [
  { name: 'create, cp, rm', files: setup([CREATE, CP, 'docker rm x']), expected: 'migrate' },
  {
    // Each ADDed tarball gets its own unpack stage; the second's name takes a number (files snapshot).
    name: 'two tarballs from one builder, each ADDed: two unpack stages with distinct names',
    files: setup([CREATE, 'docker cp x:/build/a.tar.gz a.tar.gz', 'docker cp x:/build/b.tar.gz b.tar.gz', 'docker rm x'], {
      Dockerfile: 'FROM alpine:3.19\nADD a.tar.gz /opt/a/\nADD b.tar.gz /opt/b/\n',
    }),
    expected: 'migrate',
  },
  {
    name: 'a container id in a variable, removed by a trap',
    files: setup(['CID=$(docker create app/builder)', 'trap \'docker rm -f "$CID"\' EXIT', 'docker cp "$CID":/build/app app']),
    expected: 'migrate',
  },
  {
    name: 'a cleanup function run by a trap, removing the container behind a test',
    files: setup([
      'CID=""',
      'cleanup() {',
      '  if [ -n "$CID" ]; then',
      '    docker rm -f "$CID" >/dev/null 2>&1 || true',
      '  fi',
      '}',
      'trap cleanup EXIT',
      'CID=$(docker create app/builder)',
      'docker cp "$CID":/build/app app',
    ]),
    expected: 'migrate',
  },
  {
    name: 'a one-line cleanup function with [[ -n … ]] &&, trapped on two signals',
    files: setup([
      'cleanup() { [[ -n ${CID:-} ]] && docker rm -f "$CID"; }',
      'trap cleanup EXIT INT',
      'CID=$(docker create app/builder)',
      'docker cp "$CID":/build/app app',
    ]),
    expected: 'migrate',
  },
  {
    name: 'a cleanup function also called by hand: its call would be left without a function',
    files: setup([
      'cleanup() { docker rm -f "$CID"; }',
      'trap cleanup EXIT',
      'CID=$(docker create app/builder)',
      'docker cp "$CID":/build/app app',
      'if true; then cleanup; fi',
    ]),
    expected: [{ ruleId: 'unsupported-extraction', messageId: 'keptLineReadsRemoved', line: 3 }],
  },
  {
    name: 'a cleanup function that also removes a file',
    files: setup([
      'cleanup() { docker rm -f "$CID"; rm -f app.tmp; }',
      'trap cleanup EXIT',
      'CID=$(docker create app/builder)',
      'docker cp "$CID":/build/app app',
    ]),
    expected: [{ ruleId: 'unsupported-extraction', messageId: 'keptLineReadsRemoved', line: 3 }],
  },
  {
    name: 'a cleanup function guarded by another variable',
    files: setup([
      'cleanup() { if [ -n "$OTHER" ]; then docker rm -f "$CID"; fi; }',
      'trap cleanup EXIT',
      'CID=$(docker create app/builder)',
      'docker cp "$CID":/build/app app',
    ]),
    expected: [{ ruleId: 'unsupported-extraction', messageId: 'keptLineReadsRemoved', line: 3 }],
  },
  {
    name: 'a container id captured in double quotes',
    files: setup(['cid="$(docker container create app/builder)"', 'docker container cp "$cid:/build/app" app']),
    expected: 'migrate',
  },
  {
    name: 'a container id captured in backquotes',
    files: setup(['cid=`docker create app/builder`', 'docker cp "$cid:/build/app" app']),
    expected: 'migrate',
  },
  {
    name: 'a quoted substitution that is more than the command: the id is not known',
    files: setup(['cid="x$(docker create app/builder)"', 'docker cp "$cid:/build/app" app']),
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 4 }],
  },
  {
    name: 'a container id cut from a pipeline: refused, not read as a host path for the slash in the image name',
    files: setup(['cid="$(docker create app/builder | tail -1)"', 'docker cp "$cid:/build/app" app']),
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 4 }],
  },
  {
    name: "mkdir of the second extraction's directory after the first extraction",
    files: setup([CREATE, CP, 'mkdir -p out', 'docker cp x:/build/app out/app'], { Dockerfile: `${RUNTIME}COPY out/app /opt/\n` }),
    expected: 'migrate',
  },
  {
    name: "rm -rf of the second extraction's directory after the first extraction: a clean start",
    files: setup([CREATE, CP, 'rm -rf out', 'mkdir -p out', 'docker cp x:/build/app out/app'], { Dockerfile: `${RUNTIME}COPY out/app /opt/\n` }),
    expected: 'migrate',
  },
  {
    name: 'COPY of a directory only extractions fill',
    files: setup([CREATE, 'mkdir -p out', 'docker cp x:/build/app out/app'], { Dockerfile: 'FROM alpine:3.19\nCOPY out/ /opt/\n' }),
    expected: [{ ruleId: 'copy-source-contains-artifact', messageId: 'directoryOfArtifacts', line: 2, file: 'Dockerfile' }],
  },
  {
    name: 'COPY of a tracked directory an extraction adds to',
    files: setup([CREATE, 'docker cp x:/build/app out/app'], { Dockerfile: 'FROM alpine:3.19\nCOPY out/ /opt/\n', 'out/README': 'x' }),
    expected: [{ ruleId: 'copy-source-contains-artifact', messageId: 'copySourceContainsArtifact', line: 2, file: 'Dockerfile' }],
  },
  {
    name: 'rm of an artifact between its extraction and the build',
    files: setup([CREATE, CP, 'rm -f app']),
    expected: [{ ruleId: 'host-step-between-extraction-and-build', messageId: 'hostStepBetweenExtractionAndBuild', line: 5 }],
  },
  { name: 'a pulled image', files: setup(['docker create --name x golang:1.22', 'docker cp x:/usr/local/go/VERSION app']), expected: 'migrate' },
  { name: 'docker run --name, then cp: the command becomes a RUN', files: setup(['docker run --name x app/builder make', CP]), expected: 'migrate' },
  {
    name: "docker run --name with no command, then cp: the builder's CMD becomes the RUN",
    files: setup(['docker run --name x app/builder', CP], { 'Dockerfile.build': `${BUILDER}CMD ["make", "dist"]\n` }),
    expected: 'migrate',
  },
  {
    name: 'docker run --name with no command on a builder without a CMD',
    files: setup(['docker run --name x app/builder', CP]),
    expected: unsupported('cpRunFlag', 3),
  },
  { name: 'docker run -d races the copy', files: setup(['docker run -d --name x app/builder make', CP]), expected: unsupported('cpRunDetached', 3) },
  {
    name: 'docker run --rm has removed the container',
    files: setup(['docker run --rm --name x app/builder make', CP]),
    expected: unsupported('cpRunRemoved', 3),
  },
  { name: 'docker run with a volume', files: setup(['docker run --name x -v "$PWD":/src app/builder make', CP]), expected: unsupported('cpRunWithVolumes', 3) },
  {
    name: 'docker run with a flag a stage would not reproduce',
    files: setup(['docker run --name x --privileged app/builder make', CP]),
    expected: [{ ruleId: 'unsupported-extraction', messageId: 'cpRunFlag', line: 3 }],
  },
  {
    name: 'docker run of a built image with an ENTRYPOINT',
    files: setup(['docker run --name x app/builder make', CP], { 'Dockerfile.build': `${BUILDER}ENTRYPOINT ["/bin/sh"]\n` }),
    expected: unsupported('cpRunEntrypoint', 3),
  },
  {
    name: 'a container made before the driver builds its image',
    files: setup([CREATE, BUILD, CP], {}, 'true'),
    expected: unsupported('containerBeforeBuild', 3),
  },
  {
    name: 'an image built by a command restage does not read',
    files: setup([CREATE, CP], {}, './ci/build app/builder'),
    expected: unsupported('unseenBuild', 2),
  },
  {
    name: 'an image known only at run time, not one the driver builds',
    files: setup(['docker create --name x "$IMAGE"', CP]),
    expected: [{ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line: 3 }],
  },
  {
    name: 'a builder built with a --target its Dockerfile lacks',
    files: setup([CREATE, CP], {}, 'docker build -t app/builder -f Dockerfile.build --target nosuch .'),
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
  {
    name: 'a builder built with a flag the merged build would not reproduce for its stage',
    files: setup([CREATE, CP], {}, 'docker build -t app/builder -f Dockerfile.build --network host .'),
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
  {
    name: 'docker run of a built image whose Dockerfile is not there',
    files: setup(['docker run --name x app/builder make', CP], {}, 'docker build -t app/builder -f Dockerfile.nope .'),
    expected: [
      { ruleId: 'dockerfile-not-found', messageId: 'dockerfileNotFound', line: 2 },
      { ruleId: 'unsupported-extraction', messageId: 'cpRunUnreadableImage', line: 3 },
    ],
  },
  {
    name: 'docker run of an image a command restage does not read builds',
    files: setup(['docker run --name x app/builder make', CP], {}, './ci/build app/builder'),
    expected: unsupported('cpRunUnseenBuild', 3),
  },
  {
    name: 'a copy of a directory’s contents over the repository root',
    files: setup([CREATE, 'docker cp x:/build/. .'], { Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n' }),
    expected: [{ ruleId: 'cp-destination-conflict', messageId: 'cpDestinationConflict', line: 4 }],
  },
  {
    name: 'a destination known only at run time',
    files: setup([CREATE, 'docker cp x:/build/app "$OUT"']),
    expected: [{ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line: 4 }],
  },
  {
    name: 'a container from a docker command restage cannot read (a global flag), then cp',
    files: setup(['docker --context ci run --name x app/builder make', CP]),
    expected: [{ ruleId: 'unknown-docker-flag', messageId: 'unknownDockerFlag', line: 3 }],
  },
  { name: 'an image name Docker would not accept', files: setup(['docker create --name x App/Builder', CP]), expected: unsupported('cpImageNotReference', 3) },
  { name: 'the whole container filesystem', files: setup([CREATE, 'docker cp x:/ app']), expected: unsupported('cpWholeFilesystem', 4) },
  {
    name: 'cp to stdout into tar -x in a directory mkdir made',
    files: setup(['mkdir -p out', CREATE, 'docker cp x:/build/app - | tar -x -C out'], { Dockerfile: 'FROM alpine:3.19\nCOPY out/app /usr/bin/app\n' }),
    expected: 'migrate',
  },
  { name: 'cp to stdout into a file', files: setup([CREATE, 'docker cp x:/build/app - > app']), expected: unsupported('cpStdoutNotTar', 4) },
  {
    name: "cp of a directory's contents to stdout",
    files: setup(['mkdir -p out', CREATE, 'docker cp x:/build/. - | tar -x -C out'], { Dockerfile: 'FROM alpine:3.19\nCOPY out/app /usr/bin/app\n' }),
    expected: unsupported('cpStdoutContents', 5),
  },
  {
    name: 'cp to stdout into tar -x at the root (no -C)',
    files: setup([CREATE, 'docker cp x:/build/app - | tar -x']),
    expected: 'migrate',
  },
  {
    name: 'cp to stdout into tar -x -C a directory the checkout has',
    files: setup([CREATE, 'docker cp x:/build/app - | tar -x -C out'], { Dockerfile: 'FROM alpine:3.19\nCOPY out/app /usr/bin/app\n', 'out/.gitkeep': '' }),
    expected: 'migrate',
  },
  { name: 'cp to stdout into a decompressing tar', files: setup([CREATE, 'docker cp x:/build/app - | tar -xz']), expected: unsupported('cpStdoutNotTar', 4) },
  { name: 'cp to stdout into tar -c', files: setup([CREATE, 'docker cp x:/build/app - | tar -c -f app.tar']), expected: unsupported('cpStdoutNotTar', 4) },
  { name: 'cp to stdout into tar -t', files: setup([CREATE, 'docker cp x:/build/app - | tar -t']), expected: unsupported('cpStdoutNotTar', 4) },
  {
    name: 'cp to stdout into tar -x -C a directory known at run time',
    files: setup([CREATE, 'docker cp x:/build/app - | tar -x -C "$OUT"']),
    expected: unsupported('cpStdoutNotTar', 4),
  },
  {
    name: 'a container id used as an image',
    files: setup(['CID=$(docker create app/builder)', 'docker create --name x "$CID"', CP]),
    expected: unsupported('cpImageNotReference', 4),
  },
  {
    name: 'cp to stdout unpacked into a directory a checkout lacks',
    files: setup([CREATE, 'docker cp x:/build/app - | tar -x -C out'], { Dockerfile: 'FROM alpine:3.19\nCOPY out/app /usr/bin/app\n' }),
    expected: unsupported('cpStdoutMissingDir', 4),
  },
  {
    name: 'the container removed with another in one docker rm',
    files: setup([CREATE, CP, 'docker rm x y']),
    expected: unsupported('rmWithOtherContainers', 5),
  },
  { name: 'another docker command on the container', files: setup([CREATE, 'docker start x', CP]), expected: unsupported('otherCommandOnContainer', 4) },
  {
    name: 'a kept line reads the id only a removed line sets',
    files: setup(['CID=$(docker create app/builder)', 'docker cp "$CID":/build/app app', 'echo "$CID" > cid.txt']),
    expected: unsupported('keptLineReadsRemoved', 5),
  },
  {
    name: 'a kept assignment reads the id (cid="$CID": under set -u it stops the script)',
    files: setup(['CID=$(docker create app/builder)', 'cid="$CID"', 'docker cp "$cid":/build/app app', 'docker rm "$cid"']),
    expected: unsupported('keptLineReadsRemoved', 4),
  },
  {
    name: 'a comment that names another variable ending like it: nothing kept reads it',
    files: setup(['CID=$(docker create app/builder)', '# $CIDR is set by CI', 'docker cp "$CID":/build/app app', 'docker rm "$CID"']),
    expected: 'migrate',
  },
  {
    name: 'a create flag that changes what cp reads',
    files: setup(['docker create --name x --platform linux/arm64 app/builder', CP]),
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 3 }],
  },
  // The planner refuses (cp-destination-conflict), but flow coverage finds no flow (the build reads a
  // tracked file) and drops the refused driver: nothing is written, and nothing is reported either.
  {
    name: 'cp over a file of the repository: refused, then dropped as no setup (a known gap)',
    files: setup([CREATE, CP], { app: 'tracked\n' }),
    expected: 'nothing',
  },
];

runPlanCases('docker create/run + docker cp', cases);

// `IMG=$(docker build -q …)`: the variable holds the image id (only --quiet prints just the id).
const QUIET = 'IMG=$(docker build -q -f Dockerfile.build .)';
const FROM_IMG = ['CID=$(docker create "$IMG")', 'docker cp "$CID":/build/app app', 'docker rm "$CID"'];

runPlanCases('an image id captured from docker build --quiet', [
  { name: 'docker create "$IMG"', files: setup(FROM_IMG, {}, QUIET), expected: 'migrate' },
  {
    name: '--quiet, and docker run "$IMG" cat',
    files: setup(['docker run --rm "$IMG" cat /build/app > app'], {}, 'IMG=$(docker build --quiet -f Dockerfile.build .)'),
    expected: 'migrate',
  },
  {
    name: 'without --quiet the variable holds the build output: refused, naming "$IMG"',
    files: setup(FROM_IMG, {}, 'IMG=$(docker build -f Dockerfile.build .)'),
    expected: unsupported('imageFromBuildOutput', 3),
  },
  { name: 'a kept line reads the id', files: setup([...FROM_IMG, 'echo "built $IMG"'], {}, QUIET), expected: unsupported('keptLineReadsRemoved', 6) },
  {
    // No tag, no Dockerfile suffix: the stages are named builder-N, never after the stand-in (files snapshot).
    name: 'two builders captured by id, neither tagged nor with a Dockerfile suffix',
    files: {
      'build.sh': [
        '#!/bin/sh',
        'A=$(docker build -q -f a/Dockerfile .)',
        'B=$(docker build -q -f b/Dockerfile .)',
        'docker cp "$(docker create "$A")":/build/app app',
        'docker cp "$(docker create "$B")":/build/tool tool',
        'docker build -t app/app .',
        '',
      ].join('\n'),
      'a/Dockerfile': BUILDER,
      'b/Dockerfile': 'FROM golang:1.22\nWORKDIR /build\nRUN echo tool > tool\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\nCOPY tool /usr/bin/tool\n',
    },
    expected: 'migrate',
  },
]);

/** build.mjs: the builder build, then `script` in an execSync call of its own, then the runtime build. */
function jsSecondCall(script: string): Record<string, string> {
  const calls = [BUILD, script, 'docker build -t app/app .'].map((c) => `execSync('${c.replace(/'/g, "\\'")}');`);
  return { 'build.mjs': ["import { execSync } from 'node:child_process';", ...calls, ''].join('\n'), 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME };
}

// A container id captured inside one embedded script stands for its create step by the index that step
// has in the whole driver, not in its own script.
runPlanCases('a container id captured in a later embedded script', [
  {
    name: 'JS: the second execSync captures the id and copies',
    files: jsSecondCall('id=$(docker create app/builder) && docker cp "$id":/build/app app && docker rm "$id"'),
    expected: 'migrate',
  },
  {
    name: 'JS: the second execSync copies out of $(docker create …)',
    files: jsSecondCall('docker cp "$(docker create app/builder)":/build/app app'),
    expected: 'migrate',
  },
  {
    name: 'a GitHub step after the build captures the id',
    files: {
      '.github/workflows/image.yml': `on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${BUILD}\n      - run: |\n          id=$(docker create app/builder)\n          docker cp "$id":/build/app app\n          docker rm "$id"\n      - run: docker build -t app/app .\n`,
      'Dockerfile.build': BUILDER,
      Dockerfile: RUNTIME,
    },
    expected: 'migrate',
  },
]);

// `docker ps -lq` names the container created last (src/plan/recognise/containers.ts, latestCreated).
const untied = (line: number) => [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line }];
runPlanCases('the latest container, found by docker ps -lq', [
  {
    name: 'docker cp $(docker ps -lq):… after a docker run',
    files: setup(['docker run app/builder true', 'docker cp $(docker ps -lq):/build/app app']),
    expected: 'migrate',
  },
  {
    name: 'CID=$(docker ps -alq), cp, rm: the lookup goes with the container',
    files: setup(['docker create app/builder', 'CID=$(docker ps -alq)', 'docker cp "$CID":/build/app app', 'docker rm "$CID"']),
    expected: 'migrate',
  },
  { name: '--latest --quiet', files: setup(['docker create app/builder', 'docker cp "$(docker ps --latest --quiet)":/build/app app']), expected: 'migrate' },
  { name: 'container ls -l -q', files: setup(['docker create app/builder', 'docker cp "$(docker container ls -l -q)":/build/app app']), expected: 'migrate' },
  {
    name: 'a docker run --rm in between is gone by then: the earlier container',
    files: setup(['docker create app/builder', 'docker run --rm app/builder go vet ./...', 'docker cp $(docker ps -lq):/build/app app']),
    expected: 'migrate',
  },
  {
    name: 'docker ps -q without -l: not the latest one',
    files: setup(['docker create app/builder', 'docker cp $(docker ps -q):/build/app app']),
    expected: untied(4),
  },
  {
    name: 'docker ps -l without -q prints a table',
    files: setup(['docker create app/builder', 'docker cp $(docker ps -l):/build/app app']),
    expected: untied(4),
  },
  {
    name: 'a docker rm in between: which container is last is unknown',
    files: setup(['docker create app/builder', 'docker create --name y app/builder', 'docker rm y', 'docker cp $(docker ps -lq):/build/app app']),
    expected: untied(6),
  },
  {
    name: 'a block running docker in between',
    files: setup(['docker create app/builder', 'if [ -n "$X" ]; then docker create app/builder; fi', 'docker cp $(docker ps -lq):/build/app app']),
    expected: [...untied(4), ...untied(5)],
  },
  { name: 'no container created before', files: setup(['docker cp $(docker ps -lq):/build/app app']), expected: untied(3) },
]);
