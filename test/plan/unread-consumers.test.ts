import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// How a build reads what an extraction wrote when it is not a plain COPY of the path: a RUN bind mount
// of the context (src/plan/runtime-copies.ts, src/detect/consumers.ts), a host `tar -x`/`unzip` of the
// artifact into what a later build copies (refuseUnpackedForBuild in src/plan/consumers.ts), a later
// build copying from an earlier build's tag (src/detect/image-reads.ts, src/plan/image-reads.ts), and
// docker exec (src/detect/producers.ts). One row per condition.

const BUILDER = 'FROM golang:1.22\nRUN mkdir -p /out && echo app > /out/app && tar -czf /out/app.tgz -C /out app\n';

/** build.sh: build (2), create (3), cp (4), rm (5), `between` (6…), the runtime build; Dockerfile is `runtime`. */
function setup(cp: string, between: string[], runtime: string, files: Record<string, string> = {}): Record<string, string> {
  const lines = [
    'docker build -t app/builder -f Dockerfile.build .',
    'docker create --name x app/builder',
    cp,
    'docker rm x',
    ...between,
    'docker build -t app/app .',
  ];
  return { 'build.sh': `#!/bin/sh\nset -e\n${lines.join('\n')}\n`, 'Dockerfile.build': BUILDER, Dockerfile: `FROM alpine:3.19\n${runtime}\n`, ...files };
}

const CP_BIN = 'docker cp x:/out/app ./bin/app';
const mount = (line: number) => [{ ruleId: 'copy-source-contains-artifact', messageId: 'copySourceContainsArtifact', line, file: 'Dockerfile' }];
const viaHost = [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 5 }];
const unpacked = (line: number) => [{ ruleId: 'host-step-between-extraction-and-build', messageId: 'hostStepBetweenExtractionAndBuild', line }];

const runMounts: PlanCase[] = [
  { name: 'RUN --mount=type=bind,source=bin', files: setup(CP_BIN, [], 'RUN --mount=type=bind,source=bin,target=/mnt cp /mnt/app /app'), expected: mount(2) },
  { name: 'RUN --mount with the default type and src=', files: setup(CP_BIN, [], 'RUN --mount=src=bin,target=/mnt cp /mnt/app /app'), expected: mount(2) },
  { name: 'RUN --mount=type=bind of the context root', files: setup(CP_BIN, [], 'RUN --mount=type=bind,target=/src cp /src/bin/app /app'), expected: mount(2) },
  {
    name: 'RUN --mount=type=bind of the artifact itself, written absolute',
    files: setup(CP_BIN, [], 'RUN --mount=type=bind,source=/bin/app,target=/app true'),
    expected: mount(2),
  },
  {
    name: 'RUN --mount=type=bind of another directory, beside a COPY of the artifact',
    files: setup(CP_BIN, [], 'RUN --mount=type=bind,source=conf,target=/mnt true\nCOPY bin/app /app', { 'conf/a.conf': 'x\n' }),
    expected: 'migrate',
  },
  {
    name: 'RUN --mount=type=bind from an image',
    files: setup(CP_BIN, [], 'RUN --mount=type=bind,from=busybox,source=/bin,target=/mnt true\nCOPY bin/app /app'),
    expected: 'migrate',
  },
  { name: 'RUN --mount=type=cache', files: setup(CP_BIN, [], 'RUN --mount=type=cache,target=/root/.cache true\nCOPY bin/app /app'), expected: 'migrate' },
  { name: 'RUN --mount=type=secret', files: setup(CP_BIN, [], 'RUN --mount=type=secret,id=tok true\nCOPY bin/app /app'), expected: 'migrate' },
  {
    name: 'RUN with two mounts, the second binding bin',
    files: setup(CP_BIN, [], 'RUN --mount=type=cache,target=/c --mount=type=bind,source=bin,target=/mnt cp /mnt/app /app'),
    expected: mount(2),
  },
];

