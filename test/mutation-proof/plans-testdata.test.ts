import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { CASES, snapshot, TESTDATA } from '../helpers/cli.js';
import { diagnosticLines, planFiles } from '../support/plan-tester.js';

type ExpectedDiagnostic = Pick<Diagnostic, 'file' | 'line' | 'col' | 'ruleId' | 'messageId' | 'severity'>;

/**
 * The testdata table again, in memory: each case's before/ planned and synthesized by the pipeline
 * (discover → parse → detect → plan → synthesize) without the CLI, the disk or a temp copy, and the
 * changes applied to before/ must give after/ (a refusal: no change) with the case's diagnostics.
 * test/fixtures.test.ts checks the same cases through `migrate --write` on disk, three runs per case;
 * this one takes milliseconds per case, so Stryker can run it for every planner and synthesize mutant.
 *
 * Cases that need what only the CLI does (path arguments, a configuration file, suppressions) stay
 * with fixtures.test.ts; they are listed so that a new one is a decision, not an accident.
 */
const CLI_ONLY = new Set<string>([
  // `migrate docs/NOTES.md`: the pre-commit selection of setups by changed file (src/pipeline/migrate.ts).
  'precommit-unrelated-file',
  // A run on one file reports only the setups holding it; the tree also holds another (release.sh, the compose file's own).
  'precommit-overlap-one-driver-argument',
  'precommit-compose-override-argument',
  'precommit-compose-env-argument',
  'precommit-computed-context-other-dockerfile',
  // The tree also refuses the program itself (tools/pull_artifact.py, an unsupported driver's SDK copy).
  'precommit-sourced-library-runs-program',
  // A file that is not UTF-8 is skipped by the disk reader (src/repo/disk.ts), which this view bypasses.
  'refuse-latin1-builder-dockerfile',
  // What git ignores is left out by the disk walk (src/repo/disk.ts), in a git work tree only.
  'git-ignored-copy-not-scanned',
]);

const cases = CASES.filter((c) => !CLI_ONLY.has(c)).map((name) => {
  const dir = path.join(TESTDATA, name);
  const expectedPath = path.join(dir, 'expected-diagnostics.json');
  return {
    name,
    before: snapshot(path.join(dir, 'before')),
    after: fs.existsSync(path.join(dir, 'after')) ? snapshot(path.join(dir, 'after')) : null,
    diagnostics: (fs.existsSync(expectedPath) ? JSON.parse(fs.readFileSync(expectedPath, 'utf8')) : []) as ExpectedDiagnostic[],
  };
});

describe('testdata planned in memory', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const setups = await planFiles(c.before);
    const got = setups.flatMap((s) =>
      s.diagnostics.map(({ file, line, col, ruleId, messageId, severity }) => ({ file, line, col, ruleId, messageId, severity })),
    );
    expect(got).toEqual(c.diagnostics);
    // The fixtures pin rule, message id and position; the message's values (paths, names, lines) here.
    expect(diagnosticLines(setups)).toMatchSnapshot();
    const files = { ...c.before };
    for (const s of setups) {
      if (s.status !== 'migrate') continue;
      for (const ch of s.changes) {
        if (ch.after === null) delete files[ch.path];
        else files[ch.path] = ch.after;
      }
    }
    expect(files).toEqual(c.after ?? c.before);
  });
});
