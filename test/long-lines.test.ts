import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyCases, runMain } from './support/repo.js';

/**
 * A line of a few hundred thousand characters (under the 1 MiB limit) in every driver kind. Offsets are
 * kept per character; copying such a map with push(...items) overflowed the stack (fuzz seed 777 found
 * it in a GitHub workflow). The setup must still migrate, with no internal error.
 */
describe('a very long line in a driver', () => {
  const long = 'x'.repeat(300_000);
  const cases: [string, string, (text: string) => string][] = [
    [
      'a GitHub workflow run: block',
      'ci-github-expression-container-name',
      (t) => t.replace('docker build -t svc:build', `echo ${long}\n          docker build -t svc:build`),
    ],
    ['a shell script', 'seed-href-counter-e2e', (t) => t.replace('#!/bin/sh\n', `#!/bin/sh\necho ${long}\n`)],
    ['a package.json script', 'package-json-script', (t) => t.replace('"lint": "eslint .",', `"lint": "echo ${long}",`)],
    ['a JavaScript template', 'js-zx-template', (t) => `${t}\nawait $\`echo ${long}\`;\n`],
  ];
  for (const [what, name, edit] of cases) {
    it(`${what}: migrates, no internal error`, async () => {
      const dir = copyCases({ '': name });
      const driver = {
        'ci-github-expression-container-name': '.github/workflows/image.yml',
        'seed-href-counter-e2e': 'build.sh',
        'package-json-script': 'package.json',
        'js-zx-template': 'build.mjs',
      }[name]!;
      const file = path.join(dir, driver);
      const edited = edit(fs.readFileSync(file, 'utf8'));
      expect(edited).toContain(long);
      fs.writeFileSync(file, edited);
      const r = await runMain(['migrate', '.'], dir);
      expect(r.stderr).not.toMatch(/internal-error/);
      expect(r.stderr).toMatch(/^restage: 1 setup to migrate/m);
      expect(r.code).toBe(0);
    }, 60_000);
  }

  // Words of such lines must not become regular expressions: V8 will not compile one past about 50,000
  // characters ("Regular expression too large"; fuzz seed 20261128 found it in the name a mount wrote).
  it.each([
    [
      'a runtime COPY source after a docker run -v build',
      'run-volume-entrypoint-named',
      'Dockerfile',
      (t: string) => t.replace('COPY site/ /srv/www/', `COPY site/ ${'x'.repeat(100_000)} /srv/www/`),
    ],
    [
      'a docker cp source path',
      'seed-href-counter-e2e',
      'build.sh',
      (t: string) => t.replace(/container cp (\S+):(\S+)/, (_m, c: string, p: string) => `container cp ${c}:${p}${'x'.repeat(100_000)}`),
    ],
    ['a builder tag', 'seed-href-counter-e2e', 'build.sh', (t: string) => t.replaceAll('href-counter:build', `${'x'.repeat(100_000)}:build`)],
  ])(
    '%s of 100,000 characters: no internal error',
    async (_what, name, rel, edit) => {
      const dir = copyCases({ '': name });
      const file = path.join(dir, rel);
      const edited = edit(fs.readFileSync(file, 'utf8'));
      expect(edited).toContain('x'.repeat(100_000));
      fs.writeFileSync(file, edited);
      const r = await runMain(['migrate', '--check', '.'], dir);
      expect(r.stderr).not.toMatch(/internal-error/);
      expect(r.stderr).toMatch(/^restage: /m);
    },
    60_000,
  );

  it('a long stage name that is invalid only at its end is refused at once (dockerfile-utils alone backtracks exponentially on it)', async () => {
    const dir = copyCases({ '': 'seed-href-counter-e2e' });
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^FROM (\S+)/m, `FROM $1 AS ${'x'.repeat(100_000)}"`));
    const started = Date.now();
    const r = await runMain(['migrate', '.'], dir);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.stderr).toMatch(/^Dockerfile:\d+:\d+: dockerfile-invalid: invalid name for build stage: "x{80}…"/m);
    expect(r.code).toBe(1);
  }, 30_000);
});
