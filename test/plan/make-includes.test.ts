import { runPlanCases } from '../support/plan-tester.js';

// A makefile another includes runs its recipes where the including make runs (src/drivers/invoked-from.ts,
// includedFrom): from the includer's directory, or from nowhere restage can name when several include it.

const RECIPE =
  'image:\n\tdocker build -t app/builder -f Dockerfile.build .\n\tdocker create --name x app/builder\n\tdocker cp x:/out/app ./app\n\tdocker rm x\n\tdocker build -t app/app .\n';
const service = (dir: string): Record<string, string> => ({
  [`${dir}/Dockerfile.build`]: 'FROM golang:1.22\nRUN mkdir -p /out && echo hi > /out/app\n',
  [`${dir}/Dockerfile`]: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n',
});
const unresolved = (...lines: number[]) => lines.map((line) => ({ ruleId: 'unresolved-value', messageId: 'unresolvedValue', line }));

runPlanCases('makefiles other makefiles include', [
  {
    name: 'build/docker.mk included by the root Makefile: read from the root',
    files: {
      Makefile: 'include build/docker.mk\n',
      'build/docker.mk': RECIPE,
      'Dockerfile.build': 'FROM golang:1.22\nRUN mkdir -p /out && echo hi > /out/app\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/bin/app\n',
    },
    expected: 'migrate',
  },
  {
    name: 'common.mk at the root included by svc/Makefile: read from svc/',
    files: { 'common.mk': RECIPE, 'svc/Makefile': 'include ../common.mk\n', ...service('svc') },
    expected: 'migrate',
  },
  {
    name: 'common.mk included by svc/ and web/: its recipes run in both, where is unknown',
    files: { 'common.mk': RECIPE, 'svc/Makefile': 'include ../common.mk\n', 'web/Makefile': 'include ../common.mk\n', ...service('svc'), ...service('web') },
    expected: unresolved(2, 4, 6),
  },
]);
