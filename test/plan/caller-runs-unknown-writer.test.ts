import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// A write to a place restage cannot tell (src/detect/flows.ts, reads) counts for the builds of its own
// file, of a Dockerfile nothing builds, and of a driver that runs the file by name: `python
// tools/build.py`, then `docker build .` that COPYs what the checkout lacks, is refused, not "0 setups".

const RUNTIME = 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n';
const caller = (line: string) => `#!/bin/sh\nset -e\n${line}\ndocker build -t app/app .\n`;

const cases: PlanCase[] = [
  {
    name: 'a Python build script (not read) whose docker run mounts a directory',
    files: {
      'tools/build.py': 'import subprocess\nsubprocess.run("docker run --rm -v $PWD/bin:/out b cp /app /out/", shell=True)\n',
      'build.sh': caller('python3 tools/build.py'),
      Dockerfile: RUNTIME,
    },
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 2 }],
  },
  {
    // Read from the root, where build.sh runs it (src/drivers/invoked-from.ts): a flow between two drivers.
    name: 'a script the driver runs, whose docker cp writes what the build copies',
    files: {
      'scripts/extract.sh': '#!/bin/sh\nfor c in a b; do docker cp "$c":/out/app bin/; done\n',
      'build.sh': caller('sh scripts/extract.sh'),
      Dockerfile: RUNTIME,
    },
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 2 }],
  },
  {
    name: 'a script whose docker command restage does not follow',
    files: {
      'scripts/extract.sh': '#!/bin/sh\nwhile read -r c; do docker cp "$c":/out/app bin/; done < containers.txt\n',
      'build.sh': caller('./scripts/extract.sh'),
      Dockerfile: RUNTIME,
    },
    expected: [{ ruleId: 'driver-control-flow', messageId: 'driverControlFlow', line: 2 }],
  },
  {
    // A JS script restage parses is read: its docker run with no output is not a program that may copy out.
    name: 'a script the driver runs, whose docker run writes nothing',
    files: {
      'scripts/smoke.js': "require('child_process').execSync('docker run --rm app/builder --version');\n",
      'build.sh': caller('node scripts/smoke.js'),
      Dockerfile: RUNTIME,
    },
    expected: 'nothing',
  },
  {
    name: 'the same script when the driver does not run it',
    files: {
      'scripts/extract.sh': '#!/bin/sh\nfor c in a b; do docker cp "$c":/out/app bin/; done\n',
      'build.sh': caller('echo building'),
      Dockerfile: RUNTIME,
    },
    expected: 'nothing',
  },
];

runPlanCases('a driver that runs a file with a write restage cannot place', cases);
