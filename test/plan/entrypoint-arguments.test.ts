import { describe, expect, it } from 'vitest';
import { readsAsProgram } from '../../src/plan/program-words.js';
import { runPlanCases, unsupported, type PlanCase } from '../support/plan-tester.js';

// A run's first word that is not a program (src/plan/program-words.ts): on an image whose ENTRYPOINT
// restage cannot read (a pulled one, or a built one whose base image passes one on), the words are
// that ENTRYPOINT's arguments (`docker run squidfunk/mkdocs-material build`), and a stage's RUN would
// run `build` as a program. Refused in each form a run becomes a stage: mounts, docker cp, stdout.

const RUNTIME = 'FROM alpine:3.19\nCOPY dist/app /usr/bin/app\n';

function mounted(run: string, files: Record<string, string> = {}): Record<string, string> {
  return { 'build.sh': `#!/bin/sh\n${run}\ndocker build -t app/app .\n`, Dockerfile: RUNTIME, 'main.go': 'package main\n', ...files };
}
const pulled = (command: string, flags = '') => mounted(`docker run --rm -v "$PWD":/src -w /src ${flags}tools/img:1 ${command}`);

/** The toolchain built at line 2, run with `command` at line 3. */
function onToolchain(command: string, dockerfileBuild: string): Record<string, string> {
  return {
    ...mounted(`docker build -t app/toolchain -f Dockerfile.build .\ndocker run --rm -v "$PWD":/src -w /src app/toolchain ${command}`),
    'Dockerfile.build': dockerfileBuild,
  };
}

const cases: PlanCase[] = [
  // A pulled image: its ENTRYPOINT is unknown.
  { name: 'a subcommand of the pulled image ENTRYPOINT', files: pulled('build -d dist'), expected: unsupported('commandNotProgram', 2) },
  { name: 'a document the ENTRYPOINT reads', files: pulled('README.md -o dist/app'), expected: unsupported('commandNotProgram', 2) },
  { name: 'a script an interpreter ENTRYPOINT reads', files: pulled('./build.js'), expected: unsupported('commandNotProgram', 2) },
  { name: '--entrypoint names the program', files: pulled('build -d dist', '--entrypoint mkdocs '), expected: 'migrate' },
  { name: 'a build tool by name', files: pulled('go build -o dist/app .'), expected: 'migrate' },
  { name: 'a versioned interpreter', files: pulled('python3.12 setup.py bdist'), expected: 'migrate' },
  { name: 'a cross compiler named for its target', files: pulled('aarch64-linux-gnu-gcc -o dist/app main.c'), expected: 'migrate' },
  { name: 'a script of the checkout', files: pulled('./scripts/build'), expected: 'migrate' },
  { name: 'a program by its path in the image', files: pulled('/usr/local/bin/mytool -o dist/app'), expected: 'migrate' },
  { name: 'a shell script by name', files: pulled('build.sh'), expected: 'migrate' },
  // A built image: its chain's ENTRYPOINT is read; with none, its base image's is passed on.
  {
    name: "a built toolchain: its base image's ENTRYPOINT",
    files: onToolchain('release', 'FROM golang:1.22\n'),
    expected: unsupported('commandNotProgram', 3),
  },
  { name: 'a built toolchain: a program', files: onToolchain('go build -o dist/app .', 'FROM golang:1.22\n'), expected: 'migrate' },
  {
    name: 'a built toolchain on scratch has no ENTRYPOINT to pass on',
    files: onToolchain('release', 'FROM scratch\nCOPY main.go /usr/bin/release\n'),
    expected: 'migrate',
  },
  {
    name: 'a CMD the run falls back to: its first word',
    files: mounted('docker build -t app/toolchain -f Dockerfile.build .\ndocker run --rm -v "$PWD/dist":/src/dist app/toolchain', {
      'Dockerfile.build': 'FROM golang:1.22\nWORKDIR /src\nCMD ["release", "-o", "dist/app"]\n',
    }),
    expected: unsupported('commandNotProgram', 3),
  },
  // docker run --name x IMG … then docker cp.
  {
    name: 'docker cp out of a run of a subcommand',
    files: mounted('docker run --name x tools/img:1 build\ndocker cp x:/src/dist ./dist\ndocker rm x'),
    expected: unsupported('commandNotProgram', 2),
  },
  {
    name: 'docker cp out of a run of a program',
    files: mounted('docker run --name x golang:1.22 make dist\ndocker cp x:/go/dist ./dist\ndocker rm x'),
    expected: 'migrate',
  },
  // docker run … > file on a built image.
  {
    name: 'stdout of a subcommand of the base image ENTRYPOINT',
    files: mounted('docker build -t app/builder -f Dockerfile.build .\ndocker run --rm app/builder fetch > dist/app', {
      'Dockerfile.build': 'FROM golang:1.22\n',
    }),
    expected: unsupported('commandNotProgram', 3),
  },
  {
    name: 'stdout of a program',
    files: mounted('docker build -t app/builder -f Dockerfile.build .\ndocker run --rm app/builder head -c 3 /etc/hostname > dist/app', {
      'Dockerfile.build': 'FROM golang:1.22\n',
    }),
    expected: 'migrate',
  },
];

runPlanCases('a run whose words may be an ENTRYPOINT’s arguments', cases);

describe('readsAsProgram', () => {
  it.each([
    'sh',
    'make',
    'go',
    'npm',
    'python3',
    'python3.12',
    'gcc-13',
    'g++',
    'pip3',
    'x86_64-w64-mingw32-gcc',
    './gradlew',
    '/bin/true',
    'scripts/build',
    'run.sh',
    'head',
    '.venv/bin/python',
    'node_modules/.bin/webpack',
    '../tools/build',
  ])('%s is a program', (word) => expect(readsAsProgram(word)).toBe(true));
  it.each([
    'build',
    'release',
    'generate',
    'install',
    'test',
    'README.md',
    'docs/index.md',
    './build.js',
    'api.proto',
    '-o',
    'site',
    'x-gcc',
    'github.com/org/tool',
    'golang.org/x/tools/cmd/stringer',
  ])('%s is not', (word) => expect(readsAsProgram(word)).toBe(false));
});
