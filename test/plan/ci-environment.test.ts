import { describe, expect, it } from 'vitest';
import { forgotten, layered, readMapping, writtenToGithubEnv, type CiEnvironment } from '../../src/drivers/ci/environment.js';
import { planFiles, runPlanCases, type PlanCase } from '../support/plan-tester.js';

// The variables a CI file gives its scripts (src/drivers/ci/environment.ts): GitHub's workflow, job and
// step `env:` are the values; GitLab's `variables:` are defaults the project's CI/CD variables may
// override. A value only a run knows stays unknown, and so does a name a step writes to $GITHUB_ENV.

const BUILDER = 'FROM golang:1.22\nWORKDIR /build\nRUN mkdir -p out && echo app > out/app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY dist/app /usr/bin/app\n';
const EXTRACT = 'run: |\n  id=$(docker create app/builder)\n  docker cp "$id":/build/out/app "$OUT/app"\n  docker rm "$id"';

/** A workflow: its `env:` lines, the job's, then steps (YAML text, one `- ` item each, unindented). */
function workflow(opts: { env?: string; jobEnv?: string; steps: string[]; otherJob?: string }): Record<string, string> {
  const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);
  const yaml = [
    'on: push',
    ...(opts.env ? ['env:', indent(opts.env, '  ')] : []),
    'jobs:',
    ...(opts.otherJob ? [indent(opts.otherJob, '  ')] : []),
    '  image:',
    '    runs-on: ubuntu-latest',
    ...(opts.jobEnv ? ['    env:', indent(opts.jobEnv, '      ')] : []),
    '    steps:',
    ...opts.steps.map((s) => indent(`- ${indent(s, '  ').trimStart()}`, '      ')),
    '',
  ].join('\n');
  return { '.github/workflows/image.yml': yaml, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME };
}

const BUILD_STEP = 'run: docker build -t app/builder -f Dockerfile.build .';
const RUNTIME_STEP = 'run: docker build -t app/app .';
const steps = (...middle: string[]) => [BUILD_STEP, ...middle, EXTRACT, RUNTIME_STEP];
const stepEnv = (env: string, run = EXTRACT) => `env:\n  ${env}\n${run}`;
const unresolvedAt = (line: number) => [{ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line }];

