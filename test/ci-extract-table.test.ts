import { describe, expect, it } from 'vitest';
import { extract } from '../src/drivers/ci/index.js';
import type { DriverStep } from '../src/drivers/steps.js';

// What extract (src/drivers/ci/index.ts) makes of a CI file, one row per form: the steps it hands the
// planner (a command as its words, `~` before a word known only at run time, `@dir` for a working
// directory other than the root, `@?` for one restage cannot know, or an opaque step by its reason).

function describeStep(s: DriverStep): string {
  if (s.kind === 'opaque') return `opaque(${s.nodeType})`;
  const words = s.args.map((x) => (x.isStatic ? x.text : `~${x.text}`)).join(' ');
  return s.cwd === '' ? words : `${words} @${s.cwd ?? '?'}`;
}

const steps = async (file: string, text: string): Promise<string[]> => (await extract(file, text)).steps.map(describeStep);
const github = (jobs: string) => steps('.github/workflows/ci.yml', `on: push\njobs:\n${jobs}`);
const gitlab = (text: string) => steps('.gitlab-ci.yml', text);

describe('GitHub Actions', () => {
  it.each<[string, string, string[]]>([
    ['a job that is no mapping is skipped', '  a: 1\n  b:\n    steps:\n      - run: docker build .\n', ['docker build .']],
    ['steps that are no list are skipped', '  a:\n    steps: docker build .\n', []],
    ['a step that is no mapping is skipped', '  a:\n    steps:\n      - docker build x\n      - run: docker build .\n', ['docker build .']],
    [
      'an action other than actions/* and docker/* may write any name to $GITHUB_ENV',
      '  a:\n    env:\n      V: "1"\n    steps:\n      - uses: some/action@v1\n      - run: docker build -t $V .\n',
      ['opaque(workflow step that uses some/action@v1)', 'docker build -t ~$V .'],
    ],
    [
      'actions/* do not',
      '  a:\n    env:\n      V: "1"\n    steps:\n      - uses: actions/setup-go@v5\n      - run: docker build -t $V .\n',
      ['opaque(workflow step that uses actions/setup-go@v5)', 'docker build -t 1 .'],
    ],
    [
      'nor does an action in a repository’s actions/ folder count as GitHub’s',
      '  a:\n    env:\n      V: "1"\n    steps:\n      - uses: acme/actions/setup@v1\n      - run: docker build -t $V .\n',
      ['opaque(workflow step that uses acme/actions/setup@v1)', 'docker build -t ~$V .'],
    ],
    [
      'a name a step writes to $GITHUB_ENV is unknown after it',
      '  a:\n    env:\n      V: "1"\n    steps:\n      - run: echo "V=2" >> "$GITHUB_ENV"\n      - run: docker build -t $V .\n',
      ['echo V=2', 'docker build -t ~$V .'],
    ],
    ['a step run by another shell', '  a:\n    steps:\n      - shell: pwsh\n        run: docker build .\n', ['opaque(workflow step run by pwsh)']],
    [
      'the job default shell',
      '  a:\n    defaults:\n      run:\n        shell: pwsh\n    steps:\n      - run: docker build .\n',
      ['opaque(workflow step run by pwsh)'],
    ],
    [
      'a step’s own shell over the job’s',
      '  a:\n    defaults:\n      run:\n        shell: pwsh\n    steps:\n      - shell: bash\n        run: docker build .\n',
      ['docker build .'],
    ],
    ['working-directory', '  a:\n    steps:\n      - working-directory: ./sub/\n        run: docker build .\n', ['docker build . @sub']],
    ['working-directory .', '  a:\n    steps:\n      - working-directory: .\n        run: docker build .\n', ['docker build .']],
    ['working-directory ./', '  a:\n    steps:\n      - working-directory: ./\n        run: docker build .\n', ['docker build .']],
    [
      'the job default working-directory',
      '  a:\n    defaults:\n      run:\n        working-directory: app\n    steps:\n      - run: docker build .\n',
      ['docker build . @app'],
    ],
    ['an expression', '  a:\n    steps:\n      - working-directory: ${{ matrix.dir }}\n        run: docker build .\n', ['docker build . @?']],
    ['outside the repository', '  a:\n    steps:\n      - working-directory: ../other\n        run: docker build .\n', ['docker build . @?']],
    ['the checkout’s parent', '  a:\n    steps:\n      - working-directory: ..\n        run: docker build .\n', ['docker build . @?']],
    ['its parent', '  a:\n    steps:\n      - working-directory: sub/../..\n        run: docker build .\n', ['docker build . @?']],
    ['an absolute one', '  a:\n    steps:\n      - working-directory: /tmp\n        run: docker build .\n', ['docker build . @?']],
  ])('%s', async (_, jobs, expected) => {
    expect(await github(jobs)).toEqual(expected);
  });
});

