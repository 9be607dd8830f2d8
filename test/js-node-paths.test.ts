import { describe, expect, it } from 'vitest';
import { extract } from '../src/drivers/js/index.js';
import { invokedFrom } from '../src/drivers/invoked-from.js';
import { REPO_ROOT } from '../src/shell/evaluate.js';

// Host paths a JS/TS driver builds with Node's own means (src/drivers/js/node-paths.ts): what the last
// word of `docker cp x:/a DEST` evaluates to, REPO_ROOT shown as <root>, `~` after a value that is not
// static. Each row is a script at scripts/build.mjs (or the path given) with these lines first.
async function destOf(lines: string[], dest: string, form: 'template' | 'argv' | 'zx' = 'template', file = 'scripts/build.mjs'): Promise<string> {
  const copy = {
    template: `execSync(\`docker cp x:/a ${dest}\`);`,
    argv: `spawnSync('docker', ['cp', 'x:/a', ${dest}]);`,
    // zx quotes each interpolation: one argument, whatever it holds.
    zx: `await $\`docker cp x:/a ${dest}\`;`,
  }[form];
  const text = [`import { execSync, spawnSync } from 'node:child_process';`, ...lines, copy, ''].join('\n');
  const a = await extract(file, text);
  const step = a.steps.find((s) => s.kind === 'docker');
  if (!step || step.kind !== 'docker') return `no docker step (${a.steps.map((s) => s.kind).join(',')})`;
  const last = step.args.at(-1)!;
  return `${last.text.split(REPO_ROOT).join('<root>')}${last.isStatic ? '' : '~'}`;
}

const PATH = `import path from 'node:path';`;
/** A value restage cannot know, pasted into the shell text as a variable nobody sets. */
const UNKNOWN = '$__js0~';
const URL = `import { fileURLToPath } from 'node:url';`;

