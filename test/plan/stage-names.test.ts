import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// The name the builder's stage takes in the merged file (src/plan/merge.ts, builderStageName): `builder`,
// else the builder Dockerfile's suffix, else its tag, else `builder-2`, `builder-3` … whichever the
// runtime file does not use already. The snapshot holds the merged file each row writes.

const repo = (runtimeStages: string): Record<string, string> => ({
  'build.sh':
    '#!/bin/sh\ndocker build -t t/b -f Dockerfile.build .\ndocker create --name c t/b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t t/app .\n',
  'Dockerfile.build': 'FROM golang:1.22\nRUN go build -o /out/app\n',
  Dockerfile: `${runtimeStages}FROM alpine:3.19\nCOPY app /usr/bin/app\n`,
});

const cases: PlanCase[] = [
  { name: 'builder', files: repo(''), expected: 'migrate' },
  { name: 'the suffix when builder is taken', files: repo('FROM alpine AS builder\nRUN echo\n'), expected: 'migrate' },
  { name: 'the tag when the suffix is taken too', files: repo('FROM alpine AS builder\nRUN echo\nFROM alpine AS build\nRUN echo\n'), expected: 'migrate' },
  {
    name: 'builder-2 when all three are taken',
    files: repo('FROM alpine AS builder\nRUN echo\nFROM alpine AS build\nRUN echo\nFROM alpine AS b-latest\nRUN echo\n'),
    expected: 'migrate',
  },
  {
    name: 'builder-3 when builder-2 is taken as well',
    files: repo('FROM alpine AS builder\nRUN echo\nFROM alpine AS build\nRUN echo\nFROM alpine AS b-latest\nRUN echo\nFROM alpine AS builder-2\nRUN echo\n'),
    expected: 'migrate',
  },
  {
    name: 'of a tag known only at run time, the text before the expansion',
    files: {
      ...repo('FROM alpine AS builder\nRUN echo\nFROM alpine AS build\nRUN echo\n'),
      'build.sh':
        '#!/bin/sh\nSHA=$(git rev-parse --short HEAD)\ndocker build -t "t/b-$SHA" -f Dockerfile.build .\ndocker create --name c "t/b-$SHA"\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t t/app .\n',
    },
    expected: 'migrate',
  },
  {
    name: 'a run stage on an image tagged at run time',
    files: {
      ...repo(''),
      'build.sh':
        '#!/bin/sh\nSHA=$(git rev-parse --short HEAD)\ndocker build -t "t/b-$SHA" -f Dockerfile.build .\ndocker run --name c "t/b-$SHA" cp /out/app /out/app2\ndocker cp c:/out/app2 ./app\ndocker rm c\ndocker build -t t/app .\n',
    },
    expected: 'migrate',
  },
];

runPlanCases('the builder stage name', cases);
