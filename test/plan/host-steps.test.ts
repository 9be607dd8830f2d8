import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// Host commands between an extraction and the build that copies it (src/plan/host-steps.ts): chmod
// runs in a stage derived from the artifact's; mv and a mode-keeping cp change which host path holds
// it; anything else is refused (host-step-between-extraction-and-build). One row per condition.

const BUILDER = 'FROM golang:1.22\nRUN mkdir -p /out && echo app > /out/app && echo lib > /out/lib\n';

/** build.sh: build (2), create (3), `copies` (4…), `step`, then the runtime build; the runtime Dockerfile copies `copy`. */
function setup(copies: string[], step: string, copy: string, files: Record<string, string> = {}): Record<string, string> {
  const lines = [
    'docker build -t app/builder -f Dockerfile.build .',
    'docker create --name x app/builder',
    ...copies,
    step,
    'docker rm x',
    'docker build -t app/app .',
  ];
  return { 'build.sh': `#!/bin/sh\n${lines.join('\n')}\n`, 'Dockerfile.build': BUILDER, Dockerfile: `FROM alpine:3.19\n${copy}\n`, ...files };
}

const APP = 'docker cp x:/out/app ./app';
const DIR = 'docker cp x:/out ./dist';
// A host command restage does not translate makes a path the build reads: detection's flow, refused at the copy out.
const unrecognised = [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 4 }];
const between = (line: number) => [{ ruleId: 'host-step-between-extraction-and-build', messageId: 'hostStepBetweenExtractionAndBuild', line }];

