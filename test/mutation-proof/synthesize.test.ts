import { describe, expect, it } from 'vitest';
import { migrateRepo } from './migrate-repo.js';

/**
 * What the synthesiser writes for one setup at a time, file by file: the merged Dockerfile's header
 * (directives, global ARGs), stage names and numbered references, COPY --from splices and splits, the
 * stages made from docker run and host steps, and the driver with its builder steps spliced out.
 */

const BUILD_SH =
  '#!/bin/sh\nset -e\ndocker build -t b -f Dockerfile.build .\ndocker create --name c b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t app .\nrm app\n';
const BUILDER = 'FROM golang\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app\n';

describe('the merged Dockerfile', () => {
  it('puts every parser directive once and the global ARGs of both files at the top', async () => {
    const r = await migrateRepo({
      'build.sh': BUILD_SH,
      'Dockerfile.build':
        '# syntax=docker/dockerfile:1\n# check=skip=all\nARG GO=1.22\nARG GO=1.22\nFROM golang:${GO}\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app\n',
      Dockerfile: '#syntax=docker/dockerfile:1\nARG BASE=alpine\n\nFROM ${BASE}\nCOPY app /usr/bin/app\n',
    });
    expect(r.code).toBe(0);
    expect(r.files.Dockerfile).toMatchInlineSnapshot(`
      "# syntax=docker/dockerfile:1
      # check=skip=all
      ARG GO=1.22
      ARG BASE=alpine

      FROM golang:\${GO} AS builder
      WORKDIR /src
      COPY . .
      RUN go build -o /out/app

      FROM \${BASE}
      COPY --from=builder /out/app /usr/bin/app
      "
    `);
    expect(r.files['build.sh']).toMatchInlineSnapshot(`
      "#!/bin/sh
      set -e
      docker build -t app .
      "
    `);
  });

  it('names the numbered stages a prepended builder would shift, in the case the file is written in', async () => {
    const r = await migrateRepo({
      'build.sh': BUILD_SH,
      'Dockerfile.build': 'from golang\nworkdir /src\ncopy . .\nrun go build -o /out/app\n',
      Dockerfile:
        'from alpine\nRUN echo base > /base\nfrom alpine AS stage-0\nFROM busybox\nCOPY --from=0 /base /base\nRUN --mount=type=bind,from=0,source=/base,target=/b cat /b\nCOPY --from=stage-0 /etc/os-release /x\ncopy app /usr/bin/app\n',
    });
    expect(r.code).toBe(0);
    expect(r.files.Dockerfile).toMatchInlineSnapshot(`
      "from golang as builder
      workdir /src
      copy . .
      run go build -o /out/app

      from alpine as stage-0-2
      RUN echo base > /base
      from alpine AS stage-0
      FROM busybox
      COPY --from=stage-0-2 /base /base
      RUN --mount=type=bind,from=stage-0-2,source=/base,target=/b cat /b
      COPY --from=stage-0 /etc/os-release /x
      copy --from=builder /out/app /usr/bin/app
      "
    `);
  });

  it('splits a COPY of extracted and context sources into one instruction per part, in order', async () => {
    const r = await migrateRepo({
      'build.sh':
        '#!/bin/sh\ndocker build -t b -f Dockerfile.build .\ndocker create --name c b\ndocker cp c:/out/app ./app\ndocker cp c:/out/lib ./lib\ndocker rm c\ndocker build -t app .\n',
      'Dockerfile.build': 'FROM golang\nUSER builder\nRUN mkdir -p /out/lib && go build -o /out/app\n',
      Dockerfile: 'FROM alpine\nCOPY --chmod=755 config.yml app README lib /opt/\n',
      'config.yml': 'a: 1\n',
      README: 'r\n',
    });
    expect(r.diagnostics).toMatchInlineSnapshot(`
      [
        "build.sh:4:1 builder-pattern",
        "build.sh:5:1 builder-pattern",
        "Dockerfile:2:1 chown-non-root-artifact",
      ]
    `);
    expect(r.files.Dockerfile).toMatchInlineSnapshot(`
      "FROM golang AS builder
      USER builder
      RUN mkdir -p /out/lib && go build -o /out/app

      FROM alpine
      COPY --chmod=755 config.yml /opt/
      COPY --from=builder --chown=0:0 --chmod=755 /out/app /opt/
      COPY --chmod=755 README /opt/
      COPY --from=builder --chown=0:0 --chmod=755 /out/lib /opt/
      "
    `);
  });

  it('unpacks an ADDed tarball artifact in a stage of its own', async () => {
    const r = await migrateRepo({
      'build.sh':
        '#!/bin/sh\ndocker build -t reg.example/team/b:1 -f Dockerfile.build .\ndocker create --name c reg.example/team/b:1\ndocker cp c:/out/app.tar.gz ./app.tar.gz\ndocker rm c\ndocker build -t app .\n',
      'Dockerfile.build': 'FROM golang AS app-unpacked\nRUN mkdir /out && tar -czf /out/app.tar.gz /etc/hostname\n',
      Dockerfile: 'FROM alpine\nadd app.tar.gz /opt/\n',
    });
    expect(r.files.Dockerfile).toMatchInlineSnapshot(`
      "FROM golang AS app-unpacked
      RUN mkdir /out && tar -czf /out/app.tar.gz /etc/hostname

      FROM app-unpacked AS app-unpacked-unpacked
      RUN ["mkdir", "-p", "/restage-unpacked"]
      RUN ["tar", "-xzf", "/out/app.tar.gz", "-C", "/restage-unpacked"]

      FROM alpine
      copy --from=app-unpacked-unpacked /restage-unpacked/ /opt/
      "
    `);
  });

  it('turns docker run with mounts, workdir, environment and a cache into a stage', async () => {
    const r = await migrateRepo({
      'build.sh':
        '#!/bin/sh\nset -e\ndocker run --rm -v "$PWD":/src -v gocache:/root/.cache -w /src -e CGO_ENABLED=0 -e "MSG=a b $x" -e EMPTY= -e \'Q=a "b" $c \\\\d\' -e P=x,y:z@1+2=3 golang:1.22 go build -o bin/app .\ndocker build -t app .\n',
      'main.go': 'package main\n',
      Dockerfile: 'FROM alpine\nCOPY bin/app /usr/bin/app\n',
    });
    expect(r.diagnostics).toMatchInlineSnapshot(`
      [
        "build.sh:3:1 builder-pattern",
        "Dockerfile:2:1 chown-non-root-artifact",
      ]
    `);
    expect(r.files.Dockerfile).toMatchInlineSnapshot(`
      "FROM golang:1.22 AS builder
      WORKDIR /src
      COPY . /src
      ENV CGO_ENABLED=0 EMPTY= Q="a \\"b\\" \\$c \\\\\\\\d" P=x,y:z@1+2=3
      ARG MSG
      RUN --mount=type=cache,target=/root/.cache ["go", "build", "-o", "bin/app", "."]

      FROM alpine
      COPY --from=builder --chown=0:0 /src/bin/app /usr/bin/app
      "
    `);
    expect(r.files['build.sh']).toMatchInlineSnapshot(`
      "#!/bin/sh
      set -e
      docker build --build-arg "MSG=a b $x" -t app .
      "
    `);
  });

  it('runs the host steps between extraction and build in a stage', async () => {
    const r = await migrateRepo({
      'build.sh':
        '#!/bin/sh\ndocker build -t b -f Dockerfile.build .\ndocker create --name c b\ndocker cp c:/out/app ./app\ndocker rm c\nchmod 0755 app\ndocker build -t app .\n',
      'Dockerfile.build': BUILDER,
      Dockerfile: 'FROM alpine\nCOPY app /usr/bin/app\n',
    });
    expect(r.files.Dockerfile).toMatchInlineSnapshot(`
      "FROM golang AS builder
      WORKDIR /src
      COPY . .
      RUN go build -o /out/app

      FROM builder AS builder-host
      RUN ["chmod", "0755", "/out/app"]

      FROM alpine
      COPY --from=builder-host /out/app /usr/bin/app
      "
    `);
  });

  it('rebases the sources of a builder built from a sub-context onto the runtime context', async () => {
    const r = await migrateRepo({
      'build.sh':
        '#!/bin/sh\ndocker build -t b -f tools/Dockerfile.build tools\ndocker create --name c b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t app .\n',
      'tools/Dockerfile.build':
        'FROM golang\nCOPY . /src\nCOPY ../escape.txt main.go /src/\nADD https://example.com/x.tgz /x\nCOPY --from=alpine /etc/os-release /x\nRUN go build -o /out/app\n',
      'tools/main.go': 'package main\n',
      Dockerfile: 'FROM alpine\nCOPY app /usr/bin/app\n',
    });
    expect(r.files.Dockerfile).toMatchInlineSnapshot(`
      "FROM golang AS builder
      COPY tools/ /src
      COPY tools/escape.txt tools/main.go /src/
      ADD https://example.com/x.tgz /x
      COPY --from=alpine /etc/os-release /x
      RUN go build -o /out/app

      FROM alpine
      COPY --from=builder --chown=0:0 /out/app /usr/bin/app
      "
    `);
  });

  it('renames a builder stage whose name the runtime file already uses, and every reference to it', async () => {
    const r = await migrateRepo({
      'build.sh': BUILD_SH,
      'Dockerfile.build':
        'FROM golang AS base\nRUN echo\nFROM base AS builder\nCOPY --from=base /etc/hostname /h\nRUN --mount=type=cache,from=base,target=/c go build -o /out/app\n',
      Dockerfile: 'FROM alpine AS base\nRUN echo runtime\nFROM base\nCOPY app /usr/bin/app\n',
    });
    expect(r.files.Dockerfile).toMatchInlineSnapshot(`
      "FROM golang AS base-build
      RUN echo
      FROM base-build AS builder
      COPY --from=base-build /etc/hostname /h
      RUN --mount=type=cache,from=base-build,target=/c go build -o /out/app

      FROM alpine AS base
      RUN echo runtime
      FROM base
      COPY --from=builder /out/app /usr/bin/app
      "
    `);
  });

  it('renames only the colliding stage: an earlier stage it does not rename, and an unnamed one, keep their references', async () => {
    const r = await migrateRepo({
      'build.sh': BUILD_SH,
      'Dockerfile.build':
        'FROM alpine\nRUN echo tools > /tools\nFROM golang AS deps\nRUN echo deps\nFROM golang AS base\nCOPY --from=0 /tools /tools\nFROM deps AS builder\nCOPY --from=base /tools /t\nCOPY --from=deps /etc/hostname /h\nRUN go build -o /out/app\n',
      Dockerfile: 'FROM alpine AS base\nRUN echo runtime\nFROM base\nCOPY app /usr/bin/app\n',
    });
    expect(r.files.Dockerfile).toMatchInlineSnapshot(`
      "FROM alpine
      RUN echo tools > /tools
      FROM golang AS deps
      RUN echo deps
      FROM golang AS base-build
      COPY --from=0 /tools /tools
      FROM deps AS builder
      COPY --from=base-build /tools /t
      COPY --from=deps /etc/hostname /h
      RUN go build -o /out/app

      FROM alpine AS base
      RUN echo runtime
      FROM base
      COPY --from=builder /out/app /usr/bin/app
      "
    `);
  });

  it('renames a global ARG the two files give different defaults', async () => {
    const r = await migrateRepo({
      'build.sh': BUILD_SH,
      'Dockerfile.build': 'ARG VERSION=1.22\nARG OTHER\nFROM golang:$VERSION\nRUN go build -o /out/app\n',
      Dockerfile: 'ARG VERSION=3.19\nFROM alpine:${VERSION}\nCOPY app /usr/bin/app\n',
    });
    expect(r.diagnostics).toMatchInlineSnapshot(`
      [
        "build.sh:5:1 builder-pattern",
      ]
    `);
    expect(r.files.Dockerfile).toMatchInlineSnapshot(`
      "ARG VERSION_BUILDER=1.22
      ARG OTHER
      ARG VERSION=3.19

      FROM golang:$VERSION_BUILDER AS builder
      RUN go build -o /out/app

      FROM alpine:\${VERSION}
      COPY --from=builder /out/app /usr/bin/app
      "
    `);
  });
});

