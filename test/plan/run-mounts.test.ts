import { runPlanCases, unsupported, type ExpectedReport, type PlanCase } from '../support/plan-tester.js';

// `docker run -v "$PWD":/src IMG go build -o bin/app` (src/plan/recognise/run-mounts.ts): a build step
// in a container on the mounted checkout, migrated as a stage that runs the command; refusals per row.

const RUNTIME = 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n';
const RUN = 'docker run --rm -v "$PWD":/src -w /src golang:1.22 go build -o bin/app .';

function setup(lines: string[], files: Record<string, string> = {}): Record<string, string> {
  return { 'build.sh': `#!/bin/sh\n${lines.join('\n')}\ndocker build -t app/app .\n`, Dockerfile: RUNTIME, 'main.go': 'package main\n', ...files };
}

const TOOLCHAIN = 'docker build -t app/toolchain -f Dockerfile.build .';
const ON_TOOLCHAIN = 'docker run --rm -v "$PWD":/src -w /src app/toolchain go build -o bin/app .';

/** A run on the web/ subdirectory, with a .dockerignore in the runtime build's context. */
const webWithIgnore = (ignore: string) =>
  setup(['docker run --rm -v "$PWD/web":/web -w /web node:20 npm run build'], {
    Dockerfile: 'FROM nginx:alpine\nCOPY web/dist /usr/share/nginx/html\n',
    'web/package.json': '{}\n',
    '.dockerignore': ignore,
  });
/** A run whose bin/ the repository tracks (bin/.gitkeep), copied whole by the runtime build. */
const intoTrackedBin = (run: string) => setup([run], { Dockerfile: 'FROM alpine:3.19\nCOPY bin/ /usr/bin/\n', 'bin/.gitkeep': '' });

const flag = (line: number): ExpectedReport[] => [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line }];

/** `docker run -v "$PWD/bin":/src/bin app/toolchain` with no command: the toolchain's CMD builds into the mount. */
const byCmd = (dockerfileBuild: string, run = 'docker run --rm -v "$PWD/bin":/src/bin app/toolchain') =>
  setup([TOOLCHAIN, run], { 'Dockerfile.build': dockerfileBuild });
const GO = 'FROM golang:1.22\nWORKDIR /src\nCOPY main.go .\n';

