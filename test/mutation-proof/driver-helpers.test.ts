import { describe, expect, it } from 'vitest';
import { driverFor } from '../../src/drivers/index.js';
import { setupScriptName } from '../../src/drivers/package-json/index.js';
import { changeDirectory, forgetWhatMayChange } from '../../src/drivers/sh/index.js';
import { resolveHostPath } from '../../src/shell/host-path.js';
import * as unsupported from '../../src/drivers/unsupported/index.js';
import type { Arg } from '../../src/drivers/docker-cli.js';
import { REPO_ROOT, type ShellEnv } from '../../src/shell/evaluate.js';
import { ShellVariables } from '../../src/shell/variables.js';

/** Which driver kind reads which file, and the small path and script decisions drivers share. */

describe('driverFor: the kind that claims a file', () => {
  const table: [string, string, string | undefined][] = [
    ['build.sh', '', 'sh'],
    ['scripts/build.bash', '', 'sh'],
    ['build', '#!/bin/sh\n', 'sh'],
    ['build', '#!/bin/bash\n', 'sh'],
    ['build', '#!/bin/dash\n', 'sh'],
    ['build', '#! /usr/bin/env bash\n', 'sh'],
    ['build', '#!/usr/bin/env sh\n', 'sh'],
    ['build', '#!/bin/zsh\n', 'unsupported'],
    ['build', '#!/usr/bin/env fish\n', 'unsupported'],
    ['release', '#!/bin/ksh -e\n', 'unsupported'],
    ['build.zsh', '', 'unsupported'],
    ['scripts/image.fish', '', 'unsupported'],
    ['build', '#!/bin/zshell\n', undefined],
    ['build', '#!/usr/bin/env python\n', 'unsupported'],
    ['build', '#!/usr/bin/python3.11\n', 'unsupported'],
    ['release', '#!/usr/bin/env -S ruby -w\n', 'unsupported'],
    ['build', '#!/usr/bin/perl\n', 'unsupported'],
    ['build', '#!/usr/bin/env pwsh\n', 'unsupported'],
    ['build.txt', '#!/usr/bin/env python\n', undefined],
    ['build', '#!/usr/bin/env pythonic\n', undefined],
    ['build', 'docker build .\n', undefined],
    ['build.txt', '#!/bin/sh\n', undefined],
    ['build.shx', '', undefined],
    ['Makefile', '', 'make'],
    ['sub/makefile', '', 'make'],
    ['GNUmakefile', '', 'make'],
    ['rules.mk', '', 'make'],
    ['Makefile.bak', '', undefined],
    ['MyMakefile', '', undefined],
    ['package.json', '', 'package-json'],
    ['web/package.json', '', 'package-json'],
    ['package.json5', '', undefined],
    ['.github/workflows/ci.yml', '', 'ci'],
    ['.github/workflows/ci.yaml', '', 'ci'],
    ['.github/workflows/sub/ci.yml', '', undefined],
    ['x/.github/workflows/ci.yml', '', undefined],
    ['.github/ci.yml', '', undefined],
    ['.gitea/workflows/ci.yml', '', 'ci'],
    ['.forgejo/workflows/release.yaml', '', 'ci'],
    ['.gitea/ci.yml', '', undefined],
    ['.buildkite/pipeline.yml', '', 'unsupported'],
    ['buildkite.yaml', '', 'unsupported'],
    ['.buildkite/hooks/pre-command', '', undefined],
    ['.semaphore/semaphore.yml', '', 'unsupported'],
    ['appveyor.yml', '', 'unsupported'],
    ['.appveyor.yml', '', 'unsupported'],
    ['codefresh.yml', '', 'unsupported'],
    ['.tekton/push.yaml', '', 'unsupported'],
    ['build.gradle', '', 'unsupported'],
    ['app/build.gradle.kts', '', 'unsupported'],
    ['settings.gradle', '', 'unsupported'],
    ['build.gradle.bak', '', undefined],
    ['CMakeLists.txt', '', 'unsupported'],
    ['cmake/docker.cmake', '', 'unsupported'],
    ['cmakelists.txt', '', undefined],
    ['BUILD.bazel', '', 'unsupported'],
    ['pkg/BUILD', '', 'unsupported'],
    ['tools/docker.bzl', '', 'unsupported'],
    ['BUILDING', '', undefined],
    ['build.sbt', '', 'unsupported'],
    ['Tiltfile', '', 'unsupported'],
    ['dev.tiltfile', '', 'unsupported'],
    ['deno.json', '', 'unsupported'],
    ['deno.jsonc', '', 'unsupported'],
    ['.harness/pipeline.yaml', '', 'unsupported'],
    ['.teamcity/settings.kts', '', 'unsupported'],
    ['ci/build.gitlab-ci.yml', '', 'unsupported'],
    ['.gitlab/ci/build.yml', '', 'unsupported'],
    ['.github/actions/image/action.yml', '', 'unsupported'],
    ['action.yaml', '', 'unsupported'],
    ['reaction.yml', '', undefined],
    ['.gitlab-ci.yml', '', 'ci'],
    ['sub/.gitlab-ci.yml', '', 'ci'],
    ['gitlab-ci.yml', '', undefined],
    ['build.js', '', 'js'],
    ['build.mjs', '', 'js'],
    ['build.cjs', '', 'js'],
    ['build.ts', '', 'js'],
    ['build.mts', '', 'js'],
    ['build.cts', '', 'js'],
    ['types.d.ts', '', undefined],
    ['types.d.mts', '', undefined],
    ['types.d.cts', '', undefined],
    ['app.min.js', '', undefined],
    ['build.jsx', '', undefined],
    ['build.ps1', '', 'unsupported'],
    ['BUILD.PS1', '', 'unsupported'],
    ['build.bat', '', 'unsupported'],
    ['build.cmd', '', 'unsupported'],
    ['build.ps1.txt', '', undefined],
    ['Taskfile.yml', '', 'unsupported'],
    ['svc/taskfile.yaml', '', 'unsupported'],
    ['Taskfile.dist.yml', '', 'unsupported'],
    ['Taskfile.md', '', undefined],
    ['MyTaskfile.yml', '', undefined],
    ['justfile', '', 'unsupported'],
    ['Justfile', '', 'unsupported'],
    ['sub/.justfile', '', 'unsupported'],
    ['release.just', '', 'unsupported'],
    ['justfile.md', '', undefined],
    ['Jenkinsfile', '', 'unsupported'],
    ['ci/Jenkinsfile.release', '', 'unsupported'],
    ['deploy.jenkinsfile', '', 'unsupported'],
    ['MyJenkinsfile', '', undefined],
    ['.circleci/config.yml', '', 'unsupported'],
    ['config.yml', '', undefined],
    ['azure-pipelines.yml', '', 'unsupported'],
    ['bitbucket-pipelines.yml', '', 'unsupported'],
    ['.drone.yml', '', 'unsupported'],
    ['.woodpecker.yml', '', 'unsupported'],
    ['.woodpecker/build.yaml', '', 'unsupported'],
    ['.travis.yml', '', 'unsupported'],
    ['drone.yml', '', undefined],
    ['cloudbuild.yaml', '', 'unsupported'],
    ['deploy/cloudbuild-release.yml', '', 'unsupported'],
    ['cloudbuild.json', '', 'unsupported'],
    ['cloudbuild.txt', '', undefined],
    ['buildspec.yml', '', 'unsupported'],
    ['build.py', '', 'unsupported'],
    ['tools/docker_build.py', '', 'unsupported'],
    ['release-images.py', '', 'unsupported'],
    ['ci.py', '', 'unsupported'],
    ['Build.PY', '', 'unsupported'],
    ['tasks.py', '', 'unsupported'],
    ['fabfile.py', '', 'unsupported'],
    ['noxfile.py', '', 'unsupported'],
    ['scripts/gen.py', '', 'unsupported'],
    ['hack/update.py', '', 'unsupported'],
    ['scripts/sub/gen.py', '', undefined],
    ['src/app/models.py', '', undefined],
    ['rebuild.py', '', undefined],
    ['specification.py', '', undefined],
    ['packages/x/util.py', '', undefined],
    ['Rakefile', '', 'unsupported'],
    ['lib/tasks/docker.rake', '', 'unsupported'],
    ['build.rb', '', 'unsupported'],
    ['app/models/user.rb', '', undefined],
    ['build.pl', '', 'unsupported'],
    ['lib/Foo.pl', '', undefined],
    ['magefile.go', '', 'unsupported'],
    ['magefiles/build.go', '', 'unsupported'],
    ['main.go', '', undefined],
    ['pom.xml', '', 'unsupported'],
    ['services/api/pom.xml', '', 'unsupported'],
    ['pom.xml.bak', '', undefined],
    ['build.xml', '', 'unsupported'],
    ['skaffold.yaml', '', 'unsupported'],
    ['deploy/skaffold-dev.yml', '', 'unsupported'],
    ['Earthfile', '', 'unsupported'],
    ['flake.nix', '', 'unsupported'],
    ['nix/image.nix', '', 'unsupported'],
    ['tox.ini', '', 'unsupported'],
    ['Vagrantfile', '', 'unsupported'],
    ['Makefile.toml', '', 'unsupported'],
    ['.gitpod.yml', '', 'unsupported'],
    ['lefthook.yml', '', 'unsupported'],
    ['.lefthook.yaml', '', 'unsupported'],
    ['.pre-commit-config.yaml', '', 'unsupported'],
    ['.cirrus.yml', '', 'unsupported'],
    ['.build.yml', '', 'unsupported'],
    ['.builds/alpine.yml', '', 'unsupported'],
    ['ci.gocd.yaml', '', 'unsupported'],
    ['vars/buildImage.groovy', '', 'unsupported'],
    ['src/Main.groovy', '', undefined],
    // husky 9's hooks have no shebang; its own scripts live in .husky/_/.
    ['.husky/pre-push', '', 'sh'],
    ['.husky/pre-commit', '#!/usr/bin/env sh\n', 'sh'],
    ['.husky/_/husky', '', undefined],
    ['.husky/README.md', '', undefined],
  ];
  it.each(table)('%s (%j) → %s', (rel, head, kind) => {
    expect(driverFor(rel, head)?.name).toBe(kind);
  });
});

