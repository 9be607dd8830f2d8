import { describe, expect, it, vi } from 'vitest';
import { ciArtifactWrites } from '../src/detect/ci-artifacts.js';
import { readWorkflows } from '../src/detect/workflows.js';
import { lazyYaml } from '../src/text/lazy-yaml.js';
import { memoryRepo, outcome, planFiles } from './support/plan-tester.js';

// Which CI jobs hand a later job files they made in a toolchain image (src/detect/ci-artifacts.ts): the
// writes a later `docker build` that copies them is refused for, instead of "0 setups".
const GH = '.github/workflows/ci.yml';
// Each with a later job that downloads an artifact (a workflow that downloads none hands nothing on).
const gh = (jobs: string) => `on: push\njobs:\n${jobs}  later:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/download-artifact@v4\n`;
const upload = (path: string) => `      - uses: actions/upload-artifact@v4\n        with:\n          name: out\n          path: ${path}\n`;
const paths = (files: Record<string, string>) => ciArtifactWrites(memoryRepo(files)).map((w) => w.path);

describe('ciArtifactWrites: GitHub', () => {
  const rows: [string, string, (string | null)[]][] = [
    ['a container job uploading a file', gh(`  c:\n    container: golang:1.22\n    steps:\n${upload('dist/server')}`), ['dist/server']],
    ['the container as an object', gh(`  c:\n    container:\n      image: golang:1.22\n    steps:\n${upload('./bin/app')}`), ['bin/app']],
    ['a job on the runner itself: not made in an image', gh(`  c:\n    runs-on: ubuntu-latest\n    steps:\n${upload('dist/server')}`), []],
    [
      'several paths, one excluded',
      gh(`  c:\n    container: node:20\n    steps:\n${upload('|\n            dist/app\n            !dist/**/*.map')}`),
      ['dist/app'],
    ],
    ['a wildcard: somewhere known at run time', gh(`  c:\n    container: node:20\n    steps:\n${upload('dist/*.js')}`), [null]],
    ['an expression', gh(`  c:\n    container: node:20\n    steps:\n${upload('${{ env.OUT }}')}`), [null]],
    ['no jobs (the action named in a comment)', 'on: push\n# uses: actions/upload-artifact@v4\n', []],
    ['another action', gh(`  c:\n    container: node:20\n    steps:\n      - uses: actions/cache@v4\n        with:\n          path: dist\n`), []],
  ];
  for (const [name, text, expected] of rows) it(name, () => expect(paths({ [GH]: text })).toEqual(expected));

  it("points at the container job's upload step, not an earlier job's", () => {
    const text = gh(`  a:\n    runs-on: ubuntu-latest\n    steps:\n${upload('report.xml')}  b:\n    container: golang:1.22\n    steps:\n${upload('app')}`);
    const [w, ...rest] = ciArtifactWrites(memoryRepo({ [GH]: text }));
    expect(rest).toEqual([]);
    expect(w).toMatchObject({ driver: GH, step: -1, kind: 'ci-artifact', path: 'app', offset: text.lastIndexOf('actions/upload-artifact@') });
  });
});

describe('ciArtifactWrites: GitHub reusable workflows', () => {
  const compile = `on:\n  workflow_call:\njobs:\n  c:\n    container: golang:1.22\n    steps:\n${upload('app')}`;
  const callsCompile = (more: string) => `on: push\njobs:\n  compile:\n    uses: ./.github/workflows/compile.yml\n${more}`;
  const downloadAndBuild = '    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/download-artifact@v4\n      - run: docker build .\n';
  const rows: [string, Record<string, string>, (string | null)[]][] = [
    ['called by a workflow that downloads', { 'ci.yml': callsCompile(`  image:\n${downloadAndBuild}`) }, ['app']],
    [
      'called beside one that downloads, by the same workflow',
      {
        'ci.yml': callsCompile(`  image:\n    uses: './.github/workflows/image.yml' # after compile\n`),
        'image.yml': `on:\n  workflow_call:\njobs:\n  i:\n${downloadAndBuild}`,
      },
      ['app'],
    ],
    ['called by a workflow that downloads nothing', { 'ci.yml': callsCompile('  lint:\n    runs-on: ubuntu-latest\n    steps: [{ run: make lint }]\n') }, []],
    [
      'called beside a workflow that downloads nothing',
      { 'ci.yml': callsCompile('  other:\n    uses: ./.github/workflows/other.yml\n'), 'other.yml': 'on: workflow_call\njobs: {}\n' },
      [],
    ],
    ['not called, and a workflow elsewhere downloads', { 'ci.yml': `on: push\njobs:\n  image:\n${downloadAndBuild}` }, []],
  ];
  for (const [name, others, expected] of rows)
    it(name, () =>
      expect(
        paths({ '.github/workflows/compile.yml': compile, ...Object.fromEntries(Object.entries(others).map(([f, t]) => [`.github/workflows/${f}`, t])) }),
      ).toEqual(expected),
    );
});

