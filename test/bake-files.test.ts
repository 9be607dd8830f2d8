import { describe, expect, it } from 'vitest';
import { planFiles } from './support/plan-tester.js';

// A refused bake setup holds the bake file and the Dockerfiles its targets name (src/detect/bake.ts), so
// that a pre-commit run on any of them reports it: the driver's command line names neither.
const driver = '#!/bin/sh\nset -e\ndocker buildx bake artifact\ndocker build -t app .\n';
const runtime = 'FROM local/run:1\nCOPY out/app /app\n';
const builder = 'FROM local/build:1\nRUN mkdir /app && echo built > /app/app\n';
const hcl = (body: string) => `target "artifact" {\n${body}  output = ["type=local,dest=out"]\n}\n`;

async function filesOf(files: Record<string, string>): Promise<string[]> {
  const setups = await planFiles({ 'build.sh': driver, Dockerfile: runtime, ...files });
  expect(setups.map((s) => s.status)).toEqual(['refused']);
  return [...setups[0]!.files].sort();
}

describe('the files of a refused bake setup', () => {
  it('the default bake file, and its target Dockerfile relative to the context it names', async () => {
    const files = await filesOf({ 'docker-bake.hcl': hcl('  context = "builder"\n  dockerfile = "Dockerfile.build"\n'), 'builder/Dockerfile.build': builder });
    expect(files).toEqual(['Dockerfile', 'build.sh', 'builder/Dockerfile.build', 'docker-bake.hcl']);
  });

  it('a Dockerfile the bake file names that the repository does not hold is no file of the setup', async () => {
    const files = await filesOf({ 'docker-bake.hcl': hcl('  dockerfile = "Dockerfile.gone"\n') });
    expect(files).toEqual(['Dockerfile', 'build.sh', 'docker-bake.hcl']);
  });

  it('a JSON bake file named with -f', async () => {
    const json = '{ "target": { "artifact": { "dockerfile": "ci/build.docker", "output": ["type=local,dest=out"] } } }\n';
    const setups = await planFiles({
      'build.sh': driver.replace('bake artifact', 'bake -f ci/bake.json artifact'),
      Dockerfile: runtime,
      'ci/bake.json': json,
      'ci/build.docker': builder,
    });
    expect(setups.map((s) => [s.status, [...s.files].sort()])).toEqual([['refused', ['Dockerfile', 'build.sh', 'ci/bake.json', 'ci/build.docker']]]);
  });
});
