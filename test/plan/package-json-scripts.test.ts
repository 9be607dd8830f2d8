import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// package.json scripts (src/drivers/package-json/index.ts): the script that builds twice is the setup.
// The scripts it runs (`npm run x`, `pnpm x`, `yarn x`, `bun run x`, `npm test`) and their pre/post hooks
// run as part of it: restage does not read them in place, so one that runs docker refuses the setup,
// and one that does not (a linter) is no part of it.

const BUILDER = 'FROM golang:1.22\nRUN mkdir -p /out && echo app > /out/app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';
const BUILD = 'docker build -t app/builder -f Dockerfile.build .';
const EXTRACT = 'docker create --name x app/builder && docker cp x:/out/app app && docker rm x';

function pkg(scripts: Record<string, string>): Record<string, string> {
  return { 'package.json': `${JSON.stringify({ name: 'x', scripts }, null, 2)}\n`, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME };
}

const runsDocker = (line: number) => [{ ruleId: 'driver-control-flow', messageId: 'driverControlFlow', line }];

const cases: PlanCase[] = [
  { name: 'one script that builds, extracts and builds', files: pkg({ image: `${BUILD} && ${EXTRACT} && docker build -t app/app .` }), expected: 'migrate' },
  ...['npm run', 'npm run-script', 'pnpm', 'pnpm run', 'yarn', 'yarn run', 'bun run'].map((runner): PlanCase => ({
    name: `${runner} bin, a script that copies out: refused`,
    files: pkg({ bin: EXTRACT, image: `${BUILD} && ${runner} bin && docker build -t app/app .` }),
    expected: runsDocker(5),
  })),
  { name: 'npm test, run without run', files: pkg({ test: EXTRACT, image: `${BUILD} && npm test && docker build -t app/app .` }), expected: runsDocker(5) },
  {
    name: 'npm run lint, a script that runs no docker',
    files: pkg({ lint: 'eslint .', image: `${BUILD} && npm run lint && ${EXTRACT} && docker build -t app/app .` }),
    expected: 'migrate',
  },
  {
    name: 'a prebin hook runs before the bin the setup calls',
    files: pkg({ prebin: EXTRACT, bin: 'echo built', image: `${BUILD} && npm run bin && docker build -t app/app .` }),
    expected: runsDocker(6),
  },
  {
    name: 'the setup script own pre hook',
    files: pkg({ preimage: `${BUILD} && ${EXTRACT}`, image: `${BUILD} && docker build -t app/app .` }),
    expected: runsDocker(5),
  },
];

runPlanCases('package.json scripts that run one another', cases);
