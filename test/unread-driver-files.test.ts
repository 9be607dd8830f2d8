import { describe, expect, it } from 'vitest';
import { dockerfilesAnUnreadDriverNames } from '../src/plan/unread-driver-files.js';
import type { RepoView } from '../src/repo/view.js';

// The Dockerfiles a driver restage does not parse names in its text (src/plan/unread-driver-files.ts):
// they join its refused setup, so that a pre-commit run on one reports the refusal.
const DOCKERFILES = ['Dockerfile', 'Dockerfile.build', 'ci/Dockerfile', 'ci/Dockerfile.build', 'ci/go.Dockerfile', 'svc/Dockerfile'];

const repo: RepoView = {
  readText: () => null,
  isDir: () => false,
  isFile: (rel) => DOCKERFILES.includes(rel) || rel === 'main.go' || rel === '.dockerignore',
  referenceCandidates: () => [],
  dockerfiles: () => DOCKERFILES,
};

const rows: [string, string, string, string[]][] = [
  ['a path from the root', 'Taskfile.yml', '  - docker build -f ci/go.Dockerfile -t b .\n', ['ci/go.Dockerfile', 'Dockerfile']],
  // Run from the root or from its directory: either may be meant.
  [
    "a name from the driver's directory",
    'ci/tasks.py',
    'run(["docker", "build", "-f", "Dockerfile.build", "."])\n',
    ['ci/Dockerfile', 'ci/Dockerfile.build', 'Dockerfile.build', 'Dockerfile'],
  ],
  [
    'the same spelled ./',
    'ci/justfile',
    'x:\n    podman build --file=./Dockerfile.build .\n',
    ['ci/Dockerfile', 'ci/Dockerfile.build', 'Dockerfile.build', 'Dockerfile'],
  ],
  ['no build: only the names it spells', 'deploy.rb', 'system("docker cp x:/app svc/Dockerfile")\n', ['svc/Dockerfile']],
  ['a longer name is another file', 'Taskfile.yml', 'docker cp x:/a Dockerfile.build.bak\n', []],
  ['a path up from its directory', 'ci/tasks/Taskfile.yml', 'docker cp x:/a ../../svc/Dockerfile\n', ['svc/Dockerfile']],
  ['a source file is none', 'Taskfile.yml', 'docker cp x:/a main.go\n', []],
  ['a .dockerignore is no Dockerfile', 'Taskfile.yml', 'docker cp x:/a .dockerignore\n', []],
  ['a name inside another path is not the root one', 'Taskfile.yml', 'docker cp x:/a old/Dockerfile.build\n', []],
  ["a build line names the Dockerfile of its directory and the root's", 'svc/Taskfile.yml', '  - docker build -t svc .\n', ['svc/Dockerfile', 'Dockerfile']],
  ['the same from a directory without one', 'deploy/build_images.py', 'run(["docker", "build", "-t", "x", "."])\n', ['Dockerfile']],
  ['a build word on another line than the client is none', 'svc/Taskfile.yml', 'docker cp x:/a .\nbuild: true\n', []],
];

describe('dockerfilesAnUnreadDriverNames', () => {
  it.each(rows)('%s', (_, driver, text, expected) => {
    expect(dockerfilesAnUnreadDriverNames(driver, text, repo).sort()).toEqual([...expected].sort());
  });
});