describe('host paths built with path, url, __dirname and process.cwd()', () => {
  it.each([
    ['__dirname', [], '${__dirname}/app', '<root>/scripts/app'],
    ['__filename', [], '${__filename}', '<root>/scripts/build.mjs'],
    ['import.meta.dirname', [], '${import.meta.dirname}/app', '<root>/scripts/app'],
    ['import.meta.filename', [], '${import.meta.filename}', '<root>/scripts/build.mjs'],
    ['process.cwd(): the script runs from its own directory', [], '${process.cwd()}/app', '<root>/scripts/app'],
    ['process.cwd() after a process.chdir', [`process.chdir('..');`], '${process.cwd()}/app', '<root>/app'],
    ['process.cwd() once a move restage cannot place happened', ["function away() { process.chdir('/tmp'); }"], '${process.cwd()}/app', '$__js0/app~'],
    ['path.resolve from an unknown cwd', [PATH, "function away() { process.chdir('/tmp'); }"], "${path.resolve('app')}", UNKNOWN],
    ['path.join up to the root', [PATH], "${path.join(__dirname, '..', 'dist')}", '<root>/dist'],
    ['path.join above the root', [PATH], "${path.join(__dirname, '..', '..', 'dist')}", UNKNOWN],
    ['path.resolve of relative parts: from the cwd', [PATH], "${path.resolve('out', 'app')}", '<root>/scripts/out/app'],
    ['path.resolve from its last absolute part', [PATH], "${path.resolve('x', __dirname, '..', 'bin/')}", '<root>/bin'],
    ['path.resolve above the root', [PATH], "${path.resolve('../..')}", UNKNOWN],
    ['path.dirname', [PATH], '${path.dirname(__dirname)}/app', '<root>/app'],
    ['path.dirname of two arguments is not Node’s', [PATH], "${path.dirname(__dirname, 'x')}", UNKNOWN],
    ['path.posix.join', [PATH], "${path.posix.join(__dirname, 'app')}", '<root>/scripts/app'],
    ['path.win32.join is not modelled', [PATH], "${path.win32.join(__dirname, 'app')}", UNKNOWN],
    [
      'a named path function assigned in a branch',
      [`import { join } from 'node:path';`, "if (process.env.X) join = () => '/x';"],
      "${join(__dirname, 'app')}",
      UNKNOWN,
    ],
    ['named imports, aliased', [`import { join as j, dirname } from 'node:path';`], "${j(dirname(__dirname), 'app')}", '<root>/app'],
    ['import * as', [`import * as p from 'path';`], "${p.join(__dirname, 'app')}", '<root>/scripts/app'],
    ['require', [`const path = require('path');`], "${path.join(__dirname, 'app')}", '<root>/scripts/app'],
    ['require, destructured', [`const { resolve: r } = require('node:path');`], "${r(__dirname, 'app')}", '<root>/scripts/app'],
    [
      'fileURLToPath(import.meta.url), the ES-module __dirname',
      [PATH, URL, 'const dir = path.dirname(fileURLToPath(import.meta.url));'],
      "${path.join(dir, 'app')}",
      '<root>/scripts/app',
    ],
    ['url.fileURLToPath', [PATH, `import url from 'node:url';`], '${path.dirname(url.fileURLToPath(import.meta.url))}', '<root>/scripts'],
    ['fileURLToPath of another URL', [URL], "${fileURLToPath('file:///tmp/x')}", UNKNOWN],
    ['a module function that is not a path function', [PATH], '${path.basename(__dirname)}', UNKNOWN],
    ['join from a module that is not path', [`import path from './my-path.js';`], "${path.join(__dirname, 'app')}", UNKNOWN],
    [
      'a path variable assigned in a branch is not the module',
      [PATH, "if (process.env.X) path = { join: () => '/x' };"],
      "${path.join(__dirname, 'app')}",
      UNKNOWN,
    ],
    ['an argument restage cannot know', [PATH], '${path.join(__dirname, process.env.OUT)}', UNKNOWN],
    ['a module named like path is not path (upath)', [`import path from 'upath';`], "${path.join(__dirname, 'app')}", UNKNOWN],
    ['a module whose name starts like path is not path', [`import path from 'path-browserify';`], "${path.join(__dirname, 'app')}", UNKNOWN],
    ['fileURLToPath of a module that is not url', [`import u from 'url-parse';`], '${u.fileURLToPath(import.meta.url)}', UNKNOWN],
    ['another named function of path', [`import { basename } from 'node:path';`], '${basename(__dirname)}', UNKNOWN],
    ['another named function of url', [`import { pathToFileURL } from 'node:url';`], '${pathToFileURL(__dirname)}', UNKNOWN],
    ['another function of the url module', [`import url from 'node:url';`], '${url.pathToFileURL(__dirname)}', UNKNOWN],
    ['a module loaded by a function that is not require', ["const path = load('path');"], "${path.join(__dirname, 'app')}", UNKNOWN],
    ['a require of a name restage cannot know', ['const path = require(process.env.PATH_MODULE);'], "${path.join(__dirname, 'app')}", UNKNOWN],
    ['path.resolve of an absolute path outside the repository', [PATH], "${path.resolve('/opt/app', 'bin')}", '/opt/app/bin'],
    ['path.resolve of the root', [PATH], "${path.resolve('/')}", '/'],
    ['path.resolve drops a trailing slash', [PATH], "${path.resolve('out/')}", '<root>/scripts/out'],
    ['path.join of relative parts stays relative', [PATH], "${path.join('out', 'app')}", 'out/app'],
    ['path.join of nothing', [PATH], '${path.join()}', UNKNOWN],
    ['a call with arguments is not process.cwd()', [], "${process.cwd('x')}", UNKNOWN],
    ['another call without arguments is not process.cwd()', [`import os from 'node:os';`], '${os.homedir()}/app', '$__js0/app~'],
    ['path functions by element access are not followed', [PATH], "${path['join'](__dirname, 'app')}", UNKNOWN],
    ['the script’s own __dirname constant wins', ["const __dirname = '/opt/app';"], '${__dirname}/app', '/opt/app/app'],
  ])('%s', async (_, lines, dest, expected) => {
    expect(await destOf(lines, dest)).toBe(expected);
  });

  it('a path under the root stays one word in a template handed to a shell, quoted or not', async () => {
    expect(await destOf([PATH], '"${path.join(__dirname, \'my app\')}"')).toBe('<root>/scripts/my app');
  });

  it('a zx template quotes the interpolated path as one argument', async () => {
    expect(await destOf([PATH], "${path.join(__dirname, 'my app')}", 'zx')).toBe('<root>/scripts/my app');
    expect(await destOf([PATH], '${__dirname}', 'zx')).toBe('<root>/scripts');
  });

  it('in an argv array', async () => {
    expect(await destOf([PATH], "path.join(__dirname, '..', 'dist')", 'argv')).toBe('<root>/dist');
  });

  it('at the repository root, __dirname is the root itself', async () => {
    expect(await destOf([PATH], "${path.join(__dirname, 'app')}", 'template', 'build.mjs')).toBe('<root>/app');
    expect(await destOf([PATH], "${path.resolve(__dirname, 'app')}", 'template', 'build.mjs')).toBe('<root>/app');
    expect(await destOf([PATH], "${path.join(__dirname, '..')}", 'template', 'build.mjs')).toBe(UNKNOWN);
  });

  it('an argv word restage cannot know keeps its source', async () => {
    expect(await destOf([PATH], 'path.join(__dirname, process.env.OUT)', 'argv')).toBe('path.join(__dirname, process.env.OUT)~');
  });
});

