import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// A JS/TS driver that runs the docker client through an API restage does not read (Bun.spawnSync's argv
// array, Deno.Command, a helper built on one): its command lines are taken from the argument lists
// written in the file (src/drivers/js/index.ts, readUnreadClientCalls and foreignArgv), so a setup that
// depends on them is refused, not passed over as "0 setups".

const BUILDER = 'FROM golang:1.22\nRUN mkdir -p /out && echo app > /out/app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';
const ARGV = [
  ['build', '-t', 'app/builder', '-f', 'Dockerfile.build', '.'],
  ['create', '--name', 'x', 'app/builder'],
  ['cp', 'x:/out/app', 'app'],
  ['build', '-t', 'app/app', '.'],
];
const list = (words: string[]) => `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;

function script(lines: string[], name = 'build.ts'): Record<string, string> {
  return { [name]: `${lines.join('\n')}\n`, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME };
}

const controlFlow = (...lines: number[]) => lines.map((line) => ({ ruleId: 'driver-control-flow', messageId: 'driverControlFlow', line }));

const cases: PlanCase[] = [
  {
    name: 'Bun.spawnSync(["docker", …]): the argv array starts with the client',
    files: script(ARGV.map((a) => `Bun.spawnSync(${list(['docker', ...a])});`)),
    expected: controlFlow(1, 2, 3, 4),
  },
  {
    name: 'Bun.spawnSync({ cmd: ["docker", …] })',
    files: script(ARGV.map((a) => `Bun.spawnSync({ cmd: ${list(['docker', ...a])} });`)),
    expected: controlFlow(1, 2, 3, 4),
  },
  {
    name: 'new Deno.Command("docker", { args: […] }).outputSync()',
    files: script(ARGV.map((a) => `new Deno.Command("docker", { args: ${list(a)} }).outputSync();`)),
    expected: controlFlow(1, 2, 3, 4),
  },
  {
    name: 'a helper around Deno.Command called with each argument list',
    files: script(['const run = (args: string[]) => new Deno.Command("docker", { args }).outputSync();', ...ARGV.map((a) => `run(${list(a)});`)]),
    expected: controlFlow(1),
  },
  {
    name: 'a helper around Deno.Command that takes the words one by one',
    files: script([
      'const run = (...args: string[]) => new Deno.Command("docker", { args }).outputSync();',
      ...ARGV.map((a) => `run(${a.map((w) => JSON.stringify(w)).join(', ')});`),
    ]),
    expected: controlFlow(1),
  },
  {
    name: "a runner given the client and its words: sh('docker', […]) of spawn(cmd, args)",
    files: script(
      [
        "import { spawn } from 'node:child_process';",
        "import { once } from 'node:events';",
        'async function sh(cmd, args) { await once(spawn(cmd, args, { stdio: "inherit" }), "exit"); }',
        ...ARGV.map((a) => `await sh('docker', ${list(a)});`),
      ],
      'build.mjs',
    ),
    expected: controlFlow(4, 5, 6, 7),
  },
  {
    name: 'a runner of the client given its words as an array: run([…]) of spawn("docker", args)',
    files: script(
      [
        "import { spawn } from 'node:child_process';",
        "const run = (args) => new Promise((resolve) => spawn('docker', args).on('close', resolve));",
        ...ARGV.map((a) => `await run(${list(a)});`),
      ],
      'build.mjs',
    ),
    expected: controlFlow(3, 4, 5, 6),
  },
  {
    name: 'a runner of the client given its words as a string: docker(`cp …`) of execSync(`docker ${cmd}`)',
    files: script(
      [
        "import { execSync } from 'node:child_process';",
        "const docker = (cmd) => execSync(`docker ${cmd}`, { stdio: 'inherit' });",
        ...ARGV.map((a) => `docker(${JSON.stringify(a.join(' '))});`),
      ],
      'build.mjs',
    ),
    expected: controlFlow(3, 4, 5, 6),
  },
  {
    name: 'a runner that runs no docker, given words that name no client: no step',
    files: script(
      [
        "import { execSync } from 'node:child_process';",
        'const run = (cmd) => execSync(`make ${cmd}`);',
        "run('cp');",
        ...ARGV.map((a) => `execSync(${JSON.stringify(`docker ${a.join(' ')}`)});`),
      ],
      'build.mjs',
    ),
    expected: 'migrate',
  },
  {
    name: 'the client named only in a string nobody runs (a log line): nothing to refuse',
    files: script(["import { execSync } from 'node:child_process';", "console.log('needs docker');", ...ARGV.map((a) => `execSync('docker ${a.join(' ')}');`)]),
    expected: 'migrate',
  },
  ...["commandExists.sync('docker')", "which('docker')", "new Set(['docker'])", "['docker'].includes(process.env.ENGINE)"].map((lookup): PlanCase => ({
    name: `${lookup}: a lookup of the client, no command`,
    files: script(
      [
        "import { execFileSync } from 'node:child_process';",
        `if (!${lookup}) throw new Error('docker run needs docker');`,
        ...ARGV.map((a) => `execFileSync('docker', ${list(a)});`),
      ],
      'build.mjs',
    ),
    expected: 'migrate',
  })),
  {
    name: "const DOCKER = 'docker', then execFileSync(DOCKER, […]): the client's name in a variable is no program",
    files: script(
      ["import { execFileSync } from 'node:child_process';", "const DOCKER = 'docker';", ...ARGV.map((a) => `execFileSync(DOCKER, ${list(a)});`)],
      'build.mjs',
    ),
    expected: 'migrate',
  },
  {
    name: 'execFileSync(dockerPath(), […]): a program computed at run time whose source names docker',
    files: script(
      [
        "import { execFileSync } from 'node:child_process';",
        "const dockerPath = () => process.env.DOCKER_BIN || 'docker';",
        ...ARGV.map((a) => `execFileSync(dockerPath(), ${list(a)});`),
      ],
      'build.mjs',
    ),
    expected: controlFlow(3, 4, 5, 6),
  },
  {
    name: 'execFileSync(tool(), […]) with nothing naming docker: a host command',
    files: script(
      [
        "import { execFileSync } from 'node:child_process';",
        "const tool = () => 'make';",
        "execFileSync(tool(), ['all']);",
        ...ARGV.map((a) => `execFileSync('docker', ${list(a)});`),
      ],
      'build.mjs',
    ),
    expected: 'migrate',
  },
  {
    name: 'execFileSync("docker", […]) in a runner: read through its calls, no extra step',
    files: script(
      [
        "import { execFileSync } from 'node:child_process';",
        "function cleanup() { execFileSync('docker', ['rm', '-f', 'y']); }",
        ...ARGV.map((a) => `execFileSync('docker', ${list(a)});`),
      ],
      'build.mjs',
    ),
    expected: 'migrate',
  },
];

runPlanCases('docker run through a JS API restage does not read', cases);

// Options shared through a constant (src/drivers/js/index.ts, constantObject).
const withOptions = (decl: string[], arg: string) =>
  script(["import { execFileSync } from 'node:child_process';", ...decl, ...ARGV.map((a) => `execFileSync('docker', ${list(a)}, ${arg});`)], 'build.mjs');
const flag = (line: number) => ({ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line });
const unresolved = (line: number) => ({ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line });
/** Options restage cannot read on the four calls from `first`: each is refused, and where a path or context matters, its cwd too. */
const unknownOptions = (first: number) => [
  unresolved(first),
  flag(first),
  flag(first + 1),
  flag(first + 2),
  unresolved(first + 2),
  unresolved(first + 3),
  flag(first + 3),
];
runPlanCases('options of every call in a constant', [
  { name: "const opts = { stdio: 'inherit' }", files: withOptions(["const opts = { stdio: 'inherit' };"], 'opts'), expected: 'migrate' },
  { name: 'a cwd in the constant', files: withOptions(["const opts = { cwd: '.', stdio: 'inherit' };"], 'opts'), expected: 'migrate' },
  { name: 'let: may change', files: withOptions(["let opts = { stdio: 'inherit' };"], 'opts'), expected: unknownOptions(3) },
  { name: 'a property set later', files: withOptions(["const opts = { stdio: 'inherit' };", "opts.env = { X: '1' };"], 'opts'), expected: unknownOptions(4) },
  { name: 'a property set by index', files: withOptions(["const opts = { stdio: 'inherit' };", "opts['env'] = {};"], 'opts'), expected: unknownOptions(4) },
  {
    name: 'Object.assign onto it',
    files: withOptions(["const opts = { stdio: 'inherit' };", 'Object.assign(opts, { shell: true });'], 'opts'),
    expected: unknownOptions(4),
  },
  {
    name: 'a comparison is no change',
    files: withOptions(["const opts = { stdio: 'inherit' };", "if (opts.stdio === 'x') console.log('x');"], 'opts'),
    expected: 'migrate',
  },
  {
    name: 'an option restage does not model',
    files: withOptions(["const opts = { env: { X: '1' } };"], 'opts'),
    expected: [flag(3), flag(4), flag(5), flag(6)],
  },
  { name: 'an unknown name', files: withOptions([], 'opts'), expected: unknownOptions(2) },
]);

// util.promisify of child_process's exec and execFile (src/drivers/js/index.ts, promisifiedExecs):
// awaited, each call runs to its end before the next, as execSync does.
const promisified = (head: string[], call: (words: string[]) => string) => script([...head, ...ARGV.map(call)], 'build.mjs');
runPlanCases('promisified exec and execFile', [
  {
    name: 'promisify(exec) imported under another name, awaited',
    files: promisified(
      ["import { promisify } from 'node:util';", "import { exec as execCb } from 'node:child_process';", 'const exec = promisify(execCb);'],
      (a) => `await exec(${JSON.stringify(`docker ${a.join(' ')}`)});`,
    ),
    expected: 'migrate',
  },
  {
    name: "util.promisify(require('child_process').exec)",
    files: promisified(
      ["const util = require('util');", "const execAsync = util.promisify(require('child_process').exec);"],
      (a) => `await execAsync(${JSON.stringify(`docker ${a.join(' ')}`)});`,
    ),
    expected: 'migrate',
  },
  {
    name: 'promisify(execFile) with argv arrays',
    files: promisified(
      ["import { promisify } from 'node:util';", "import { execFile } from 'node:child_process';", 'const run = promisify(execFile);'],
      (a) => `await run('docker', ${list(a)});`,
    ),
    expected: 'migrate',
  },
  {
    name: 'promisified, not awaited: the calls may overlap',
    files: promisified(
      ["import { promisify } from 'node:util';", "import { exec } from 'node:child_process';", 'const run = promisify(exec);'],
      (a) => `run(${JSON.stringify(`docker ${a.join(' ')}`)});`,
    ),
    expected: controlFlow(4, 5, 6, 7),
  },
  {
    name: 'promisify of something else is no exec',
    files: promisified(
      [
        "import { promisify } from 'node:util';",
        "import { readFile } from 'node:fs';",
        "import { execSync } from 'node:child_process';",
        'const read = promisify(readFile);',
        "await read('x');",
      ],
      (a) => `execSync(${JSON.stringify(`docker ${a.join(' ')}`)});`,
    ),
    expected: 'migrate',
  },
  {
    name: 'let run = promisify(exec): may change',
    files: promisified(
      ["import { promisify } from 'node:util';", "import { exec } from 'node:child_process';", 'let run = promisify(exec);'],
      (a) => `await run(${JSON.stringify(`docker ${a.join(' ')}`)});`,
    ),
    expected: controlFlow(4, 5, 6, 7),
  },
  {
    name: 'a helper imported from another module, given command lines',
    files: promisified(["import { sh } from './lib/sh.mjs';"], (a) => `sh(${JSON.stringify(`docker ${a.join(' ')}`)});`),
    expected: controlFlow(2, 3, 4, 5),
  },
  {
    name: 'a helper whose name says nothing of running (parse), given command lines: no step',
    files: promisified(
      ["import { execSync } from 'node:child_process';", "import { parse } from './lib/parse.mjs';"],
      (a) => `parse(${JSON.stringify(`docker ${a.join(' ')}`)}); execSync(${JSON.stringify(`docker ${a.join(' ')}`)});`,
    ),
    expected: 'migrate',
  },
  {
    name: 'an imported runCommand, given command lines',
    files: promisified(["import { runCommand } from './lib/run.mjs';"], (a) => `await runCommand(${JSON.stringify(`docker ${a.join(' ')}`)});`),
    expected: controlFlow(2, 3, 4, 5),
  },
  {
    name: 'a log call given the command line it is about to run',
    files: promisified(
      ["import { execSync } from 'node:child_process';", "import { log } from './lib/log.mjs';"],
      (a) => `log(${JSON.stringify(`docker ${a.join(' ')}`)}); execSync(${JSON.stringify(`docker ${a.join(' ')}`)});`,
    ),
    expected: 'migrate',
  },
  {
    name: 'a helper given prose that mentions the client',
    files: promisified(
      ["import { execSync } from 'node:child_process';", "import { notify } from './lib/ui.mjs';", "notify('docker: building the image');"],
      (a) => `execSync(${JSON.stringify(`docker ${a.join(' ')}`)});`,
    ),
    expected: 'migrate',
  },
]);

// execa's template bound to options (src/drivers/js/index.ts, boundTemplate), argument lists restage
// cannot follow to the call, and methods that run commands.
const lines = (head: string[], call: (words: string[]) => string, name = 'build.mjs') => script([...head, ...ARGV.map(call)], name);
runPlanCases('bound templates, argument lists in variables, methods', [
  {
    name: "const $$ = $({ stdio: 'inherit' }), awaited",
    files: lines(["import { $ } from 'execa';", "const $$ = $({ stdio: 'inherit' });"], (a) => `await $$\`docker ${a.join(' ')}\`;`),
    expected: 'migrate',
  },
  {
    name: "$({ stdio: 'inherit' }) inline",
    files: lines(["import { $ } from 'execa';"], (a) => `await $({ stdio: 'inherit' })\`docker ${a.join(' ')}\`;`),
    expected: 'migrate',
  },
  {
    name: 'bound to an option restage does not model (env)',
    files: lines(["import { $ } from 'execa';", "const $$ = $({ env: { DOCKER_HOST: 'ssh://ci' } });"], (a) => `await $$\`docker ${a.join(' ')}\`;`),
    expected: [3, 4, 5, 6].map((line) => ({ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line })),
  },
  {
    name: 'bound, not awaited',
    files: lines(["import { $ } from 'execa';", "const $$ = $({ stdio: 'inherit' });"], (a) => `$$\`docker ${a.join(' ')}\`;`),
    expected: controlFlow(3, 4, 5, 6),
  },
  {
    name: 'an inline tag of something else is no command',
    files: lines(
      ["import { execSync } from 'node:child_process';", 'html({ x: 1 })`docker cp x:/out/app app`;'],
      (a) => `execSync(${JSON.stringify(`docker ${a.join(' ')}`)});`,
    ),
    expected: 'migrate',
  },
  {
    name: 'a tag bound to something else is no command',
    files: lines(
      ["import { execSync } from 'node:child_process';", 'const t = html({ x: 1 });', 't`docker cp x:/out/app app`;'],
      (a) => `execSync(${JSON.stringify(`docker ${a.join(' ')}`)});`,
    ),
    expected: 'migrate',
  },
  {
    name: "spawnSync('docker', step) over a const array of argument lists",
    files: script(
      [
        "const { spawnSync } = require('child_process');",
        `const steps = [${ARGV.map(list).join(', ')}];`,
        "for (const s of steps) spawnSync('docker', s, { stdio: 'inherit' });",
      ],
      'build.js',
    ),
    expected: controlFlow(3),
  },
  {
    name: "a class's run method, called with command lines",
    files: lines(
      [
        "import { execSync } from 'node:child_process';",
        'class Builder { run(cmd: string) { execSync(cmd, { stdio: "inherit" }); } }',
        'const b = new Builder();',
      ],
      (a) => `b.run(${JSON.stringify(`docker ${a.join(' ')}`)});`,
      'build.ts',
    ),
    expected: controlFlow(4, 5, 6, 7),
  },
]);

