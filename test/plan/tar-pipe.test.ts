import { runPlanCases, unsupported, type PlanCase } from '../support/plan-tester.js';

// `docker run --rm IMG tar -c … -f - | tar -x -f -` (src/plan/recognise/tar-pipe.ts): docker cp by
// other means, migrated like `docker cp IMG:/dir/. out`; every other pipeline is refused, each for its
// own reason. One row per condition of the refusal chain, so dropping any one fails a row.

const BUILDER = 'FROM golang:1.22\nWORKDIR /build\nRUN mkdir -p /dist && echo app > /dist/app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY out/ /opt/app/\n';

/** build.sh: the builder build (line 2), `mkdir -p out` (line 3), `pipeline` (line 4), the runtime build. */
function setup(pipeline: string, files: Record<string, string> = {}, options: { mkdir?: boolean; build?: string } = {}): Record<string, string> {
  const build = options.build ?? 'docker build -t app/builder -f Dockerfile.build .';
  const mkdir = options.mkdir === false ? 'true' : 'mkdir -p out';
  return { 'build.sh': `#!/bin/sh\n${build}\n${mkdir}\n${pipeline}\ndocker build -t app/app .\n`, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, ...files };
}

const refused = (messageId: string) => unsupported(messageId, 4);
const PIPE = 'docker run --rm app/builder tar -C /dist -cf - . | tar -C out -xf -';

