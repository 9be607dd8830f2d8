import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// What merging two or more Dockerfiles into one must keep apart (src/plan/merge.ts, merge-args.ts):
// global ARGs with one name and two defaults, stage names both files use, one set of parser
// directives, the builder image named inside the runtime file, and the builder Dockerfile that another
// file still names. The snapshot holds each merged file and message.

const driver = (builderFlags = '', runtimeFlags = '', dockerfile = 'Dockerfile.build', more = '') =>
  `#!/bin/sh\ndocker build ${builderFlags}-t t/b -f ${dockerfile} .\ndocker create --name c t/b\ndocker cp c:/out/app ./app\ndocker rm c\n${more}docker build ${runtimeFlags}-t t/app .\n`;
const two = (builderFlags: string, runtimeFlags: string, builder: string, runtime: string) => ({
  'build.sh': driver(builderFlags, runtimeFlags),
  'Dockerfile.build': builder,
  Dockerfile: runtime,
});
/** A builder context inside a runtime context that is itself a subdirectory, the runtime one with this .dockerignore. */
const subSubContext = (dockerignore: string) => ({
  'build.sh':
    '#!/bin/sh\ndocker build -t t/b -f svc/tools/Dockerfile.build svc/tools\ndocker create --name c t/b\ndocker cp c:/out/app ./svc/app\ndocker rm c\ndocker build -t t/app svc\n',
  'svc/tools/Dockerfile.build': 'FROM golang:1.22\nCOPY main.go /src/\nRUN go build -o /out/app /src\n',
  'svc/tools/main.go': 'package main\n',
  'svc/Dockerfile': RUNTIME,
  'svc/.dockerignore': dockerignore,
});
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';
const GO_VERSION_BUILDER = 'ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}\nRUN go build -o /out/app\n';
const RUNTIME_GO_VERSION = 'ARG GO_VERSION=3\nFROM alpine:3.19\nCOPY app /usr/bin/app\n';

const globalArgConflict = (line: number, file: string) => [{ ruleId: 'global-arg-conflict', messageId: 'globalArgConflict', line, file }];
const buildArgConflict = (line: number) => [{ ruleId: 'build-arg-conflict', messageId: 'buildArgConflict', line }];