describe('the directory a package.json runs a JS script from', () => {
  const scripts = (s: Record<string, string>) => JSON.stringify({ name: 'x', scripts: s });
  it.each([
    ['no package.json: the script’s own directory', 'scripts/b.mjs', {}, undefined],
    ['the root package.json runs it by its path', 'scripts/b.mjs', { 'package.json': scripts({ image: 'node scripts/b.mjs' }) }, ''],
    ['…with ./, after other commands', 'scripts/b.mjs', { 'package.json': scripts({ image: 'npm ci && tsx ./scripts/b.mjs --fast' }) }, ''],
    ['…quoted', 'scripts/b.mjs', { 'package.json': scripts({ image: 'node "scripts/b.mjs"' }) }, ''],
    ['a package.json that names it otherwise', 'scripts/b.mjs', { 'package.json': scripts({ image: 'cd scripts && node b.mjs' }) }, undefined],
    [
      'a longer name that ends like it',
      'scripts/b.mjs',
      { 'package.json': scripts({ x: 'node other-scripts/b.mjs', y: 'node scripts/b.mjs.bak' }) },
      undefined,
    ],
    ['the package.json of its own directory', 'scripts/b.mjs', { 'scripts/package.json': scripts({ image: 'node b.mjs' }) }, 'scripts'],
    [
      'the nearest package.json that runs it',
      'packages/web/scripts/b.mjs',
      { 'packages/web/package.json': scripts({ image: 'node scripts/b.mjs' }), 'package.json': scripts({ x: 'node packages/web/scripts/b.mjs' }) },
      'packages/web',
    ],
    [
      'past a package.json that does not',
      'packages/web/scripts/b.mjs',
      { 'packages/web/package.json': scripts({ test: 'vitest' }), 'package.json': scripts({ x: 'node packages/web/scripts/b.mjs' }) },
      '',
    ],
    ['one of several scripts runs it', 'scripts/b.mjs', { 'package.json': scripts({ test: 'vitest', image: 'node scripts/b.mjs', lint: 'eslint .' }) }, ''],
    ['a script value that is not a string', 'scripts/b.mjs', { 'package.json': '{ "scripts": { "x": ["node scripts/b.mjs"] } }' }, undefined],
    ['scripts that are null', 'scripts/b.mjs', { 'package.json': '{ "scripts": null }' }, undefined],
    ['a package.json that is not JSON', 'scripts/b.mjs', { 'package.json': '{ "scripts": { "x": "node scripts/b.mjs" }, }' }, undefined],
    ['scripts that are not an object', 'scripts/b.mjs', { 'package.json': '{ "scripts": "node scripts/b.mjs" }' }, undefined],
    [
      'a GitHub workflow step runs it from the checkout',
      'scripts/build.sh',
      { '.github/workflows/ci.yml': 'jobs:\n  b:\n    steps:\n      - run: ./scripts/build.sh\n' },
      '',
    ],
    ['a GitLab job runs it', 'ci/build.sh', { '.gitlab-ci.yml': 'build:\n  script:\n    - bash ci/build.sh\n' }, ''],
    [
      'a workflow that sets working-directory decides nothing',
      'scripts/build.sh',
      {
        '.github/workflows/ci.yml':
          'defaults:\n  run:\n    working-directory: scripts\njobs:\n  b:\n    steps:\n      - run: ./build.sh\n      - run: ./scripts/build.sh\n',
      },
      undefined,
    ],
    ['a YAML file elsewhere is not a CI configuration', 'scripts/build.sh', { 'deploy/ci.yml': 'run: ./scripts/build.sh\n' }, undefined],
    [
      'a Makefile caller comes before a workflow',
      'svc/scripts/build.sh',
      { 'svc/Makefile': 'all:\n\tscripts/build.sh\n', '.github/workflows/ci.yml': '      - run: svc/scripts/build.sh\n' },
      'svc',
    ],
    ['a script at the root runs from the root', 'build.sh', { '.github/workflows/ci.yml': '      - run: ./build.sh\n' }, undefined],
    ['a Makefile recipe runs it', 'scripts/build.sh', { Makefile: 'image:\n\t./scripts/build.sh\n' }, ''],
    ['a GNUmakefile recipe runs it through $(CURDIR)', 'scripts/build.sh', { GNUmakefile: 'image:\n\tbash $(CURDIR)/scripts/build.sh --push\n' }, ''],
    ['a makefile recipe runs it after a semicolon', 'scripts/build.sh', { makefile: 'image: ; sh scripts/build.sh\n\tsh scripts/build.sh;\n' }, ''],
    [
      'a Makefile of a subdirectory runs it from there',
      'svc/scripts/build.sh',
      { 'svc/Makefile': 'all:\n\tscripts/build.sh\n', Makefile: 'all:\n\t$(MAKE) -C svc\n' },
      'svc',
    ],
    ['a Makefile names it outside a recipe only', 'scripts/build.sh', { Makefile: 'SCRIPT = scripts/build.sh\nall:\n\t$(SCRIPT)\n' }, undefined],
    [
      'a Makefile recipe runs a script of a longer name',
      'scripts/build.sh',
      { Makefile: 'all:\n\t./scripts/build.sh.orig\n\tmyscripts/build.sh\n' },
      undefined,
    ],
    // A README that runs it from the root, and Dockerfiles only the root has.
    ['a README code span runs it from the root', 'scripts/build.sh', { 'README.md': 'Run `./scripts/build.sh`.\n' }, ''],
    ['a README command line runs it', 'scripts/build.sh', { 'README.md': '    bash scripts/build.sh --push\n' }, ''],
    ['a README names another script', 'scripts/build.sh', { 'README.md': 'Run `./scripts/build.sh.old`.\n' }, undefined],
    [
      'its -f Dockerfile is a file from the root only',
      'scripts/build.sh',
      { 'scripts/build.sh': 'docker build -t b -f docker/Dockerfile.build .\n', 'docker/Dockerfile.build': 'FROM x\n' },
      '',
    ],
    [
      'its --file= Dockerfile in an argument list',
      'scripts/build.mjs',
      { 'scripts/build.mjs': "execFileSync('docker', ['build', '--file=Dockerfile.build', '.']);\n", 'Dockerfile.build': 'FROM x\n' },
      '',
    ],
    [
      'its -f Dockerfile is a file from its own directory too',
      'scripts/build.sh',
      { 'scripts/build.sh': 'docker build -f Dockerfile.build .\n', 'Dockerfile.build': 'FROM x\n', 'scripts/Dockerfile.build': 'FROM y\n' },
      undefined,
    ],
    [
      'its -f Dockerfile is an absolute path',
      'scripts/build.sh',
      { 'scripts/build.sh': 'docker build -f /Dockerfile.build .\n', 'Dockerfile.build': 'FROM x\n' },
      undefined,
    ],
    [
      'its -f Dockerfile is above its directory',
      'scripts/build.sh',
      { 'scripts/build.sh': 'docker build -f ../Dockerfile.build .\n', 'Dockerfile.build': 'FROM x\n' },
      undefined,
    ],
    ['its -f Dockerfile is nowhere', 'scripts/build.sh', { 'scripts/build.sh': 'docker build -f Dockerfile.build .\n' }, undefined],
    [
      'one of its Dockerfiles is a file from the root only',
      'scripts/build.sh',
      {
        'scripts/build.sh': 'docker build -f a.Dockerfile .\ndocker build -f b.Dockerfile .\n',
        'a.Dockerfile': 'FROM x\n',
        'scripts/b.Dockerfile': 'FROM y\n',
      },
      undefined,
    ],
    ['a Dockerfile named through a variable decides nothing', 'scripts/build.sh', { 'scripts/build.sh': 'docker build -f $DF .\n', $DF: '' }, undefined],
    ['a sh script at the root runs it', 'scripts/extract.sh', { 'build.sh': 'set -e\n./scripts/extract.sh\n' }, ''],
    ['a sh script one level up runs it', 'svc/scripts/extract.sh', { 'svc/build.sh': 'sh scripts/extract.sh out\n' }, 'svc'],
    ['a sh script that names it as part of a longer path', 'scripts/extract.sh', { 'build.sh': './scripts/extract.sh.orig\n' }, undefined],
    ['a script beside it runs from there anyway', 'scripts/extract.sh', { 'scripts/build.sh': './extract.sh\n' }, undefined],
    // git runs hooks at the top of the work tree.
    ['a husky hook', '.husky/pre-push', {}, ''],
    ['a hook of core.hooksPath', '.githooks/pre-commit', {}, ''],
    ['a script beside the hooks is not a hook', '.githooks/lib.sh', {}, undefined],
    ['a hook name under another directory', 'scripts/pre-commit', {}, undefined],
  ])('%s', (_, rel, files: Record<string, string>, expected) => {
    expect(invokedFrom(rel, { readText: (f) => files[f] ?? null, referenceCandidates: () => Object.keys(files) })).toBe(expected);
  });
});

describe('a script the parser rejects', () => {
  it('is refused as driver-parse-error before its imports are read (a broken import specifier threw)', async () => {
    const text = "import { execSync } from 'node:child_process';\nimport { join } from /tmp/x\nexecSync('docker cp x:/a ./a')\n";
    const a = await extract('build.mjs', text);
    expect(a.unreadable).toBe(true);
    expect(a.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['driver-parse-error', 2]]);
  });
});
