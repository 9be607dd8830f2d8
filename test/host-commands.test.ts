import { describe, expect, it } from 'vitest';
import type { Arg } from '../src/drivers/docker-cli.js';
import type { DriverStep } from '../src/drivers/steps.js';
import { hostCommand } from '../src/verify/host-commands.js';

/** A host step as a driver reads it; `$x` words are values known only at run time. */
function step(...words: string[]): Extract<DriverStep, { kind: 'host' }> {
  const args: Arg[] = words.map((w, index) => ({ index, text: w, isStatic: !w.startsWith('$'), start: 0, end: 0, raw: w }));
  return { kind: 'host', unit: { start: 0, end: 0, group: 0, groupStart: 0, groupEnd: 0 }, args, cwd: '', stdoutTo: null };
}

describe('hostCommand: what the replay of a legacy driver does with a host step', () => {
  it.each([
    [['trap', 'docker rm -f "$cid"', 'EXIT'], 'no-effect'],
    [['trap', 'docker rm -f "$cid"', 'EXIT', 'INT', 'TERM'], 'no-effect'],
    [['trap', 'cleanup', 'SIGHUP', '0', 'QUIT', '15'], 'no-effect'],
    [['trap', 'rm -f app', 'DEBUG'], 'not-replayable'],
    [['trap', 'rm -f app', 'EXIT', 'ERR'], 'not-replayable'],
    [['trap', 'rm -f app', '$SIGNAL'], 'not-replayable'],
    [['trap', '-'], 'not-replayable'],
    [['trap', 'rm -f app', 'EXITS'], 'not-replayable'],
    [['echo', 'built'], 'no-effect'],
    [['make', 'all'], 'not-replayable'],
  ])('%j → %s', (words, kind) => {
    expect(hostCommand(step(...words), '/tmp/copy').kind).toBe(kind);
  });
});
