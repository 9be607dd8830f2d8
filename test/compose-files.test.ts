import { describe, expect, it } from 'vitest';
import { planFiles } from './support/plan-tester.js';

// The files a `compose run` setup holds (src/drivers/compose/): the compose files restage read to find
// the service, whether it migrates or is refused, so that a pre-commit run on any of them reports it.
const driver = '#!/bin/sh\nset -e\ndocker compose run --rm builder\ndocker build -t app .\n';
const runtime = 'FROM local/run:1\nCOPY dist/app /app\n';
const service = (extra = '') =>
  `services:\n  builder:\n    image: local/build:1\n    working_dir: /src\n    volumes:\n      - .:/src\n${extra}    command: sh -c "mkdir -p dist && echo hi > dist/app"\n`;

async function setupFiles(files: Record<string, string>): Promise<[string, string[]][]> {
  const setups = await planFiles({ 'build.sh': driver, Dockerfile: runtime, ...files });
  return setups.filter((s) => s.driver === 'build.sh').map((s) => [s.status, [...s.files].sort()]);
}

describe('the compose files of a compose run setup', () => {
  const rows: [string, Record<string, string>, [string, string[]][]][] = [
    ['migrated: the compose file', { 'compose.yaml': service() }, [['migrate', ['Dockerfile', 'build.sh', 'compose.yaml']]]],
    [
      'refused for an override: both files compose merges',
      { 'docker-compose.yml': service(), 'docker-compose.override.yml': 'services:\n  builder:\n    environment:\n      A: b\n' },
      [['refused', ['Dockerfile', 'build.sh', 'docker-compose.override.yml', 'docker-compose.yml']]],
    ],
    [
      'refused for a .env that sets COMPOSE_FILE: the .env',
      { 'docker-compose.yml': service(), '.env': 'COMPOSE_FILE=docker-compose.yml:extra.yml\n' },
      [['refused', ['.env', 'Dockerfile', 'build.sh']]],
    ],
    [
      'refused for a key of the service (its mounts read): the compose file',
      { 'docker-compose.yml': service('    secrets:\n      - token\n') },
      [['refused', ['Dockerfile', 'build.sh', 'docker-compose.yml']]],
    ],
  ];
  for (const [name, files, expected] of rows) it(name, async () => expect(await setupFiles(files)).toEqual(expected));
});
