import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TESTDATA } from './helpers/cli.js';
import { filesUnder } from './helpers/files.js';
import { toolGate } from './helpers/tool.js';
import { tempDir } from './support/temp-dir.js';

/**
 * Every driver restage rewrote must still be a driver its tool accepts: `sh -n`/`bash -n` for scripts,
 * `make -n` for Makefiles (which also fails on a prerequisite nothing makes any more, such as a deleted
 * Dockerfile.build). In CI make is installed by .ci/run, so the Makefile half cannot skip there.
 */
const runMake = toolGate('make', "the rewritten Makefiles' make -n checks");
const cases = fs
  .readdirSync(TESTDATA)
  .filter((c) => fs.existsSync(path.join(TESTDATA, c, 'after')))
  .sort();

function changedFiles(name: string): string[] {
  const before = path.join(TESTDATA, name, 'before');
  const after = path.join(TESTDATA, name, 'after');
  return filesUnder(after).filter(
    (f) => !fs.existsSync(path.join(before, f)) || !fs.readFileSync(path.join(before, f)).equals(fs.readFileSync(path.join(after, f))),
  );
}

function shellOf(file: string, text: string): 'sh' | 'bash' | null {
  const shebang = /^#!\s*\S*\/(?:env\s+)?(ba)?sh\b/.exec(text);
  if (shebang) return shebang[1] ? 'bash' : 'sh';
  return /\.bash$/.test(file) ? 'bash' : /\.sh$/.test(file) ? 'sh' : null;
}

describe.each(cases)('testdata/%s/after', (name) => {
  const files = changedFiles(name);
  const scripts = files.filter((f) => shellOf(f, fs.readFileSync(path.join(TESTDATA, name, 'after', f), 'utf8')) !== null);
  const makefiles = files.filter((f) => /(^|\/)(GNUmakefile|[Mm]akefile|[^/]+\.mk)$/.test(f) && !f.endsWith('.mk'));
  if (scripts.length === 0 && makefiles.length === 0) {
    it('rewrites no shell script or Makefile', () => expect(scripts.concat(makefiles)).toEqual([]));
    return;
  }
  for (const f of scripts) {
    it(`${f} passes ${shellOf(f, fs.readFileSync(path.join(TESTDATA, name, 'after', f), 'utf8'))} -n`, () => {
      const sh = shellOf(f, fs.readFileSync(path.join(TESTDATA, name, 'after', f), 'utf8'))!;
      const r = spawnSync(sh, ['-n', path.join(TESTDATA, name, 'after', f)], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    });
  }
  for (const f of makefiles) {
    it.skipIf(!runMake)(`${f} passes make -n`, () => {
      // In a copy: make -n may still create nothing, but the tree under testdata stays untouched either way.
      const dir = tempDir(`restage-make-n-${name}-`);
      fs.cpSync(path.join(TESTDATA, name, 'after'), dir, { recursive: true });
      const r = spawnSync('make', ['-n', '-f', path.basename(f)], {
        cwd: path.join(dir, path.dirname(f)),
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
      expect(r.status, r.stderr).toBe(0);
    });
  }
});