describe('resolveHostPath: a path as the driver sees it from its cwd, repo-relative', () => {
  const table: [string, string, string | null][] = [
    ['', 'out', 'out'],
    ['', './out/', 'out'],
    ['', '.', ''],
    ['', './', ''],
    ['sub', '../', ''],
    ['sub', './', 'sub'],
    ['sub', 'out', 'sub/out'],
    ['sub', '..', ''],
    ['sub', '../x', 'x'],
    ['', '..', null],
    ['', '../x', null],
    ['sub', '../../x', null],
    ['', '/abs/out', null],
    ['', '~/out', null],
    ['sub', `${REPO_ROOT}/out`, 'out'],
    ['sub', `${REPO_ROOT}/a/../b/`, 'b'],
    ['sub', `${REPO_ROOT}x/out`, `sub/${REPO_ROOT}x/out`],
    ['', 'a//b/./c', 'a/b/c'],
    ['', '..x', '..x'],
  ];
  it.each(table)('from %j, %j → %j', (cwd, p, expected) => {
    expect(resolveHostPath(cwd, p)).toBe(expected);
  });
  it('reads the repository root itself as the root', () => {
    expect(resolveHostPath('sub', REPO_ROOT)).toBe('');
  });
});

describe('changeDirectory: where `cd` goes', () => {
  const a = (text: string, isStatic = true): Arg => ({ index: 0, text, isStatic, start: 0, end: text.length, raw: text });
  it.each([
    ['', ['sub'], 'sub'],
    ['sub', ['..'], ''],
    ['', ['-P', 'sub'], 'sub'],
    ['', ['-L', 'sub'], 'sub'],
    ['', ['-P', '-L', 'a/b'], 'a/b'],
    ['', [], null],
    ['', ['a', 'b'], null],
    ['', ['/tmp'], null],
    ['', ['..'], null],
  ] as [string, string[], string | null][])('from %j, cd %j → %j', (cwd, args, expected) => {
    expect(
      changeDirectory(
        cwd,
        args.map((t) => a(t)),
      ),
    ).toBe(expected);
  });
  it('does not follow a cd from an unknown directory or to a computed one', () => {
    expect(changeDirectory(null, [a('sub')])).toBeNull();
    expect(changeDirectory('', [a('$DIR', false)])).toBeNull();
  });
});

