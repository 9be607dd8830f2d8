import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayBelongToSetup } from '../src/pipeline/targets.js';
import { tempDir } from './support/temp-dir.js';

// Which changed files a pre-commit run scans for (src/pipeline/targets.ts): every file a setup can hold
// must pass, or the hook hears "0 setups" without a scan; a source file or a document needs none.
const rows: [string, string, string, boolean][] = [
  ['a document, even one that reads like a Dockerfile', 'README.md', '# app\nFrom the team that brought you make\n', false],
  ['a source file whose SQL has an indented FROM', 'db.go', 'package db\n\nconst q = `SELECT *\n\tFROM users`\n', false],
  ['a Dockerfile by its name', 'Dockerfile.prod', 'anything\n', true],
  ['a driver by its name', 'build.sh', 'echo\n', true],
  ['a driver by its shebang', 'bin/release', '#!/bin/sh\necho\n', true],
  [
    'a Dockerfile by its first instruction, past a directive, comments and an ARG',
    'ci/builder.docker',
    '# syntax=docker/dockerfile:1\n# the builder\n\nARG BASE=golang\nFROM ${BASE} AS build\n',
    true,
  ],
  ['the same with a byte order mark and CRLF lines', 'ci/builder.docker', '\uFEFF# builder\r\nfrom golang:1.22\r\n', true],
  ['FROM after another instruction is no Dockerfile start', 'notes.txt', 'RUN make\nFROM golang\n', false],
  ['a compose or CI file', 'deploy/compose.build.yml', 'x: 1\n', true],
  ['a bake file', 'ci/targets.hcl', 'x = 1\n', true],
  ["compose's .env", 'services/api/.env', 'A=b\n', true],
  ['a JSON bake file', 'ci/bake.json', '{ "target": { "a": {} } }\n', true],
  ['other JSON', 'tsconfig.json', '{ "compilerOptions": {} }\n', false],
  [
    'a program that copies out of a container',
    'pkg/extract_artifact.py',
    'import subprocess\nsubprocess.run(["docker", "cp", f"{cid}:/out/app", "app"])\n',
    true,
  ],
  ['the same past the first 4 KB', 'pkg/extract.rb', `${'# padding\n'.repeat(500)}system("podman create app/builder")\n`, true],
  ['a Go program copying out through the SDK', 'pkg/pull.go', 'r, _, err := cli.CopyFromContainer(ctx, id, "/out/app")\n', true],
  ["a Ruby program copying out through docker-api's archive_out", 'pkg/pull.rb', 'c.archive_out("/out/app") { |chunk| f.write(chunk) }\n', true],
  ['a program that only names the client', 'pkg/notes.py', 'print("needs docker installed")\n', false],
];

describe('mayBelongToSetup', () => {
  const root = tempDir('restage-may-belong-');
  for (const [name, rel, text, expected] of rows)
    it(name, () => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
      expect(mayBelongToSetup(root, rel)).toBe(expected);
    });
});
