import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// shelljs (src/drivers/js/index.ts, readShelljsExec): `shell.exec(line)` runs the line through a shell
// and returns when it ends, as execSync does; `shell.cd(dir)` moves the process. And dockerode's
// `container.getArchive` (refuseEngineApiCopies): a copy out of a container restage cannot follow.

const BUILDER = 'FROM golang:1.22\nRUN mkdir -p /out && echo app > /out/app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';
const LINES = ['docker build -t app/builder -f Dockerfile.build .', 'docker create --name x app/builder', 'docker cp x:/out/app app', 'docker rm x'];
const RUNTIME_BUILD = 'docker build -t app/app .';

function script(head: string[], call: (line: string) => string, name = 'build.js', files: Record<string, string> = {}): Record<string, string> {
  const body = [...head, ...[...LINES, RUNTIME_BUILD].map(call)];
  return { [name]: `${body.join('\n')}\n`, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, ...files };
}
const shell = (line: string) => `shell.exec(${JSON.stringify(line)});`;
const required = ["const shell = require('shelljs');"];

const controlFlow = (line: number) => [{ ruleId: 'driver-control-flow', messageId: 'driverControlFlow', line }];

const cases: PlanCase[] = [
  { name: "require('shelljs'): shell.exec", files: script(required, shell), expected: 'migrate' },
  { name: "import shell from 'shelljs'", files: script(["import shell from 'shelljs';"], shell, 'build.mjs'), expected: 'migrate' },
  {
    name: 'exec imported by name, with options',
    files: script(["import { exec as run } from 'shelljs';"], (l) => `run(${JSON.stringify(l)}, { silent: true, fatal: true });`, 'build.mjs'),
    expected: 'migrate',
  },
  {
    name: "require('shelljs/global'): exec as a global",
    files: script(["require('shelljs/global');"], (l) => `exec(${JSON.stringify(l)});`),
    expected: 'migrate',
  },
  {
    name: 'exec of another module is not shelljs: its calls are not read',
    files: script(["const sh = require('other');"], (l) => `sh.exec(${JSON.stringify(l)});`),
    expected: [2, 3, 4, 5, 6].flatMap(controlFlow),
  },
  {
    name: '{ async: true } returns before the command ends',
    files: script(required, (l) => (l === LINES[0] ? `shell.exec(${JSON.stringify(l)}, { async: true });` : shell(l))),
    expected: controlFlow(2),
  },
  {
    name: 'options in a const: { silent: true }',
    files: script([...required, 'const quiet = { silent: true };'], (l) => `shell.exec(${JSON.stringify(l)}, quiet);`),
    expected: 'migrate',
  },
  {
    name: 'options in a const: { async: true }',
    files: script([...required, 'const bg = { async: true };'], (l) => (l === LINES[0] ? `shell.exec(${JSON.stringify(l)}, bg);` : shell(l))),
    expected: controlFlow(3),
  },
  {
    name: 'options restage cannot see',
    files: script(required, (l) => (l === LINES[0] ? `shell.exec(${JSON.stringify(l)}, makeOptions());` : shell(l))),
    expected: controlFlow(2),
  },
  {
    name: 'a callback makes it asynchronous',
    files: script(required, (l) => (l === LINES[0] ? `shell.exec(${JSON.stringify(l)}, () => {});` : shell(l))),
    expected: controlFlow(2),
  },
  {
    name: 'a cwd option moves the command',
    files: script(required, (l) => (l === LINES[2] ? `shell.exec('docker cp x:/out/app ../app', { cwd: 'sub' });` : shell(l)), 'build.js', { 'sub/.keep': '' }),
    expected: 'migrate',
  },
  {
    name: 'shell.cd moves every later command',
    files: script(
      [...required, "shell.cd('sub');"],
      (l) =>
        shell(l === RUNTIME_BUILD ? 'docker build -t app/app ..' : l.replace(' app', ' ../app').replace('-f Dockerfile.build .', '-f ../Dockerfile.build ..')),
      'build.js',
      {
        'sub/.keep': '',
      },
    ),
    expected: 'migrate',
  },
  {
    name: 'shell.pushd leaves the directory unknown',
    files: script([...required, "shell.pushd('sub');"], shell, 'build.js', { 'sub/.keep': '' }),
    expected: [3, 5, 7].map((line) => ({ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line })),
  },
  // The README's guard: the command, and a stop when it fails.
  {
    name: 'if (shell.exec(…).code !== 0) { shell.echo(…); shell.exit(1); }',
    files: script(required, (l) => `if (shell.exec(${JSON.stringify(l)}).code !== 0) {\n  shell.echo('failed');\n  shell.exit(1);\n}`),
    expected: 'migrate',
  },
  {
    name: 'a guard that throws',
    files: script(required, (l) => `if (shell.exec(${JSON.stringify(l)}).code != 0) throw new Error('failed');`),
    expected: 'migrate',
  },
  {
    name: 'a guard with an else runs something else',
    files: script(required, (l) =>
      l === LINES[0] ? `if (shell.exec(${JSON.stringify(l)}).code !== 0) { shell.exit(1); } else { shell.echo('ok'); }` : shell(l),
    ),
    expected: controlFlow(2),
  },
  {
    name: 'a guard whose body does more than stop',
    files: script(required, (l) => (l === LINES[0] ? `if (shell.exec(${JSON.stringify(l)}).code !== 0) { shell.exec('docker pull x'); }` : shell(l))),
    expected: controlFlow(2),
  },
  {
    name: 'a branch on success is not a guard',
    files: script(required, (l) => (l === LINES[0] ? `if (shell.exec(${JSON.stringify(l)}).code === 0) { shell.exit(1); }` : shell(l))),
    expected: controlFlow(2),
  },
  // dockerode
  {
    // Only a Dockerfile nothing restage reads builds: an unknown write elsewhere is matched to the builds of its own file.
    name: 'dockerode getArchive with no build in the file: a write restage cannot follow',
    files: {
      'extract.js':
        "const Docker = require('dockerode');\nconst c = new Docker().getContainer('x');\nc.getArchive({ path: '/out/app' }).then((s) => s.pipe(fs.createWriteStream('app.tar')));\n",
      Dockerfile: RUNTIME,
    },
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 3 }],
  },
  {
    name: 'dockerode getArchive in a script the driver runs before its build',
    files: {
      'tools/extract.js': "const Docker = require('dockerode');\nnew Docker().getContainer('x').getArchive({ path: '/out/app' });\n",
      'build.sh': '#!/bin/sh\nnode tools/extract.js\ndocker build -t app/app .\n',
      Dockerfile: RUNTIME,
    },
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 2 }],
  },
  {
    name: 'a driver that names another script only as part of a longer name does not run it',
    files: {
      'tools/extract.js': "const Docker = require('dockerode');\nnew Docker().getContainer('x').getArchive({ path: '/out/app' });\n",
      'build.sh': '#!/bin/sh\nnode tools/extract.json.js\ndocker build -t app/app .\n',
      Dockerfile: RUNTIME,
    },
    expected: 'nothing',
  },
  {
    name: 'dockerode getArchive and a build in the file',
    files: {
      'build.js':
        "const Docker = require('dockerode');\nconst docker = new Docker();\ndocker.buildImage({ context: '.', src: ['Dockerfile.build'] }, { t: 'b' });\ndocker.getContainer('x').getArchive({ path: '/out/app' });\n",
      Dockerfile: RUNTIME,
    },
    expected: [{ ruleId: 'unsupported-driver', messageId: 'unsupportedDriver', line: 4 }],
  },
  {
    name: 'a test helper reading a container with dockerode, no build copying its files',
    files: {
      'test/helper.js': "const Docker = require('dockerode');\nnew Docker().getContainer('db').getArchive({ path: '/var/log' });\n",
      Dockerfile: 'FROM alpine:3.19\nCOPY main.go /src/\n',
      'main.go': 'package main\n',
    },
    expected: 'nothing',
  },
];

runPlanCases('shelljs and dockerode drivers', cases);