const cases: PlanCase[] = [
  { name: 'a directory streamed into one mkdir made', files: setup(PIPE), expected: 'migrate' },
  {
    name: 'from a directory known only at run time (cd "$1")',
    files: setup(`cd "$1"\n${PIPE}`),
    expected: [...unsupported('tarIntoUnknownDir', 5), { ruleId: 'unresolved-value', messageId: 'unresolvedValue', line: 6 }],
  },
  { name: 'into a directory the checkout has', files: setup(PIPE, { 'out/.keep': '' }, { mkdir: false }), expected: 'migrate' },
  {
    name: 'no -f on either side: both tars use the pipe',
    files: setup('docker run --rm app/builder tar -C /dist -c . | tar -C out -x'),
    expected: 'migrate',
  },
  { name: 'old-style letters, no -f', files: setup('docker run --rm app/builder tar cC /dist . | tar xC out'), expected: 'migrate' },
  {
    name: 'the container tar writes a file',
    files: setup('docker run --rm app/builder tar -C /dist -cf /tmp/a.tar . | tar -C out -x'),
    expected: refused('pipeNotTar'),
  },
  { name: 'the host tar reads a file', files: setup('docker run --rm app/builder tar -C /dist -c . | tar -C out -xf a.tar'), expected: refused('pipeNotTar') },
  {
    name: 'the container tar wrapped in sh -c, after cd',
    files: setup("docker run --rm app/builder sh -c 'cd /dist && tar -cf - .' | tar -C out -xf -"),
    expected: 'migrate',
  },
  {
    name: 'the container tar wrapped in /bin/bash -ec, with -C',
    files: setup("docker run --rm app/builder /bin/bash -ec 'tar -C /dist -c .' | tar -C out -x"),
    expected: 'migrate',
  },
  {
    name: 'sh -c with cd to a directory relative to WORKDIR and a relative -C',
    files: setup("docker run --rm app/builder sh -c 'cd .. && tar -C dist -c .' | tar -C out -x"),
    expected: 'migrate',
  },
  {
    name: 'sh -c with another command before tar',
    files: setup("docker run --rm app/builder sh -c 'make && tar -C /dist -c .' | tar -C out -x"),
    expected: refused('pipeNotTar'),
  },
  { name: 'sh -c with an expansion', files: setup("docker run --rm app/builder sh -c 'cd $OUT && tar -c .' | tar -C out -x"), expected: refused('pipeNotTar') },
  { name: 'sh -c with a glob', files: setup("docker run --rm app/builder sh -c 'tar -C /dist -c *' | tar -C out -x"), expected: refused('pipeNotTar') },
  {
    name: 'sh -c with a pipe inside',
    files: setup("docker run --rm app/builder sh -c 'tar -C /dist -c . | gzip' | tar -C out -xz"),
    expected: refused('pipeNotTar'),
  },
  { name: 'sh running a script file', files: setup('docker run --rm app/builder sh /pack.sh | tar -C out -x'), expected: refused('pipeNotTar') },
  { name: 'another interpreter with -c', files: setup("docker run --rm app/builder python3 -c 'tar -c .' | tar -C out -x"), expected: refused('pipeNotTar') },
  { name: 'both sides gzip', files: setup('docker run --rm app/builder tar -C /dist -czf - . | tar -C out -xzf -'), expected: 'migrate' },
  { name: 'relative to the built image WORKDIR', files: setup('docker run --rm app/builder tar -C ../dist -cf - . | tar -C out -xf -'), expected: 'migrate' },
  {
    name: 'a pulled image, absolute directory',
    files: setup('docker run --rm golang:1.22 tar -C /usr/local/go -cf - . | tar -C out -xf -'),
    expected: 'migrate',
  },
  {
    name: 'the flags a piped run may have',
    files: setup('docker run --rm -i --user 0 app/builder tar -C /dist -cf - . | tar -C out -xf -'),
    expected: 'migrate',
  },
  {
    name: 'another flag (--network)',
    files: setup('docker run --rm --network host app/builder tar -C /dist -cf - . | tar -C out -xf -'),
    expected: refused('pipeRunFlags'),
  },
  { name: 'not tar in the container', files: setup('docker run --rm app/builder cat /dist/app | tar -C out -xf -'), expected: refused('pipeNotTar') },
  {
    name: 'tar in the container that lists',
    files: setup('docker run --rm app/builder tar -C /dist -tf - . | tar -C out -xf -'),
    expected: refused('pipeNotTar'),
  },
  {
    name: 'a container tar word known at run time',
    files: setup('docker run --rm app/builder tar -C "$1" -cf - . | tar -C out -xf -'),
    expected: refused('pipeNotTar'),
  },
  {
    name: 'tar in the container that extracts',
    files: setup('docker run --rm app/builder tar -C /dist -xf - | tar -C out -xf -'),
    expected: refused('pipeNotTar'),
  },
  { name: 'a host tar that creates', files: setup('docker run --rm app/builder tar -C /dist -cf - . | tar -C out -cf - .'), expected: refused('pipeNotTar') },
  { name: 'not tar on the host', files: setup('docker run --rm app/builder tar -C /dist -cf - . | gzip'), expected: refused('pipeNotTar') },
  { name: 'a host tar that lists', files: setup('docker run --rm app/builder tar -C /dist -cf - . | tar -tf -'), expected: refused('pipeNotTar') },
  {
    name: 'a host tar word known at run time',
    files: setup('docker run --rm app/builder tar -C /dist -cf - . | tar -C "$1" -xf -'),
    expected: refused('pipeNotTar'),
  },
  {
    name: 'the two sides compress differently',
    files: setup('docker run --rm app/builder tar -C /dist -czf - . | tar -C out -xf -'),
    expected: refused('tarCompressionDiffers'),
  },
  { name: 'an image named at run time', files: setup('docker run --rm "$1" tar -C /dist -cf - . | tar -C out -xf -'), expected: refused('runImageNotStatic') },
  {
    name: 'an image Docker would not accept',
    files: setup('docker run --rm App/Builder tar -C /dist -cf - . | tar -C out -xf -'),
    expected: refused('runImageNotReference'),
  },
  {
    name: 'a built image with an ENTRYPOINT',
    files: setup(PIPE, { 'Dockerfile.build': `${BUILDER}ENTRYPOINT ["/bin/sh"]\n` }),
    expected: refused('tarEntrypoint'),
  },
  {
    name: '--entrypoint tar runs tar, whatever ENTRYPOINT the image has',
    files: setup('docker run --rm --entrypoint tar app/builder -C /dist -cf - . | tar -C out -xf -', {
      'Dockerfile.build': `${BUILDER}ENTRYPOINT ["/bin/sh"]\n`,
    }),
    expected: 'migrate',
  },
  {
    name: 'a relative directory in a pulled image',
    files: setup('docker run --rm golang:1.22 tar -C go -cf - VERSION | tar -C out -xf -'),
    expected: refused('tarRelativeRoot'),
  },
  { name: 'no -C in a pulled image', files: setup('docker run --rm golang:1.22 tar -cf - VERSION | tar -C out -xf -'), expected: refused('tarRelativeRoot') },
  {
    name: 'into a directory outside the repository',
    files: setup('docker run --rm app/builder tar -C /dist -cf - . | tar -C ../out -xf -'),
    expected: refused('tarIntoUnknownDir'),
  },
  { name: 'into a directory a fresh checkout does not have', files: setup(PIPE, {}, { mkdir: false }), expected: refused('tarIntoMissingDir') },
  {
    name: 'members outside the archive root',
    files: setup('docker run --rm app/builder tar -C /dist -cf - ../etc | tar -C out -xf -'),
    expected: refused('tarMembersOutside'),
  },
  {
    name: 'one member inside the archive root and one outside',
    files: setup('docker run --rm app/builder tar -C /dist -cf - app ../etc | tar -C out -xf -'),
    expected: refused('tarMembersOutside'),
  },
  {
    name: 'an archive root written with a trailing slash',
    files: setup('docker run --rm app/builder tar -C /dist/ -cf - app | tar -C out -xf -', { Dockerfile: 'FROM alpine:3.19\nCOPY out/app /usr/bin/app\n' }),
    expected: 'migrate',
  },
  {
    name: 'a whole directory into the repository root',
    files: setup('docker run --rm app/builder tar -C /dist -cf - . | tar -xf -'),
    expected: refused('tarWholeIntoRoot'),
  },
  {
    name: 'a named member into the repository root',
    files: setup(
      'docker run --rm app/builder tar -C /dist -cf - app | tar -xf -',
      { Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n' },
      { mkdir: false },
    ),
    expected: 'migrate',
  },
  {
    name: 'a pipeline whose host end is also redirected: left to flow detection, which refuses it',
    files: setup('docker run --rm app/builder tar -C /dist -cf - . | tar -C out -xvf - > files.txt'),
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 4 }],
  },
  {
    name: 'a builder whose --target stage does not exist',
    files: setup(PIPE, {}, { build: 'docker build --target nope -t app/builder -f Dockerfile.build .' }),
    expected: refused('runMissingTarget'),
  },
];

runPlanCases('docker run … tar -c | tar -x', cases);
