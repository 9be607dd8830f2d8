import { runPlanCases, type ExpectedReport, type PlanCase } from '../support/plan-tester.js';

// `docker compose run SERVICE` (src/drivers/compose/): read from the compose file as the docker run it
// amounts to, then migrated as a run with bind mounts is (recognise/run-mounts.ts), or refused with
// what compose does that a build stage would not.

const RUNTIME = 'FROM nginx:alpine\nCOPY dist/ /usr/share/nginx/html/\n';
const SERVICE = ['services:', '  web:', '    image: node:20', '    working_dir: /app', '    volumes:', '      - ./:/app'];

function compose(...extra: string[]): string {
  return [...SERVICE, ...extra].join('\n') + '\n';
}

function setup(run: string, files: Record<string, string> = {}): Record<string, string> {
  return {
    'build.sh': `#!/bin/sh\nset -e\n${run}\ndocker build -t app/web .\n`,
    Dockerfile: RUNTIME,
    'package.json': '{"scripts":{"build":"vite build"}}\n',
    'docker-compose.yml': compose('    command: sh -c "npm ci && npm run build"'),
    ...files,
  };
}

const flag = (line: number): ExpectedReport[] => [{ ruleId: 'unsupported-docker-flag', messageId: 'unsupportedDockerFlag', line }];
/**
 * Refused at the compose command, and at the service whose `./:/app` mount writes the checkout: the
 * compose file is a setup of its own (line 2, its service), whose extraction another driver's build reads (as with `.:/app`).
 */
const alsoTheService = (line: number): ExpectedReport[] => [...unrecognised(line), ...unrecognised(2)];
const unrecognised = (line: number, file?: string): ExpectedReport[] => [
  { ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line, ...(file ? { file } : {}) },
];

