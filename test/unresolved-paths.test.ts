import { describe, expect, it } from 'vitest';
import { filesAnUnresolvedPathMayName } from '../src/plan/unresolved-paths.js';
import { REPO_ROOT } from '../src/shell/evaluate.js';
import { loopValueToken } from '../src/drivers/steps.js';
import type { RepoView } from '../src/repo/view.js';

// The files a refused build's unresolved Dockerfile path may name (src/plan/unresolved-paths.ts): they
// join the refused setup, so that a pre-commit run on one of them reports the refusal.
const TREE = ['docker/Dockerfile.build', 'docker/Dockerfile.test', 'docker/README.txt', 'ci/go.Dockerfile', 'svc/api/Dockerfile', 'Dockerfile', 'main.go'];

const repo = (files: string[] | null): RepoView => ({
  readText: () => null,
  isDir: () => false,
  isFile: (rel) => (files ?? []).includes(rel),
  referenceCandidates: () => [],
  ...(files ? { files: () => files } : {}),
});

const rows: [string, string, string, string[]][] = [
  ["a loop pass's value", '', `docker/Dockerfile.${loopValueToken(0, 't')}`, ['docker/Dockerfile.build', 'docker/Dockerfile.test']],
  ['a variable the script never sets, from a subdirectory', 'ci', '$LANG.Dockerfile', ['ci/go.Dockerfile']],
  ["the script's own directory, then a variable", 'svc', `${REPO_ROOT}/docker/Dockerfile.$\{T}`, ['docker/Dockerfile.build', 'docker/Dockerfile.test']],
  ['an unknown start: any directory', '', '$ROOT/api/Dockerfile', ['svc/api/Dockerfile']],
  ['an unknown start from a subdirectory may still be absolute', 'ci', '$ROOT/api/Dockerfile', ['svc/api/Dockerfile']],
  ['dots alone are nothing of its own', '', '$1.$2', ['docker/Dockerfile.build', 'docker/Dockerfile.test', 'ci/go.Dockerfile']],
  ['a name of its own matches a file of any kind', '', '$NAME.go', ['main.go']],
  [
    'nothing of its own: the Dockerfiles by name only',
    '',
    '$1',
    ['docker/Dockerfile.build', 'docker/Dockerfile.test', 'ci/go.Dockerfile', 'svc/api/Dockerfile', 'Dockerfile'],
  ],
  [
    'slashes alone are nothing of its own',
    '',
    '$DIR/$NAME',
    ['docker/Dockerfile.build', 'docker/Dockerfile.test', 'ci/go.Dockerfile', 'svc/api/Dockerfile', 'Dockerfile'],
  ],
  ['a command substitution, with parentheses inside', '', '$(basename $(pwd))/Dockerfile', ['svc/api/Dockerfile', 'Dockerfile']],
  ['a literal dot is no wildcard', '', 'docker/Dockerfile.$T', ['docker/Dockerfile.build', 'docker/Dockerfile.test']],
  ['out of the repository', 'ci', '../../$X/Dockerfile', []],
  ['an absolute path', '', '/src/$X/Dockerfile', []],
];

describe('filesAnUnresolvedPathMayName', () => {
  it.each(rows)('%s', (_, cwd, text, expected) => {
    expect(filesAnUnresolvedPathMayName(cwd, text, repo(TREE))).toEqual(expected);
  });

  it('reads the same words from two directories as two paths, in one repository', () => {
    const one = repo(TREE);
    expect(filesAnUnresolvedPathMayName('', 'Dockerfile.$T', one)).toEqual([]);
    expect(filesAnUnresolvedPathMayName('docker', 'Dockerfile.$T', one)).toEqual(['docker/Dockerfile.build', 'docker/Dockerfile.test']);
  });

  it('names nothing where the view cannot list its files', () => {
    expect(filesAnUnresolvedPathMayName('', '$1', repo(null))).toEqual([]);
  });

  it('matches the path whole: a longer name is another file', () => {
    expect(
      filesAnUnresolvedPathMayName('', 'docker/Dockerfile.$T', repo(['docker/Dockerfile.build', 'x/docker/Dockerfile.build', 'docker/Dockerfile.build.bak/x'])),
    ).toEqual(['docker/Dockerfile.build', 'docker/Dockerfile.build.bak/x']);
  });
});
