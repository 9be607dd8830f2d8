import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { tempDir } from './support/temp-dir.js';

/**
 * Artifact-first detection as a table (ESLint's RuleTester habit): a small repository, and what restage
 * must conclude about it: `migrate`, `none` (no setup, exit 0) or the rule ids of a refusal. Each row
 * is an everyday spelling of the builder pattern, or a look-alike that is none.
 */
interface Row {
  name: string;
  files: Record<string, string>;
  expected: 'migrate' | 'none' | string[];
  /** Text the migrated files must contain (file → snippet). */
  contains?: Record<string, string>;
  /** Text a refusal's first error must contain (what the command is, as the user reads it). */
  says?: string;
}

const BUILDER = 'FROM local/build:1\nRUN mkdir /out && echo hi > /out/app\n';
const runtime = (copy: string) => `FROM local/run:1\n${copy}\n`;
const sh = (...lines: string[]) => `#!/bin/sh\nset -e\n${lines.join('\n')}\n`;

/** The extracted out/ packed or changed by `cmd` on the host, then read by the runtime Dockerfile's `consumer` line. */
function packed(name: string, cmd: string, consumer: string, expected: Row['expected'], says?: string): Row {
  return {
    name,
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime(consumer),
      'build.sh': sh('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out ./out', cmd, 'docker build -t x .'),
    },
    expected,
    ...(says ? { says } : {}),
  };
}

/** A GitHub workflow of one job: checkout, then `steps` (lines, indented as list items of the job). */
function workflow(...steps: string[]): string {
  return ['on: push', 'jobs:', '  image:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', ...steps, ''].join('\n');
}

/** A workflow: the builder built by build-push-action with `tags`, then a run: step that runs `create` and copies /out/app out of c. */
function actionWorkflow(tags: string, create: string): string {
  return workflow(
    '      - uses: docker/build-push-action@v5',
    '        with: { context: ., file: Dockerfile.build, load: true, tags: ' + tags + ' }',
    '      - run: |',
    '          ' + create,
    '          docker cp c:/out/app ./app',
    '      - uses: docker/build-push-action@v5',
    '        with: { context: ., tags: app:1 }',
  );
}

/** Every docker command of a create + cp setup written with the client's global option `opt` first. */
function withGlobalOption(opt: string, expected: Row['expected']): Row {
  const d = `docker ${opt}`;
  return {
    name: `${d} build/create/cp/rm: ${expected === 'migrate' ? 'read as the subcommand' : 'another engine, refused, not "0 setups"'}`,
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /usr/bin/app'),
      'build.sh': sh(`${d} build -t b -f Dockerfile.build .`, `${d} create --name c b`, `${d} cp c:/out/app ./app`, `${d} rm c`, `${d} build -t x .`),
    },
    expected,
    ...(expected === 'migrate' ? { contains: { 'build.sh': `${d} build -t x .` } } : {}),
  };
}

/** A create + cp setup whose every docker command is `use` (the variable DOCKER, set to `value`, as written). */
function clientInVariable(value: string, use: string, expected: Row['expected']): Row {
  return {
    name: `DOCKER="${value}", commands spelled ${use} …: ${expected === 'migrate' ? 'split into words as the shell does' : 'one word, refused'}`,
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /usr/bin/app'),
      'build.sh': sh(
        `DOCKER="${value}"`,
        `${use} build -t b -f Dockerfile.build .`,
        `${use} create --name c b`,
        `${use} cp c:/out/app ./app`,
        `${use} build -t x .`,
      ),
    },
    expected,
  };
}