describe('forgetWhatMayChange: what control flow may have changed is unknown afterwards', () => {
  const run = (text: string) => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'];
    const env: ShellEnv = { vars: new ShellVariables(names.map((n) => [n, { text: n.toLowerCase(), isStatic: true }])), scriptPath: 'b.sh', cwd: 'sub' };
    forgetWhatMayChange(text, env);
    return { kept: [...env.vars.keys()].join(''), cwd: env.cwd };
  };
  it.each([
    ['true', 'ABCDEFGHIJKL', 'sub'],
    ['A=1', 'BCDEFGHIJKL', 'sub'],
    ['if x; then B+=y; fi', 'ACDEFGHIJKL', 'sub'],
    ['x;C=1', 'ABDEFGHIJKL', 'sub'],
    ['x&&D=1', 'ABCEFGHIJKL', 'sub'],
    ['x||E=1', 'ABCDFGHIJKL', 'sub'],
    ['(F=1)', 'ABCDEGHIJKL', 'sub'],
    ['`G=1`', 'ABCDEFHIJKL', 'sub'],
    ['{ H=1; }', 'ABCDEFGIJKL', 'sub'],
    ['export I=1', 'ABCDEFGHJKL', 'sub'],
    ['local J=1; readonly K=2; declare L=3', 'ABCDEFGHI', 'sub'],
    ['echo xA=1', 'ABCDEFGHIJKL', 'sub'],
    ['for A in x; do :; done', 'BCDEFGHIJKL', 'sub'],
    ['read B', 'ACDEFGHIJKL', 'sub'],
    ['read -r -p x C', 'ABCDEFGHIJKL', 'sub'],
    ['read -r C', 'ABDEFGHIJKL', 'sub'],
    ['if x; then cd /tmp; fi', 'ABCDEFGHIJKL', null],
    ['cd x', 'ABCDEFGHIJKL', null],
    ['x; pushd y', 'ABCDEFGHIJKL', null],
    ['(popd)', 'ABCDEFGHIJKL', null],
    ['abcd x', 'ABCDEFGHIJKL', 'sub'],
    ['echo cdrom', 'ABCDEFGHIJKL', 'sub'],
  ] as [string, string, string | null][])('%j keeps %s, cwd %j', (text, kept, cwd) => {
    expect(run(text)).toEqual({ kept, cwd });
  });
});

