import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// Flags of a runtime COPY that reads an artifact (src/plan/runtime-copies.ts): carried onto the COPY
// --from when their meaning does not depend on the source's path, refused when it does (`--parents`
// keeps the source's path under the destination; `--exclude` matches inside it). The rewritten
// Dockerfile of each migrating row is pinned by the snapshot.

function setup(copy: string, cp = 'docker cp x:/out/app ./bin/app'): Record<string, string> {
  const lines = ['docker build -t app/builder -f Dockerfile.build .', 'docker create --name x app/builder', cp, 'docker rm x', 'docker build -t app/app .'];
  return {
    'build.sh': `#!/bin/sh\nset -e\n${lines.join('\n')}\n`,
    'Dockerfile.build': 'FROM golang:1.22\nRUN mkdir -p /out && echo app > /out/app\n',
    Dockerfile: `FROM alpine:3.19\n${copy}\n`,
  };
}

const unsupportedForm = [{ ruleId: 'copy-form-unsupported', messageId: 'copyFormUnsupported', line: 2, file: 'Dockerfile' }];

const cases: PlanCase[] = [
  { name: 'COPY --link', files: setup('COPY --link bin/app /app'), expected: 'migrate' },
  { name: 'COPY --chmod=755', files: setup('COPY --chmod=755 bin/app /app'), expected: 'migrate' },
  { name: 'COPY --chown=app:app', files: setup('COPY --chown=app:app bin/app /app'), expected: 'migrate' },
  { name: 'COPY --link --chmod --chown together', files: setup('COPY --link --chmod=0755 --chown=1000:1000 bin/app /app'), expected: 'migrate' },
  // The JSON form: a list of plain paths is the shell form's list; the COPY --from keeps its form.
  { name: 'COPY ["bin/app", "/app"]', files: setup('COPY ["bin/app", "/app"]'), expected: 'migrate' },
  { name: 'COPY --chmod=755 [ "bin/app" , "/app" ]', files: setup('COPY --chmod=755 [ "bin/app" , "/app" ]'), expected: 'migrate' },
  { name: 'the JSON form with a context file beside the artifact', files: setup('COPY ["bin/app", "Dockerfile.build", "/srv/"]'), expected: 'migrate' },
  { name: 'the JSON form with a blank in a path', files: setup('COPY ["bin/app", "/srv/my app"]'), expected: unsupportedForm },
  { name: 'the JSON form with an escape', files: setup('COPY ["bin\\/app", "/app"]'), expected: unsupportedForm },
  { name: 'the JSON form with a variable', files: setup('COPY ["bin/app", "$DEST"]'), expected: unsupportedForm },
  // Not a JSON array of strings: Docker reads it as shell form, so `[b]in/app` is a wildcard over bin/app.
  {
    name: 'a shell-form source that starts with [',
    files: setup('COPY [b]in/app /app'),
    expected: [{ ruleId: 'copy-source-contains-artifact', messageId: 'copySourceContainsArtifact', line: 2, file: 'Dockerfile' }],
  },
  {
    name: 'a negated class first',
    files: setup('COPY [^a]in/app /app'),
    expected: [{ ruleId: 'copy-source-contains-artifact', messageId: 'copySourceContainsArtifact', line: 2, file: 'Dockerfile' }],
  },
  { name: 'COPY --parents', files: setup('COPY --parents bin/app /srv/'), expected: unsupportedForm },
  { name: 'COPY --exclude', files: setup('COPY --exclude=*.map bin/app /app'), expected: unsupportedForm },
  {
    name: 'COPY --parents of a context file only',
    files: { ...setup('COPY bin/app /app\nCOPY --parents conf/a.conf /etc/'), 'conf/a.conf': 'x\n' },
    expected: 'migrate',
  },
];

runPlanCases('COPY flags on a copy of the artifact', cases);

// An artifact named differently on the host (`docker cp x:/out/app ./bin/server`): copied into a
// directory, a file keeps the host's name in the legacy build and would take the builder's in a COPY
// --from (measured: /usr/local/bin/server, then /usr/local/bin/app); a directory's contents would not
// care. Refused where the destination is a directory; migrated where it names the file.
const RENAMED = 'docker cp x:/out/app ./bin/server';
const renamedInto = unsupportedForm;
const renamed: PlanCase[] = [
  { name: 'renamed, into a directory written with a slash', files: setup('COPY bin/server /usr/local/bin/', RENAMED), expected: renamedInto },
  { name: 'renamed, into a system directory written without a slash', files: setup('COPY bin/server /usr/local/bin', RENAMED), expected: renamedInto },
  { name: 'renamed, into the working directory', files: setup('COPY bin/server .', RENAMED), expected: renamedInto },
  { name: 'renamed, with another source', files: { ...setup('COPY bin/server conf.txt /srv/', RENAMED), 'conf.txt': 'x\n' }, expected: renamedInto },
  {
    name: 'renamed, to a destination named by a variable',
    files: setup('ARG BIN_DIR=/usr/local/bin\nCOPY bin/server $BIN_DIR', RENAMED),
    expected: [{ ...renamedInto[0]!, line: 3 }],
  },
  { name: 'renamed, to a file path', files: setup('COPY bin/server /srv/server', RENAMED), expected: 'migrate' },
  { name: 'renamed, to a path that is no system directory', files: setup('COPY bin/server /app', RENAMED), expected: 'migrate' },
  { name: 'the same name, into a directory', files: setup('COPY bin/app /usr/local/bin/'), expected: 'migrate' },
  {
    name: 'renamed directory contents (SRC/.), into a directory',
    files: setup('COPY bin/server /srv/', 'docker cp x:/out/. ./bin/server'),
    expected: 'migrate',
  },
  // A directory, whose contents COPY copies whatever it is named: known from the builder's Dockerfile.
  {
    name: 'renamed, a directory the builder makes its WORKDIR',
    files: {
      ...setup('COPY bin/server /srv/', 'docker cp x:/out/site ./bin/server'),
      'Dockerfile.build': 'FROM golang:1.22\nWORKDIR /out/site\nRUN echo app > app\n',
    },
    expected: 'migrate',
  },
  {
    name: 'renamed, a directory the builder makes with mkdir',
    files: {
      ...setup('COPY bin/server /srv/', 'docker cp x:/out/site ./bin/server'),
      'Dockerfile.build': 'FROM golang:1.22\nRUN mkdir -p /out/site && cd /out/site && echo app > app\n',
    },
    expected: 'migrate',
  },
  {
    name: 'renamed, a path a command after mkdir writes (a file)',
    files: {
      ...setup('COPY bin/server /srv/', 'docker cp x:/out/site ./bin/server'),
      'Dockerfile.build': 'FROM golang:1.22\nRUN mkdir -p /out && echo app > /out/site\n',
    },
    expected: renamedInto,
  },
];

