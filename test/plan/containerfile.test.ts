import { describe, expect, it } from 'vitest';
import { defaultDockerfile } from '../../src/dockerfile/default-file.js';
import { isDockerfilePath } from '../../src/repo/names.js';
import { planFiles, runPlanCases, type PlanCase } from '../support/plan-tester.js';

// A build without -f reads the client's default file (src/dockerfile/default-file.ts): podman and
// buildah prefer a Containerfile, nerdctl and finch fall back to one, docker reads only a Dockerfile.

const BUILDER = 'FROM golang:1.22\nRUN mkdir /out && echo app > /out/app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';

function setup(client: string, files: Record<string, string>): Record<string, string> {
  const script = [
    `${client} build -t b -f Containerfile.build .`,
    `${client} create --name x b`,
    `${client} cp x:/out/app ./app`,
    `${client} rm x`,
    `${client} build -t app .`,
  ];
  return { 'build.sh': `#!/bin/sh\n${script.join('\n')}\n`, 'Containerfile.build': BUILDER, ...files };
}

const cases: PlanCase[] = [
  { name: 'podman: a Containerfile', files: setup('podman', { Containerfile: RUNTIME }), expected: 'migrate' },
  {
    name: 'podman: a Containerfile before a Dockerfile',
    files: setup('podman', { Containerfile: RUNTIME, Dockerfile: 'FROM alpine:3.19\n' }),
    expected: 'migrate',
  },
  {
    // Nothing builds the Containerfile (docker's build of `.` would fail for want of a Dockerfile): refused, not migrated.
    name: 'docker reads no Containerfile',
    files: setup('docker', { Containerfile: RUNTIME }),
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 4 }],
  },
  {
    name: 'docker: a Dockerfile beside a Containerfile',
    files: setup('docker', { Containerfile: 'FROM alpine:3.19\n', Dockerfile: RUNTIME }),
    expected: 'migrate',
  },
  { name: 'nerdctl: a Containerfile when there is no Dockerfile', files: setup('nerdctl', { Containerfile: RUNTIME }), expected: 'migrate' },
  {
    name: 'podman: a .containerignore restage does not read',
    files: setup('podman', { Containerfile: RUNTIME, '.containerignore': 'app\n' }),
    expected: [
      { ruleId: 'build-context-mismatch', messageId: 'containerignore', line: 2 },
      { ruleId: 'build-context-mismatch', messageId: 'containerignore', line: 6 },
    ],
  },
  {
    name: 'docker: a .containerignore it does not read either',
    files: setup('docker', { Dockerfile: RUNTIME, '.containerignore': 'app\n' }),
    expected: 'migrate',
  },
];

runPlanCases('the file a build without -f reads', cases);

describe('defaultDockerfile', () => {
  const has =
    (...files: string[]) =>
    (rel: string) =>
      files.includes(rel);
  it.each([
    ['docker', has('Dockerfile', 'Containerfile'), 'Dockerfile'],
    ['docker', has('Containerfile'), 'Dockerfile'],
    ['/usr/bin/podman', has('Dockerfile', 'Containerfile'), 'Containerfile'],
    ['podman', has('Dockerfile'), 'Dockerfile'],
    ['buildah', has('Containerfile'), 'Containerfile'],
    ['nerdctl', has('Dockerfile', 'Containerfile'), 'Dockerfile'],
    ['nerdctl', has('Containerfile'), 'Containerfile'],
    ['finch', has('Containerfile'), 'Containerfile'],
    ['finch', has(), 'Dockerfile'],
  ] as const)('%s with %#', (client, isFile, expected) => {
    expect(defaultDockerfile(client, '', isFile)).toBe(expected);
  });
  it('reads in the context', () => {
    expect(defaultDockerfile('podman', 'svc', (rel) => rel === 'svc/Containerfile')).toBe('svc/Containerfile');
  });
  it('Containerfiles are Dockerfiles to restage', () => {
    expect(['Containerfile', 'svc/Containerfile.build', 'app.containerfile', 'Dockerfile'].map(isDockerfilePath)).toEqual([true, true, true, true]);
    expect(['Containerfiles/x', 'container.yml'].map(isDockerfilePath)).toEqual([false, false]);
  });
});

describe('a podman setup with a Containerfile', () => {
  it('merges into the Containerfile and deletes Containerfile.build', async () => {
    const [setup] = await planFiles(cases[0]!.files);
    expect(setup!.changes.map((c) => [c.path, c.after === null])).toEqual([
      ['Containerfile', false],
      ['build.sh', false],
      ['Containerfile.build', true],
    ]);
  });
});
