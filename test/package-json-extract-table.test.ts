import { describe, expect, it } from 'vitest';
import { extract, setupScriptName } from '../src/drivers/package-json/index.js';
import type { DriverStep } from '../src/drivers/steps.js';

// What the package.json driver (src/drivers/package-json/index.ts) reads, one row per form: which
// script the setup lives in, and what it makes of the others (an opaque step when npm may run it
// around the setup or it takes part, read after the setup when it uses an image the setup tags).

const pkg = (scripts: Record<string, string>): string => JSON.stringify({ name: 'x', scripts }, null, 2);
const CP = 'docker build -t app/b -f Dockerfile.build . && docker create --name c app/b && docker cp c:/out/app app && docker rm c && docker build -t app .';

function describeStep(s: DriverStep): string {
  return s.kind === 'opaque' ? `opaque(${s.nodeType})` : s.args.map((a) => a.text).join(' ');
}
const steps = async (scripts: Record<string, string>): Promise<string[]> => (await extract('package.json', pkg(scripts))).steps.map(describeStep);

describe('setupScriptName', () => {
  it.each<[string, Record<string, string>, string | null]>([
    ['the script that copies out of a container', { a: 'echo', b: 'docker cp c:/a ./a', c: 'docker run -v x:/y i' }, 'b'],
    ['docker container cp too', { a: 'docker container cp c:/a ./a' }, 'a'],
    ['else one that may: a run', { a: 'echo', b: 'docker run --rm -v "$PWD":/src img make' }, 'b'],
    ['a create', { a: 'docker create --name c img' }, 'a'],
    ['docker compose run', { a: 'docker compose run --rm builder' }, 'a'],
    ['docker-compose run', { a: 'docker-compose -f c.yml run builder' }, 'a'],
    ['docker compose up is none', { a: 'docker compose up -d' }, null],
    ['else one that tags an image and builds twice', { a: 'docker build .', b: 'docker build -t x/b -f B . && docker build .' }, 'b'],
    ['--tag=', { b: 'docker build --tag=x/b -f B . && docker image build .' }, 'b'],
    ['buildx build counts', { b: 'docker buildx build -t x/b -f B . && docker buildx build .' }, 'b'],
    ['one build is none', { b: 'docker build -t x/b .' }, null],
    ['two builds without a tag are none', { b: 'docker build -f B . && docker build .' }, null],
    ['a -t inside a word is no tag', { b: 'docker build --no-t-x -f B . && docker build .' }, null],
    ['scripts that are no strings are skipped', { a: 1 as unknown as string, b: 'docker cp c:/a ./a' }, 'b'],
  ])('%s', (_, scripts, expected) => {
    expect(setupScriptName(pkg(scripts))).toBe(expected);
  });
  it('null for a package.json that does not parse, or has no scripts object', () => {
    expect(setupScriptName('{')).toBeNull();
    expect(setupScriptName('{"scripts": "x"}')).toBeNull();
    expect(setupScriptName('{"scripts": null}')).toBeNull();
  });
});

describe('the other scripts', () => {
  const setupSteps = [
    'docker build -t app/b -f Dockerfile.build .',
    'docker create --name c app/b',
    'docker cp c:/out/app app',
    'docker rm c',
    'docker build -t app .',
  ];
  const opaque = (name: string) => `opaque(package.json script "${name}")`;
  it.each<[string, Record<string, string>, string[]]>([
    ['an unrelated script is left out', { lint: 'eslint .', image: CP }, setupSteps],
    ['one that takes part is opaque', { other: 'docker build -t y .', image: CP }, [...setupSteps, opaque('other')]],
    ['one the setup runs with npm run', { prep: 'echo', image: `npm run prep && ${CP}` }, ['npm run prep', ...setupSteps, opaque('prep')]],
    ['npm run-script', { prep: 'echo', image: `npm run-script prep && ${CP}` }, ['npm run-script prep', ...setupSteps, opaque('prep')]],
    ['yarn NAME', { prep: 'echo', image: `yarn prep && ${CP}` }, ['yarn prep', ...setupSteps, opaque('prep')]],
    ['pnpm NAME', { prep: 'echo', image: `pnpm prep && ${CP}` }, ['pnpm prep', ...setupSteps, opaque('prep')]],
    ['bun run NAME', { prep: 'echo', image: `bun run prep && ${CP}` }, ['bun run prep', ...setupSteps, opaque('prep')]],
    ['after a semicolon', { prep: 'echo', image: `true;npm run prep && ${CP}` }, ['true', 'npm run prep', ...setupSteps, opaque('prep')]],
    ['in a subshell', { prep: 'echo', image: `(npm run prep) && ${CP}` }, ['opaque(subshell)', ...setupSteps, opaque('prep')]],
    ['npm test runs test', { test: 'echo', image: `npm test && ${CP}` }, ['npm test', ...setupSteps, opaque('test')]],
    ['npm prep without run is no script', { prep: 'echo', image: `npm prep && ${CP}` }, ['npm prep', ...setupSteps]],
    ['nor is npm install', { install: 'echo', image: `npm install && ${CP}` }, ['npm install', ...setupSteps]],
    ['a word that ends in npm is none', { prep: 'echo', image: `xnpm run prep && ${CP}` }, ['xnpm run prep', ...setupSteps]],
    ['the setup’s pre and post scripts', { preimage: 'echo', postimage: 'echo', image: CP }, [...setupSteps, opaque('preimage'), opaque('postimage')]],
    [
      'a called script’s',
      { preprep: 'echo', prep: 'echo', image: `npm run prep && ${CP}` },
      ['npm run prep', ...setupSteps, opaque('preprep'), opaque('prep')],
    ],
    ['a script that uses the image the setup tags, read after it', { push: 'docker push app', image: CP }, [...setupSteps, 'docker push app']],
    [
      'by --tag=',
      { push: 'docker push app', image: CP.replace('-t app .', '--tag=app .') },
      [...setupSteps.slice(0, 4), 'docker build --tag=app .', 'docker push app'],
    ],
  ])('%s', async (_, scripts, expected) => {
    expect(await steps(scripts)).toEqual(expected);
  });
});