const cases: PlanCase[] = [
  // Global ARGs
  {
    name: "a builder's global ARG with another default, read only by its FROM, is renamed",
    files: two('', '', GO_VERSION_BUILDER, RUNTIME_GO_VERSION),
    expected: 'migrate',
  },
  {
    name: 'the same global ARG with the same default is shared',
    files: two('', '', GO_VERSION_BUILDER, 'ARG GO_VERSION=1.22\nFROM alpine:3.19\nCOPY app /usr/bin/app\n'),
    expected: 'migrate',
  },
  {
    name: 'the renamed ARG takes the stage name, upper-cased, each run of other characters one underscore',
    files: two('', '', 'ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION} AS go._b\nRUN go build -o /out/app\n', RUNTIME_GO_VERSION),
    expected: 'migrate',
  },
  {
    name: 'the renamed ARG skips a name a Dockerfile declares already',
    files: two('', '', GO_VERSION_BUILDER, 'ARG GO_VERSION=3\nARG GO_VERSION_BUILDER=x\nARG GO_VERSION_BUILDER_2=y\nFROM alpine:3.19\nCOPY app /usr/bin/app\n'),
    expected: 'migrate',
  },
  {
    name: 'a global ARG a builder stage declares again cannot be renamed (each file refused: its stage would inherit the other default)',
    files: two('', '', 'ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}\nARG GO_VERSION\nRUN echo $GO_VERSION && go build -o /out/app\n', RUNTIME_GO_VERSION),
    expected: [...globalArgConflict(1, 'Dockerfile'), ...globalArgConflict(1, 'Dockerfile.build')],
  },
  {
    name: "a runtime stage's own ARG would inherit a default hoisted from the builder file",
    files: two('', '', GO_VERSION_BUILDER, 'FROM alpine:3.19\nARG GO_VERSION\nRUN echo "$GO_VERSION" > /v\nCOPY app /usr/bin/app\n'),
    expected: globalArgConflict(1, 'Dockerfile.build'),
  },
  {
    name: 'a renamed global ARG no longer reaches the runtime stage that declares the old name',
    files: two('', '', GO_VERSION_BUILDER, 'ARG GO_VERSION=3\nFROM alpine:3.19\nARG GO_VERSION\nRUN echo "$GO_VERSION" > /v\nCOPY app /usr/bin/app\n'),
    expected: 'migrate',
  },
  // --build-arg words of a renamed ARG
  {
    name: 'both builds pass the ARG with other values: the builder word is renamed',
    files: two('--build-arg GO_VERSION=1.21 ', '--build-arg GO_VERSION=3.1 ', GO_VERSION_BUILDER, RUNTIME_GO_VERSION),
    expected: 'migrate',
  },
  {
    name: 'a quoted --build-arg word is renamed inside its quotes',
    files: two('--build-arg "GO_VERSION=1.21" ', '--build-arg GO_VERSION=3.1 ', GO_VERSION_BUILDER, RUNTIME_GO_VERSION),
    expected: 'migrate',
  },
  {
    name: 'the joined --build-arg=NAME=VALUE spelling is renamed',
    files: two('--build-arg=GO_VERSION=1.21 ', '', GO_VERSION_BUILDER, RUNTIME_GO_VERSION),
    expected: 'migrate',
  },
  {
    name: '--build-arg NAME (value from the environment) of a renamed ARG cannot be rewritten',
    files: two('--build-arg GO_VERSION ', '', GO_VERSION_BUILDER, RUNTIME_GO_VERSION),
    expected: buildArgConflict(2),
  },
  {
    name: 'only the builder build passes an ARG a runtime stage declares: the builder global and its word are renamed',
    files: two('--build-arg GO_VERSION=1.21 ', '', GO_VERSION_BUILDER, 'FROM alpine:3.19\nARG GO_VERSION\nCOPY app /usr/bin/app\n'),
    expected: 'migrate',
  },
  {
    name: 'only the builder build passes an ARG the runtime stage declares, and the builder stage declares it too',
    files: two(
      '--build-arg VERSION=1 ',
      '',
      'FROM golang:1.22\nARG VERSION\nRUN go build -o /out/app\n',
      'FROM alpine:3.19\nARG VERSION\nCOPY app /usr/bin/app\n',
    ),
    expected: buildArgConflict(2),
  },
  {
    name: 'both builds pass the same value once',
    files: two(
      '--build-arg VERSION=1 ',
      '--build-arg VERSION=1 ',
      'FROM golang:1.22\nARG VERSION\nRUN go build -o /out/app\n',
      'FROM alpine:3.19\nARG VERSION\nCOPY app /usr/bin/app\n',
    ),
    expected: 'migrate',
  },
  {
    name: 'both builds pass other values to stage ARGs',
    files: two(
      '--build-arg VERSION=1 ',
      '--build-arg VERSION=2 ',
      'FROM golang:1.22\nARG VERSION\nRUN go build -o /out/app\n',
      'FROM alpine:3.19\nARG VERSION\nCOPY app /usr/bin/app\n',
    ),
    expected: buildArgConflict(2),
  },
  {
    name: 'only the builder build passes an ARG nobody else declares: carried once',
    files: two('--build-arg VERSION=1 --build-arg VERSION=1 ', '', 'FROM golang:1.22\nARG VERSION\nRUN go build -o /out/app\n', RUNTIME),
    expected: 'migrate',
  },
  {
    name: 'the runtime build passes an ARG the builder declares only as a renameable global',
    files: two('', '--build-arg GO_VERSION=3.1 ', GO_VERSION_BUILDER, RUNTIME),
    expected: 'migrate',
  },
  {
    name: 'the runtime build passes a predefined ARG the builder declares as a global',
    files: two('', '--build-arg HTTPS_PROXY=http://p ', 'ARG https_proxy\nFROM golang:1.22\nARG https_proxy\nRUN go build -o /out/app\n', RUNTIME),
    expected: 'migrate',
  },
  {
    name: 'the runtime build passes a lower-case predefined ARG the builder stage declares',
    files: two('', '--build-arg https_proxy=http://p ', 'FROM golang:1.22\nARG https_proxy\nRUN go build -o /out/app\n', RUNTIME),
    expected: 'migrate',
  },
  {
    name: 'only the builder build passes a predefined ARG the runtime file declares',
    files: two('--build-arg NO_PROXY=x ', '', 'FROM golang:1.22\nRUN go build -o /out/app\n', 'FROM alpine:3.19\nARG NO_PROXY\nCOPY app /usr/bin/app\n'),
    expected: 'migrate',
  },
  {
    name: 'the builder build pulls and the runtime build does not: --pull carried',
    files: two('--pull ', '', GO_VERSION_BUILDER, RUNTIME),
    expected: 'migrate',
  },
  {
    name: '--no-cache of both builds is written once',
    files: two('--no-cache ', '--no-cache ', GO_VERSION_BUILDER, RUNTIME),
    expected: 'migrate',
  },
  // Stage names
  {
    name: "a builder stage named like a runtime stage takes the builder file's suffix",
    files: two(
      '',
      '',
      'FROM golang:1.22 AS deps\nRUN go mod download\nFROM deps AS final\nRUN go build -o /out/app\n',
      'FROM alpine:3.19 AS deps\nRUN apk add ca-certificates\nFROM alpine:3.19\nCOPY --from=deps /etc/ssl /etc/ssl\nCOPY app /usr/bin/app\n',
    ),
    expected: 'migrate',
  },
  {
    name: 'the suffixed stage name skips one taken already',
    files: {
      'build.sh': driver(),
      'Dockerfile.build': 'FROM golang:1.22 AS deps\nRUN go mod download\nFROM deps AS final\nRUN go build -o /out/app\n',
      Dockerfile:
        'FROM alpine:3.19 AS deps\nRUN apk add ca-certificates\nFROM alpine:3.19 AS deps-build\nRUN echo\nFROM alpine:3.19\nCOPY --from=deps /etc/ssl /etc/ssl\nCOPY --from=deps-build / /x\nCOPY app /usr/bin/app\n',
    },
    expected: 'migrate',
  },
  {
    name: 'a builder file without a Dockerfile. suffix renames a clashing stage with the builder stage name',
    files: {
      'build.sh': driver('', '', 'docker/build.Dockerfile'),
      'docker/build.Dockerfile': 'FROM golang:1.22 AS deps\nRUN go mod download\nFROM deps\nRUN go build -o /out/app\n',
      Dockerfile: 'FROM alpine:3.19 AS deps\nRUN apk add ca-certificates\nFROM alpine:3.19\nCOPY --from=deps /etc/ssl /etc/ssl\nCOPY app /usr/bin/app\n',
    },
    expected: 'migrate',
  },
  {
    name: 'a builder stage named like an image the runtime file uses is renamed',
    files: two('', '', 'FROM golang:1.22 AS alpine\nRUN go build -o /out/app\n', 'FROM alpine\nCOPY app /usr/bin/app\n'),
    expected: 'migrate',
  },
  {
    name: "two builders take their files' suffixes",
    files: {
      'build.sh':
        '#!/bin/sh\ndocker build -t t/api -f Dockerfile.api .\ndocker build -t t/web -f web.Dockerfile .\ndocker create --name a t/api\ndocker cp a:/out/api ./api\ndocker rm a\ndocker create --name w t/web\ndocker cp w:/out/web ./web\ndocker rm w\ndocker build -t t/app .\n',
      'Dockerfile.api': 'FROM golang:1.22\nRUN go build -o /out/api\n',
      'web.Dockerfile': 'FROM node:20\nRUN npm run build && mv dist /out/web\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY api /usr/bin/api\nCOPY web /srv/web\n',
    },
    expected: 'migrate',
  },
  {
    name: 'a docker run build step alone is the builder stage',
    files: {
      'build.sh': '#!/bin/sh\ndocker run --rm -v "$PWD":/src -w /src golang:1.22 go build -o bin/app .\ndocker build -t t/app .\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n',
    },
    expected: 'migrate',
  },
  {
    name: 'a docker run build step beside a builder is named after its image',
    files: {
      'build.sh':
        '#!/bin/sh\ndocker run --rm -v "$PWD/web":/src -w /src node:20 npx tsc --outDir dist\ndocker build -t t/b -f Dockerfile.build .\ndocker create --name c t/b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t t/app .\n',
      'Dockerfile.build': 'FROM golang:1.22\nRUN go build -o /out/app\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\nCOPY web/dist /srv/web\n',
    },
    expected: 'migrate',
  },
  {
    name: 'a docker run build step whose image name is taken gets the builder stage name',
    files: {
      'build.sh':
        '#!/bin/sh\ndocker run --rm -v "$PWD/tools":/src -w /src registry.example.com/tools/golang:1.22 go build -o bin/tool .\ndocker build -t t/b -f Dockerfile.build .\ndocker create --name c t/b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t t/app .\n',
      'Dockerfile.build': 'FROM alpine:3.19 AS golang\nRUN mkdir /out && echo x > /out/app\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\nCOPY tools/bin/tool /usr/bin/tool\n',
    },
    expected: 'migrate',
  },
  {
    name: 'two host stages of one builder are numbered',
    files: {
      'build.sh':
        '#!/bin/sh\ndocker build -t t/b -f Dockerfile.build .\ndocker create --name c t/b\ndocker cp c:/out/app ./app\ndocker cp c:/out/tool ./tool\ndocker rm c\nchmod 0755 app\nchmod 0700 tool\ndocker build -t t/app .\n',
      'Dockerfile.build': 'FROM golang:1.22\nRUN go build -o /out/app && go build -o /out/tool ./cmd/tool\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY app tool /usr/bin/\n',
    },
    expected: 'migrate',
  },
  // One merged file
  {
    name: 'one builder Dockerfile built twice for two extractions',
    files: {
      'build.sh':
        '#!/bin/sh\ndocker build -t t/a --build-arg T=a -f Dockerfile.build .\ndocker build -t t/b --build-arg T=b -f Dockerfile.build .\ndocker create --name a t/a\ndocker cp a:/out/app ./a\ndocker rm a\ndocker create --name b t/b\ndocker cp b:/out/app ./b\ndocker rm b\ndocker build -t t/app .\n',
      'Dockerfile.build': 'FROM golang:1.22\nARG T\nRUN go build -o /out/app ./cmd/$T\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY a /usr/bin/a\nCOPY b /usr/bin/b\n',
    },
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 3 }],
  },
  {
    name: 'the runtime Dockerfile built as the builder too',
    files: {
      'build.sh':
        '#!/bin/sh\ndocker build -t t/b --target build .\ndocker create --name c t/b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t t/app .\n',
      Dockerfile: 'FROM golang:1.22 AS build\nRUN go build -o /out/app\nFROM alpine:3.19\nCOPY app /usr/bin/app\n',
    },
    expected: [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line: 2 }],
  },
  {
    name: 'the runtime Dockerfile starts FROM the builder image',
    files: two('', '', GO_VERSION_BUILDER, 'FROM t/b\nCOPY app /usr/bin/app\n'),
    expected: [{ ruleId: 'builder-image-used-elsewhere', messageId: 'builderImageUsedElsewhere', line: 1, file: 'Dockerfile' }],
  },
  {
    name: 'the runtime Dockerfile copies --from the builder image',
    files: two('', '', GO_VERSION_BUILDER, 'FROM alpine:3.19\nCOPY app /usr/bin/app\nCOPY --from=t/b:latest /etc/ssl /etc/ssl\n'),
    expected: [{ ruleId: 'builder-image-used-elsewhere', messageId: 'builderImageUsedElsewhere', line: 3, file: 'Dockerfile' }],
  },
  {
    name: 'the runtime Dockerfile copies --from another image',
    files: two('', '', GO_VERSION_BUILDER, 'FROM alpine:3.19\nCOPY app /usr/bin/app\nCOPY --from=t/c /etc/ssl /etc/ssl\n'),
    expected: 'migrate',
  },
  {
    name: 'two syntax directives',
    files: two(
      '',
      '',
      '# syntax=docker/dockerfile:1.4\nFROM golang:1.22\nRUN go build -o /out/app\n',
      '# syntax=docker/dockerfile:1.6\nFROM alpine:3.19\nCOPY app /usr/bin/app\n',
    ),
    expected: [{ ruleId: 'parser-directive-conflict', messageId: 'parserDirectiveConflict', line: 1, file: 'Dockerfile' }],
  },
  {
    name: 'the same syntax directive in both, spaced differently',
    files: two(
      '',
      '',
      '# syntax = docker/dockerfile:1 \nFROM golang:1.22\nRUN go build -o /out/app\n',
      '# syntax=docker/dockerfile:1\nFROM alpine:3.19\nCOPY app /usr/bin/app\n',
    ),
    expected: 'migrate',
  },
  {
    name: 'a syntax directive in one file only',
    files: two('', '', '# syntax=docker/dockerfile:1\nFROM golang:1.22\nRUN go build -o /out/app\n', RUNTIME),
    expected: 'migrate',
  },
  {
    name: 'an escape directive in one file only',
    files: two('', '', '# escape=`\nFROM golang:1.22\nRUN go build -o /out/app\n', RUNTIME),
    expected: [{ ruleId: 'parser-directive-conflict', messageId: 'parserDirectiveConflict', line: 1, file: 'Dockerfile' }],
  },
  {
    name: 'the default escape directive in one file only',
    files: two('', '', '# escape=\\\nFROM golang:1.22\nRUN go build -o /out/app\n', RUNTIME),
    expected: 'migrate',
  },
  // The builder Dockerfile removed unless something names it
  {
    name: 'a document names the builder Dockerfile: deleted, the document warned',
    files: { ...two('', '', GO_VERSION_BUILDER, RUNTIME), 'docs/build.md': 'Run `docker build -f Dockerfile.build .` to get the compiler.\n' },
    expected: 'migrate',
  },
  {
    name: 'a document naming a longer path that ends in its name: deleted, with a warning (the path may be written from another directory)',
    files: { ...two('', '', GO_VERSION_BUILDER, RUNTIME), 'docs/build.md': 'See services/api/Dockerfile.build.\n' },
    expected: 'migrate',
  },
  {
    name: 'a builder file with a name no index holds, named by a config file: kept',
    files: {
      'build.sh': driver('', '', 'ci/builder.img'),
      'ci/builder.img': GO_VERSION_BUILDER,
      Dockerfile: RUNTIME,
      'ci/images.toml': 'toolchain = "ci/builder.img"\n',
    },
    expected: 'migrate',
  },
  {
    name: 'a builder file with a name no index holds, named as part of a longer word: deleted',
    files: {
      'build.sh': driver('', '', 'ci/builder.img'),
      'ci/builder.img': GO_VERSION_BUILDER,
      Dockerfile: RUNTIME,
      'ci/images.toml': 'old = "ci/mybuilder.img-old"\n',
    },
    expected: 'migrate',
  },
  // Builder contexts
  {
    name: 'a builder context outside the runtime context',
    files: {
      'build.sh':
        '#!/bin/sh\ndocker build -t t/b -f tools/Dockerfile.build tools\ndocker create --name c t/b\ndocker cp c:/out/app ./app/app\ndocker rm c\ndocker build -t t/app app\n',
      'tools/Dockerfile.build': 'FROM golang:1.22\nCOPY . /src\nRUN go build -o /out/app /src\n',
      'app/Dockerfile': 'FROM alpine:3.19\nCOPY app /usr/bin/app\n',
      'app/.keep': '',
    },
    expected: [{ ruleId: 'build-context-mismatch', messageId: 'buildContextMismatch', line: 2 }],
  },
  {
    name: 'a builder sub-context with a .dockerignore of its own',
    files: {
      'build.sh':
        '#!/bin/sh\ndocker build -t t/b -f tools/Dockerfile.build tools\ndocker create --name c t/b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t t/app .\n',
      'tools/Dockerfile.build': 'FROM golang:1.22\nCOPY . /src\nRUN go build -o /out/app /src\n',
      'tools/.dockerignore': '*.md\n',
      Dockerfile: RUNTIME,
    },
    expected: [{ ruleId: 'build-context-mismatch', messageId: 'buildContextMismatch', line: 2 }],
  },
  {
    name: 'a builder sub-context of a sub-context: rebased by the path between them',
    files: subSubContext('tools-old\n'),
    expected: 'migrate',
  },
  {
    name: "a sub-context of a sub-context that the runtime context's .dockerignore hides",
    files: subSubContext('tools\n'),
    expected: [{ ruleId: 'build-context-mismatch', messageId: 'buildContextMismatch', line: 2 }],
  },
];

runPlanCases('merging the Dockerfiles', cases);