describe('the rewritten driver', () => {
  it('splices removed units out of an && chain and keeps the others', async () => {
    const r = await migrateRepo({
      'build.sh':
        '#!/bin/sh\necho start && docker build -t b -f Dockerfile.build . && docker create --name c b && docker cp c:/out/app ./app && echo copied\ndocker rm c ; docker build -t app .\n',
      'Dockerfile.build': BUILDER,
      Dockerfile: 'FROM alpine\nCOPY app /usr/bin/app\n',
    });
    expect(r.files['build.sh']).toMatchInlineSnapshot(`
      "#!/bin/sh
      echo start && echo copied
      docker build -t app .
      "
    `);
  });

  it('removes an emptied function with its call, and the blank lines they leave', async () => {
    const r = await migrateRepo({
      'build.sh':
        '#!/bin/sh\nset -e\n\nbuilder() {\n  docker build -t b -f Dockerfile.build .\n  docker create --name c b\n}\n\nextract() { docker cp c:/out/app ./app; docker rm c; }\n\nbuilder\nextract\n\n\ndocker build -t app .\n\n',
      'Dockerfile.build': BUILDER,
      Dockerfile: 'FROM alpine\nCOPY app /usr/bin/app\n',
    });
    expect(r.files['build.sh']).toMatchInlineSnapshot(`
      "#!/bin/sh
      set -e

      docker build -t app .

      "
    `);
  });

  it('keeps a builder build the driver still uses, built from the merged file up to its stage', async () => {
    const r = await migrateRepo({
      'build.sh':
        '#!/bin/sh\ndocker build --file=Dockerfile.build -t b --build-arg V=1 .\ndocker create --name c b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t app .\ndocker run --rm b go test ./...\n',
      'Dockerfile.build': 'ARG V\nFROM golang\nRUN go build -o /out/app\n',
      Dockerfile: 'FROM alpine\nCOPY app /usr/bin/app\n',
    });
    expect(r.files['build.sh']).toMatchInlineSnapshot(`
      "#!/bin/sh
      docker build --target builder --file=Dockerfile -t b --build-arg V=1 .
      docker build --build-arg V=1 -t app .
      docker run --rm b go test ./...
      "
    `);
  });

  it('writes the kept build of a runtime file with a space in its path quoted', async () => {
    const r = await migrateRepo({
      'build.sh':
        "#!/bin/sh\ndocker build -t b -f 'my app/Dockerfile.build' 'my app'\ndocker create --name c b\ndocker cp c:/out/app './my app/app'\ndocker rm c\ndocker build -t app 'my app'\ndocker run --rm b true\n",
      'my app/Dockerfile.build': 'FROM golang\nRUN go build -o /out/app\n',
      'my app/Dockerfile': 'FROM alpine\nCOPY app /usr/bin/app\n',
    });
    expect(r.files['build.sh']).toMatchInlineSnapshot(`
      "#!/bin/sh
      docker build --target builder -t b -f 'my app/Dockerfile' 'my app'
      docker build -t app 'my app'
      docker run --rm b true
      "
    `);
  });

  it('writes carried words into a JS driver in its own syntax', async () => {
    const r = await migrateRepo({
      'build.mjs':
        "import { execFileSync } from 'node:child_process';\nexecFileSync('docker', ['build', '-t', 'b', '--build-arg', 'V=1', '-f', 'Dockerfile.build', '.']);\nexecFileSync('docker', ['create', '--name', 'c', 'b']);\nexecFileSync('docker', ['cp', 'c:/out/app', './app']);\nexecFileSync('docker', ['rm', 'c']);\nexecFileSync('docker', ['build', '-t', 'app', '.']);\n",
      'Dockerfile.build': 'ARG V\nFROM golang\nRUN go build -o /out/app\n',
      Dockerfile: 'FROM alpine\nCOPY app /usr/bin/app\n',
    });
    expect(r.files['build.mjs']).toMatchInlineSnapshot(`
      "import { execFileSync } from 'node:child_process';
      execFileSync('docker', ['build', '--build-arg', 'V=1', '-t', 'app', '.']);
      "
    `);
  });
});

