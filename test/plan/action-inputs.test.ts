import { describe, expect, it } from 'vitest';
import { actionInputPaths, actionInputsName } from '../../src/plan/action-inputs.js';

// The paths a workflow step that runs an action names (src/plan/action-inputs.ts): what the planner
// compares with each extraction's host path, so that an upload of the artifact's directory is refused.

describe('actionInputPaths', () => {
  it('reads every value and list item, quotes, ./ and trailing globs dropped', () => {
    const step =
      'uses: actions/upload-artifact@v4\nwith:\n  name: "binary"\n  path: |\n    README.md\n    ./bin/*\n    dist/**\n    out/\n  retention-days: 5, 6\n';
    expect(actionInputPaths(step)).toEqual(['actions/upload-artifact@v4', 'binary', 'README.md', 'bin', 'dist', 'out', '5', '6']);
  });
  it("the workspace's own path is the repository root", () => {
    expect(actionInputPaths('with:\n  path: ${{ github.workspace }}/bin\n  root: .\n')).toEqual(['bin', '']);
  });
  it('a comment or a folded block marker is no path', () => {
    expect(actionInputPaths("with:\n  path: >\n    'a'\n  # bin\n")).toEqual(['a']);
  });
});

describe('actionInputsName', () => {
  it.each<[string, string, boolean]>([
    ['path: bin/app', 'bin/app', true],
    ['path: bin/', 'bin/app', true],
    ['path: bin/**', 'bin/app', true],
    ['path: .', 'bin/app', true],
    ['files: a.txt, bin', 'bin/app', true],
    ['path: binaries/', 'bin/app', false],
    ['path: bin/app.sig', 'bin/app', false],
    ['path: bin/app/x', 'bin/app', false],
  ])('%s names %s: %s', (text, hostPath, expected) => {
    expect(actionInputsName(`with:\n  ${text}\n`, hostPath)).toBe(expected);
  });
});
