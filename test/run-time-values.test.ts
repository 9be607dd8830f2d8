import { describe, expect, it } from 'vitest';
import { containerIdToken, loopValueToken } from '../src/drivers/steps.js';
import { leakedRunTimeValue } from '../src/plan/run-time-values.js';
import { REPO_ROOT } from '../src/shell/evaluate.js';

describe('the guard against writing a planner stand-in into a file', () => {
  const change = (after: string) => ({ path: 'Dockerfile', before: 'FROM a\n', after });

  it('names the file a container-id or loop-value stand-in would reach', () => {
    expect(leakedRunTimeValue([change(`COPY --from=${containerIdToken(3)} /a /a\n`)], ['FROM a\n'])).toBe('Dockerfile');
    expect(leakedRunTimeValue([{ path: 'build.sh', before: '', after: `docker build --build-arg V=${loopValueToken(0, 'v')} .\n` }], [])).toBe('build.sh');
  });

  it("names the file the checkout's host path ($PWD, read as a stand-in) would reach", () => {
    expect(leakedRunTimeValue([change(`FROM a\nWORKDIR ${REPO_ROOT}\n`)], ['FROM a\n'])).toBe('Dockerfile');
    expect(leakedRunTimeValue([change(`FROM a\nWORKDIR ${REPO_ROOT}\n`)], ['FROM a\n', `x ${REPO_ROOT}`])).toBeNull();
  });

  it('lets through the same text, or a lone control byte, already in a file the setup read', () => {
    const stray = `# odd ${containerIdToken(3)} bytes\n`;
    expect(leakedRunTimeValue([change(`FROM a\n${stray}`)], ['FROM a\n', stray])).toBeNull();
    expect(leakedRunTimeValue([change('# Sour\u0001ces\n')], ['# Sour\u0001ces\n'])).toBeNull();
    expect(leakedRunTimeValue([{ path: 'Dockerfile.build', before: 'x', after: null }], [])).toBeNull();
  });
});