// A JS statement the migration keeps that reads what a removed call bound (src/plan/kept-lines.ts).
runPlanCases('JS: kept statements that read a removed binding', [
  {
    name: 'const id = stdout.trim() after a removed create',
    files: script(
      [
        "import { execa } from 'execa';",
        "await execa('docker', ['build', '-t', 'app/builder', '-f', 'Dockerfile.build', '.']);",
        "const { stdout } = await execa('docker', ['create', 'app/builder']);",
        'const id = stdout.trim();',
        "await execa('docker', ['cp', `${id}:/out/app`, 'app']);",
        "await execa('docker', ['rm', id]);",
        "await execa('docker', ['build', '-t', 'app/app', '.']);",
      ],
      'build.mjs',
    ),
    expected: [{ ruleId: 'unsupported-extraction', messageId: 'keptLineReadsRemoved', line: 4 }],
  },
  {
    name: 'the id read only by removed calls',
    files: script(
      [
        "import { execa } from 'execa';",
        "await execa('docker', ['build', '-t', 'app/builder', '-f', 'Dockerfile.build', '.']);",
        "const { stdout: id } = await execa('docker', ['create', 'app/builder']);",
        "await execa('docker', ['cp', `${id}:/out/app`, 'app']);",
        "await execa('docker', ['rm', id]);",
        "await execa('docker', ['build', '-t', 'app/app', '.']);",
      ],
      'build.mjs',
    ),
    expected: 'migrate',
  },
]);