describe('GitLab CI', () => {
  const job = (name: string) => `${name}:\n  script: docker build -t ${name} .\n`;
  it.each<[string, string, string[]]>([
    ...['image', 'services', 'stages', 'types', 'variables', 'cache', 'include', 'workflow', 'default', 'after_script'].map((k): [string, string, string[]] => [
      `${k}: is no job`,
      `${job(k)}${job('build')}`,
      ['docker build -t build .'],
    ]),
    // The global before_script: every job's that has none of its own.
    ['before_script: is no job', `${job('before_script')}${job('build')}`, ['opaque(script the job build inherits)', 'docker build -t build .']],
    ['a hidden job is no job', `${job('.template')}${job('build')}`, ['docker build -t build .']],
    ['a key that holds no mapping is no job', `x: 1\n${job('build')}`, ['docker build -t build .']],
    ['script as one scalar', 'build:\n  script: docker build .\n', ['docker build .']],
    [
      'before_script and script, one shell',
      'build:\n  before_script:\n    - cd sub\n  script:\n    - docker build .\n',
      ['cd sub @sub', 'docker build . @sub'],
    ],
    ['after_script, another', 'build:\n  script:\n    - cd sub\n  after_script:\n    - docker build .\n', ['cd sub @sub', 'docker build .']],
    ['a nested list', 'build:\n  script:\n    - [docker build .]\n', ['opaque(GitLab script restage cannot read)']],
    ['a list with a nested list among its items', 'build:\n  script:\n    - docker build .\n    - [x]\n', ['opaque(GitLab script restage cannot read)']],
    [
      'a before_script restage cannot read: the script of its shell is opaque too (its text may copy out)',
      'build:\n  before_script:\n    a: b\n  script: docker build .\n',
      ['opaque(GitLab before_script restage cannot read)', 'opaque(GitLab script restage cannot read)'],
    ],
    ['a mapping', 'build:\n  script:\n    a: docker build .\n', ['opaque(GitLab script restage cannot read)']],
    ['an empty script', 'build:\n  script:\n', []],
    ['a template’s script that takes part', '.t:\n  script:\n    - docker build -t b .\nbuild:\n  extends: .t\n', ['opaque(script the job build inherits)']],
    ['one that does not', '.t:\n  script:\n    - docker push b\nbuild:\n  extends: .t\n', []],
    [
      'templates of templates, in a list',
      '.a:\n  script: docker build -t b .\n.b:\n  extends: .a\nbuild:\n  extends: [.b]\n',
      ['opaque(script the job build inherits)'],
    ],
    ['the job’s own script over the template’s', '.t:\n  script: docker build -t b .\nbuild:\n  extends: .t\n  script: echo hi\n', ['echo hi']],
    [
      'the global before_script',
      'before_script:\n  - docker build -t b .\nbuild:\n  script: docker push b\n',
      ['opaque(script the job build inherits)', 'docker push b'],
    ],
    [
      'default: before_script',
      'default:\n  before_script:\n    - docker build -t b .\nbuild:\n  script: docker push b\n',
      ['opaque(script the job build inherits)', 'docker push b'],
    ],
    [
      'not when the job has its own',
      'before_script:\n  - docker build -t b .\nbuild:\n  before_script: [echo]\n  script: docker push b\n',
      ['echo', 'docker push b'],
    ],
    [
      'nor when a template gives one',
      'before_script:\n  - docker build -t b .\n.t:\n  before_script: [echo]\nbuild:\n  extends: .t\n  script: docker push b\n',
      ['docker push b'],
    ],
    // Not seen: what it gives is not in the file (an `include:`).
    ['a template defined elsewhere', 'build:\n  extends: .docker-build\n  script: docker push b\n', ['docker push b']],
  ])('%s', async (_, text, expected) => {
    expect(await gitlab(text)).toEqual(expected);
  });
});
