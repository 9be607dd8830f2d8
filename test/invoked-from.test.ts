import { describe, expect, it } from 'vitest';
import { includedFrom, invokedFrom, type CallerRepo } from '../src/drivers/invoked-from.js';

// The directory a build script runs from when another file runs it by its path
// (src/drivers/invoked-from.ts): one row per caller, over an in-memory repository.

const repo = (files: Record<string, string>): CallerRepo => ({
  readText: (rel) => files[rel] ?? null,
  referenceCandidates: () => Object.keys(files).filter((f) => /\.(ya?ml|json|sh|bash|mk)$|[Mm]akefile$/.test(f)),
});

const SCRIPT = 'scripts/build.sh';
const at = (files: Record<string, string>, rel = SCRIPT) => invokedFrom(rel, repo({ [rel]: 'docker build .\n', ...files }));

describe('invokedFrom', () => {
  it.each<[string, Record<string, string>, string | undefined, string?]>([
    ['nothing names it', {}, undefined],
    ['a package.json script at the root', { 'package.json': JSON.stringify({ scripts: { image: 'scripts/build.sh' } }) }, ''],
    ['with ./ and after other words', { 'package.json': JSON.stringify({ scripts: { image: 'npm ci && ./scripts/build.sh --push' } }) }, ''],
    ['by sh', { 'package.json': JSON.stringify({ scripts: { image: 'sh scripts/build.sh' } }) }, ''],
    ['a path that only ends like it', { 'package.json': JSON.stringify({ scripts: { image: 'other/scripts/build.sh' } }) }, undefined],
    ['a longer name', { 'package.json': JSON.stringify({ scripts: { image: 'scripts/build.sh.bak' } }) }, undefined],
    ['a package.json that does not parse', { 'package.json': '{ "scripts": ' }, undefined],
    ['scripts that are no object', { 'package.json': JSON.stringify({ scripts: 'scripts/build.sh' }) }, undefined],
    ['a value that is no string', { 'package.json': JSON.stringify({ scripts: { image: ['scripts/build.sh'] } }) }, undefined],
    ['a package in a subdirectory', { 'app/package.json': JSON.stringify({ scripts: { image: 'scripts/build.sh' } }) }, 'app', 'app/scripts/build.sh'],
    [
      'the nearest package wins',
      {
        'package.json': JSON.stringify({ scripts: { x: 'app/scripts/build.sh' } }),
        'app/package.json': JSON.stringify({ scripts: { x: 'scripts/build.sh' } }),
      },
      'app',
      'app/scripts/build.sh',
    ],
    ['a Makefile recipe', { Makefile: 'image:\n\t./scripts/build.sh\n' }, ''],
    ['by $(CURDIR)', { Makefile: 'image:\n\t$(CURDIR)/scripts/build.sh\n' }, ''],
    ['GNUmakefile and makefile', { GNUmakefile: 'image:\n\tscripts/build.sh\n' }, ''],
    ['a Makefile line that is no recipe', { Makefile: 'SCRIPT = scripts/build.sh\n' }, undefined],
    ['another script beside the caller', { 'build.sh': './scripts/build.sh\n' }, ''],
    ['a GitHub workflow step at the root', { '.github/workflows/ci.yml': 'jobs:\n  a:\n    steps:\n      - run: ./scripts/build.sh\n' }, ''],
    [
      'one that sets working-directory decides nothing',
      {
        '.github/workflows/ci.yml':
          'jobs:\n  a:\n    steps:\n      - working-directory: app\n        run: ../scripts/build.sh\n      - run: ./scripts/build.sh\n',
      },
      undefined,
    ],
    ['GitLab CI', { '.gitlab-ci.yml': 'build:\n  script:\n    - scripts/build.sh\n' }, ''],
    ['the README', { 'README.md': 'Run `./scripts/build.sh` from the root.\n' }, ''],
    ['a README that names it inside a word', { 'README.md': 'see myscripts/build.sh\n' }, undefined],
    ['only the root has the Dockerfiles it names', { [SCRIPT]: 'docker build -f docker/Dockerfile.build .\n', 'docker/Dockerfile.build': 'FROM x\n' }, ''],
    ['--file= of an argument list', { [SCRIPT]: "run(['docker', 'build', '--file=docker/B', '.'])\n", 'docker/B': 'FROM x\n' }, ''],
    ['its own directory has one too', { [SCRIPT]: 'docker build -f docker/B .\n', 'docker/B': 'FROM x\n', 'scripts/docker/B': 'FROM x\n' }, undefined],
    ['a Dockerfile nowhere', { [SCRIPT]: 'docker build -f docker/B .\n' }, undefined],
    ['a Dockerfile outside', { [SCRIPT]: 'docker build -f ../B .\n', B: 'FROM x\n' }, undefined],
    ['a git hook runs at the top', {}, '', '.husky/pre-push'],
    ['a script at the root runs there', {}, undefined, 'build.sh'],
    // Its own directory is the answer when nothing else is: a caller there or a root script's README say no more.
    ['a script beside it that runs it', { 'scripts/release.sh': './build.sh\n' }, undefined],
    ['a root script the README names', { 'README.md': 'Run ./build.sh\n' }, undefined, 'build.sh'],
  ])('%s', (_, files, expected, rel) => {
    expect(at(files, rel)).toBe(expected);
  });
});

// The directories make reads a makefile from when other makefiles include it (includedFrom).
describe('includedFrom', () => {
  const MK = 'build/docker.mk';
  it.each<[string, Record<string, string>, string[], string?]>([
    ['nothing includes it', { Makefile: 'all:\n\techo\n' }, []],
    ['include from the root', { Makefile: 'include build/docker.mk\n' }, ['']],
    ['-include among other files', { Makefile: '-include other.mk build/docker.mk\n' }, ['']],
    ['sinclude by $(CURDIR)', { GNUmakefile: 'sinclude $(CURDIR)/build/docker.mk\n' }, ['']],
    ['include ../ from a subdirectory', { 'svc/Makefile': 'include ../build/docker.mk\n' }, ['svc']],
    ['included from two directories', { 'svc/Makefile': 'include ../build/docker.mk\n', 'web/Makefile': 'include ../build/docker.mk\n' }, ['svc', 'web']],
    ['a variable naming it is no include', { Makefile: 'RULES = build/docker.mk\n' }, []],
    ['an include of another file that ends like it', { Makefile: 'include other/build/docker.mk\n' }, []],
    ['an include by a variable: unknown, not counted', { Makefile: 'include $(RULES)\n' }, []],
    ['a file named like a makefile only', { 'build.sh': 'include build/docker.mk\n' }, []],
    ['an include in a comment is none', { Makefile: '# include build/docker.mk\n' }, []],
    ['a comment after an include', { Makefile: 'include rules.mk # see build/docker.mk\n' }, []],
  ])('%s', (_, files, expected, rel = MK) => {
    expect(includedFrom(rel, repo({ [rel]: 'image:\n\tdocker build .\n', ...files }))).toEqual(expected);
  });
});