describe('ciArtifactWrites: GitLab', () => {
  const job = (name: string, body: string) => `${name}:\n${body}`;
  const compile = '  image: golang:1.22\n  script:\n    - go build -o app .\n  artifacts:\n    paths:\n      - app\n      - dist/\n';
  const rows: [string, string, (string | null)[]][] = [
    ['a job with an image and artifact paths', job('compile', compile), ['app', 'dist']],
    ['no image anywhere: the runner decides (a shell executor is the host)', job('compile', compile.replace('  image: golang:1.22\n', '')), []],
    ['the top-level image', `image: golang:1.22\n${job('compile', compile.replace('  image: golang:1.22\n', ''))}`, ['app', 'dist']],
    ['the default image', `default:\n  image: golang:1.22\n${job('compile', compile.replace('  image: golang:1.22\n', ''))}`, ['app', 'dist']],
    ['a hidden template job', job('.compile', compile), []],
    ['a keyword, not a job', `cache:\n  paths:\n    - app\n${job('compile', '  image: alpine\n  script: [true]\n')}`, []],
    [
      'a job that runs docker itself (read by the ci driver)',
      job('compile', compile.replace('go build -o app .', 'docker run --rm -v "$PWD:/src" golang go build -o app .')),
      [],
    ],
    ['the default section: no job of its own', `default:\n  image: golang:1.22\n  artifacts:\n    paths: [app]\n`, []],
    ['an empty job next to one', `image: golang:1.22\nempty:\n${job('compile', compile)}`, ['app', 'dist']],
    [
      'artifacts and image from templates it extends',
      `.go:\n  image: golang:1.22\n.out:\n  extends: .go\n  artifacts:\n    paths: [app]\ncompile:\n  extends: [.out]\n  script: [go build -o app .]\n`,
      ['app'],
    ],
    [
      "the job's own artifacts win over its template's",
      `.out:\n  image: golang:1.22\n  artifacts:\n    paths: [app]\ncompile:\n  extends: .out\n  artifacts:\n    paths: [bin/app]\n  script: [go build]\n`,
      ['bin/app'],
    ],
    [
      'templates that extend each other (GitLab stops at 11 levels)',
      `.a:\n  extends: .b\n.b:\n  extends: .a\ncompile:\n  extends: .a\n  image: golang:1.22\n  script: [go build]\n  artifacts:\n    paths: [app]\n`,
      ['app'],
    ],
    ['reports only', job('test', '  image: golang:1.22\n  script: [go test]\n  artifacts:\n    reports:\n      junit: report.xml\n'), []],
    ['a wildcard path', job('compile', compile.replace('      - dist/\n', '      - dist/*.js\n')), ['app', null]],
  ];
  for (const [name, text, expected] of rows) it(name, () => expect(paths({ '.gitlab-ci.yml': text })).toEqual(expected));

  it("points at the job's name", () => {
    const text = `stages: [build]\n\n${job('compile', compile)}`;
    expect(ciArtifactWrites(memoryRepo({ '.gitlab-ci.yml': text }))[0]).toMatchObject({ driver: '.gitlab-ci.yml', offset: text.indexOf('compile:') });
  });
});