runPlanCases('COPY of an artifact renamed on the host', renamed);

// A wildcard source of the runtime Dockerfile beside the artifact (src/plan/runtime-copies.ts): one that
// can match the extracted path or a directory above it copies the artifact with other files (refused);
// one whose fixed text rules it out is a plain context copy.
const containsArtifact = [{ ruleId: 'copy-source-contains-artifact', messageId: 'copySourceContainsArtifact', line: 2, file: 'Dockerfile' }];
runPlanCases('a wildcard source beside the artifact', [
  { name: 'package*.json and the artifact', files: { ...setup('COPY package*.json ./\nCOPY bin/app /app'), 'package.json': '{}\n' }, expected: 'migrate' },
  { name: 'b*/app matches bin/app', files: setup('COPY b*/app /app'), expected: containsArtifact },
  { name: 'b* matches the directory bin', files: setup('COPY b* /srv/'), expected: containsArtifact },
  { name: 'bin/a?p matches bin/app', files: setup('COPY bin/a?p /app'), expected: containsArtifact },
  { name: 'bim* does not match bin', files: { ...setup('COPY bim* /srv/\nCOPY bin/app /app'), 'bimap.txt': 'x\n' }, expected: 'migrate' },
  { name: 'an invalid class matches everything, so it is refused', files: { ...setup('COPY x[z-a]y /srv/\nCOPY bin/app /app') }, expected: containsArtifact },
]);

// The context's symbolic links: Docker follows them (`COPY dist/app` with dist -> bin reads bin/app,
// measured), restage reads COPY sources as written. A source through a link to the artifact is refused,
// not passed as "0 setups" (detect/consumers.ts, throughLinks).
const throughLink = [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 5 }];
const withLinks = (copy: string, links: Record<string, string>) => ({ files: { ...setup(copy), 'bin/.gitkeep': '' }, links });
runPlanCases('a source through a symbolic link of the checkout', [
  { name: 'dist -> bin', ...withLinks('COPY dist/app /app', { dist: 'bin' }), expected: throughLink },
  { name: 'dist -> ./bin/', ...withLinks('COPY dist/app /app', { dist: './bin/' }), expected: throughLink },
  { name: 'a link to the file itself', ...withLinks('COPY app.bin /app', { 'app.bin': 'bin/app' }), expected: throughLink },
  { name: 'a chain of links', ...withLinks('COPY out/app /app', { out: 'dist', dist: 'bin' }), expected: throughLink },
  { name: 'a link in a subdirectory, relative to it', ...withLinks('COPY deploy/bin/app /app', { 'deploy/bin': '../bin' }), expected: throughLink },
  { name: 'one COPY as written, another through the link', ...withLinks('COPY bin/app /a\nCOPY dist/app /b', { dist: 'bin' }), expected: throughLink },
  {
    name: 'docker cp into dist/app, dist -> bin, COPY bin/app',
    files: { ...setup('COPY bin/app /app', 'docker cp x:/out/app ./dist/app'), 'bin/.gitkeep': '' },
    links: { dist: 'bin' },
    expected: throughLink,
  },
  {
    name: 'docker cp into dist/app, dist -> bin, COPY dist/app',
    files: { ...setup('COPY dist/app /app', 'docker cp x:/out/app ./dist/app'), 'bin/.gitkeep': '' },
    links: { dist: 'bin' },
    expected: throughLink,
  },
  { name: 'a link elsewhere', ...withLinks('COPY bin/app /app', { docs: 'README.md' }), expected: 'migrate' },
  { name: 'a link out of the repository', ...withLinks('COPY bin/app /app\nCOPY etc/x /x', { etc: '/etc' }), expected: 'migrate' },
  { name: 'a loop of links', ...withLinks('COPY bin/app /app\nCOPY a/x /x', { a: 'b', b: 'a' }), expected: 'migrate' },
]);