describe('the rewritten driver: blank lines and && chains around what is removed', () => {
  const builder = 'FROM golang\nRUN mkdir /out && go build -o /out/app\n';
  const runtime = 'FROM alpine\nCOPY app /usr/bin/app\n';
  const driverAfter = async (script: string) => (await migrateRepo({ 'build.sh': script, 'Dockerfile.build': builder, Dockerfile: runtime })).files['build.sh'];

  it.each([
    [
      'a removed block first in the file takes the blank line after it',
      'docker build -t b -f Dockerfile.build .\ndocker create --name c b\ndocker cp c:/out/app ./app\ndocker rm c\n\ndocker build -t app .\n',
      'docker build -t app .\n',
    ],
    [
      'a removed block between blank lines leaves one blank line',
      '#!/bin/sh\nset -e\n\ndocker build -t b -f Dockerfile.build .\ndocker create --name c b\ndocker cp c:/out/app ./app\ndocker rm c\n\ndocker build -t app .\n',
      '#!/bin/sh\nset -e\n\ndocker build -t app .\n',
    ],
    [
      'a removed block last in the file takes the blank line before the end',
      '#!/bin/sh\ndocker build -t b -f Dockerfile.build .\ndocker create --name c b\ndocker cp c:/out/app ./app\ndocker build -t app .\nrm app\ndocker rm c\n\n',
      '#!/bin/sh\ndocker build -t app .\n',
    ],
    [
      'a blank line between kept lines stays',
      '#!/bin/sh\necho start\n\necho more\ndocker build -t b -f Dockerfile.build .\ndocker create --name c b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t app .\n',
      '#!/bin/sh\necho start\n\necho more\ndocker build -t app .\n',
    ],
    [
      'a chain loses its removed head with the operator after it',
      '#!/bin/sh\ndocker build -t b -f Dockerfile.build . && echo built\ndocker create --name c b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t app .\n',
      '#!/bin/sh\necho built\ndocker build -t app .\n',
    ],
    [
      'a chain loses its removed tail with the operator before it',
      '#!/bin/sh\necho go && docker build -t b -f Dockerfile.build .\ndocker create --name c b\ndocker cp c:/out/app ./app && docker rm c\ndocker build -t app .\n',
      '#!/bin/sh\necho go\ndocker build -t app .\n',
    ],
    [
      'a chain loses a removed middle run with the operator before it',
      '#!/bin/sh\necho a && docker build -t b -f Dockerfile.build . && docker create --name c b && echo done\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t app .\n',
      '#!/bin/sh\necho a && echo done\ndocker build -t app .\n',
    ],
    [
      'statements on one line split by ; go with their separator, and a line they empty goes whole',
      '#!/bin/sh\ndocker build -t b -f Dockerfile.build .; echo kept\ndocker create --name c b; docker cp c:/out/app ./app; docker rm c\ndocker build -t app .\n',
      '#!/bin/sh\necho kept\ndocker build -t app .\n',
    ],
    [
      'a line a removal empties but for a kept statement stays',
      '#!/bin/sh\ndocker build -t b -f Dockerfile.build .\ndocker create --name c b; docker cp c:/out/app ./app\ndocker rm c; echo done\ndocker build -t app .\n',
      '#!/bin/sh\necho done\ndocker build -t app .\n',
    ],
  ])('%s', async (_, script, expected) => {
    expect(await driverAfter(script)).toBe(expected);
  });
});