const rows: Row[] = [
  {
    name: 'docker run -v with an output no word names',
    files: {
      'main.go': 'package main\n',
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh('docker run --rm -v "$PWD":/go/src/app -w /go/src/app golang:1.22 go build -o app', 'docker build -t x .'),
    },
    expected: 'migrate',
    contains: { Dockerfile: 'COPY --from=builder --chown=0:0 /go/src/app/app /app' },
  },
  {
    name: 'Makefile: $(CURDIR) mounted, file target',
    files: {
      'main.go': 'package main\n',
      Dockerfile: runtime('COPY bin/app /app'),
      Makefile: 'all: bin/app\n\tdocker build -t x .\n\nbin/app:\n\tdocker run --rm -v $(CURDIR):/src -w /src golang:1.22 go build -o bin/app .\n',
    },
    expected: 'migrate',
  },
  {
    name: 'named volume as a module cache',
    files: {
      'main.go': 'package main\n',
      Dockerfile: runtime('COPY bin/app /app'),
      'build.sh': sh('docker run --rm -v gomod:/go/pkg/mod -v "$PWD":/src -w /src golang:1.22 go build -o bin/app .', 'docker build -t x .'),
    },
    expected: 'migrate',
    contains: { Dockerfile: 'RUN --mount=type=cache,target=/go/pkg/mod ["go", "build", "-o", "bin/app", "."]' },
  },
  {
    name: 'docker cp $(docker create IMG):/p',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh('docker build -t b -f Dockerfile.build .', 'docker cp $(docker create b):/out/app ./app', 'docker build -t x .'),
    },
    expected: 'migrate',
    contains: { Dockerfile: 'COPY --from=builder /out/app /app' },
  },
  {
    name: 'BuildKit --output type=local,dest=bin with --target',
    files: {
      'Dockerfile.build': 'FROM local/build:1 AS build\nRUN echo hi > /app\nFROM scratch AS artifact\nCOPY --from=build /app /app\n',
      Dockerfile: runtime('COPY bin/app /app'),
      'build.sh': sh('docker build -f Dockerfile.build --target artifact --output type=local,dest=bin .', 'docker build -t x .'),
    },
    expected: 'migrate',
    contains: { Dockerfile: 'COPY --from=artifact /app /app' },
  },
  {
    name: 'BuildKit -o DIR (short form)',
    files: {
      'Dockerfile.build': 'FROM scratch AS artifact\nCOPY app.txt /app\n',
      'app.txt': 'x\n',
      Dockerfile: runtime('COPY out/app /app'),
      'build.sh': sh('docker build -f Dockerfile.build -o out .', 'docker build -t x .'),
    },
    expected: 'migrate',
  },
  {
    name: 'BuildKit tar exporter read by ADD',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('ADD out.tar /'),
      'build.sh': sh('docker build -f Dockerfile.build -o type=tar,dest=out.tar .', 'docker build -t x .'),
    },
    expected: ['unsupported-extraction'],
  },
  {
    name: 'BuildKit tar exporter without dest, to stdout redirected into a file, unpacked on the host',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY bin/out/app /app'),
      'build.sh': sh('docker build -f Dockerfile.build -o type=tar . > app.tar', 'mkdir -p bin && tar -xf app.tar -C bin', 'docker build -t x .'),
    },
    expected: ['unsupported-extraction'],
    says: 'a BuildKit export other than to a local directory (type=tar)',
  },
  {
    name: 'BuildKit OCI exporter without dest, to stdout, read by ADD',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('ADD image.tar /'),
      'build.sh': sh('docker buildx build --output type=oci -f Dockerfile.build . > image.tar', 'docker build -t x .'),
    },
    expected: ['unsupported-extraction'],
  },
  {
    name: 'BuildKit docker exporter without dest loads an image, writes no file',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY main.txt /app'),
      'main.txt': 'x\n',
      'build.sh': sh('docker buildx build --output type=docker -f Dockerfile.build .', 'docker build -t x .'),
    },
    expected: 'none',
  },
  {
    name: 'docker buildx build --output type=local: the same exporter',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY bin/out/app /app'),
      'build.sh': sh('docker buildx build -f Dockerfile.build --output type=local,dest=bin .', 'docker buildx build --load -t x .'),
    },
    expected: 'migrate',
    contains: { Dockerfile: 'COPY --from=builder /out/app /app', 'build.sh': 'set -e\ndocker buildx build --load -t x .\n' },
  },
  {
    name: 'docker buildx build --load of the builder, then docker create + cp',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh('docker buildx build --load -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker build -t x .'),
    },
    expected: 'migrate',
  },
  {
    name: 'a builder built on another buildx builder (--builder): the merged build would not run there',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh(
        'docker buildx build --builder remote --load -t b -f Dockerfile.build .',
        'docker create --name c b',
        'docker cp c:/out/app ./app',
        'docker build -t x .',
      ),
    },
    expected: ['unsupported-docker-flag'],
  },
  {
    name: 'sudo, podman and a path to the client',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh(
        'sudo -E docker build -t b -f Dockerfile.build .',
        'podman create --name c b',
        'sudo /usr/bin/docker cp c:/out/app ./app',
        'podman rm c',
        'sudo docker build -t x .',
      ),
    },
    expected: 'migrate',
    contains: { 'build.sh': 'sudo docker build -t x .' },
  },
  {
    name: 'a copy to a name made at run time that the runtime build matches with a wildcard',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app-* /usr/bin/app'),
      'build.sh': sh(
        'docker build -t b -f Dockerfile.build .',
        'docker create --name c b',
        'docker cp c:/out/app ./app-$(git rev-parse --short HEAD)',
        'docker build -t x .',
      ),
    },
    expected: ['unresolved-value'],
  },
  {
    name: 'a copy to a variable made at run time, and a wildcard in the root',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY bin* /usr/bin/'),
      'build.sh': sh(
        'docker build -t b -f Dockerfile.build .',
        'docker create --name c b',
        'BIN=$(uname -m)',
        'docker cp c:/out/app "./bin-$BIN"',
        'docker build -t x .',
      ),
    },
    expected: ['unresolved-value'],
  },
  {
    name: "a copy to a name made at run time, and another driver's build with a wildcard: nothing reads it",
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY *.conf /etc/app/'),
      'app.conf': 'x=1\n',
      'build.sh': sh('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app "./app-$(date +%s)"', 'docker rm c'),
      'release.sh': sh('docker build -t x .'),
    },
    expected: 'none',
  },
  {
    name: 'sudo with an environment that changes the build: the builder build is not read, so the image is not taken for a pulled one',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh(
        'sudo HTTP_PROXY=http://p docker build -t b -f Dockerfile.build .',
        'docker create --name c b',
        'docker cp c:/out/app ./app',
        'docker build -t x .',
      ),
    },
    expected: ['unsupported-extraction'],
  },
  {
    name: 'COPY target/*.jar over an extracted target/',
    files: {
      'Dockerfile.build': 'FROM local/build:1\nRUN mkdir -p /app/target && echo j > /app/target/a.jar\n',
      Dockerfile: runtime('COPY target/*.jar /srv/app.jar'),
      'build.sh': sh('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/app/target ./target', 'docker build -t x .'),
    },
    expected: 'migrate',
    contains: { Dockerfile: 'COPY --from=builder /app/target/*.jar /srv/app.jar' },
  },
  {
    name: 'a wildcard over a directory the checkout also holds may match tracked files',
    files: {
      'target/keep.jar': 'tracked\n',
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY target/*.jar /srv/'),
      'build.sh': sh('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./target/app.jar', 'docker build -t x .'),
    },
    expected: ['copy-source-contains-artifact'],
  },
  {
    name: 're-runnable hygiene around the extraction',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY dist/app /app'),
      'build.sh': sh(
        'docker rm -f c 2>/dev/null || true',
        'rm -rf dist',
        'mkdir -p dist',
        'docker build -t b -f Dockerfile.build .',
        'docker create --name c b',
        'docker cp c:/out/app dist/app',
        'docker rm -f c || true',
        'docker build -t x .',
        'rm -rf dist || :',
      ),
    },
    expected: 'migrate',
    contains: { 'build.sh': '#!/bin/sh\nset -e\ndocker build -t x .\n' },
  },
  {
    name: '|| true after a command that is no clean-up stays control flow',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app || true', 'docker build -t x .'),
    },
    expected: ['driver-control-flow'],
  },
  {
    name: 'the extraction and the build in two drivers',
    files: {
      'main.txt': 'm\n',
      Dockerfile: runtime('COPY bin/app /app'),
      Makefile: 'bin/app:\n\tdocker run --rm -v $(CURDIR):/src -w /src local/build:1 sh -c "mkdir -p bin && cat main.txt > bin/app"\n',
      'build.sh': sh('make bin/app', 'docker build -t x .'),
    },
    expected: ['unrecognised-extraction'],
  },
  {
    name: 'a Dockerfile no driver builds, reading what a container wrote',
    files: {
      'main.txt': 'm\n',
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh('docker run --rm -v "$PWD":/src -w /src local/build:1 sh -c "cat main.txt > app"'),
    },
    expected: ['unrecognised-extraction'],
  },
  {
    name: 'compose: a builder service fills dist/, the app service build copies it',
    files: {
      Dockerfile: runtime('COPY dist/ /srv/'),
      'docker-compose.yml': 'services:\n  builder:\n    image: local/build:1\n    volumes:\n      - ./dist:/out\n  app:\n    build: .\n',
      'build.sh': sh('docker compose run --rm builder', 'docker compose build app'),
    },
    expected: ['unrecognised-extraction'],
    says: "a compose run's bind mount writes dist, which Dockerfile:2 (dist/) reads; the build runs in docker-compose.yml",
  },
  {
    // The runner mounts the workspace into the action's container (GitHub's docker container action).
    name: 'a uses: docker:// step builds what the same workflow then copies into an image',
    files: {
      Dockerfile: runtime('COPY bin/app /app'),
      'main.go': 'package main\n',
      '.github/workflows/ci.yml':
        'name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker://golang:1.22\n        with:\n          args: go build -o bin/app .\n      - run: docker build -t app .\n',
    },
    expected: ['unrecognised-extraction'],
    says: 'a `uses: docker://` step (the runner mounts the workspace into its container) writes',
  },
  {
    name: 'a uses: docker:// step after the build (a scan) feeds nothing',
    files: {
      Dockerfile: runtime('COPY main.go /app'),
      'main.go': 'package main\n',
      '.github/workflows/ci.yml':
        'name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build -t app .\n      - uses: docker://golang:1.22\n        with:\n          args: go build -o bin/app .\n',
    },
    expected: 'none',
  },
  {
    name: 'a uses: docker:// step before a build whose sources the checkout holds',
    files: {
      Dockerfile: runtime('COPY main.go /app'),
      'main.go': 'package main\n',
      '.github/workflows/ci.yml':
        'name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker://golang:1.22\n        with:\n          args: go build -o bin/app .\n      - run: docker build -t app .\n',
    },
    expected: 'none',
  },
  {
    name: 'a uses: docker:// step in one workflow, the build in another',
    files: {
      Dockerfile: runtime('COPY bin/app /app'),
      'main.go': 'package main\n',
      '.github/workflows/lint.yml':
        'name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker://golang:1.22\n        with:\n          args: go build -o bin/app .\n',
      '.github/workflows/image.yml':
        'name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build -t app .\n',
    },
    expected: 'none',
  },
  {
    // A driver kind restage does not read: only its lines that may take files out of a container count.
    name: 'a Jenkinsfile compiles through a bind mount what the image copies',
    files: {
      Dockerfile: runtime('COPY bin/app /app'),
      'main.go': 'package main\n',
      Jenkinsfile:
        'pipeline { agent any\n stages { stage("b") { steps {\n  sh "docker run --rm -v $WORKSPACE:/src -w /src golang:1.22 go build -o bin/app ."\n  sh "docker build -t app ."\n} } } }\n',
    },
    expected: ['unrecognised-extraction'],
    says: 'a docker run or export in a file restage does not parse writes files, which Dockerfile:2 (bin/app) reads; restage does not read this kind of driver',
  },
  {
    name: "Bitbucket Pipelines redirects a container's output into what the image copies",
    files: {
      Dockerfile: runtime('COPY bin/app /app'),
      'bitbucket-pipelines.yml':
        'pipelines:\n  default:\n    - step:\n        script:\n          - docker run --rm b cat /out/app > bin/app\n          - docker build -t app .\n',
    },
    expected: ['unrecognised-extraction'],
  },
  {
    name: 'a Jenkinsfile runs tests in a container with a mount; the image copies only tracked files',
    files: {
      Dockerfile: runtime('COPY main.go /app'),
      'main.go': 'package main\n',
      Jenkinsfile:
        'pipeline { agent any\n stages { stage("t") { steps {\n  sh "docker run --rm -v $WORKSPACE:/src -w /src golang:1.22 go test ./..."\n  sh "docker build -t app ."\n} } } }\n',
    },
    expected: 'none',
  },
  {
    name: 'a Jenkinsfile runs a container without a mount or redirect, and the image copies a file nothing makes',
    files: {
      Dockerfile: runtime('COPY bin/app /app'),
      Jenkinsfile:
        'pipeline { agent any\n stages { stage("t") { steps {\n  sh "docker run --rm golang:1.22 go version"\n  sh "docker build -t app ."\n} } } }\n',
    },
    expected: 'none',
  },
  {
    name: 'a docker cp into a destination known only at run time',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app "$OUT/app"', 'docker build -t x .'),
    },
    expected: ['unresolved-value'],
  },
  {
    // The planner does not follow the `if`; detection still sees a docker command there that may write ./app.
    name: 'a docker cp inside an if',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh(
        'docker build -t b -f Dockerfile.build .',
        'if [ -n "$CI" ]; then',
        '  docker cp "$(docker create b)":/out/app ./app',
        'fi',
        'docker build -t x .',
      ),
    },
    expected: ['unrecognised-extraction'],
  },
  {
    name: 'an extracted tarball unpacked on the host into what the build copies',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY out/ /srv/'),
      'build.sh': sh(
        'docker build -t b -f Dockerfile.build .',
        'docker create --name c b',
        'docker cp c:/out/app.tgz ./app.tgz',
        'mkdir -p out',
        'tar -xzf app.tgz -C out',
        'docker build -t x .',
      ),
    },
    expected: ['host-step-between-extraction-and-build'],
  },
  packed(
    'an archive made on the host of the extraction (tar -czf X -C out .), unpacked by ADD: refused, not "0 setups"',
    'tar -czf app.tar.gz -C out .',
    'ADD app.tar.gz /opt/',
    ['unrecognised-extraction'],
    'app.tar.gz is made on the host from what docker wrote, by the command at line 6',
  ),
  packed('tar czf X out (old-style options)', 'tar czf app.tgz out', 'ADD app.tgz /opt/', ['unrecognised-extraction']),
  packed('tar --create --file=X out', 'tar --create --file=app.tar out', 'ADD app.tar /opt/', ['unrecognised-extraction']),
  packed('tar -c -f X out', 'tar -c -f app.tar out', 'ADD app.tar /opt/', ['unrecognised-extraction']),
  packed('bsdtar -cf X out', 'bsdtar -cf app.tar out', 'ADD app.tar /opt/', ['unrecognised-extraction']),
  packed('zip -r X out, copied as a file', 'zip -r app.zip out', 'COPY app.zip /opt/', ['unrecognised-extraction']),
  packed('tar -tf X out lists, makes nothing', 'tar -tf app.tar out', 'ADD app.tar /opt/', 'none'),
  packed('tar -czf X of a path docker did not write', 'tar -czf app.tar.gz docs', 'ADD app.tar.gz /opt/', 'none'),
  packed('gzip -k inside the extracted directory: refused as a host step', 'gzip -k out/app', 'COPY out/app.gz /opt/', [
    'host-step-between-extraction-and-build',
  ]),
  {
    name: 'ARG JAR_FILE=target/*.jar, COPY ${JAR_FILE} (the Spring Boot guide) fed by a toolchain mount',
    files: {
      'pom.xml': '<project/>\n',
      Dockerfile: runtime('ARG JAR_FILE=target/*.jar\nCOPY ${JAR_FILE} app.jar'),
      'build.sh': sh('docker run --rm -v "$PWD":/src -w /src maven:3.9 mvn -q package', 'docker build -t x .'),
    },
    expected: 'migrate',
    contains: { Dockerfile: 'COPY --from=builder --chown=0:0 /src/target/*.jar app.jar' },
  },
  {
    name: 'COPY $BIN with --build-arg BIN=… from a static shell variable',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('ARG BIN\nCOPY $BIN /usr/bin/app'),
      'build.sh': sh(
        'B=out/app',
        'docker build -t b -f Dockerfile.build .',
        'docker create --name c b',
        'docker cp c:/out ./out',
        'docker build --build-arg BIN="$B" -t x .',
      ),
    },
    expected: 'migrate',
    contains: { Dockerfile: 'COPY --from=builder /out/app /usr/bin/app' },
  },
  {
    name: 'COPY ${BIN} with a --build-arg known only at run time: refused, not "0 setups"',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('ARG BIN\nCOPY ${BIN} /usr/bin/app'),
      'build.sh': sh(
        'docker build -t b -f Dockerfile.build .',
        'docker create --name c b',
        'docker cp c:/out ./out',
        'docker build --build-arg BIN="$(ls out/*)" -t x .',
      ),
    },
    expected: ['unresolved-value'],
    says: 'COPY source ${BIN}',
  },
  {
    name: 'COPY out/app-${TARGETARCH}: BuildKit gives the platform, refused',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('ARG TARGETARCH=amd64\nCOPY out/app-${TARGETARCH} /usr/bin/app'),
      'build.sh': sh('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out ./out', 'docker build -t x .'),
    },
    expected: ['unresolved-value'],
  },
  {
    name: 'COPY ${BIN} unknown, and a test report copied out after the build: no setup',
    files: {
      Dockerfile: runtime('ARG BIN\nCOPY ${BIN} /usr/bin/app'),
      'build.sh': sh('docker build --build-arg BIN="$(ls bin/*)" -t x .', 'docker create --name t x', 'docker cp t:/reports ./reports'),
    },
    expected: 'none',
  },
  {
    name: 'a builder built by docker/build-push-action, copied out of in a run: step: refused, the action named',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /usr/bin/app'),
      '.github/workflows/ci.yml': actionWorkflow('app-builder:ci', 'docker create --name c app-builder:ci'),
    },
    expected: ['unrecognised-extraction'],
    says: 'the image it copies from, app-builder:ci, is built by the docker/build-push-action step at line 7',
  },
  {
    name: 'the same with tags as a list, and a container of an image the action did not tag: the action is not named',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /usr/bin/app'),
      '.github/workflows/ci.yml': actionWorkflow('[other:1]', 'docker create --name c app-builder:ci'),
    },
    expected: ['unrecognised-extraction'],
    says: 'the build that reads it is the docker/build-push-action step at line 12, which restage does not rewrite',
  },
  withGlobalOption('--log-level warn', 'migrate'),
  withGlobalOption('--log-level=error', 'migrate'),
  withGlobalOption('-l info', 'migrate'),
  withGlobalOption('-D', 'migrate'),
  withGlobalOption('--debug --log-level warn', 'migrate'),
  withGlobalOption('--context ci', ['unrecognised-extraction']),
  withGlobalOption('-H ssh://builder', ['unrecognised-extraction']),
  withGlobalOption('--config /tmp/cfg', ['unrecognised-extraction']),
  clientInVariable('sudo docker', '$DOCKER', 'migrate'),
  clientInVariable('docker --log-level warn', '${DOCKER}', 'migrate'),
  clientInVariable('sudo docker', '"$DOCKER"', ['unrecognised-extraction']),
  {
    name: 'a run: step compiles into the workspace, docker/build-push-action builds what it wrote: refused, the action named',
    files: {
      'main.go': 'package main\n',
      Dockerfile: runtime('COPY bin/app /usr/bin/app'),
      '.github/workflows/ci.yml': workflow(
        '      - run: docker run --rm -v ${{ github.workspace }}:/src -w /src golang:1.21 go build -o bin/app .',
        '      - uses: docker/build-push-action@v5',
        '        with: { context: ., push: true, tags: app:1 }',
      ),
    },
    expected: ['unrecognised-extraction'],
    says: 'the build that reads it is the docker/build-push-action step at line 8',
  },
  {
    name: 'Makefile: $(PWD) is the Makefile directory',
    files: {
      'main.go': 'package main\n',
      Dockerfile: runtime('COPY bin/y /y'),
      Makefile: 'image: y\n\tdocker build -t x .\ny:\n\tdocker run --rm -v $(PWD):/src -w /src golang:1.21 go build -o bin/y .\n',
    },
    expected: 'migrate',
  },
  {
    name: 'Makefile: $(shell pwd) is the Makefile directory',
    files: {
      'main.go': 'package main\n',
      Dockerfile: runtime('COPY z /z'),
      Makefile: 'image: z\n\tdocker build -t x .\nz:\n\tdocker run --rm -v $(shell pwd):/src -w /src golang:1.21 go build -o z .\n',
    },
    expected: 'migrate',
  },
  {
    // `npm ci` stays in the script and fills node_modules/ in the checkout, which the build context sends to the stage.
    name: 'two runs on one mount, the first kept: what it writes reaches the stage through the context',
    files: {
      'package.json': '{}\n',
      Dockerfile: runtime('COPY dist/ /srv/'),
      'build.sh': sh(
        'docker run --rm -v "$PWD":/app -w /app node:18 npm ci',
        'docker run --rm -v "$PWD":/app -w /app node:18 npm run build',
        'docker build -t x .',
      ),
    },
    expected: 'migrate',
    contains: { 'build.sh': 'node:18 npm ci\ndocker build -t x .\n' },
  },
  {
    name: 'a .dockerignore that hides part of the mounted checkout from the stage (node_modules, .git)',
    files: {
      '.dockerignore': 'node_modules\n',
      'package.json': '{}\n',
      Dockerfile: runtime('COPY dist/ /srv/'),
      'build.sh': sh(
        'docker run --rm -v "$PWD":/app -w /app node:18 npm ci',
        'docker run --rm -v "$PWD":/app -w /app node:18 npm run build',
        'docker build -t x .',
      ),
    },
    expected: ['build-context-mismatch'],
  },
  {
    name: 'two build runs on one mount whose outputs are both read',
    files: {
      'main.go': 'package main\n',
      Dockerfile: runtime('COPY bin/a /a\nCOPY bin/b /b'),
      'build.sh': sh(
        'docker run --rm -v "$PWD":/src -w /src golang:1.21 go build -o bin/a ./a',
        'docker run --rm -v "$PWD":/src -w /src golang:1.21 go build -o bin/b ./b',
        'docker build -t x .',
      ),
    },
    expected: ['unsupported-extraction'],
  },
  {
    name: 'GitHub Actions: ${{ github.workspace }} is the checkout',
    files: {
      'main.go': 'package main\n',
      Dockerfile: runtime('COPY app /app'),
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker run --rm -v ${{ github.workspace }}:/src -w /src golang:1.21 go build -o app\n      - run: docker build -t x .\n',
    },
    expected: 'migrate',
    contains: { '.github/workflows/ci.yml': '    steps:\n      - run: docker build -t x .\n' },
  },
  {
    name: 'GitLab CI: $CI_PROJECT_DIR is the checkout',
    files: {
      'main.go': 'package main\n',
      Dockerfile: runtime('COPY app /app'),
      '.gitlab-ci.yml': 'build:\n  script:\n    - docker run --rm -v "$CI_PROJECT_DIR":/src -w /src golang:1.21 go build -o app\n    - docker build -t x .\n',
    },
    expected: 'migrate',
  },
  {
    name: 'a host directory beside the checkout (~/.m2): its files (settings) would be missing from a stage',
    files: {
      'pom.xml': '<project/>\n',
      Dockerfile: runtime('COPY target/*.jar /app.jar'),
      'build.sh': sh('docker run --rm -v "$PWD":/src -v "$HOME/.m2":/root/.m2 -w /src maven:3 mvn package', 'docker build -t x .'),
    },
    expected: ['unsupported-docker-flag'],
  },
  {
    name: 'a container made from the builder tag before the driver builds it',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh('docker create --name c b', 'docker build -t b -f Dockerfile.build .', 'docker cp c:/out/app ./app', 'docker build -t x .'),
    },
    expected: ['unsupported-extraction'],
  },
  {
    name: 'a writable mount of a tracked output directory (dist/.gitkeep) that a build copies',
    files: {
      'dist/.gitkeep': '',
      Dockerfile: runtime('COPY dist/ /srv/'),
      'build.sh': sh('docker run --rm -v "$PWD/dist":/out local/build:1 sh -c "echo hi > /out/app"', 'docker build -t x .'),
    },
    expected: 'migrate',
    contains: { Dockerfile: 'COPY dist /out' },
  },
  {
    name: 'a writable mount of a tracked directory, a file in which a build copies',
    files: {
      'dist/.gitkeep': '',
      Dockerfile: runtime('COPY dist/.gitkeep /srv/'),
      'build.sh': sh('docker run --rm -v "$PWD/dist":/out local/build:1 sh -c "echo hi > /out/.gitkeep"', 'docker build -t x .'),
    },
    expected: ['unrecognised-extraction'],
  },
  {
    name: 'a read-only mount of a tracked directory is no write',
    files: {
      'dist/.gitkeep': '',
      Dockerfile: runtime('COPY dist/ /srv/'),
      'build.sh': sh('docker run --rm -v "$PWD/dist":/out:ro local/build:1 ls /out', 'docker build -t x .'),
    },
    expected: 'none',
  },
  {
    name: 'a build that copies the directory above a tracked mount (a linter on src/, then COPY . .)',
    files: {
      'src/main.go': 'package main\n',
      Dockerfile: runtime('COPY . /src/'),
      'build.sh': sh('docker run --rm -v "$PWD/src":/src -w /src golang:1.22 go vet ./...', 'docker build -t x .'),
    },
    expected: 'none',
  },
  {
    name: 'a tracked mount written after the build that copies it',
    files: {
      'dist/.gitkeep': '',
      Dockerfile: runtime('COPY dist/ /srv/'),
      'build.sh': sh('docker build -t x .', 'docker run --rm -v "$PWD/dist":/out x sh -c "echo hi > /out/app"'),
    },
    expected: 'none',
  },
  {
    name: 'buildah mount, then a host cp out of the mounted container',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY dist/app /app'),
      'build.sh': sh(
        'buildah bud -f Dockerfile.build -t b .',
        'ctr=$(buildah from b)',
        'mnt=$(buildah mount "$ctr")',
        'mkdir -p dist && cp "$mnt/out/app" dist/app',
        'buildah bud -t x .',
      ),
    },
    expected: ['unrecognised-extraction'],
  },
  {
    name: 'buildah bud --output (its build exports to the host)',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY dist/app /app'),
      'build.sh': sh('buildah bud -f Dockerfile.build --output type=local,dest=dist .', 'buildah bud -t x .'),
    },
    expected: ['unrecognised-extraction'],
  },
  {
    name: 'buildah that only builds and pushes',
    files: {
      'main.go': 'package main\n',
      Dockerfile: runtime('COPY main.go /src/'),
      'build.sh': sh('buildah bud -t registry.example.com/x .', 'buildah push registry.example.com/x'),
    },
    expected: 'none',
  },
  {
    name: 'docker compose cp out of a service container',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY dist/app /app'),
      'compose.build.yml': 'services:\n  builder:\n    build:\n      context: .\n      dockerfile: Dockerfile.build\n',
      'build.sh': sh(
        'docker compose -f compose.build.yml build builder',
        'docker compose -f compose.build.yml create builder',
        'docker compose -f compose.build.yml cp builder:/out/app dist/app',
        'docker build -t x .',
      ),
    },
    expected: ['unrecognised-extraction'],
    says: "docker compose cp out of a service's container writes dist/app, which Dockerfile:2 (dist/app) reads; restage does not migrate compose services",
  },
  {
    name: 'docker-compose cp (the hyphenated client) out of a service container',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY dist/app /app'),
      'docker-compose.yml': 'services:\n  builder:\n    build:\n      context: .\n      dockerfile: Dockerfile.build\n',
      'build.sh': sh('docker-compose build builder', 'docker-compose create builder', 'docker-compose cp builder:/out/app dist/app', 'docker build -t x .'),
    },
    expected: ['unrecognised-extraction'],
    says: "docker compose cp out of a service's container writes dist/app",
  },
  {
    name: 'docker compose cp into a service container is no extraction',
    files: {
      Dockerfile: runtime('COPY dist/app /app'),
      'dist/app': 'a\n',
      'docker-compose.yml': 'services:\n  web:\n    image: local/run:1\n',
      'build.sh': sh('docker compose create web', 'docker compose cp dist/app web:/srv/app', 'docker build -t x .'),
    },
    expected: 'none',
  },
  {
    name: 'docker-compose (the hyphenated client) runs a builder service',
    files: {
      Dockerfile: runtime('COPY build/ /srv/'),
      'docker-compose.yml': 'services:\n  build:\n    image: node:18\n    volumes:\n      - .:/app\n  web:\n    build: .\n',
      'build.sh': sh('docker-compose run --rm build', 'docker-compose build web'),
    },
    expected: ['unrecognised-extraction'],
  },
  {
    name: 'docker export piped into tar -x, read by COPY',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: 'FROM scratch\nCOPY rootfs/ /\n',
      'build.sh': sh('docker build -t b -f Dockerfile.build .', 'mkdir rootfs', 'docker export $(docker create b) | tar -x -C rootfs', 'docker build -t x .'),
    },
    expected: ['unrecognised-extraction'],
  },
  {
    name: 'GitHub Actions: docker/build-push-action exports to out/, a later build copies it',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY out/out/app /app'),
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/build-push-action@v5\n        with:\n          context: .\n          file: Dockerfile.build\n          outputs: type=local,dest=out\n      - run: docker build -t x .\n',
    },
    expected: ['unrecognised-extraction'],
  },
  {
    name: 'GitHub Actions: build-push-action exports release binaries; its own Dockerfile copies the whole context',
    files: {
      'Dockerfile.build': 'FROM local/build:1\nCOPY . /src\nRUN mkdir /out && cp /src/README /out/app\n',
      README: 'r\n',
      '.github/workflows/release.yml':
        'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/build-push-action@v5\n        with:\n          context: .\n          file: Dockerfile.build\n          outputs: type=local,dest=out\n      - uses: softprops/action-gh-release@v2\n        with:\n          files: out/out/app\n',
    },
    expected: 'none',
  },
  {
    name: 'GitHub Actions: an earlier build-push-action step does not read a later export',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: 'FROM local/run:1\nCOPY . /srv\n',
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/build-push-action@v5\n        with:\n          context: .\n          push: true\n      - uses: docker/build-push-action@v5\n        with:\n          context: .\n          file: Dockerfile.build\n          outputs: type=local,dest=out\n',
    },
    expected: 'none',
  },
  {
    name: 'GitHub Actions: a run step moves the export where a later build-push-action copies it',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /app'),
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/build-push-action@v5\n        with:\n          context: .\n          file: Dockerfile.build\n          outputs: type=local,dest=out\n      - run: cp ./out/out/app app\n      - uses: docker/build-push-action@v5\n        with:\n          context: .\n          tags: me/app:latest\n',
    },
    expected: ['unrecognised-extraction'],
  },
  {
    name: 'GitHub Actions: a run step that names another path leaves the export where it is',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /app'),
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/build-push-action@v5\n        with:\n          context: .\n          file: Dockerfile.build\n          outputs: type=local,dest=out\n      - run: ls output/ layout\n      - uses: docker/build-push-action@v5\n        with:\n          context: .\n          tags: me/app:latest\n',
    },
    expected: 'none',
  },
  {
    name: 'GitHub Actions: docker/build-push-action that only pushes',
    files: {
      Dockerfile: 'FROM local/run:1\nCOPY README /\n',
      README: 'r\n',
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v5\n        with:\n          context: .\n          push: true\n',
    },
    expected: 'none',
  },
  {
    name: 'trap \'docker rm -f "$CID"\' EXIT goes with the extraction container',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh(
        'docker build -t b -f Dockerfile.build .',
        'CID=$(docker create b)',
        `trap 'docker rm -f "$CID" >/dev/null' EXIT`,
        'docker cp "$CID":/out/app ./app',
        'docker build -t x .',
      ),
    },
    expected: 'migrate',
    contains: { 'build.sh': '#!/bin/sh\nset -e\ndocker build -t x .\n' },
  },
  {
    name: 'a kept line that reads the id only the removed create set',
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh(
        'docker build -t b -f Dockerfile.build .',
        'CID=$(docker create b)',
        `trap 'echo "cleaning $CID"; docker rm -f "$CID"' EXIT`,
        'docker cp "$CID":/out/app ./app',
        'docker build -t x .',
      ),
    },
    expected: ['unsupported-extraction'],
  },
  {
    name: 'docker run -v on an image named by a variable: carried as a global ARG',
    files: {
      'main.go': 'package main\n',
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh('docker run --rm -v "$PWD":/src -w /src "golang:${GO_VERSION:-1.22}" go build -o app', 'docker build -t x .'),
    },
    expected: 'migrate',
    contains: {
      Dockerfile: 'ARG GO_VERSION\n\nFROM golang:${GO_VERSION} AS builder',
      'build.sh': 'docker build --build-arg "GO_VERSION=${GO_VERSION:-1.22}" -t x .',
    },
  },
  {
    name: 'a carried image variable whose name the runtime Dockerfile uses too',
    files: {
      'main.go': 'package main\n',
      Dockerfile: 'ARG GO_IMAGE=alpine\nFROM ${GO_IMAGE}\nCOPY app /app\n',
      'build.sh': sh('docker run --rm -v "$PWD":/src -w /src "$GO_IMAGE" go build -o app', 'docker build -t x .'),
    },
    expected: ['build-arg-conflict'],
  },
  {
    name: 'an image word with a command substitution is not carried',
    files: {
      'main.go': 'package main\n',
      Dockerfile: runtime('COPY app /app'),
      'build.sh': sh('docker run --rm -v "$PWD":/src -w /src "golang:$(cat .go-version)" go build -o app', 'docker build -t x .'),
    },
    expected: ['unsupported-docker-flag'],
  },
  // Look-alikes: no image build reads what the docker commands write.
  {
    name: 'tests in a container on the mounted checkout',
    files: {
      'package.json': '{}\n',
      Dockerfile: runtime('COPY package.json /app/'),
      'test.sh': sh('docker run --rm -v "$PWD":/app -w /app node:20 npm test', 'docker build -t x .'),
    },
    expected: 'none',
  },
  {
    name: 'a junit report copied out of a detached test container after the image build',
    files: {
      'Dockerfile.test': 'FROM local/build:1\nCOPY . /src\n',
      'test.sh': sh(
        'docker build -t t -f Dockerfile.test .',
        'docker run -d --name t t sh -c "echo ok > /r.xml"',
        'docker wait t',
        'docker cp t:/r.xml ./reports.xml',
        'docker rm -f t',
      ),
    },
    expected: 'none',
  },
  {
    name: 'release binaries copied out, no image reads them',
    files: {
      'Dockerfile.build': BUILDER,
      'release.sh': sh('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./release/app', 'docker rm c'),
    },
    expected: 'none',
  },
  {
    name: 'COPY . . reading a report the .dockerignore keeps out',
    files: {
      '.dockerignore': 'coverage\n',
      Dockerfile: 'FROM local/run:1\nCOPY . /app\n',
      'ci.sh': sh('docker run --rm -v "$PWD/coverage":/coverage local/build:1 sh -c "echo 1 > /coverage/c"', 'docker build -t x .'),
    },
    expected: 'none',
  },
  {
    name: 'a Dockerfile that is already multi-stage',
    files: { Dockerfile: 'FROM local/build:1 AS b\nRUN echo > /app\nFROM local/run:1\nCOPY --from=b /app /app\n', 'build.sh': sh('docker build -t x .') },
    expected: 'none',
  },
  {
    name: 'docker cp into a container',
    files: {
      Dockerfile: runtime('COPY conf /etc/conf'),
      conf: 'c\n',
      'build.sh': sh('docker build -t x .', 'docker create --name c x', 'docker cp ./conf c:/etc/conf'),
    },
    expected: 'none',
  },
  ...unreadClientRows(),
  ...bakeRows(),
  ...imageReadRows(),
  ...runMountRows(),
  ...execRows(),
  ...engineApiRows(),
];

/** A JS script copying out of a container through dockerode (the Engine API) beside an image build: refused, never "0 setups". */
function engineApiRows(): Row[] {
  const js = (...body: string[]) =>
    ["const Docker = require('dockerode');", 'const docker = new Docker();', 'async function main() {', ...body, '}', 'main();', ''].join('\n');
  const files = (script: string): Record<string, string> => ({ 'Dockerfile.build': BUILDER, Dockerfile: runtime('COPY dist/app /app'), 'build.js': script });
  const copyOut = "  const archive = await docker.getContainer('c').getArchive({ path: '/out/app' });";
  const tc = (...body: string[]) =>
    [
      "const { GenericContainer } = require('testcontainers');",
      'async function main() {',
      "  const c = await new GenericContainer('b').withCommand(['sleep', '60']).start();",
      ...body,
      '}',
      'main();',
      '',
    ].join('\n');
  return [
    {
      name: 'dockerode getArchive beside docker.buildImage',
      files: files(js("  await docker.buildImage('.', { t: 'b' });", copyOut)),
      expected: ['unsupported-driver'],
      says: 'Docker Engine API (dockerode)',
    },
    {
      name: 'dockerode container.export beside a docker build command',
      files: files(js("  require('child_process').execSync('docker build -t x .');", "  const s = await docker.getContainer('c').export();")),
      expected: ['unsupported-driver'],
    },
    // The image is built elsewhere (or pulled): a copy to a place restage cannot tell, and a Dockerfile nothing builds reads what the checkout lacks.
    { name: 'dockerode getArchive without an image build', files: files(js(copyOut)), expected: ['unrecognised-extraction'] },
    {
      name: 'dockerode getArchive without an image build, and nothing reads what the checkout lacks',
      files: { ...files(js(copyOut)), Dockerfile: runtime('COPY build.js /app') },
      expected: 'none',
    },
    // Testcontainers' copies out (a build script that runs the builder image as a test container).
    {
      name: 'Testcontainers copyArchiveFromContainer beside a docker build command',
      files: files(
        tc("  require('child_process').execSync('docker build -t b -f Dockerfile.build .');", "  const s = await c.copyArchiveFromContainer('/out/app');"),
      ),
      expected: ['unsupported-driver'],
      says: 'Docker Engine API (Testcontainers)',
    },
    {
      name: 'Testcontainers copyFileFromContainer in a file that names no docker (no driver; one that runs it finds it as a program)',
      files: files(tc("  await c.copyFileFromContainer('/out/app', 'dist/app');")),
      expected: 'none',
    },
    {
      name: "Testcontainers' call where only dockerode is imported",
      files: files(js("  require('child_process').execSync('docker build -t b .');", "  const s = await c.copyArchiveFromContainer('/out/app');")),
      expected: 'none',
    },
    {
      name: 'both libraries imported, the copy through Testcontainers',
      files: files(
        `const Docker = require('dockerode');\n${tc("  require('child_process').execSync('docker build -t b -f Dockerfile.build .');", "  const s = await c.copyArchiveFromContainer('/out/app');")}`,
      ),
      expected: ['unsupported-driver'],
      says: 'Docker Engine API (Testcontainers)',
    },
    {
      name: 'getArchive of another library beside buildImage',
      files: files(js("  await docker.buildImage('.', { t: 'b' });", copyOut).replace("require('dockerode')", "require('./engine')")),
      expected: 'none',
    },
  ];
}

/** `docker exec` of a running container, its output redirected or piped into what a build copies: refused, never "0 setups". */
function execRows(): Row[] {
  const around = (cmd: string, consumer = 'COPY bin/app /app'): Record<string, string> => ({
    'Dockerfile.build': BUILDER,
    Dockerfile: runtime(consumer),
    'build.sh': sh(
      'docker build -t b -f Dockerfile.build .',
      'docker run -d --name c b sleep 600',
      'mkdir -p bin',
      cmd,
      'docker rm -f c',
      'docker build -t x .',
    ),
  });
  return [
    {
      name: 'docker exec … cat > file',
      files: around('docker exec c cat /out/app > bin/app'),
      expected: ['unsupported-extraction'],
      says: 'docker exec with its output in a file',
    },
    {
      name: 'docker container exec -i … cat > file',
      files: around('docker container exec -i c cat /out/app > bin/app'),
      expected: ['unsupported-extraction'],
      says: 'docker container exec with its output',
    },
    {
      name: 'docker exec … tar -c | tar -x',
      files: around('docker exec c tar -c -C /out app | tar -x -C bin'),
      expected: ['unrecognised-extraction'],
      says: "a docker exec's output writes bin",
    },
    { name: 'docker exec whose output no build reads', files: around('docker exec c ls /out > bin/list.txt', 'COPY main.txt /app'), expected: 'none' },
    { name: 'docker exec without a redirect', files: around('docker exec c ls /out', 'COPY main.txt /app'), expected: 'none' },
  ];
}

/**
 * A runtime Dockerfile that reads the extracted file through `RUN --mount` of the build context
 * instead of COPY: the same flow (never "0 setups"), refused since a COPY --from cannot stand in for
 * a mount of the whole directory.
 */
function runMountRows(): Row[] {
  const extracting = (consumer: string, expected: Row['expected'], says?: string): Omit<Row, 'name'> => ({
    files: {
      'Dockerfile.build': BUILDER,
      Dockerfile: runtime(consumer),
      'build.sh': sh(
        'docker build -t b -f Dockerfile.build .',
        'docker create --name c b',
        'mkdir -p bin',
        'docker cp c:/out/app bin/app',
        'docker rm c',
        'docker build -t x .',
      ),
    },
    expected,
    ...(says ? { says } : {}),
  });
  const REFUSED = ['copy-source-contains-artifact'];
  return [
    {
      name: 'RUN --mount=type=bind,source=bin of the extracted directory',
      ...extracting('RUN --mount=type=bind,source=bin,target=/mnt cp /mnt/app /usr/bin/app', REFUSED, 'RUN --mount=type=bind copies the extracted bin/app'),
    },
    { name: 'RUN --mount with the default type (bind) and src=./bin', ...extracting('RUN --mount=src=./bin,target=/mnt cp /mnt/app /usr/bin/app', REFUSED) },
    { name: 'RUN --mount=type=bind of the whole context', ...extracting('RUN --mount=type=bind,target=/src cp /src/bin/app /usr/bin/app', REFUSED) },
    {
      name: 'RUN --mount=type=bind of the extracted file itself',
      ...extracting('RUN --mount=type=bind,source=/bin/app,target=/app cp /app /usr/bin/app', REFUSED),
    },
    { name: 'RUN --mount=type=bind of another directory', ...extracting('RUN --mount=type=bind,source=conf,target=/mnt true\nCOPY bin/app /app', 'migrate') },
    {
      name: 'RUN --mount=type=bind from a stage',
      ...extracting('RUN --mount=type=bind,from=local/build:1,source=/bin,target=/mnt true\nCOPY bin/app /app', 'migrate'),
    },
    ...[
      ['a runtime build with a flag restage cannot read (--build-context): its refusal stands', 'docker buildx build --build-context art=./dist -t x .'],
      ['docker image build with a flag restage cannot read', 'docker image build --annotation a=b -t x .'],
    ].map(([name, build]) => ({
      name: name!,
      files: {
        'Dockerfile.build': BUILDER,
        Dockerfile: runtime('COPY --from=art app /app'),
        'build.sh': sh('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out ./dist', 'docker rm c', build!),
      },
      expected: ['unknown-docker-flag'],
    })),
    { name: 'RUN --mount=type=cache', ...extracting('RUN --mount=type=cache,target=/root/.cache true\nCOPY bin/app /app', 'migrate') },
  ];
}

/**
 * A later build reading an earlier build's image by its tag (no host in between): refused with
 * image-copied-between-builds where it is the builder pattern split in two, left alone where the image
 * is a base the final stage builds on, or not the one the driver built (before it, another driver's).
 */
function imageReadRows(): Row[] {
  const REFUSED = ['image-copied-between-builds'];
  const twoBuilds = (
    runtimeDf: string,
    builds = ['docker build -t b -f Dockerfile.build .', 'docker build -t x .'],
    expected: Row['expected'] = REFUSED,
    says?: string,
  ): Omit<Row, 'name'> => ({
    files: { 'Dockerfile.build': BUILDER, Dockerfile: runtimeDf, 'build.sh': sh(...builds) },
    expected,
    ...(says ? { says } : {}),
  });
  return [
    {
      name: 'COPY --from=TAG of an image the driver built first',
      ...twoBuilds(runtime('COPY --from=b /out/app /app'), undefined, REFUSED, 'COPY --from=b reads an image that build.sh:3 builds from Dockerfile.build'),
    },
    { name: 'ADD --from=TAG', ...twoBuilds(runtime('ADD --from=b /out/app /app'), undefined, REFUSED, 'ADD --from=b reads') },
    { name: 'COPY --from with the tag spelled as a full reference', ...twoBuilds(runtime('COPY --from=docker.io/library/b:latest /out/app /app')) },
    {
      name: 'COPY --from=TAG: the last build of the tag before it is named',
      ...twoBuilds(
        runtime('COPY --from=b /out/app /app'),
        ['docker build -t b -f Dockerfile.build .', 'docker build -t b -f Dockerfile.build .', 'docker build -t x .'],
        REFUSED,
        'build.sh:4 builds',
      ),
    },
    {
      name: 'COPY --from=TAG of an image built by --tag=',
      ...twoBuilds(runtime('COPY --from=b:2 /out/app /app'), ['docker build --tag=b:2 -f Dockerfile.build .', 'docker build -t x .']),
    },
    {
      name: 'a stage FROM TAG that only a COPY --from reads',
      ...twoBuilds('FROM b AS tools\nFROM local/run:1\nCOPY --from=tools /out/app /app\n', undefined, REFUSED, 'FROM b reads'),
    },
    { name: 'a final stage FROM a locally built base image', ...twoBuilds('FROM b\nRUN true\n', undefined, 'none') },
    { name: 'a final stage built on a stage FROM a locally built image', ...twoBuilds('FROM b AS base\nFROM base\nRUN true\n', undefined, 'none') },
    {
      name: 'COPY --from=NAME of a stage of the same file, named like a tag the driver built',
      ...twoBuilds('FROM local/build:1 AS b\nRUN echo > /app\nFROM local/run:1\nCOPY --from=b /app /app\n', undefined, 'none'),
    },
    {
      name: 'COPY --from=0 (a stage number)',
      ...twoBuilds('FROM local/build:1\nRUN echo > /app\nFROM local/run:1\nCOPY --from=0 /app /app\n', undefined, 'none'),
    },
    {
      name: 'COPY --from=TAG built only after the build that reads it',
      ...twoBuilds(runtime('COPY --from=b /out/app /app'), ['docker build -t x .', 'docker build -t b -f Dockerfile.build .'], 'none'),
    },
    { name: 'COPY --from=TAG of a tag the driver never builds', ...twoBuilds(runtime('COPY --from=other /out/app /app'), undefined, 'none') },
    {
      name: 'COPY --from=TAG where the tag is known only at run time',
      ...twoBuilds(runtime('COPY --from=b /out/app /app'), ['docker build -t "$IMG" -f Dockerfile.build .', 'docker build -t x .'], 'none'),
    },
    {
      name: 'COPY --from=TAG in a package.json script that only builds',
      files: {
        'Dockerfile.build': BUILDER,
        Dockerfile: runtime('COPY --from=b /out/app /app'),
        'package.json': '{"scripts":{"lint":"eslint .","image":"docker build -t b -f Dockerfile.build . && docker image build -t x ."}}\n',
      },
      expected: REFUSED,
      says: 'package.json:1 builds',
    },
    {
      name: 'a package.json script that builds twice without a tag',
      files: {
        'Dockerfile.build': BUILDER,
        Dockerfile: runtime('COPY --from=b /out/app /app'),
        'package.json': '{"scripts":{"image":"docker build -f Dockerfile.build . && docker build ."}}\n',
      },
      expected: 'none',
    },
    {
      name: 'COPY --from=TAG built by another driver',
      files: {
        'Dockerfile.build': BUILDER,
        Dockerfile: runtime('COPY --from=b /out/app /app'),
        'build.sh': sh('docker build -t x .'),
        'builder.sh': sh('docker build -t b -f Dockerfile.build .'),
      },
      expected: 'none',
    },
  ];
}

/** `docker buildx bake` whose bake file exports to the host: refused, never "0 setups". */
function bakeRows(): Row[] {
  const hcl = (output: string) => `target "artifact" {\n  dockerfile = "Dockerfile.build"\n  ${output}\n}\n`;
  const repo = (bakeFile: Record<string, string>, cmd = 'docker buildx bake artifact', copy = 'COPY out/app /app') => ({
    'Dockerfile.build': BUILDER,
    Dockerfile: runtime(copy),
    'build.sh': sh(cmd, 'docker build -t x .'),
    ...bakeFile,
  });
  return [
    {
      name: 'bake: an HCL target exporting to a local dest',
      files: repo({ 'docker-bake.hcl': hcl('output = ["type=local,dest=out"]') }),
      expected: ['unrecognised-extraction'],
    },
    {
      name: 'bake: a JSON target exporting to a local dest',
      files: repo({
        'docker-bake.json': JSON.stringify({ target: { artifact: { dockerfile: 'Dockerfile.build', output: ['type=local,dest=out'] } } }, null, 2),
      }),
      expected: ['unrecognised-extraction'],
    },
    {
      name: 'bake: the file named with -f',
      files: repo({ 'ci/bake.hcl': hcl('output = ["type=tar,dest=out/app"]') }, 'docker buildx bake -f ci/bake.hcl artifact'),
      expected: ['unrecognised-extraction'],
    },
    {
      name: "bake: a compose file's x-bake output, one per line",
      files: repo({
        'compose.yaml':
          'services:\n  artifact:\n    build:\n      dockerfile: Dockerfile.build\n      x-bake:\n        output:\n          - type=local,dest=out\n',
      }),
      expected: ['unrecognised-extraction'],
    },
    {
      name: "bake: a compose file's x-bake output on its line",
      files: repo({
        'compose.yaml': 'services:\n  artifact:\n    build:\n      dockerfile: Dockerfile.build\n      x-bake:\n        output: type=local,dest=out\n',
      }),
      expected: ['unrecognised-extraction'],
    },
    {
      name: 'docker bake -o on the command line',
      files: repo({ 'docker-bake.hcl': hcl('tags = ["b"]') }, 'docker bake -o out artifact'),
      expected: ['unrecognised-extraction'],
    },
    {
      name: 'docker bake (the newer spelling)',
      files: repo({ 'docker-bake.hcl': hcl('output = ["dest=out"]') }, 'docker bake artifact'),
      expected: ['unrecognised-extraction'],
    },
    {
      name: 'bake: a target that loads an image writes nothing on the host',
      files: { ...repo({ 'docker-bake.hcl': hcl('tags = ["b"]') }), 'out/app': 'x\n' },
      expected: 'none',
    },
    {
      name: 'bake: a registry export writes nothing on the host',
      files: { ...repo({ 'docker-bake.hcl': hcl('output = ["type=registry"]') }), 'out/app': 'x\n' },
      expected: 'none',
    },
  ];
}

/**
 * A client restage cannot name (computed at run time, an alias, a function, a bash array) that copies,
 * mounts or exports what a build reads: refused, never "0 setups"; look-alikes that copy from a bucket,
 * a pod or a read-only mount stay no setup.
 */
function unreadClientRows(): Row[] {
  const engine = 'ENGINE=$(command -v podman || command -v docker)';
  const legacy = (...lines: string[]) => ({
    'Dockerfile.build': BUILDER,
    Dockerfile: runtime('COPY app /app'),
    'build.sh': sh(...lines),
  });
  const refused = ['unrecognised-extraction'];
  const viaEngine = (cp: string) => legacy(engine, '$ENGINE build -t b -f Dockerfile.build .', '$ENGINE create --name x b', cp, '$ENGINE build -t x .');
  const mounted = (run: string, copy = 'COPY out/app /app') => ({
    Dockerfile: runtime(copy),
    'build.sh': sh(engine, run, '$ENGINE build -t x .'),
  });
  return [
    { name: 'a client computed at run time: $ENGINE cp', files: viaEngine('$ENGINE cp x:/out/app ./app'), expected: refused },
    { name: 'a client computed at run time: $ENGINE container cp -a', files: viaEngine('$ENGINE container cp -a x:/out/app app'), expected: refused },
    {
      name: 'a shell function standing for docker',
      files: legacy('d() { docker "$@"; }', 'd build -t b -f Dockerfile.build .', 'd create --name x b', 'd cp x:/out/app ./app', 'd build -t x .'),
      expected: refused,
    },
    {
      name: 'an alias of docker',
      files: legacy('alias dk=docker', 'dk build -t b -f Dockerfile.build .', 'dk create --name x b', 'dk cp x:/out/app ./app', 'dk build -t x .'),
      expected: refused,
    },
    {
      name: 'a bash array holding the client',
      files: legacy(
        'DOCKER=(sudo docker)',
        '"${DOCKER[@]}" build -t b -f Dockerfile.build .',
        '"${DOCKER[@]}" create --name x b',
        '"${DOCKER[@]}" cp x:/out/app ./app',
        '"${DOCKER[@]}" build -t x .',
      ),
      expected: refused,
    },
    {
      name: 'an unread client bind-mounting the output',
      files: mounted('$ENGINE run --rm -v "$PWD/out:/out" local/build:1 sh -c "echo hi > /out/app"'),
      expected: refused,
    },
    {
      name: 'an unread client with --volume=',
      files: mounted('$ENGINE run --rm --volume="$PWD/out:/out" local/build:1 sh -c "echo hi > /out/app"'),
      expected: refused,
    },
    {
      name: 'an unread client with --mount type=bind',
      files: mounted('$ENGINE run --rm --mount type=bind,source="$PWD/out",target=/out local/build:1 true'),
      expected: refused,
    },
    {
      name: 'an unread client with a read-only mount writes nothing',
      files: { ...mounted('$ENGINE run --rm -v "$PWD/out:/out:ro" local/build:1 true'), 'out/app': 'x\n' },
      expected: 'none',
    },
    {
      name: 'an unread client with a read-only --mount writes nothing',
      files: { ...mounted('$ENGINE run --rm --mount type=bind,source="$PWD/out",target=/out,readonly local/build:1 true'), 'out/app': 'x\n' },
      expected: 'none',
    },
    { name: 'a named volume is no host path', files: { ...mounted('$ENGINE run --rm -v cache:/out local/build:1 true'), 'out/app': 'x\n' }, expected: 'none' },
    {
      name: 'an unread client exporting with --output',
      files: { ...mounted('$ENGINE build -f Dockerfile.build --output type=local,dest=out .'), 'Dockerfile.build': BUILDER },
      expected: refused,
    },
    {
      name: 'an unread client exporting with -o dest=',
      files: { ...mounted('$ENGINE build -f Dockerfile.build -o dest=out .'), 'Dockerfile.build': BUILDER },
      expected: refused,
    },
    {
      name: 'an export to a registry writes nothing on the host',
      files: { ...mounted('$ENGINE build -f Dockerfile.build --output type=registry .'), 'Dockerfile.build': BUILDER, 'out/app': 'x\n' },
      expected: 'none',
    },
    { name: 'go build -o is no export', files: { ...mounted('go build -o out/app .'), 'main.go': 'package main\n' }, expected: 'none' },
    { name: "a package's own build --output", files: { ...mounted('pnpm build --output out'), 'package.json': '{}\n' }, expected: 'none' },
    { name: 'a copy from a bucket', files: mounted('s5cmd cp s3://bucket/app out/app'), expected: 'none' },
    { name: 'aws s3 cp', files: mounted('aws s3 cp s3://bucket/app out/app'), expected: 'none' },
    { name: 'kubectl cp from a pod', files: mounted('kubectl cp builder-0:/out/app out/app'), expected: 'none' },
    {
      name: 'an unread client copying into a container',
      files: {
        Dockerfile: runtime('COPY conf /etc/conf'),
        conf: 'c\n',
        'build.sh': sh(engine, '$ENGINE build -t x .', '$ENGINE create --name c x', '$ENGINE cp ./conf c:/etc/conf'),
      },
      expected: 'none',
    },
  ];
}

function writeRepo(files: Record<string, string>): string {
  const dir = tempDir('restage-detect-');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('artifact-first detection', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const dir = writeRepo(row.files);
    const run = await runCli(['migrate', '--format', 'json', '.'], dir);
    const report = JSON.parse(run.stdout) as { setups: { status: string; diagnostics: { ruleId: string; severity: string; message: string }[] }[] };
    if (row.expected === 'none') {
      expect(report.setups, run.stdout).toEqual([]);
      expect(run.code).toBe(0);
      return;
    }
    expect(report.setups).toHaveLength(1);
    const setup = report.setups[0]!;
    if (row.expected === 'migrate') {
      expect(setup.status, JSON.stringify(setup.diagnostics)).toBe('migrate');
      await runCli(['migrate', '--write', '.'], dir);
      for (const [file, snippet] of Object.entries(row.contains ?? {})) expect(fs.readFileSync(path.join(dir, file), 'utf8')).toContain(snippet);
      return;
    }
    expect(setup.status).toBe('refused');
    expect(run.code).toBe(1);
    expect([...new Set(setup.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId))]).toEqual(row.expected);
    if (row.says) expect(setup.diagnostics.find((d) => d.severity === 'error')?.message).toContain(row.says);
  });

  it('a directory inside another scanned whole is not scanned twice', async () => {
    const row = rows.find((r) => r.name.startsWith('docker cp $(docker create'))!;
    const dir = writeRepo(Object.fromEntries(Object.entries(row.files).map(([k, v]) => [`sub/${k}`, v])));
    const run = await runCli(['migrate', '--format', 'json', 'sub', '.'], dir);
    expect((JSON.parse(run.stdout) as { setups: unknown[] }).setups).toHaveLength(1);
  });

  it('--verbose says why a file that runs docker is not a setup', async () => {
    const dir = writeRepo(rows.find((r) => r.name.startsWith('tests in a container'))!.files);
    const run = await runCli(['migrate', '--verbose', '.'], dir);
    expect(run.stderr).toContain('test.sh: not a setup: no image build reads what its docker commands write');
    expect(run.code).toBe(0);
  });
});
