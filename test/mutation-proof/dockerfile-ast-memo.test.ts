import { describe, expect, it } from 'vitest';
import { loadDockerfileAst } from '../../src/dockerfile/parse.js';

/** The scan-once memo on dockerfile-ast's instructions must give every caller what a fresh scan would. */
describe('loadDockerfileAst', () => {
  const { DockerfileParser } = loadDockerfileAst();
  const words = (args: { getValue(): string }[]) => args.map((a) => a.getValue());

  it('gives the same arguments on every call, though getArguments() shifts the flags off what it is given', () => {
    const [copy] = DockerfileParser.parse('COPY --from=builder --chown=1:1 /out/app /usr/bin/app\n').getInstructions();
    expect(words(copy!.getArguments())).toEqual(['/out/app', '/usr/bin/app']);
    expect(words(copy!.getArguments())).toEqual(['/out/app', '/usr/bin/app']);
    copy!.getArguments().pop();
    expect(words(copy!.getArguments())).toEqual(['/out/app', '/usr/bin/app']);
    expect((copy as unknown as { getFlags(): { getName(): string }[] }).getFlags().map((f) => f.getName())).toEqual(['from', 'chown']);
  });

  it('keeps each instruction its own arguments, and is installed once', () => {
    expect(loadDockerfileAst()).toBe(loadDockerfileAst());
    const [run, cmd] = DockerfileParser.parse('RUN ["go", "build"]\nCMD ["./app"]\n').getInstructions();
    expect(words(run!.getArguments())).toEqual(['["go",', '"build"]']);
    expect(words(cmd!.getArguments())).toEqual(['["./app"]']);
  });
});