const cases: PlanCase[] = [
  // A run restage cannot read is left alone when no later build copies what it mounts.
  {
    name: 'an unreadable run whose mount no build copies',
    files: setup([RUN, 'docker run --rm -v "$CACHE_DIR":/cache alpine:3.19 ls /cache']),
    expected: 'migrate',
  },
  {
    name: 'an unreadable run whose mount a later build copies',
    files: setup(['docker run --rm -v "$PWD":/src -v "$OUT":/out -w /src golang:1.22 go build -o bin/app .']),
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
  // No command: the image's CMD runs, read from the toolchain's Dockerfile.
  { name: "no command: the toolchain's CMD in JSON form", files: byCmd(`${GO}CMD ["go", "build", "-o", "bin/app", "."]\n`), expected: 'migrate' },
  { name: "no command: the toolchain's CMD in shell form, through /bin/sh -c", files: byCmd(`${GO}CMD go build -o bin/app .\n`), expected: 'migrate' },
  {
    name: 'no command: the last CMD of the stage chain',
    files: byCmd('FROM golang:1.22 AS base\nWORKDIR /src\nCOPY main.go .\nCMD ["false"]\nFROM base\nCMD ["go", "build", "-o", "bin/app", "."]\n'),
    expected: 'migrate',
  },
  { name: 'no command, and the toolchain has no CMD (its base image decides)', files: byCmd(GO), expected: flag(3) },
  {
    name: 'no command: a shell-form CMD under a SHELL instruction',
    files: byCmd(`${GO}SHELL ["/bin/bash", "-c"]\nCMD go build -o bin/app .\n`),
    expected: flag(3),
  },
  { name: 'no command: a CMD in JSON that does not parse (Docker reads it as shell form)', files: byCmd(`${GO}CMD ["go", "build", -o]\n`), expected: flag(3) },
  { name: 'no command: a CMD over several lines', files: byCmd(`${GO}CMD go build \\\n  -o bin/app .\n`), expected: flag(3) },
  { name: 'no command: an empty JSON CMD', files: byCmd(`${GO}CMD []\n`), expected: flag(3) },
  {
    name: 'no command, but --entrypoint: docker run drops the CMD',
    files: byCmd(`${GO}CMD ["-o", "bin/app", "."]\n`, 'docker run --rm --entrypoint go -v "$PWD/bin":/src/bin app/toolchain build -o bin/app .'),
    expected: 'migrate',
  },
  { name: 'no command on a pulled image', files: setup(['docker run --rm -v "$PWD/bin":/go/bin golang:1.22']), expected: flag(2) },
  // A bind mount hides what the toolchain image has at its target.
  {
    name: 'the toolchain copies files under the mount target: the stage removes them first',
    files: byCmd(`${GO}RUN mkdir -p bin && echo stale > bin/old\nCMD ["go", "build", "-o", "bin/app", "."]\n`),
    expected: 'migrate',
  },
  {
    name: 'a toolchain that only sets ENV and WORKDIR has nothing to hide',
    files: byCmd('FROM golang:1.22\nENV CGO_ENABLED=0\nWORKDIR /src\nCMD ["go", "build", "-o", "bin/app", "."]\n'),
    expected: 'migrate',
  },
  { name: 'a build in a pulled toolchain', files: setup([RUN]), expected: 'migrate' },
  // A terminal changes what the command prints, not the files it writes into the mount.
  { name: 'with a terminal (-it), as developers copy it from a README', files: setup([RUN.replace('--rm', '--rm -it')]), expected: 'migrate' },
  {
    name: 'a build in a toolchain the driver builds',
    files: setup([TOOLCHAIN, ON_TOOLCHAIN], { 'Dockerfile.build': 'FROM golang:1.22\n' }),
    expected: 'migrate',
  },
  {
    name: 'a toolchain with an ENTRYPOINT',
    files: setup([TOOLCHAIN, ON_TOOLCHAIN], { 'Dockerfile.build': 'FROM golang:1.22\nENTRYPOINT ["/bin/sh"]\n' }),
    expected: unsupported('mountRunEntrypoint', 3),
  },
  {
    // The stage builds on the builder stage, built for the platform the build runs on.
    name: 'a toolchain the driver builds, run for another platform',
    files: setup([TOOLCHAIN, ON_TOOLCHAIN.replace('--rm', '--rm --platform linux/arm64')], { 'Dockerfile.build': 'FROM golang:1.22\n' }),
    expected: flag(3),
  },
  { name: 'a pulled toolchain run for a platform', files: setup([RUN.replace('--rm', '--rm --platform linux/amd64')]), expected: 'migrate' },
  {
    name: 'a toolchain with a USER',
    files: setup([TOOLCHAIN, ON_TOOLCHAIN], { 'Dockerfile.build': 'FROM golang:1.22\nUSER nobody\n' }),
    expected: unsupported('mountRunUser', 3),
  },
  {
    name: 'a run that mounts what an earlier build run wrote into',
    files: setup(
      ['docker run --rm -v "$PWD":/src -w /src golang:1.22 go build -o bin/tool .', 'docker run --rm -v "$PWD":/src -w /src golang:1.22 go build -o bin/app .'],
      { Dockerfile: 'FROM alpine:3.19\nCOPY bin/ /usr/bin/\n' },
    ),
    expected: unsupported('mountRunReadsEarlier', 3),
  },
  // A volume is a cache only while the command never needs what it holds: one another container of the
  // driver mounts too, or one the command copies out of, is state the stage's empty cache mount lacks.
  {
    name: 'a named volume as a module cache',
    files: setup(['docker run --rm -v "$PWD":/src -v gomod:/go/pkg/mod -w /src golang:1.22 go build -o bin/app .']),
    expected: 'migrate',
  },
  {
    name: 'a named volume another run fills first (-v)',
    files: setup(['docker run --rm -v art:/out app/toolchain', 'docker run --rm -v art:/out -v "$PWD":/src alpine:3.19 cp /out/app /src/bin/app']),
    expected: unsupported('mountRunSharedVolume', 3),
  },
  {
    name: 'a named volume a created container mounts (--mount source=)',
    files: setup([
      'docker create --name x --mount source=art,target=/out app/toolchain',
      'docker run --rm --mount type=volume,src=art,dst=/o -v "$PWD":/src -w /src golang:1.22 go build -o bin/app .',
    ]),
    expected: unsupported('mountRunSharedVolume', 3),
  },
  {
    name: 'a named volume another run mounts after',
    files: setup([RUN.replace('-w /src', '-v gomod:/go/pkg/mod -w /src'), 'docker run --rm -v gomod:/go/pkg/mod golang:1.22 go clean -modcache']),
    expected: unsupported('mountRunSharedVolume', 2),
  },
  {
    name: 'other runs with other volumes, a bind of a directory, an anonymous --mount',
    files: setup([
      'docker run --rm -v other:/out -v "$PWD/x":/x --mount type=volume,dst=/y --mount type=bind,src=gomod,dst=/z alpine:3.19 true',
      'docker run --rm -v "$PWD":/src -v gomod:/go/pkg/mod -w /src golang:1.22 go build -o bin/app .',
    ]),
    expected: 'migrate',
  },
  {
    name: 'the command copies a file out of its named volume',
    files: setup(['docker run --rm -v art:/out -v "$PWD":/src alpine:3.19 cp /out/app /src/bin/app']),
    expected: unsupported('mountRunCopiesFromVolume', 2),
  },
  {
    name: 'the command copies a relative path out of an anonymous volume',
    files: setup(['docker run --rm -v "$PWD":/src --mount type=volume,dst=/src/out -w /src alpine:3.19 cp out/app bin/app']),
    expected: unsupported('mountRunCopiesFromVolume', 2),
  },
  {
    name: "the command copies a relative path out of a volume, from the built toolchain's WORKDIR",
    files: setup([TOOLCHAIN, 'docker run --rm -v "$PWD":/src -v art:/src/out app/toolchain cp out/app bin/app'], { 'Dockerfile.build': GO }),
    expected: unsupported('mountRunCopiesFromVolume', 3),
  },
  {
    name: 'a command that names its cache (npm ci --cache) is no copy out of it',
    files: setup(['docker run --rm -v "$PWD":/src -v npm:/npm -w /src node:20 npm ci --cache /npm/cache --prefix bin/app']),
    expected: 'migrate',
  },
  {
    name: 'a copy whose operands are all outside its volumes (/src/bin/app is not in /src/b)',
    files: setup(['docker run --rm -v "$PWD":/src -v npm:/src/b -w /src alpine:3.19 cp main.go bin/app']),
    expected: 'migrate',
  },
  // The container sees the checkout at its path on the host, which only a run knows: a stage cannot
  // have it (a WORKDIR or path written with restage's stand-in for $PWD would be a wrong migration).
  {
    name: 'the checkout mounted at its host path (-v "$PWD":"$PWD" -w "$PWD")',
    files: setup(['docker run --rm -v "$PWD":"$PWD" -w "$PWD" golang:1.22 go build -o bin/app .']),
    expected: flag(2),
  },
  {
    name: 'the checkout mounted at its host path (--mount … target=$PWD)',
    files: setup(['docker run --rm --mount type=bind,source="$PWD",target="$PWD" -w /src golang:1.22 go build -o bin/app .']),
    expected: flag(2),
  },
  {
    name: 'a working directory at the host path',
    files: setup(['docker run --rm -v "$PWD":/src -w "$PWD" golang:1.22 go build -o bin/app .']),
    expected: flag(2),
  },
  {
    name: 'an environment value with the host path',
    files: setup(['docker run --rm -v "$PWD":/src -w /src -e "SRC=$PWD" golang:1.22 go build -o bin/app .']),
    expected: flag(2),
  },
  {
    name: 'a command word with the host path',
    files: setup(['docker run --rm -v "$PWD":/src -w /src golang:1.22 go build -o "$PWD/bin/app" .']),
    expected: flag(2),
  },
  {
    name: 'a flag a stage would not reproduce',
    files: setup(['docker run --rm --privileged -v "$PWD":/src -w /src golang:1.22 go build -o bin/app .']),
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
  {
    name: 'a mount .dockerignore hides part of',
    files: setup([RUN], { '.dockerignore': '.git\n' }),
    expected: [{ ruleId: 'build-context-mismatch', messageId: 'buildContextMismatch', line: 2 }],
  },
  {
    name: 'an output directory mounted on its own: its files come from that mount',
    files: setup(['docker run --rm -v "$PWD":/src:ro -v "$PWD/bin":/out -w /src golang:1.22 go build -o /out/app .']),
    expected: 'migrate',
  },
  {
    name: 'the checkout and a more specific output mount: the artifact comes through the specific one',
    files: setup(['docker run --rm -v "$PWD":/src -v "$PWD/bin":/out -w /src golang:1.22 go build -o /out/app .']),
    expected: 'migrate',
  },
  {
    name: 'a mounted subdirectory, with -w inside it',
    files: setup(['docker run --rm -v "$PWD/web":/web -w /web node:20 npm run build'], {
      Dockerfile: 'FROM nginx:alpine\nCOPY web/dist /usr/share/nginx/html\n',
      'web/package.json': '{}\n',
    }),
    expected: 'migrate',
  },
  {
    name: 'a relative -w: from the WORKDIR of the image the driver builds',
    files: setup([TOOLCHAIN, 'docker run --rm -v "$PWD":/src app/toolchain go build -o bin/app .'], { 'Dockerfile.build': 'FROM golang:1.22\nWORKDIR /src\n' }),
    expected: 'migrate',
  },
  {
    name: 'a --mount known only at run time (it may mount anything anywhere)',
    files: setup(['docker run --rm -v "$PWD":/src -w /src --mount "$MOUNT" golang:1.22 go build -o bin/app .']),
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
  {
    name: 'a --volume known only at run time (it may mount anything anywhere)',
    files: setup(['docker run --rm -v "$PWD":/src -v "$CACHE" -w /src golang:1.22 go build -o bin/app .']),
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
  {
    name: 'a --mount whose type is known only at run time',
    files: setup(['docker run --rm -v "$PWD":/src --mount "type=$T,dst=/cache" -w /src golang:1.22 go build -o bin/app .']),
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
  {
    name: 'a mount outside the runtime build’s context',
    files: {
      'build.sh': `#!/bin/sh\n${RUN}\ndocker build -t app/app -f deploy/Dockerfile deploy\n`,
      'deploy/Dockerfile': 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n',
      'main.go': 'package main\n',
    },
    expected: [{ ruleId: 'build-context-mismatch', messageId: 'buildContextMismatch', line: 2 }],
  },
  {
    name: 'a runtime build in a subdirectory whose .dockerignore hides part of the mount',
    files: {
      'build.sh': '#!/bin/sh\ndocker run --rm -v "$PWD/svc":/src -w /src golang:1.22 go build -o bin/app .\ndocker build -t app/app svc\n',
      'svc/Dockerfile': RUNTIME,
      'svc/.dockerignore': '.git\n*.md\n',
      'svc/main.go': 'package main\n',
      'svc/README.md': 'x\n',
    },
    expected: [{ ruleId: 'build-context-mismatch', messageId: 'buildContextMismatch', line: 2 }],
  },
  {
    name: 'a toolchain Dockerfile with an ARG before FROM and a RUN --mount',
    files: setup([TOOLCHAIN, ON_TOOLCHAIN], { 'Dockerfile.build': 'ARG GO=1.22\nFROM golang:${GO}\nRUN --mount=type=cache,target=/root/.cache echo\n' }),
    expected: 'migrate',
  },
  {
    name: 'a flag a stage would not reproduce, on a run whose mounts no later build reads',
    files: setup(['docker run --rm --privileged -v "$PWD":/src -w /src golang:1.22 go test ./...'], { Dockerfile: 'FROM alpine:3.19\nCOPY main.go /src/\n' }),
    expected: 'nothing',
  },
  {
    name: 'a flag a stage would not reproduce, on a run writing into a directory the checkout has and a build copies',
    files: intoTrackedBin('docker run --rm --privileged -v "$PWD/bin":/out golang:1.22 go build -o /out/app /src'),
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
  {
    name: 'a writable mount of a tracked directory (dist/.gitkeep) that a later build copies is the output',
    files: intoTrackedBin('docker run --rm -v "$PWD":/src:ro -v "$PWD/bin":/out golang:1.22 sh -c "cd /src && go build -o /out/app ."'),
    expected: 'migrate',
  },
  {
    name: 'a read-only mount of a tracked directory is no output',
    files: setup(['docker run --rm -v "$PWD/bin":/out:ro -v "$PWD":/src -w /src golang:1.22 go build -o dist/app .'], {
      Dockerfile: 'FROM alpine:3.19\nCOPY bin/ /usr/bin/\nCOPY dist/app /usr/bin/app\n',
      'bin/.gitkeep': '',
    }),
    expected: 'migrate',
  },
  {
    // Detection keeps the flow (a Makefile's rules need not run in the order written); the planner does
    // not take the run for a step of that build, so the setup is refused rather than migrated.
    name: 'a runtime build before the run does not read what it writes',
    files: { 'build.sh': `#!/bin/sh\ndocker build -t app/app .\n${RUN}\n`, Dockerfile: RUNTIME, 'main.go': 'package main\n' },
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 3 }],
  },
  {
    name: 'an explicit -w over the WORKDIR of the image the driver builds',
    files: setup([TOOLCHAIN, 'docker run --rm -v "$PWD":/src -w /src app/toolchain go build -o bin/app .'], {
      'Dockerfile.build': 'FROM golang:1.22\nWORKDIR /elsewhere\n',
    }),
    expected: 'migrate',
  },
  {
    name: 'a run whose output no later build reads',
    files: setup([RUN], { Dockerfile: 'FROM alpine:3.19\nCOPY main.go /src/\n' }),
    expected: 'nothing',
  },
  {
    name: 'a later build that copies the directory the output is in',
    files: setup([RUN], { Dockerfile: 'FROM alpine:3.19\nCOPY bin/ /usr/bin/\n' }),
    expected: 'migrate',
  },
  {
    name: 'a toolchain build whose --target names no stage',
    files: setup(['docker build -t app/toolchain --target tools -f Dockerfile.build .', ON_TOOLCHAIN], { 'Dockerfile.build': 'FROM golang:1.22\n' }),
    expected: unsupported('mountRunUnreadableImage', 3),
  },
  {
    name: 'two runs that write into different directories',
    files: setup(
      [
        'docker run --rm -v "$PWD/tools":/src -w /src golang:1.22 go build -o bin/tool .',
        'docker run --rm -v "$PWD/cmd":/src -w /src golang:1.22 go build -o bin/app .',
      ],
      { Dockerfile: 'FROM alpine:3.19\nCOPY tools/bin/tool cmd/bin/app /usr/bin/\n', 'tools/main.go': 'package main\n', 'cmd/main.go': 'package main\n' },
    ),
    expected: 'migrate',
  },
  {
    name: "an earlier run's read-only checkout mount is no output a later run could read",
    files: setup(
      [
        'docker run --rm -v "$PWD":/src:ro -v "$PWD/bin":/out -w /src golang:1.22 go build -o /out/tool .',
        'docker run --rm -v "$PWD/web":/web -w /web node:20 npm run build',
      ],
      { Dockerfile: 'FROM alpine:3.19\nCOPY bin/tool /usr/bin/\nCOPY web/dist /srv/\n', 'web/package.json': '{}\n' },
    ),
    expected: 'migrate',
  },
  {
    name: "the runtime Dockerfile's own .dockerignore hides part of the mount",
    files: setup([RUN], { 'Dockerfile.dockerignore': '.git\n' }),
    expected: [{ ruleId: 'build-context-mismatch', messageId: 'buildContextMismatch', line: 2 }],
  },
  {
    name: 'a mounted subdirectory part of which .dockerignore hides',
    files: webWithIgnore('web/.cache\n'),
    expected: [{ ruleId: 'build-context-mismatch', messageId: 'buildContextMismatch', line: 2 }],
  },
  {
    name: 'a .dockerignore that hides nothing of the mounted subdirectory',
    files: webWithIgnore('docs/\n'),
    expected: 'migrate',
  },
  // --volumes-from: another container's volumes, bind mounts set where it was made (src/detect/producers.ts).
  {
    name: "a run with another container's volumes writes where only its creation says",
    files: setup(['docker run --rm --volumes-from data golang:1.22 go build -o /data/bin/app .']),
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 2 }],
  },
  {
    name: 'the same through a client restage does not read',
    files: setup(['$ENGINE run --rm --volumes-from=data golang:1.22 go build -o /data/bin/app .']),
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 2 }],
  },
  { name: 'read-only volumes write nothing', files: setup(['docker run --rm --volumes-from data:ro golang:1.22 go vet ./...']), expected: 'nothing' },
  {
    name: 'read-only volumes through a client restage does not read',
    files: setup(['$ENGINE run --rm --volumes-from=data:ro golang:1.22 go vet ./...']),
    expected: 'nothing',
  },
];

