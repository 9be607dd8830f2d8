import { runPlanCases, unsupported, type PlanCase } from '../support/plan-tester.js';

// A GitLab job whose every script item a migration removes (src/plan/written-ci.ts): GitLab rejects a
// blank `script:`, so the setup is refused rather than written.

const files = (compile: string): Record<string, string> => ({
  '.gitlab-ci.yml': `compile:\n  script:\n${compile}    - docker build -t b -f Dockerfile.build .\n    - docker create --name c b\n    - docker cp c:/out/app ./app\n  artifacts:\n    paths: [app]\npackage:\n  script:\n    - docker build -t app .\n`,
  'Dockerfile.build': 'FROM golang:1.22\nRUN go build -o /out/app\n',
  Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n',
});

const cases: PlanCase[] = [
  { name: 'a compile job left with no script item', files: files(''), expected: unsupported('gitlabScriptEmptied', 1) },
  { name: 'a compile job that keeps another item', files: files('    - go vet ./...\n'), expected: 'migrate' },
  {
    name: 'one job that builds, extracts and builds the runtime image',
    files: {
      '.gitlab-ci.yml':
        'package:\n  script:\n    - docker build -t b -f Dockerfile.build .\n    - docker create --name c b\n    - docker cp c:/out/app ./app\n    - docker build -t app .\n',
      'Dockerfile.build': 'FROM golang:1.22\nRUN go build -o /out/app\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n',
    },
    expected: 'migrate',
  },
];

runPlanCases('GitLab jobs a migration empties', cases);

// GitLab's `!reference [.job, key]` (src/drivers/ci/index.ts, referenced): the script it pulls in from
// another job, a hidden one above all, runs in the job that references it.
const EXTRACT = '.extract:\n  script:\n    - docker create --name c b\n    - docker cp c:/out/app ./app\n';
const referencing = (jobs: string): Record<string, string> => ({
  '.gitlab-ci.yml': `${EXTRACT}${jobs}`,
  'Dockerfile.build': 'FROM golang:1.22\nRUN go build -o /out/app\n',
  Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n',
});
const unreadScript = (line: number) => [{ ruleId: 'driver-control-flow', messageId: 'driverControlFlow', line }];

runPlanCases('GitLab !reference', [
  {
    name: 'an item that references a hidden job copying out',
    files: referencing('build:\n  script:\n    - docker build -t b -f Dockerfile.build .\n    - !reference [.extract, script]\n    - docker build -t app .\n'),
    expected: unreadScript(7),
  },
  {
    name: 'a before_script that is the reference',
    files: referencing(
      'build:\n  before_script: !reference [.extract, script]\n  script:\n    - docker build -t b -f Dockerfile.build .\n    - docker build -t app .\n',
    ),
    expected: [...unreadScript(6), ...unreadScript(8)],
  },
  {
    name: 'a reference to a reference',
    files: referencing(
      '.more:\n  script:\n    - echo start\n    - !reference [.extract, script]\nbuild:\n  script:\n    - docker build -t b -f Dockerfile.build .\n    - !reference [.more, script]\n    - docker build -t app .\n',
    ),
    expected: unreadScript(11),
  },
  {
    name: 'a before_script restage cannot read, beside an extraction in script: the phase is one shell, refused (was 0 setups)',
    files: {
      ...referencing(''),
      '.gitlab-ci.yml': `.lint:\n  script:\n    - go vet ./...\nbuild:\n  before_script:\n    - !reference [.lint, script]\n  script:\n    - docker build -t b -f Dockerfile.build .\n    - docker create --name c b\n    - docker cp c:/out/app ./app\n    - docker build -t app .\n`,
    },
    expected: unreadScript(8),
  },
  {
    name: 'references that refer to each other: read two levels deep',
    files: {
      ...referencing(''),
      '.gitlab-ci.yml':
        '.a:\n  script:\n    - !reference [.b, script]\n.b:\n  script:\n    - !reference [.a, script]\nbuild:\n  script:\n    - docker build -t b -f Dockerfile.build .\n    - docker create --name c b\n    - docker cp c:/out/app ./app\n    - !reference [.a, script]\n    - docker build -t app .\n',
    },
    expected: unreadScript(9),
  },
  {
    name: 'a reference to a top-level list of commands (!reference [.copy])',
    files: {
      ...referencing(''),
      '.gitlab-ci.yml':
        '.copy:\n  - docker create --name c b\n  - docker cp c:/out/app ./app\nbuild:\n  script:\n    - docker build -t b -f Dockerfile.build .\n    - !reference [.copy]\n    - docker build -t app .\n',
    },
    expected: unreadScript(6),
  },
]);
