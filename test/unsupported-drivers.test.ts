import { describe, expect, it } from 'vitest';
import { kindOf } from '../src/drivers/unsupported/claims.js';
import { cloudBuildDockerCommands } from '../src/drivers/unsupported/cloud-build.js';

// The drivers restage does not read (src/drivers/unsupported): which files it claims, by name or
// shebang, so that a builder pattern in one is refused rather than missed, and how Cloud Build's
// docker-builder steps read as the docker lines they run.

describe('kindOf', () => {
  it.each<[string, string, string | undefined]>([
    ['build.ps1', '', 'PowerShell'],
    ['scripts/Build.PS1', '', 'PowerShell'],
    ['make.bat', '', 'batch'],
    ['build.cmd', '', 'batch'],
    ['build.zsh', '', 'zsh'],
    ['build.ksh', '', 'ksh'],
    ['build.fish', '', 'fish'],
    ['build.csh', '', 'csh'],
    ['build.tcsh', '', 'csh'],
    ['Taskfile.yml', '', 'Taskfile'],
    ['sub/taskfile.dist.yaml', '', 'Taskfile'],
    ['justfile', '', 'justfile'],
    ['.justfile', '', 'justfile'],
    ['build.just', '', 'justfile'],
    ['Jenkinsfile', '', 'Jenkinsfile'],
    ['ci/Jenkinsfile.release', '', 'Jenkinsfile'],
    ['deploy.jenkinsfile', '', 'Jenkinsfile'],
    ['.circleci/config.yml', '', 'CircleCI'],
    ['azure-pipelines.release.yml', '', 'Azure Pipelines'],
    ['bitbucket-pipelines.yml', '', 'Bitbucket Pipelines'],
    ['.drone.yml', '', 'CI'],
    ['.travis.yml', '', 'CI'],
    ['.woodpecker/build.yaml', '', 'CI'],
    ['cloudbuild.json', '', 'Cloud Build'],
    ['buildspec-release.yml', '', 'CodeBuild'],
    ['.buildkite/pipeline.yml', '', 'Buildkite'],
    ['.semaphore/semaphore.yml', '', 'Semaphore'],
    ['appveyor.yml', '', 'AppVeyor'],
    ['codefresh.yml', '', 'Codefresh'],
    ['.tekton/push.yaml', '', 'Tekton'],
    ['.harness/pipeline.yaml', '', 'Harness'],
    ['.teamcity/settings.kts', '', 'TeamCity'],
    ['ci/build.gitlab-ci.yml', '', 'GitLab CI include'],
    ['.gitlab/ci/build.yml', '', 'GitLab CI include'],
    ['app/build.gradle.kts', '', 'Gradle'],
    ['CMakeLists.txt', '', 'CMake'],
    ['cmake/docker.cmake', '', 'CMake'],
    ['BUILD.bazel', '', 'Bazel'],
    ['defs.bzl', '', 'Bazel'],
    ['build.sbt', '', 'sbt'],
    ['Tiltfile', '', 'Tiltfile'],
    ['deno.jsonc', '', 'Deno tasks'],
    ['pom.xml', '', 'Maven'],
    ['build.xml', '', 'Ant'],
    ['skaffold.yaml', '', 'Skaffold'],
    ['Earthfile', '', 'Earthfile'],
    ['flake.nix', '', 'Nix'],
    ['tox.ini', '', 'tox'],
    ['Vagrantfile', '', 'Vagrantfile'],
    ['Makefile.toml', '', 'cargo-make'],
    ['.gitpod.yml', '', 'Gitpod'],
    ['lefthook-local.yml', '', 'lefthook'],
    ['.pre-commit-config.yaml', '', 'pre-commit'],
    ['.cirrus.yml', '', 'Cirrus CI'],
    ['.builds/alpine.yml', '', 'SourceHut'],
    ['ci.gocd.yaml', '', 'GoCD'],
    ['vars/buildImage.groovy', '', 'Jenkins shared library'],
    ['.github/actions/build/action.yml', '', 'GitHub composite action'],
    // Scripts in other languages: by a name that says build, or by their folder.
    ['build.py', '', 'Python'],
    ['docker_build.py', '', 'Python'],
    ['tasks.py', '', 'Python'],
    ['noxfile.py', '', 'Python'],
    ['scripts/anything.py', '', 'Python'],
    ['src/models.py', '', undefined],
    ['deploy.py', '', 'Python'],
    ['publish_images.rb', '', 'Ruby'],
    ['ci-pipeline.py', '', 'Python'],
    ['setup.py', '', 'Python'],
    ['deploy/run.py', '', 'Python'],
    ['deployments/images.pl', '', 'Perl'],
    ['docker/prepare.py', '', 'Python'],
    ['devops/ship.rb', '', 'Ruby'],
    ['infra/images.py', '', 'Python'],
    ['.github/release.py', '', 'Python'],
    ['.gitlab/images.py', '', 'Python'],
    ['.buildkite/steps.py', '', 'Python'],
    ['src/deploy/models/user.py', '', undefined],
    ['app/deployer.py', '', undefined],
    ['Rakefile', '', 'Ruby'],
    ['lib/tasks/images.rake', '', 'Ruby'],
    ['release-images.rb', '', 'Ruby'],
    ['tools/gen.pl', '', 'Perl'],
    ['magefile.go', '', 'Mage (Go)'],
    ['magefiles/build.go', '', 'Mage (Go)'],
    ['cmd/main.go', '', undefined],
    // An extensionless script by its shebang.
    ['release', '#!/usr/bin/env python3\n', 'Python'],
    ['release', '#!/usr/bin/env -S ruby -w\n', 'Ruby'],
    ['release', '#!/usr/bin/perl\n', 'Perl'],
    ['release', '#!/usr/bin/env pwsh\n', 'PowerShell'],
    ['release', '#!/bin/zsh\n', 'zsh'],
    ['release', '#!/bin/mksh\n', 'ksh'],
    ['release', '#!/usr/bin/fish\n', 'fish'],
    ['release', '#!/bin/tcsh\n', 'csh'],
    ['release', '#!/bin/sh\n', undefined],
    ['release.txt', '#!/usr/bin/env python3\n', undefined],
    ['Dockerfile', '', undefined],
    ['build.sh', '', undefined],
  ])('%s', (path, head, expected) => {
    expect(kindOf(path, head)).toBe(expected);
  });
});