describe('setupScriptName: the package.json script the setup lives in', () => {
  const pkg = (scripts: unknown) => JSON.stringify({ name: 'x', scripts });
  it.each([
    [pkg({ build: 'docker build -t b . && docker create --name c b && docker cp c:/o .', test: 'jest' }), 'build'],
    [pkg({ test: 'docker run --rm b', build: 'docker container cp c:/o .' }), 'build'],
    [pkg({ test: 'jest', extract: 'docker run -v $PWD:/o b' }), 'extract'],
    [pkg({ a: 'docker create b', b: 'docker container run b' }), 'a'],
    [pkg({ a: 'docker build .', b: 'docker push x' }), null],
    [pkg({ a: 'dockercp x' }), null],
    [pkg({ test: 'jest', build: 'podman cp c:/o .' }), 'build'],
    [pkg({ test: 'jest', build: 'nerdctl create b' }), 'build'],
    [pkg({ test: 'jest', build: 'buildah from b' }), null],
    [pkg({ a: 42, b: 'docker cp c:/o .' }), 'b'],
    [pkg(null), null],
    [pkg('docker cp c:/o .'), null],
    [JSON.stringify({ name: 'x' }), null],
    ['{ not json', null],
    [`\ufeff${pkg({ b: 'docker cp c:/o .' })}`, 'b'],
  ] as [string, string | null][])('%s → %j', (text, expected) => {
    expect(setupScriptName(text)).toBe(expected);
  });
});