const github: PlanCase[] = [
  { name: 'workflow env: gives the destination', files: workflow({ env: 'OUT: dist', steps: steps() }), expected: 'migrate' },
  { name: 'a quoted value', files: workflow({ env: "OUT: 'dist'", steps: steps() }), expected: 'migrate' },
  { name: 'job env: over workflow env:', files: workflow({ env: 'OUT: elsewhere', jobEnv: 'OUT: dist', steps: steps() }), expected: 'migrate' },
  {
    name: "the workflow's value where the job sets another name",
    files: workflow({ env: 'OUT: dist', jobEnv: 'OTHER: x', steps: steps() }),
    expected: 'migrate',
  },
  {
    name: "job env: another job's env: does not reach",
    files: workflow({ otherJob: 'other:\n  runs-on: ubuntu-latest\n  env:\n    OUT: dist\n  steps:\n    - run: make test', steps: steps() }),
    expected: unresolvedAt(15),
  },
  {
    name: "step env: over the job's",
    files: workflow({ jobEnv: 'OUT: elsewhere', steps: [BUILD_STEP, stepEnv('OUT: dist'), RUNTIME_STEP] }),
    expected: 'migrate',
  },
  {
    name: "another step's env: does not reach",
    files: workflow({ steps: [stepEnv('OUT: dist', BUILD_STEP), EXTRACT, RUNTIME_STEP] }),
    expected: unresolvedAt(11),
  },
  { name: 'a value from an expression stays unknown', files: workflow({ env: 'OUT: ${{ matrix.out }}', steps: steps() }), expected: unresolvedAt(11) },
  { name: 'a value with a $ stays unknown', files: workflow({ env: 'OUT: $HOME/dist', steps: steps() }), expected: unresolvedAt(11) },
  {
    name: "a step env: that is one expression hides the job's values",
    files: workflow({ jobEnv: 'OUT: dist', steps: [BUILD_STEP, `env: \${{ fromJSON(inputs.env) }}\n${EXTRACT}`, RUNTIME_STEP] }),
    expected: unresolvedAt(12),
  },
  {
    name: 'a name an earlier step writes to $GITHUB_ENV stays unknown',
    files: workflow({ env: 'OUT: dist', steps: steps('run: echo "OUT=build" >> "$GITHUB_ENV"') }),
    expected: unresolvedAt(12),
  },
  {
    name: "a name written to $GITHUB_ENV stays unknown though the step's env: sets it",
    files: workflow({ steps: [BUILD_STEP, 'run: echo "OUT=build" >> "$GITHUB_ENV"', stepEnv('OUT: dist'), RUNTIME_STEP] }),
    expected: unresolvedAt(12),
  },
  {
    name: 'names written by two steps add up',
    files: workflow({ env: 'OUT: dist', steps: steps('run: echo "OUT=build" >> "$GITHUB_ENV"', 'run: echo "TAG=1" >> "$GITHUB_ENV"') }),
    expected: unresolvedAt(13),
  },
  {
    name: 'a heredoc write to $GITHUB_ENV names its variable',
    files: workflow({ env: 'OUT: dist', steps: steps('run: echo "OUT<<EOF" >> $GITHUB_ENV') }),
    expected: unresolvedAt(12),
  },
  {
    name: 'another name written to $GITHUB_ENV leaves the value',
    files: workflow({ env: 'OUT: dist', steps: steps('run: echo "TAG=$(git rev-parse --short HEAD)" >> "$GITHUB_ENV"') }),
    expected: 'migrate',
  },
  {
    name: 'a file appended to $GITHUB_ENV may set any name',
    files: workflow({ env: 'OUT: dist', steps: steps('run: cat versions.env >> "$GITHUB_ENV"') }),
    expected: unresolvedAt(12),
  },
  {
    name: 'a $GITHUB_ENV write after the extraction changes nothing',
    files: workflow({ env: 'OUT: dist', steps: [BUILD_STEP, EXTRACT, 'run: echo "OUT=build" >> "$GITHUB_ENV"', RUNTIME_STEP] }),
    expected: 'migrate',
  },
  {
    name: "GitHub's and Docker's actions set no names of the workflow",
    files: workflow({ env: 'OUT: dist', steps: ['uses: actions/checkout@v4', 'uses: docker/setup-buildx-action@v3', ...steps()] }),
    expected: 'migrate',
  },
  {
    name: 'another action may write any name to $GITHUB_ENV',
    files: workflow({ env: 'OUT: dist', steps: ['uses: rlespinasse/github-slug-action@v4', ...steps()] }),
    expected: unresolvedAt(12),
  },
  {
    name: '${{ env.OUT }} is the value the workflow gives',
    files: workflow({
      env: 'OUT: dist',
      steps: [BUILD_STEP, 'run: |\n  docker create --name x app/builder\n  docker cp x:/build/out/app ${{ env.OUT }}/app\n  docker rm x', RUNTIME_STEP],
    }),
    expected: 'migrate',
  },
  {
    name: '${{ env.OUT }} of a name the workflow does not set stays unknown',
    files: workflow({
      steps: [BUILD_STEP, 'run: |\n  docker create --name x app/builder\n  docker cp x:/build/out/app ${{ env.OUT }}/app\n  docker rm x', RUNTIME_STEP],
    }),
    expected: unresolvedAt(9),
  },
  {
    name: 'a default in the script gives way to the workflow value',
    files: workflow({
      env: 'OUT: dist',
      steps: [BUILD_STEP, 'run: |\n  id=$(docker create app/builder)\n  docker cp "$id":/build/out/app "${OUT:-elsewhere}/app"', RUNTIME_STEP],
    }),
    expected: 'migrate',
  },
];

runPlanCases('GitHub Actions env: read into run blocks', github);

function gitlab(yaml: string): Record<string, string> {
  return { '.gitlab-ci.yml': yaml, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME };
}
const SCRIPT = [
  '  script:',
  '    - docker build -t app/builder -f Dockerfile.build .',
  '    - id=$(docker create app/builder)',
  '    - docker cp "$id":/build/out/app "$OUT/app"',
  '    - docker rm "$id"',
  '    - docker build -t app/app .',
  '',
].join('\n');

const gitlabCases: PlanCase[] = [
  { name: 'global variables: give the destination', files: gitlab(`variables:\n  OUT: dist\nbuild:\n${SCRIPT}`), expected: 'migrate' },
  {
    name: "the job's variables: over the global ones",
    files: gitlab(`variables:\n  OUT: elsewhere\nbuild:\n  variables:\n    OUT: dist\n${SCRIPT}`),
    expected: 'migrate',
  },
  { name: 'a value with a description', files: gitlab(`variables:\n  OUT:\n    value: dist\n    description: where\nbuild:\n${SCRIPT}`), expected: 'migrate' },
  {
    name: 'inherit: variables: false drops the global ones',
    files: gitlab(`variables:\n  OUT: dist\nbuild:\n  inherit:\n    variables: false\n${SCRIPT}`),
    expected: unresolvedAt(9),
  },
  {
    name: 'inherit: variables: [names] keeps only those',
    files: gitlab(`variables:\n  OUT: dist\nbuild:\n  inherit:\n    variables: [OTHER]\n${SCRIPT}`),
    expected: unresolvedAt(9),
  },
  {
    name: 'inherit: variables: [OUT] keeps OUT',
    files: gitlab(`variables:\n  OUT: dist\nbuild:\n  inherit:\n    variables: [OUT]\n${SCRIPT}`),
    expected: 'migrate',
  },
  { name: 'from a template the job extends', files: gitlab(`.paths:\n  variables:\n    OUT: dist\nbuild:\n  extends: .paths\n${SCRIPT}`), expected: 'migrate' },
  {
    name: 'two templates that disagree',
    files: gitlab(`.a:\n  variables:\n    OUT: dist\n.b:\n  variables:\n    OUT: build\nbuild:\n  extends: [.a, .b]\n${SCRIPT}`),
    expected: unresolvedAt(12),
  },
  {
    name: 'a template defined elsewhere may set any name',
    files: gitlab(`variables:\n  OUT: dist\nbuild:\n  extends: .from-include\n${SCRIPT}`),
    expected: unresolvedAt(8),
  },
  { name: 'a value that reads another variable', files: gitlab(`variables:\n  OUT: $CI_PROJECT_DIR/dist\nbuild:\n${SCRIPT}`), expected: unresolvedAt(7) },
  {
    name: 'variables of another job do not reach',
    files: gitlab(`test:\n  variables:\n    OUT: dist\n  script: [make test]\nbuild:\n${SCRIPT}`),
    expected: unresolvedAt(9),
  },
];

