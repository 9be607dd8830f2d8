import { runPlanCases, unsupported, type PlanCase } from '../support/plan-tester.js';

// `docker export`/`docker save` into a file a later build reads (src/plan/recognise/export.ts): always
// refused (an export also holds the files docker injects into every container).

const files = (line: string, runtime = 'FROM scratch\nADD rootfs.tar /\n'): Record<string, string> => ({
  'build.sh': `#!/bin/sh\ndocker build -t app/builder -f Dockerfile.build .\ndocker create --name x app/builder\n${line}\ndocker build -t app/app .\n`,
  'Dockerfile.build': 'FROM alpine:3.19\nRUN echo app > /app\n',
  Dockerfile: runtime,
});

const cases: PlanCase[] = [
  { name: 'docker export redirected into a file the build reads', files: files('docker export x > rootfs.tar'), expected: unsupported('exportIntoBuild', 4) },
  { name: 'docker export -o', files: files('docker export -o rootfs.tar x'), expected: unsupported('exportIntoBuild', 4) },
  { name: 'docker save --output=', files: files('docker save --output=rootfs.tar app/builder'), expected: unsupported('exportIntoBuild', 4) },
  { name: 'an export no build reads', files: files('docker export x > rootfs.tar', 'FROM alpine:3.19\n'), expected: 'nothing' },
];

runPlanCases('docker export / save', cases);
