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