runPlanCases('GitLab variables: read into scripts', gitlabCases);

describe('GitLab variables are defaults', () => {
  it('a destination that takes one is reported as env-default-assumed', async () => {
    const [setup] = await planFiles(gitlabCases[0]!.files);
    expect(setup!.diagnostics.filter((d) => d.ruleId === 'env-default-assumed').map((d) => [d.line, d.severity, d.messageId])).toEqual([
      [7, 'info', 'ciVariableAssumed'],
    ]);
  });
  it('a GitHub env: value is no assumption', async () => {
    const [setup] = await planFiles(github[0]!.files);
    expect(setup!.diagnostics.filter((d) => d.ruleId === 'env-default-assumed')).toEqual([]);
  });
});

describe('CI environment helpers', () => {
  const env = (entries: [string, string | null][], unknownOthers = false): CiEnvironment => ({ values: new Map(entries), unknownOthers });
  const isMap = (n: unknown) => n !== null && typeof n === 'object' && 'toJSON' in n;
  const node = (json: unknown) => ({ toJSON: () => json });

  it.each([
    ['echo "OUT=dist" >> "$GITHUB_ENV"', ['OUT']],
    ['echo "A=1" >> $GITHUB_ENV; echo B=2 >> $GITHUB_ENV', ['A', 'B']],
    ['echo "NOTES<<EOF" >> "$GITHUB_ENV"', ['NOTES']],
    ['X=1\necho "Y=$X" >> "$GITHUB_ENV"', ['Y']],
    ['cat vars >> "$GITHUB_ENV"', 'all'],
    ['{\n  echo A=1\n} >> "$GITHUB_ENV"', 'all'],
    ['echo hello', []],
  ] as const)('writtenToGithubEnv(%j)', (script, expected) => {
    const got = writtenToGithubEnv(script);
    expect(got === 'all' ? 'all' : [...got]).toEqual(expected);
  });

  it('reads scalars, a value: key, and leaves $ and mappings to the run', () => {
    const got = readMapping(node({ A: 'a', N: 3, B: true, D: '$X', V: { value: 'v', description: 'd' }, L: ['x'], E: null }), isMap);
    expect([...got.values]).toEqual([
      ['A', 'a'],
      ['N', '3'],
      ['B', 'true'],
      ['D', null],
      ['V', 'v'],
      ['L', null],
      ['E', null],
    ]);
    expect(got.unknownOthers).toBe(false);
  });
  it('an absent env: is none; one that is an expression hides every name', () => {
    expect(readMapping(undefined, isMap)).toEqual(env([]));
    expect(readMapping(null, isMap)).toEqual(env([]));
    expect(readMapping('${{ x }}', isMap)).toEqual(env([], true));
  });
  it('layers inner over outer, and an opaque inner hides the outer names', () => {
    expect(
      layered(
        env([
          ['A', 'a'],
          ['B', 'b'],
        ]),
        env([['B', 'c']]),
      ),
    ).toEqual(
      env([
        ['A', 'a'],
        ['B', 'c'],
      ]),
    );
    expect(layered(env([['A', 'a']]), env([['B', 'c']], true))).toEqual(
      env(
        [
          ['A', null],
          ['B', 'c'],
        ],
        true,
      ),
    );
    expect(layered(env([['A', 'a']], true), env([]))).toEqual(env([['A', 'a']], true));
  });
  it('forgets named values, or all of them', () => {
    expect(
      forgotten(
        env([
          ['A', 'a'],
          ['B', 'b'],
        ]),
        ['A'],
      ),
    ).toEqual(
      env([
        ['A', null],
        ['B', 'b'],
      ]),
    );
    expect(forgotten(env([['A', 'a']]), 'all')).toEqual(env([['A', null]], true));
  });
});