describe('unsupported drivers: PowerShell and batch files that copy out of a container are refused, not missed', () => {
  it.each([
    ['build.ps1', 'docker build -t b .\ndocker cp c:/out out\n', 'PowerShell', 2, 1],
    ['build.bat', '@echo off\r\n  docker.exe container cp -a "c":/out out\r\n', 'batch', 2, 3],
    ['build.cmd', 'DOCKER CP c:/out .', 'batch', 1, 1],
    ['build.ps1', 'docker cp --quiet c:/out .', 'PowerShell', 1, 1],
    ['build.txt', 'docker cp c:/out .', 'unknown', 1, 1],
    ['Taskfile.yml', 'tasks:\n  b:\n    cmds:\n      - docker cp $(docker create b):/out .\n', 'Taskfile', 4, 9],
    ['justfile', 'b:\n    docker cp {{name}}-x:/out .\n', 'justfile', 2, 5],
    ['Jenkinsfile', 'sh \'docker cp "$(docker create b)":/out .\'\n', 'Jenkinsfile', 1, 5],
    ['.circleci/config.yml', '- run: docker cp x:/out .\n', 'CircleCI', 1, 8],
    ['build.ps1', 'podman cp c:/out out\n', 'PowerShell', 1, 1],
    ['justfile', 'b:\n  nerdctl container cp c:/out .\n', 'justfile', 2, 3],
    ['Taskfile.yml', 'cmds:\n  - finch cp c:/out .\n', 'Taskfile', 2, 5],
    ['build.py', 'import os\nos.system("docker cp x:/out/app app")\n', 'Python', 2, 12],
    ['build.py', 'subprocess.run(["docker", "build", "."])\nsubprocess.run(["docker", "cp", f"{cid}:/out/app", "app"])\n', 'Python', 2, 17],
    ['build.py', 'run(["docker", "container", "cp", "-a", "x:/out", "."])\n', 'Python', 1, 6],
    ['build.py', "run(['podman', 'cp', cid + ':/out', '.'])\n", 'Python', 1, 6],
    ['build.py', 'c = client.containers.create("b")\nbits, _ = c.get_archive("/out/app")\n', 'Python', 2, 12],
    // The other SDKs' copies out (src/text/client-names.ts, SDK_COPY_OUT_CALL).
    ['build.rb', 'c = Docker::Container.create("Image" => "b")\nc.archive_out("/out/app") { |x| f.write(x) }\n', 'Ruby', 2, 2],
    ['build.py', 'r, _, err := cli.CopyFromContainer(ctx, id, "/out")\n', 'Python', 1, 17],
    ['build.py', 'client.copyArchiveFromContainerCmd(id, "/out").exec()\n', 'Python', 1, 7],
    ['build.py', 'c.copyFileFromContainer("/out/app", "app")\n', 'Python', 1, 2],
    ['build.py', 'docker.download_from_container(&id, opts)\n', 'Python', 1, 7],
    ['build.py', 'rc, err := cli.ContainerExport(ctx, id)\n', 'Python', 1, 15],
    ['build.py', 'bits, _ = c.getArchive({ path: "/out" })\n', 'Python', 1, 12],
    ['Rakefile', 'task :b do\n  system("docker", "cp", "#{id}:/out", "out")\nend\n', 'Ruby', 2, 10],
    ['build', '#!/usr/bin/env python3\nsh("docker cp x:/o .")\n', 'Python', 2, 5],
    // Cloud Build's docker builder runs `args` as docker's words: no line spells `docker cp`.
    ['cloudbuild.yaml', "steps:\n- name: gcr.io/cloud-builders/docker\n  args: ['cp', 'x:/out/app', 'app']\n", 'Cloud Build', 3, 9],
    ['cloudbuild.yaml', 'steps:\n- name: docker\n  args:\n  - container\n  - cp\n  - x:/out\n  - .\n', 'Cloud Build', 4, 3],
    [
      'cloudbuild.yaml',
      "steps:\n- name: us-docker.pkg.dev/cloud-builders/docker:latest\n  entrypoint: docker\n  args: ['cp', 'x:/o', '.']\n",
      'Cloud Build',
      4,
      9,
    ],
    ['cloudbuild.json', '{"steps": [{"name": "gcr.io/cloud-builders/docker", "args": ["cp", "x:/o", "."]}]}', 'Cloud Build', 1, 61],
    // Maven's exec plugin and Ant's exec: the words are element texts and attribute values.
    [
      'pom.xml',
      '<configuration>\n  <executable>docker</executable>\n  <arguments>\n    <argument>cp</argument>\n    <argument>${cid}:/out/app</argument>\n  </arguments>\n</configuration>\n',
      'Maven',
      2,
      15,
    ],
    ['pom.xml', '<executable>docker</executable>\n<commandlineArgs>cp x:/out/app app</commandlineArgs>\n', 'Maven', 1, 13],
    ['build.xml', '<exec executable="docker">\n  <arg value="cp"/>\n  <arg value="x:/out/app"/>\n</exec>\n', 'Ant', 1, 19],
    ['svc/build.xml', "<exec executable='docker'><arg line='container cp -a x:/out .'/></exec>", 'Ant', 1, 19],
    ['Earthfile', 'build:\n  LOCALLY\n  RUN docker cp x:/out/app app\n', 'Earthfile', 3, 7],
    ['skaffold.yaml', 'custom:\n  buildCommand: docker cp $(docker create b):/app app && docker build -t $IMAGE .\n', 'Skaffold', 2, 17],
  ] as [string, string, string, number, number][])('%s: %j is refused as %s at %i:%i', async (rel, text, kind, line, col) => {
    const a = await unsupported.extract(rel, text);
    expect(a.unreadable).toBe(true);
    expect(a.steps).toEqual([]);
    expect(a.diagnostics.map((d) => [d.ruleId, d.severity, d.line, d.col, d.message.includes(kind)])).toEqual([
      ['unsupported-driver', 'error', line, col, true],
    ]);
  });
  it.each([
    ['build.ps1', 'docker build -t b .\ndocker push b\n'],
    ['build.ps1', 'docker cp ./local c:/in\n'],
    ['build.bat', 'docker cp /abs/path c:/in\n'],
    ['build.bat', 'mydocker cp c:/o .\n'],
    ['build.bat', 'docker cpx c:/o .\n'],
    ['Taskfile.yml', 'cmds:\n  - docker cp $(pwd)/in.txt c:/in\n'],
    ['justfile', 'b:\n    docker cp ./in c:/in\n'],
    ['build.py', 'run(["docker", "cp", "./in", "c:/in"])\n'],
    ['build.py', 'run(["docker", "cp", "/abs/in", "c:/in"])\n'],
    ['build.py', 'run(["docker", "build", "-t", "x:1", "."])\n'],
    ['build.py', 'archive = tarfile.open("x.tar")\n'],
    // Another image's args are that image's words; docker's own args with another entrypoint too.
    ['cloudbuild.yaml', "steps:\n- name: gcr.io/cloud-builders/gsutil\n  args: ['cp', 'gs://b/app:1', 'app']\n"],
    ['cloudbuild.yaml', "steps:\n- name: gcr.io/cloud-builders/docker\n  entrypoint: bash\n  args: ['cp', 'x:/o', '.']\n"],
    ['cloudbuild.yaml', "steps:\n- name: gcr.io/cloud-builders/docker\n  args: ['build', '-t', 'x', '.']\n"],
    ['cloudbuild.yaml', "steps:\n- name: mydocker\n  args: ['cp', 'x:/o', '.']\n"],
    ['cloudbuild.yaml', 'steps: [\n'],
    ['cloudbuild.yaml', 'steps:\n- name: gcr.io/cloud-builders/docker\n  args: cp x:/o .\n'],
    ['build.ps1', "steps:\n- name: gcr.io/cloud-builders/docker\n  args: ['cp', 'x:/out/app', 'app']\n"],
    // The words a tag holds besides executable, line and value stay blank.
    ['pom.xml', '<executable>docker</executable><argument name="cp">x:/out</argument>\n'],
    ['build.xml', '<exec executable="docker"><arg value="cp"/><arg file="x:/out"/></exec>\n'],
    ['pom.xml', '<executable>docker</executable><arguments><argument>cp</argument><argument>./in</argument><argument>c:/in</argument></arguments>\n'],
  ])('%s: %j is read and left alone', async (rel, text) => {
    const a = await unsupported.extract(rel, text);
    expect(a.unreadable).toBe(false);
    expect(a.diagnostics).toEqual([]);
    expect(a.lines.lineCount).toBe(text.split('\n').length);
  });
  // Without a docker cp, the lines that may still take files out of a container are handed to detection
  // as steps restage does not follow (a flow through one is refused); other lines are not.
  it.each<[string, boolean]>([
    ['docker run --rm -v $WORKSPACE:/src -w /src golang go build -o bin/app .', true],
    ['docker run --rm --volume=$PWD:/src golang make', true],
    ['docker run --rm --mount type=bind,src=.,dst=/src golang make', true],
    ['docker container run --rm b cat /out/app > bin/app', true],
    ['docker run --rm b tar -C /out -c . | tar -x -C dist', true],
    ['docker create -v $PWD/out:/out b', true],
    ['docker run --rm --volumes-from data golang make', true],
    ['docker build -o out .', true],
    ['docker buildx build --output=type=local,dest=out .', true],
    ['docker export c > rootfs.tar', true],
    ['docker save b -o b.tar', true],
    ['docker compose run builder', true],
    ['docker-compose up builder', true],
    ['DOCKER.EXE run -v C:\\src:/src b make', true],
    ['docker run --rm golang:1.22 go version', false],
    ['docker run --rm -e X=1 b make --output-sync', false],
    ['docker build -t x --no-cache .', false],
    ['docker push x', false],
    ['mydocker run -v a:/b x', false],
    ["run(['docker', 'run', '--rm', '-v', f'{root}:/src', 'golang', 'make'])", true],
    ["run(['docker', 'run', '--volume=/x:/y', 'golang', 'make'])", true],
    ["run(['docker', 'build', '-o', 'out', '.'])", true],
    ["run(['docker', 'run', '--rm', 'golang', 'make', '-v'])", true],
    ["run(['docker', 'run', '--rm', 'golang', 'go', 'version'])", false],
    ["run(['docker', 'build', '-t', 'x', '.'])", false],
  ])('Jenkinsfile line %j is a step detection reads: %s', async (line, extracting) => {
    const text = `pipeline {\n  sh "${line}"\n}\n`;
    const a = await unsupported.extract('Jenkinsfile', text);
    expect(a.diagnostics).toEqual([]);
    expect(a.steps.map((x) => (x.kind === 'opaque' ? [x.nodeType, text.slice(x.unit.start, x.unit.end)] : x.kind))).toEqual(
      extracting ? [['unread_driver_line', `  sh "${line}"`]] : [],
    );
  });
  // Jenkins Pipeline's docker.image(…).inside runs its block with the workspace mounted.
  it.each<[string, boolean]>([
    ["    docker.image('golang:1.21').inside {", true],
    ['    docker.image("maven:3.9").inside("-v $HOME/.m2:/root/.m2") {', true],
    ["    docker.image('golang:1.21') .inside {", true],
    ["    docker.image('postgres:16').withRun('-e X=1') { c ->", false],
    ["    docker.image('app:1').push()", false],
    ["    def img = docker.build('app:1')", false],
  ])('Jenkinsfile %j: handed over %s', async (line, extracting) => {
    const text = `pipeline {\n${line}\n}\n`;
    const a = await unsupported.extract('Jenkinsfile', text);
    expect(a.steps.map((x) => (x.kind === 'opaque' ? text.slice(x.unit.start, x.unit.end) : x.kind))).toEqual(extracting ? [line] : []);
  });
  // A Cloud Build docker step is read as the command its args make, and handed over where its args are.
  it.each<[string, boolean]>([
    ["['run', '--rm', '-v', '/workspace:/out', 'app-builder', 'cp', '/app', '/out/app']", true],
    ["['run', '--volume=/workspace:/src', 'golang', 'go', 'build']", true],
    ["['build', '-o', 'out', '.']", true],
    ["['buildx', 'build', '--output', 'type=local,dest=out', '.']", true],
    ["['run', 'app-builder', 'sh', '-c', 'cat /app > /workspace/app']", true],
    ["['run', '--rm', 'app-builder', 'make', 'test']", false],
    ["['run', '--rm', 'golang:1.22', 'go', 'version']", false],
    ["['push', 'gcr.io/p/app']", false],
  ])('cloudbuild.yaml args %s: handed over %s', async (args, extracting) => {
    const text = `steps:\n- name: gcr.io/cloud-builders/docker\n  args: ${args}\n- name: gcr.io/cloud-builders/docker\n  args: ['build', '.']\n`;
    const a = await unsupported.extract('cloudbuild.yaml', text);
    expect(a.diagnostics).toEqual([]);
    expect(a.steps.map((x) => (x.kind === 'opaque' ? [x.nodeType, text.slice(x.unit.start, x.unit.end), x.unit.group] : x.kind))).toEqual(
      extracting ? [['unread_driver_line', args, 0]] : [],
    );
  });
  it('hands over the lines and the args of a Cloud Build file in the order of the text', async () => {
    const text = [
      'steps:',
      '- name: gcr.io/cloud-builders/docker',
      "  args: ['run', '-v', '/workspace:/out', 'b', 'make']",
      '- name: gcr.io/cloud-builders/docker',
      '  entrypoint: bash',
      "  args: ['-c', 'docker run -v /workspace:/src golang make']",
      '',
    ].join('\n');
    const a = await unsupported.extract('cloudbuild.yaml', text);
    expect(a.steps.map((x) => [a.lines.position(x.unit.start).line, x.unit.group])).toEqual([
      [3, 0],
      [6, 1],
    ]);
  });
});
