import { describe, expect, it } from 'vitest';
import { composeWords } from '../src/drivers/compose/service.js';

// compose splits a string `command:`/`entrypoint:` into words with POSIX shell quoting and no
// expansion (compose v1: shlex.split; v2: go-shellwords). The stage's RUN gets these words.
describe('composeWords', () => {
  it.each([
    ['npm run build', ['npm', 'run', 'build']],
    ['  npm   run\tbuild  ', ['npm', 'run', 'build']],
    [`sh -c "npm ci && npm run build"`, ['sh', '-c', 'npm ci && npm run build']],
    [`sh -c 'echo "$HOME"'`, ['sh', '-c', 'echo "$HOME"']],
    [`echo "a \\"quoted\\" \\$x \\\\ \\n"`, ['echo', 'a "quoted" $x \\ \\n']],
    [`a\\ b c`, ['a b', 'c']],
    [`pre"mid"'end' x`, ['premidend', 'x']],
    [`""`, ['']],
    ['', []],
  ])('%j', (text, words) => {
    expect(composeWords(text)).toEqual(words);
  });

  it.each([`sh -c "unclosed`, `sh -c 'unclosed`, 'trailing\\'])('refuses %j', (text) => {
    expect(composeWords(text)).toBeNull();
  });
});