runPlanCases('docker run -v as a build step', cases);

// An archive the run makes keeps its files' owners inside: with --user, the user's, which the stage
// replacing the run does not reproduce (src/plan/runtime-copies.ts).
const TAR_RUN = (user: string) => `docker run --rm ${user}-v "$PWD":/src -w /src golang:1.22 sh -c 'go build -o out/app . && tar -czf dist.tar.gz -C out .'`;
const ofRunUser = [{ ruleId: 'add-extracted-artifact', messageId: 'archiveOfRunUser', line: 2, file: 'Dockerfile' }];
runPlanCases('an archive made by a docker run with --user', [
  {
    name: 'ADD of it, -u "$(id -u):$(id -g)"',
    files: setup([TAR_RUN('-u "$(id -u):$(id -g)" ')], { Dockerfile: 'FROM alpine:3.19\nADD dist.tar.gz /srv/\n' }),
    expected: ofRunUser,
  },
  { name: 'ADD of it, --user 1000', files: setup([TAR_RUN('--user 1000 ')], { Dockerfile: 'FROM alpine:3.19\nADD dist.tar.gz /srv/\n' }), expected: ofRunUser },
  { name: 'ADD of it, no --user', files: setup([TAR_RUN('')], { Dockerfile: 'FROM alpine:3.19\nADD dist.tar.gz /srv/\n' }), expected: 'migrate' },
  {
    name: 'COPY of it, with --user: the file, owned by root either way',
    files: setup([TAR_RUN('-u "$(id -u)" ')], { Dockerfile: 'FROM alpine:3.19\nCOPY dist.tar.gz /srv/\n' }),
    expected: 'migrate',
  },
]);

runPlanCases('a run whose command starts with an option', [
  {
    name: 'options only: arguments to an ENTRYPOINT restage cannot see (hugo --minify)',
    files: setup(['docker run --rm -v "$PWD":/src klakegg/hugo:0.107.0 --minify'], { Dockerfile: 'FROM nginx:alpine\nCOPY public /usr/share/nginx/html\n' }),
    expected: flag(2),
  },
  {
    name: 'the same with --entrypoint: the program is known',
    files: setup(['docker run --rm -v "$PWD":/src -w /src --entrypoint hugo klakegg/hugo:0.107.0 --minify'], {
      Dockerfile: 'FROM nginx:alpine\nCOPY public /usr/share/nginx/html\n',
    }),
    expected: 'migrate',
  },
  { name: 'a program, then options', files: setup(['docker run --rm -v "$PWD":/src -w /src golang:1.22 go build -o bin/app .']), expected: 'migrate' },
]);
