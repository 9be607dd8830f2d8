import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import unsupportedExtraction, { because, reportRefusal } from '../../rules/unsupported-extraction.js';

const ROOT = path.resolve(__dirname, '..', '..');

describe('rule messages', () => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s: every message id is named on its page when there are several, and ids are camelCase', (id, rule) => {
    const ids = Object.keys(rule.messages);
    expect(ids.length).toBeGreaterThan(0);
    for (const m of ids) expect(m).toMatch(/^[a-z][A-Za-z0-9]*$/);
    if (ids.length < 2) return;
    const page = fs.readFileSync(path.join(ROOT, 'rules', `${id}.md`), 'utf8');
    expect(ids.filter((m) => !page.includes(`\`${m}\``))).toEqual([]);
  });

  it('a report fills the template from its data and names the message', () => {
    const d = unsupportedExtraction.reportMessage({ file: 'build.sh', line: 3, col: 1 }, 'cpImageNotReference', { image: 'App/X' });
    expect(d).toEqual({
      ruleId: 'unsupported-extraction',
      messageId: 'cpImageNotReference',
      severity: 'error',
      file: 'build.sh',
      line: 3,
      col: 1,
      message: 'a copy out of a container of App/X, which Docker does not accept as an image reference, is not migrated yet; refusing',
    });
    expect(reportRefusal({ file: 'b', line: 1, col: 1 }, because('tarIntoMissingDir', { dir: 'out' })).message).toBe(
      'tar -x -C out, a directory a fresh checkout does not have is not migrated yet; refusing',
    );
  });

  it('a rule with several messages will not guess which one a data-only report means', () => {
    expect(() => (unsupportedExtraction.report as (at: object, data: object) => unknown)({ file: 'b', line: 1, col: 1 }, {})).toThrow(/several messages/);
    expect(() => unsupportedExtraction.reportMessage({ file: 'b', line: 1, col: 1 }, 'noSuchMessage' as 'cpRunDetached', {})).toThrow(
      /no message noSuchMessage/,
    );
  });
});