const CP_TGZ = 'docker cp x:/out/app.tgz ./app.tgz';
const unpacking: PlanCase[] = [
  {
    name: 'tar -xzf of the artifact into a directory the build copies',
    files: setup(CP_TGZ, ['mkdir -p dist', 'tar -xzf app.tgz -C dist'], 'COPY dist /srv'),
    expected: unpacked(8),
  },
  { name: 'tar xzf (no dash) of the artifact', files: setup(CP_TGZ, ['mkdir -p dist', 'tar xzf app.tgz -C dist'], 'COPY dist /srv'), expected: unpacked(8) },
  { name: 'unzip -d of the artifact', files: setup('docker cp x:/out/app.zip ./app.zip', ['unzip app.zip -d dist'], 'COPY dist /srv'), expected: unpacked(7) },
  { name: 'tar -xzf into the working directory the build copies from', files: setup(CP_TGZ, ['tar -xzf app.tgz'], 'COPY app /srv/app'), expected: unpacked(7) },
  {
    name: 'tar -xzf into a directory the build does not read',
    files: setup(CP_TGZ, ['mkdir -p dist', 'tar -xzf app.tgz -C dist'], 'COPY conf /srv', { 'conf/a': 'x\n' }),
    expected: 'nothing',
  },
  // Any other host command on the artifact before the build is refused as a host step, a listing too.
  // An unpacking the planner does not recognise is still a flow detection finds (made on the host by that command).
  { name: 'tar -tzf (a listing) of the artifact', files: setup(CP_TGZ, ['tar -tzf app.tgz'], 'COPY app.tgz /srv/'), expected: unpacked(7) },
  {
    name: 'tar --extract --file of the artifact into the working directory',
    files: setup(CP_TGZ, ['tar --extract --file app.tgz'], 'COPY app /srv/app'),
    expected: viaHost,
  },
  {
    name: 'unzip of the artifact into the working directory',
    files: setup('docker cp x:/out/app.zip ./app.zip', ['unzip app.zip'], 'COPY app /srv/app'),
    expected: unpacked(7),
  },
  {
    name: 'gunzip of the artifact, leaving it without .gz',
    files: setup('docker cp x:/out/app.gz ./app.gz', ['gunzip app.gz'], 'COPY app /srv/app'),
    expected: viaHost,
  },
  { name: 'gzip -d of the artifact', files: setup('docker cp x:/out/app.gz ./app.gz', ['gzip -d app.gz'], 'COPY app /srv/app'), expected: viaHost },
  {
    name: 'tar -xzf of a tracked archive',
    files: setup(CP_BIN, ['tar -xzf vendor.tgz -C dist'], 'COPY bin/app /app', { 'vendor.tgz': 'x' }),
    expected: 'migrate',
  },
];

// Host tools that copy what docker wrote into the path a build copies: a flow made on the host (line 7 is the tool).
const CP_OUT = 'docker cp x:/out ./out';
const viaTool = [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 5 }];
const hostCopies: PlanCase[] = [
  ...[
    'rsync -a out/ dist/',
    'ditto out dist',
    'find out -name app -exec cp {} dist/ \\;',
    'dd if=out/app of=dist/app',
    'strip -o dist/app out/app',
    '/usr/bin/rsync -a out/ dist/',
  ].map((tool): PlanCase => ({ name: `${tool} before the build that copies dist`, files: setup(CP_OUT, [tool], 'COPY dist /srv'), expected: viaTool })),
  // An empty dist/ made on the host holds nothing docker wrote: no flow, and the extraction no build reads is no setup.
  {
    name: 'mkdir of the directory the build copies, beside an unread extraction',
    files: setup(CP_OUT, ['mkdir -p dist'], 'COPY dist /srv'),
    expected: 'nothing',
  },
];