describe('cloudBuildDockerCommands', () => {
  const steps = (...s: string[]) => `steps:\n${s.join('')}`;
  const lines = (text: string) => cloudBuildDockerCommands(text).map((c) => [c.line, text.slice(c.start, c.end)]);
  it.each<[string, string, string[]]>([
    ["Cloud Build's docker builder", steps("- name: gcr.io/cloud-builders/docker\n  args: ['cp', 'c:/out', 'out']\n"), ['docker cp c:/out out']],
    ['a regional mirror, with a tag', steps("- name: eu.gcr.io/cloud-builders/docker:24\n  args: ['build', '.']\n"), ['docker build .']],
    ['Artifact Registry', steps("- name: us-docker.pkg.dev/cloud-builders/docker@sha256:ab\n  args: ['build', '.']\n"), ['docker build .']],
    ["Docker Hub's docker image", steps("- name: docker.io/library/docker\n  args: ['build', '.']\n"), ['docker build .']],
    ['docker by its short name', steps("- name: docker:24-cli\n  args: ['build', '.']\n"), ['docker build .']],
    ['a word with a blank stays one word', steps("- name: docker\n  args: ['run', 'img', 'sh', '-c', 'cp a b']\n"), ["docker run img sh -c 'cp a b'"]],
    ['another image', steps("- name: gcr.io/cloud-builders/gcloud\n  args: ['builds', 'submit']\n"), []],
    ['an image whose name ends in docker', steps("- name: acme/notdocker\n  args: ['build', '.']\n"), []],
    ['another entrypoint', steps("- name: docker\n  entrypoint: bash\n  args: ['-c', 'docker build .']\n"), []],
    ['the docker entrypoint', steps("- name: docker\n  entrypoint: docker\n  args: ['build', '.']\n"), ['docker build .']],
    ['args that are no list', steps('- name: docker\n  args: build .\n'), []],
    ['a step that is no mapping', steps('- docker\n'), []],
    ['steps that are no list', 'steps: docker\n', []],
    ['YAML that does not parse', 'steps: [\n', []],
  ])('%s', (_, text, expected) => {
    expect(lines(text).map(([line]) => line)).toEqual(expected);
  });
  it('points at the step’s args', () => {
    const text = steps("- name: docker\n  args: ['build', '.']\n");
    expect(lines(text)).toEqual([['docker build .', "['build', '.']"]]);
  });
});