const cases: PlanCase[] = [
  { name: 'chmod with an octal mode', files: setup([APP], 'chmod 755 app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod with a symbolic mode', files: setup([APP], 'chmod +x app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod with a list of symbolic modes', files: setup([APP], 'chmod u+x,go-w app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod with a mode and the -v flag', files: setup([APP], 'chmod -v 0755 app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod -R of an extracted directory', files: setup([DIR], 'chmod -R go-w dist', 'COPY dist/ /srv/'), expected: 'migrate' },
  { name: 'chmod of a file inside an extracted directory', files: setup([DIR], 'chmod 0700 dist/app', 'COPY dist/ /srv/'), expected: 'migrate' },
  { name: 'chmod with a flag it does not translate', files: setup([APP], 'chmod --reference=Dockerfile app', 'COPY app /usr/bin/app'), expected: between(5) },
  // No file to change: the line stays in the driver (and fails there as before).
  { name: 'chmod with no file', files: setup([APP], 'chmod 755', 'COPY app /usr/bin/app'), expected: 'migrate' },
  {
    name: 'chmod of files from two extractions',
    files: setup([APP, 'docker cp x:/out/lib ./lib'], 'chmod 755 app lib', 'COPY app lib /usr/bin/'),
    expected: between(6),
  },
  { name: 'mv to another name', files: setup([APP], 'mv app server', 'COPY server /usr/bin/server'), expected: 'migrate' },
  { name: 'mv -f into a tracked directory', files: setup([APP], 'mv -f app bin', 'COPY bin/app /usr/bin/app', { 'bin/.keep': '' }), expected: 'migrate' },
  { name: 'mv -n (it may not move)', files: setup([APP], 'mv -n app server', 'COPY server /usr/bin/server'), expected: unrecognised },
  {
    name: 'mv into the repository root',
    files: setup(['docker cp x:/out/app ./bin/app'], 'mv bin/app .', 'COPY app /usr/bin/app', { 'bin/.keep': '' }),
    expected: 'migrate',
  },
  {
    name: 'mv of three operands',
    files: setup([APP, 'docker cp x:/out/lib ./lib'], 'mv app lib bin', 'COPY bin/ /usr/bin/', { 'bin/.keep': '' }),
    expected: unrecognised,
  },
  {
    name: 'cp -p keeps the mode, but the original is then read by no build',
    files: setup([APP], 'cp -p app app.orig', 'COPY app.orig /usr/bin/app'),
    expected: [{ ruleId: 'extraction-not-consumed', messageId: 'extractionNotConsumed', line: 4 }],
  },
  { name: 'cp -a keeps the mode', files: setup([APP], 'cp -a app app.orig', 'COPY app /usr/bin/app\nCOPY app.orig /usr/bin/app.orig'), expected: 'migrate' },
  // Into a directory the copy would take the builder's name (/usr/bin/app twice, no app.orig): refused.
  {
    name: 'cp -a to another name, both copied into a directory',
    files: setup([APP], 'cp -a app app.orig', 'COPY app app.orig /usr/bin/'),
    expected: [{ ruleId: 'copy-form-unsupported', messageId: 'copyFormUnsupported', line: 2, file: 'Dockerfile' }],
  },
  { name: 'plain cp applies the umask', files: setup([APP], 'cp app app.orig', 'COPY app.orig /usr/bin/app'), expected: unrecognised },
  { name: 'cp -r (the mode is not kept)', files: setup([DIR], 'cp -r dist out', 'COPY out/ /srv/'), expected: unrecognised },
  // The mode written like a flag is the mode, not a flag.
  { name: 'chmod with a symbolic mode that starts with a minus', files: setup([APP], 'chmod -x app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod -v with a mode that starts with a minus', files: setup([APP], 'chmod -v -w app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod with an = mode of several permissions', files: setup([APP], 'chmod a=rx app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod -R with a list of symbolic modes', files: setup([DIR], 'chmod -R u+x,go-w dist', 'COPY dist/ /srv/'), expected: 'migrate' },
  { name: 'chmod with a mode copied from another class', files: setup([APP], 'chmod g=u app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod with a one-digit octal mode', files: setup([APP], 'chmod 7 app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod with a four-digit octal mode', files: setup([APP], 'chmod 4755 app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod with a five-digit octal mode (a leading zero)', files: setup([APP], 'chmod -R 07555 app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod --changes -R of a directory', files: setup([DIR], 'chmod --changes -R a+rX dist', 'COPY dist/ /srv/'), expected: 'migrate' },
  {
    name: 'chmod of a file in a directory copied with a trailing slash',
    files: setup(['docker cp x:/out/ ./dist'], 'chmod 0700 dist/app', 'COPY dist/ /srv/'),
    expected: 'migrate',
  },
  {
    name: 'chmod of the artifact and of a tracked file',
    files: setup([APP], 'chmod 755 app run.sh', 'COPY app run.sh /usr/bin/', { 'run.sh': 'echo\n' }),
    expected: between(5),
  },
  {
    name: 'chmod of a tracked file only stays in the driver',
    files: setup([APP], 'chmod 755 run.sh', 'COPY app run.sh /usr/bin/', { 'run.sh': 'echo\n' }),
    expected: 'migrate',
  },
  {
    name: 'chmod of the output of a docker run that mounts the checkout',
    files: {
      'build.sh': '#!/bin/sh\ndocker run --rm -v "$PWD":/src -w /src golang:1.22 go build -o bin/app .\nchmod 0755 bin/app\ndocker build -t app/app .\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n',
    },
    expected: 'migrate',
  },
  // mv and cp
  { name: 'cp -pr of a directory', files: setup([DIR], 'cp -pr dist out', 'COPY dist/ /srv/\nCOPY out/ /srv2/'), expected: 'migrate' },
  { name: 'cp -Rp of a directory', files: setup([DIR], 'cp -Rp dist out', 'COPY dist/ /srv/\nCOPY out/ /srv2/'), expected: 'migrate' },
  { name: 'cp -pR of a directory', files: setup([DIR], 'cp -pR dist out', 'COPY dist/ /srv/\nCOPY out/ /srv2/'), expected: 'migrate' },
  {
    name: 'cp -rp (a flag, though chmod would read -r as a mode)',
    files: setup([DIR], 'cp -rp dist out', 'COPY dist/ /srv/\nCOPY out/ /srv2/'),
    expected: 'migrate',
  },
  { name: 'mv -v (a flag restage does not translate)', files: setup([APP], 'mv -v app server', 'COPY server /usr/bin/server'), expected: unrecognised },
  { name: 'mv -f -n', files: setup([APP], 'mv -f -n app server', 'COPY server /usr/bin/server'), expected: unrecognised },
  { name: 'mv of one operand', files: setup([APP], 'mv app', 'COPY app /usr/bin/app'), expected: between(5) },
  {
    name: 'mv of a tracked file stays in the driver',
    files: setup([APP], 'mv run.sh run', 'COPY app run /usr/bin/', { 'run.sh': 'echo\n' }),
    expected: 'migrate',
  },
  {
    name: 'mv of the contents of a directory copied with /.',
    files: setup(['docker cp x:/out/. ./dist'], 'mv dist out', 'COPY out/ /srv/'),
    expected: 'migrate',
  },
  {
    name: 'mv of the output of a docker run that mounts the checkout (not translated)',
    files: {
      'build.sh': '#!/bin/sh\ndocker run --rm -v "$PWD":/src -w /src golang:1.22 go build -o bin/app .\nmv bin/app server\ndocker build -t app/app .\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY server /usr/bin/server\n',
    },
    expected: between(3),
  },
  // chmod's flags that change only what it prints, or how far it goes
  { name: 'chmod -f', files: setup([APP], 'chmod -f 755 app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod --silent', files: setup([APP], 'chmod --silent +x app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod --quiet --verbose', files: setup([APP], 'chmod --quiet --verbose +x app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  { name: 'chmod --recursive of a directory', files: setup([DIR], 'chmod --recursive a+rX dist', 'COPY dist/ /srv/'), expected: 'migrate' },
  { name: 'chmod -c', files: setup([APP], 'chmod -c 700 app', 'COPY app /usr/bin/app'), expected: 'migrate' },
  {
    name: 'chmod of a path known only at run time',
    files: setup([APP], 'chmod 755 "$(ls app*)"', 'COPY app /usr/bin/app'),
    expected: between(5),
  },
  {
    name: 'chmod whose output goes to a file',
    files: setup([APP], 'chmod -v 755 app > chmod.log', 'COPY app /usr/bin/app'),
    expected: between(5),
  },
  {
    name: 'touch and chmod of the path before the copy out over it: refused',
    files: setup(['touch app', 'chmod 600 app', APP], 'true', 'COPY app /usr/bin/app'),
    expected: [...between(4), ...between(5)],
  },
  {
    name: 'mv into the root written as ./',
    files: setup(['docker cp x:/out/app ./bin/app'], 'mv bin/app ./', 'COPY app /usr/bin/app', { 'bin/.keep': '' }),
    expected: 'migrate',
  },
];

runPlanCases('host steps between an extraction and the build', cases);