const copied = (line: number, file = 'Dockerfile') => [{ ruleId: 'image-copied-between-builds', messageId: 'imageCopiedBetweenBuilds', line, file }];
const certs = { 'Dockerfile.certs': 'FROM alpine:3.19\nRUN echo ca > /ca.pem\n' };
const imageReads: PlanCase[] = [
  {
    name: 'COPY --from=TAG beside a migratable extraction: the whole setup refused',
    files: setup(CP_BIN, ['docker build -t app/certs -f Dockerfile.certs .'], 'COPY bin/app /app\nCOPY --from=app/certs /ca.pem /ca.pem', certs),
    expected: copied(3),
  },
  {
    name: 'COPY --from=TAG with nothing extracted',
    files: {
      'build.sh': '#!/bin/sh\ndocker build -t app/certs -f Dockerfile.certs .\ndocker build -t app/app .\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY --from=app/certs /ca.pem /ca.pem\n',
      ...certs,
    },
    expected: copied(2),
  },
  {
    name: 'COPY --from=${ARG} whose default is the tag',
    files: {
      'build.sh': '#!/bin/sh\ndocker build -t app/certs -f Dockerfile.certs .\ndocker build -t app/app .\n',
      Dockerfile: 'ARG CERTS=app/certs\nFROM alpine:3.19\nARG CERTS\nCOPY --from=${CERTS} /ca.pem /ca.pem\n',
      ...certs,
    },
    expected: copied(4),
  },
  {
    name: 'COPY --from=${ARG} of a global ARG the stage does not declare',
    files: {
      'build.sh': '#!/bin/sh\ndocker build -t app/certs -f Dockerfile.certs .\ndocker build -t app/app .\n',
      Dockerfile: 'ARG CERTS=app/certs\nFROM alpine:3.19\nCOPY --from=${CERTS} /ca.pem /ca.pem\n',
      ...certs,
    },
    expected: copied(3),
  },
  {
    name: 'a stage FROM ${ARG} given the tag by --build-arg',
    files: {
      'build.sh': '#!/bin/sh\ndocker build -t app/certs -f Dockerfile.certs .\ndocker build --build-arg CERTS=app/certs -t app/app .\n',
      Dockerfile: 'ARG CERTS=alpine:3.19\nFROM ${CERTS} AS certs\nFROM alpine:3.19\nCOPY --from=certs /ca.pem /ca.pem\n',
      ...certs,
    },
    expected: copied(2),
  },
  {
    name: 'a refused extraction beside COPY --from=TAG: both reported',
    files: setup('docker cp x:/out/app /abs/app', ['docker build -t app/certs -f Dockerfile.certs .'], 'COPY --from=app/certs /ca.pem /ca.pem', certs),
    expected: [{ ruleId: 'path-outside-repo', messageId: 'pathOutsideRepo', line: 5 }, ...copied(2)],
  },
  {
    name: 'the builder tag in a runtime stage FROM: reported once',
    files: setup(CP_BIN, [], 'FROM app/builder AS tools\nFROM alpine:3.19\nCOPY bin/app /app\nCOPY --from=tools /out/app /app2'),
    expected: [{ ruleId: 'builder-image-used-elsewhere', messageId: 'builderImageUsedElsewhere', line: 2, file: 'Dockerfile' }],
  },
];

const exec: PlanCase[] = [
  {
    name: 'docker create … | xargs -I{} docker cp {}:… a path a build copies',
    files: setup(CP_BIN, ['docker create app/builder | xargs -I{} docker cp {}:/out/app lib'], 'COPY bin/app /app\nCOPY lib /lib'),
    expected: viaHost.map((d) => ({ ...d, line: 7 })),
  },
  {
    name: 'docker ps -aq | xargs docker rm: the command piped into writes nothing',
    files: setup(CP_BIN, ['docker ps -aq -f status=exited | xargs -r docker rm'], 'COPY bin/app /app'),
    expected: 'migrate',
  },
  {
    name: 'docker exec … cat > file a build copies',
    files: setup(
      CP_BIN,
      ['docker run -d --name y app/builder sleep 60', 'docker exec y cat /out/app > lib', 'docker rm -f y'],
      'COPY bin/app /app\nCOPY lib /lib',
    ),
    expected: [{ ruleId: 'unsupported-extraction', messageId: 'execIntoBuild', line: 8 }],
  },
  {
    name: 'docker container export > file a build copies',
    files: setup(CP_BIN, ['docker container export x > rootfs.tar'], 'COPY bin/app /app\nADD rootfs.tar /'),
    expected: [{ ruleId: 'unsupported-extraction', messageId: 'exportIntoBuild', line: 7 }],
  },
];

// Extractions no build reads (release binaries, one per pass of a loop) are no setup.
const loop = (dest: string) => ({
  'build.sh': [
    '#!/bin/sh',
    'set -e',
    'docker build -t app/builder -f Dockerfile.build .',
    'for arch in amd64 arm64; do',
    '  docker create --name x app/builder',
    `  docker cp x:/out/app ${dest}`,
    '  docker rm x',
    'done',
    '',
  ].join('\n'),
  'Dockerfile.build': BUILDER,
});
const hostOnly: PlanCase[] = [
  { name: 'a loop extracts the same path each pass, and no build reads it', files: loop('./release/app'), expected: 'nothing' },
  {
    name: 'a loop extracts to a path named after its variable, and no build reads it (release binaries)',
    files: loop('"./release/app-$arch"'),
    expected: 'nothing',
  },
];

runPlanCases('reads of an extraction other than a COPY of its path', [...runMounts, ...unpacking, ...hostCopies, ...imageReads, ...exec, ...hostOnly]);