describe('ciArtifactWrites: GitLab includes', () => {
  const compile = 'compile:\n  image: golang:1.22\n  script: [go build -o app .]\n  artifacts:\n    paths: [app]\n';
  const other = compile.replace('compile:', 'other:').replace('[app]', '[out]');
  const writes = (files: Record<string, string>) => ciArtifactWrites(memoryRepo(files)).map((w) => `${w.driver} ${w.path}`);
  const rows: [string, Record<string, string>, string[]][] = [
    ['a job in a file it includes by name', { '.gitlab-ci.yml': 'include: ci/compile.yml\n', 'ci/compile.yml': compile }, ['ci/compile.yml app']],
    [
      'a list of local includes, from the root',
      { '.gitlab-ci.yml': "include:\n  - local: '/ci/compile.yml'\n    rules: [{ if: $CI }]\n", 'ci/compile.yml': compile },
      ['ci/compile.yml app'],
    ],
    ['a map', { '.gitlab-ci.yml': 'include:\n  local: ci/compile.yml\n', 'ci/compile.yml': compile }, ['ci/compile.yml app']],
    [
      'a template the job extends, from an included file',
      {
        '.gitlab-ci.yml': 'include: ci/templates.yml\ncompile:\n  extends: .go\n  script: [go build -o app .]\n',
        'ci/templates.yml': '.go:\n  image: golang:1.22\n  artifacts:\n    paths: [bin/app]\n',
      },
      ['.gitlab-ci.yml bin/app'],
    ],
    [
      'the default image from an included file',
      { '.gitlab-ci.yml': `include: ci/default.yml\n${compile.replace('  image: golang:1.22\n', '')}`, 'ci/default.yml': 'default:\n  image: golang:1.22\n' },
      ['.gitlab-ci.yml app'],
    ],
    [
      'nested: an included file includes another',
      { '.gitlab-ci.yml': 'include: ci/all.yml\n', 'ci/all.yml': 'include:\n  - local: ci/jobs/compile.yml\n', 'ci/jobs/compile.yml': compile },
      ['ci/jobs/compile.yml app'],
    ],
    ['* within a directory', { '.gitlab-ci.yml': "include: 'ci/*.yml'\n", 'ci/compile.yml': compile, 'ci/deep/other.yml': other }, ['ci/compile.yml app']],
    [
      '** across directories',
      { '.gitlab-ci.yml': "include: 'ci/**.yml'\n", 'ci/compile.yml': compile, 'ci/deep/other.yml': other },
      ['ci/compile.yml app', 'ci/deep/other.yml out'],
    ],
    [
      'the including file wins over what it includes',
      { '.gitlab-ci.yml': 'include: ci/compile.yml\ncompile:\n  image: golang:1.22\n  script: [go vet]\n', 'ci/compile.yml': compile },
      [],
    ],
    [
      'remote, project, template and component includes are not in the checkout',
      {
        '.gitlab-ci.yml':
          "include:\n  - 'https://example.com/ci.yml'\n  - project: g/p\n    file: /ci.yml\n  - template: Go.gitlab-ci.yml\n  - component: x/y@1\n",
        'https:/example.com/ci.yml': compile,
        'ci.yml': compile,
      },
      [],
    ],
    ['files that include each other', { '.gitlab-ci.yml': 'include: a.yml\n', 'a.yml': `include: .gitlab-ci.yml\n${compile}` }, ['a.yml app']],
    ['an included file that is not there', { '.gitlab-ci.yml': 'include: ci/gone.yml\n' }, []],
    [
      'a job both define: the including file holds it',
      { '.gitlab-ci.yml': `include: ci/compile.yml\n${compile}`, 'ci/compile.yml': compile.replace('[app]', '[old]') },
      ['.gitlab-ci.yml app'],
    ],
  ];
  for (const [name, files, expected] of rows) it(name, () => expect(writes(files)).toEqual(expected));

  it('GitLab includes at most 150 files (the including one counts)', () => {
    const files = Object.fromEntries(Array.from({ length: 160 }, (_, i) => [`ci/j${String(i).padStart(3, '0')}.yml`, compile.replace('compile:', `c${i}:`)]));
    expect(writes({ '.gitlab-ci.yml': "include: 'ci/*.yml'\n", ...files })).toHaveLength(149);
  });

  it("points at the job's name in the file that holds it", () => {
    const included = `stages: [build]\n\n${compile}`;
    expect(ciArtifactWrites(memoryRepo({ '.gitlab-ci.yml': 'include: ci/c.yml\n', 'ci/c.yml': included }))[0]).toMatchObject({
      driver: 'ci/c.yml',
      offset: included.indexOf('compile:'),
    });
  });
});

describe('a build that copies a job artifact', () => {
  const workflow = (uploaded: string, download: boolean) =>
    'on: push\njobs:\n' +
    (`  compile:\n    container: golang:1.22\n    steps:\n      - run: go build -o dist/server .\n${upload(uploaded)}` +
      `  image:\n    needs: compile\n    runs-on: ubuntu-latest\n    steps:\n` +
      (download ? `      - uses: actions/download-artifact@v4\n        with:\n          name: out\n` : '') +
      `      - run: docker build -t app .\n`);
  const refused = [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 7 }];
  const rows: [string, Record<string, string>, ReturnType<typeof outcome>][] = [
    ['copied by name: refused', { [GH]: workflow('dist/server', true), Dockerfile: 'FROM alpine\nCOPY dist/server /srv/\n' }, refused],
    ['its directory copied: refused', { [GH]: workflow('dist/server', true), Dockerfile: 'FROM alpine\nCOPY dist /srv/\n' }, refused],
    ['a file of an uploaded directory copied: refused', { [GH]: workflow('dist', true), Dockerfile: 'FROM alpine\nCOPY dist/server /srv/\n' }, refused],
    ['uploaded by wildcard: refused', { [GH]: workflow('dist/*', true), Dockerfile: 'FROM alpine\nCOPY dist/server /srv/\n' }, refused],
    [
      'the whole checkout copied (a test job uploading a report): no setup',
      { [GH]: workflow('coverage/', true), Dockerfile: 'FROM node:20\nCOPY . .\n', 'package.json': '{}' },
      'nothing',
    ],
    ['no job downloads an artifact: no setup', { [GH]: workflow('dist/server', false), Dockerfile: 'FROM alpine\nCOPY dist/server /srv/\n' }, 'nothing'],
  ];
  for (const [name, files, expected] of rows) it(name, async () => expect(outcome(await planFiles(files))).toEqual(expected));
});

describe('one parse per workflow', () => {
  it('a workflow with a build-push-action step and an upload is parsed once for both readings', () => {
    const parse = vi.spyOn(lazyYaml(), 'parse');
    const text = gh(
      `  c:\n    container: golang:1.22\n    steps:\n${upload('dist/server')}      - uses: docker/build-push-action@v5\n        with:\n          context: .\n          outputs: type=local,dest=out\n`,
    );
    const repo = memoryRepo({ [GH]: text, Dockerfile: 'FROM scratch\n' });
    try {
      expect(readWorkflows(repo).outputs.map((o) => o.path)).toEqual(['out']);
      expect(ciArtifactWrites(repo).map((w) => w.path)).toEqual(['dist/server']);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });
});
