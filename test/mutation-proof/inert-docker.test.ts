import { describe, expect, it } from 'vitest';
import { onlyInertDocker, planRepositoryDetailed } from '../../src/pipeline/plan-repository.js';
import { memoryRepo } from '../support/plan-tester.js';

/**
 * Scripts that only push, pull or log in are not parsed (most of a monorepo's docker scripts). A script
 * skipped wrongly is a setup restage never sees: silence. So every other spelling must go to the parser.
 */
describe('onlyInertDocker', () => {
  it.each([
    ['a push', 'docker push registry.example.com/app:1\n', true],
    [
      'pull, login, logout, tag, rmi, rm, stop, kill, images, ps, version, info',
      'docker pull a\ndocker login -u x\ndocker logout\ndocker tag a b\ndocker rmi a\ndocker rm -f c\ndocker stop c\ndocker kill c\ndocker images\ndocker ps\ndocker version\ndocker info\n',
      true,
    ],
    ['podman, any case, sudo, a tab', 'sudo Podman push a\nDOCKER\tpush b\n', true],
    ['a push at the end of the text', 'docker push', true],
    ['a push in a chain', 'docker push a && docker push b; docker pull c | cat\n', true],
    ['a build', 'docker push a\ndocker build -t a .\n', false],
    ['cp', 'docker cp c:/out ./out\n', false],
    ['run', 'docker run --rm a cat /x > x\n', false],
    ['create', 'docker create --name c a\n', false],
    ['start, which can stream a container into a file', 'docker start -a c > out\n', false],
    ['exec', 'docker exec c cat /x > x\n', false],
    ['logs', 'docker logs c > out\n', false],
    ['save', 'docker save a > a.tar\n', false],
    ['export', 'docker export c > c.tar\n', false],
    ['buildx', 'docker buildx build -o out .\n', false],
    ['compose', 'docker compose run builder\n', false],
    ['docker-compose', 'docker-compose up\n', false],
    ['a global option first', 'docker --context x push a\n', false],
    ['the client in a variable', 'D=docker\n$D build .\n', false],
    ['the client with a default', '${DOCKER:-docker} push a\n', false],
    ['a path', 'cat docker/Dockerfile\n', false],
    ['the subcommand on the next line', 'docker \\\n  push a\n', false],
    ['a quoted subcommand', "exec('docker push')\n", false],
    ['a comment that names another subcommand', '# docker cp happens in ci.sh\ndocker push a\n', false],
    ['a longer word that starts like an inert one', 'docker pushx a\n', false],
    ['a word that ends like an inert one', 'docker xpush a\n', false],
  ])('%s: %s', (_, text, inert) => {
    expect(onlyInertDocker(text)).toBe(inert);
  });
});

describe('a repository of inert scripts and one setup', () => {
  it('still finds the setup, and lists the inert scripts as not parsed', async () => {
    const files: Record<string, string> = {
      'push.sh': '#!/bin/sh\ndocker push registry.example.com/app:1\n',
      'build.sh':
        '#!/bin/sh\ndocker build -t b -f Dockerfile.build .\ndocker create --name c b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t app .\n',
      'Dockerfile.build': 'FROM golang\nRUN mkdir /out && go build -o /out/app\n',
      Dockerfile: 'FROM alpine\nCOPY app /usr/bin/app\n',
    };
    const { setups, notSetups } = await planRepositoryDetailed(memoryRepo(files), ['build.sh', 'push.sh']);
    expect(setups.map((s) => [s.driver, s.status])).toEqual([['build.sh', 'migrate']]);
    expect(notSetups).toEqual([{ file: 'push.sh', why: expect.stringMatching(/^it runs only docker commands that neither build/) }]);
  });
});