const cases: PlanCase[] = [
  { name: 'docker compose run of a service on a stock image', files: setup('docker compose run --rm web'), expected: 'migrate' },
  {
    name: 'a package.json script that runs docker-compose, then the build',
    files: {
      'package.json': '{"scripts":{"build":"vite build","image":"docker-compose run --rm -T web && docker build -t app/web ."}}\n',
      Dockerfile: RUNTIME,
      'docker-compose.yml': compose('    command: npm run build'),
    },
    expected: 'migrate',
  },
  { name: 'docker-compose (the v1 program)', files: setup('docker-compose run --rm web'), expected: 'migrate' },
  { name: 'podman-compose', files: setup('podman-compose run --rm web'), expected: 'migrate' },
  {
    name: 'a compose file named with -f, and global options before run',
    files: setup('docker compose -p site --file ci/build.yml --ansi never run --rm -T web', {
      'docker-compose.yml': 'services: {}\n',
      'ci/build.yml': compose('    command: npm run build').replace('./:/app', '../:/app'),
    }),
    expected: 'migrate',
  },
  {
    name: 'compose.yaml is read before docker-compose.yml',
    files: setup('docker compose run --rm web', { 'compose.yaml': compose('    command: npm run build'), 'docker-compose.yml': 'services: {}\n' }),
    expected: 'migrate',
  },
  {
    name: 'the compose file of a parent directory, with its relative mount',
    files: {
      'web/build.sh': '#!/bin/sh\nset -e\ncd "$(dirname "$0")"\ndocker compose run --rm web\ndocker build -t app/web .\n',
      'web/Dockerfile': RUNTIME,
      'web/package.json': '{}\n',
      'docker-compose.yml': compose('    command: npm run build').replace('./:/app', './web:/app'),
    },
    expected: 'migrate',
  },
  {
    name: 'the command on the command line, with -e and -w',
    files: setup('docker compose run --rm -e NODE_ENV=production -w /app web npm run build', { 'docker-compose.yml': compose() }),
    expected: 'migrate',
  },
  {
    name: 'environment as a map and a list, a $$ escape, an entrypoint list',
    files: setup('docker compose run --rm web', {
      'docker-compose.yml': compose(
        '    environment:',
        '      NODE_ENV: production',
        '      CI: 1',
        '    entrypoint: ["sh", "-c"]',
        '    command: ["echo $$HOME && npm run build"]',
      ),
    }),
    expected: 'migrate',
  },
  {
    name: 'a long-syntax bind mount and a named volume as a cache',
    files: setup('docker compose run --rm web', {
      'docker-compose.yml': [
        'services:',
        '  web:',
        '    image: node:20',
        '    working_dir: /app',
        '    volumes:',
        '      - type: bind',
        '        source: .',
        '        target: /app',
        '      - node_modules:/app/node_modules',
        '    command: npm run build',
        'volumes:',
        '  node_modules: {}',
      ].join('\n'),
    }),
    expected: 'migrate',
  },
  {
    name: 'depends_on with --no-deps, and keys a one-off run ignores',
    files: setup('docker compose run --rm --no-deps web', {
      'docker-compose.yml': compose(
        '    command: npm run build',
        '    depends_on: [db]',
        '    ports: ["8080:80"]',
        '    container_name: web',
        '    restart: always',
        '  db:',
        '    image: postgres:16',
      ),
    }),
    expected: 'migrate',
  },
  {
    name: 'a run that writes nothing a build reads (tests)',
    files: { ...setup('docker compose run --rm web npm test'), Dockerfile: 'FROM nginx:alpine\nCOPY nginx.conf /etc/nginx/\n', 'nginx.conf': '' },
    expected: 'nothing',
  },
  {
    name: 'depends_on: compose starts the other services first',
    files: setup('docker compose run --rm web', {
      'docker-compose.yml': compose('    command: npm run build', '    depends_on: [db]', '  db:', '    image: postgres:16'),
    }),
    expected: flag(3),
  },
  {
    name: 'a service that builds its image',
    files: setup('docker compose run --rm web', { 'docker-compose.yml': compose('    build: .', '    command: npm run build') }),
    expected: flag(3),
  },
  {
    name: 'an env_file',
    files: setup('docker compose run --rm web', { 'docker-compose.yml': compose('    env_file: .env', '    command: npm run build') }),
    expected: flag(3),
  },
  {
    name: 'privileged',
    files: setup('docker compose run --rm web', { 'docker-compose.yml': compose('    privileged: true', '    command: npm run build') }),
    expected: flag(3),
  },
  {
    name: 'privileged: false and read_only: false, the defaults',
    files: setup('docker compose run --rm web', {
      'docker-compose.yml': compose('    privileged: false', '    read_only: false', '    command: npm run build'),
    }),
    expected: 'migrate',
  },
  {
    name: 'a mount outside the repository, from a compose file beside the script in a subdirectory',
    files: {
      'web/build.sh': '#!/bin/sh\nset -e\ncd "$(dirname "$0")"\ndocker compose -f ../docker-compose.yml run --rm web\ndocker build -t app/web .\n',
      'web/Dockerfile': RUNTIME,
      'docker-compose.yml': compose('    command: npm run build').replace('./:/app', '../web:/app'),
    },
    expected: unrecognised(4),
  },
  // A run's -p publishes a port (the global -p, before run, names the project): nothing a build writes.
  { name: 'a port published with -p', files: setup('docker compose run --rm -p 8080:80 web'), expected: 'migrate' },
  { name: 'detached', files: setup('docker compose run -d web'), expected: flag(3) },
  { name: "no command: the image's own CMD runs", files: setup('docker compose run --rm web', { 'docker-compose.yml': compose() }), expected: flag(3) },
  {
    name: 'a value compose fills in from the environment',
    files: setup('docker compose run --rm web', { 'docker-compose.yml': compose('    command: npm run build').replace('node:20', 'node:${NODE_VERSION}') }),
    expected: flag(3),
  },
  {
    name: 'a mount compose fills in from the environment',
    files: setup('docker compose run --rm web', { 'docker-compose.yml': compose('    command: npm run build').replace('./:/app', '${SRC:-.}:/app') }),
    expected: unrecognised(3),
  },
  {
    name: 'an override file compose merges',
    files: setup('docker compose run --rm web', { 'docker-compose.override.yml': 'services:\n  web:\n    environment: [X=1]\n' }),
    expected: alsoTheService(3),
  },
  {
    name: 'two compose files merged',
    files: setup('docker compose -f docker-compose.yml -f other.yml run --rm web', { 'other.yml': 'services: {}\n' }),
    expected: alsoTheService(3),
  },
  {
    name: 'a .env that names the compose files',
    files: setup('docker compose run --rm web', { '.env': 'COMPOSE_FILE=docker-compose.yml:ci.yml\n' }),
    expected: alsoTheService(3),
  },
  { name: 'a .env that sets other variables', files: setup('docker compose run --rm web', { '.env': 'NODE_ENV=production\n' }), expected: 'migrate' },
  { name: 'compose up', files: setup('docker compose up web'), expected: alsoTheService(3) },
  { name: 'a run option compose does not have', files: setup('docker compose run --frobnicate web'), expected: alsoTheService(3) },
];

runPlanCases('compose run (src/drivers/compose/)', cases);
