import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import type { ImageBuild } from '../../src/plan/model.js';
import { imageKey } from '../../src/dockerfile/image-ref.js';
import { chainHas, chainMayWriteFiles, runImage, runImageSource } from '../../src/plan/run-image.js';

// The image a `docker run` starts (src/plan/run-image.ts): which build of the driver made it, its stage
// chain, the WORKDIR and CMD a container of it starts with. Read directly, row by row.

function build(step: number, tags: string[], target: string | null = null, dockerfile = 'Dockerfile.build'): ImageBuild {
  return {
    step,
    unit: { start: step * 10, end: step * 10 + 5, group: step, groupStart: 0, groupEnd: 0 },
    tags: tags.map(imageKey),
    dockerfile,
    target,
  } as unknown as ImageBuild;
}

/** runImage over one Dockerfile built at step 0 as `app/builder` (and `target`), run at `step`. */
function imageOf(text: string, opts: { target?: string | null; step?: number; image?: string } = {}) {
  const df = parseDockerfile('Dockerfile.build', text);
  return runImage([build(0, ['app/builder'], opts.target ?? null)], opts.step ?? 1, opts.image ?? 'app/builder', () => df);
}

describe('runImage: the build that made the image', () => {
  it('is the latest build before the run that tags it', () => {
    const first = build(0, ['app/builder']);
    const second = build(1, ['app/builder']);
    const df = parseDockerfile('Dockerfile.build', 'FROM x\n');
    expect(runImage([first, second], 2, 'app/builder', () => df).builder).toBe(second);
    expect(runImage([first, second], 1, 'app/builder', () => df).builder).toBe(first);
    expect(runImage([first, second], 0, 'app/builder', () => df).builder).toBeUndefined();
    expect(runImage([first, second], 2, 'other', () => df).builder).toBeUndefined();
  });
  it('names a stage chain only when the Dockerfile was read', () => {
    const r = runImage([build(0, ['app/builder'])], 1, 'app/builder', () => null);
    expect([r.df, r.stage, r.chain, r.workdir, r.cmd]).toEqual([null, undefined, null, null, null]);
    expect(runImageSource(r, 'app/builder')).toEqual({ kind: 'external', ref: 'app/builder' });
  });
  it('is a built source when the stage is known', () => {
    const r = imageOf('FROM x AS base\nFROM base\n');
    expect(runImageSource(r, 'app/builder').kind).toBe('built');
    expect(runImageSource(imageOf('FROM x AS base\n', { target: 'nope' }), 'app/builder').kind).toBe('external');
  });
});

describe('runImage: the CMD a container runs', () => {
  it.each<[string, string, string[] | null]>([
    ['JSON form', 'FROM x\nCMD ["make", "dist"]\n', ['make', 'dist']],
    ['shell form', 'FROM x\nCMD make dist\n', ['/bin/sh', '-c', 'make dist']],
    ['the last CMD wins', 'FROM x\nCMD ["a"]\nCMD ["b"]\n', ['b']],
    ['from the parent stage', 'FROM x AS base\nCMD ["make"]\nFROM base\nRUN true\n', ['make']],
    ['no CMD: the base image', 'FROM x\nRUN true\n', null],
    ['an empty JSON array', 'FROM x\nCMD []\n', null],
    ['a JSON array of a number', 'FROM x\nCMD ["a", 1]\n', null],
    ['JSON that does not parse', 'FROM x\nCMD ["a",\n', null],
    ['continued over lines', 'FROM x\nCMD make \\\n  dist\n', null],
    ['shell form after a SHELL', 'FROM x\nSHELL ["/bin/bash", "-c"]\nCMD make dist\n', null],
    ['JSON form after a SHELL', 'FROM x\nSHELL ["/bin/bash", "-c"]\nCMD ["make"]\n', ['make']],
    ['CMD with no words', 'FROM x\nCMD\n', null],
  ])('%s', (_name, text, cmd) => {
    expect(imageOf(text).cmd).toEqual(cmd);
  });
});

describe('runImage: the WORKDIR a container starts in', () => {
  it.each<[string, string, string | null]>([
    ['none: the base image may set one', 'FROM x\n', null],
    ['absolute', 'FROM x\nWORKDIR /src\n', '/src'],
    ['relative to an absolute one', 'FROM x\nWORKDIR /src\nWORKDIR app/../lib\n', '/src/lib'],
    ['relative to one the base may set', 'FROM x\nWORKDIR lib\n', null],
    ['scratch starts at /', 'FROM scratch\nWORKDIR lib\n', '/lib'],
    ['SCRATCH in capitals', 'FROM SCRATCH\nWORKDIR lib\n', '/lib'],
    ['a variable', 'FROM x\nARG D=/src\nWORKDIR $D\n', null],
    ['through the parent stage', 'FROM x AS base\nWORKDIR /src\nFROM base\nWORKDIR app\n', '/src/app'],
    ['a parent named in another case', 'FROM x AS Base\nWORKDIR /src\nFROM base\n', '/src'],
  ])('%s', (_name, text, dir) => {
    expect(imageOf(text, { target: null }).workdir).toBe(dir);
  });
  it('a later stage of the same name is no parent', () => {
    expect(imageOf('FROM base AS app\nWORKDIR app\nFROM x AS base\nWORKDIR /src\n', { target: 'app' }).workdir).toBeNull();
  });
  it('of the --target stage, not the last', () => {
    expect(imageOf('FROM x AS tools\nWORKDIR /tools\nFROM y\nWORKDIR /app\n', { target: 'TOOLS' }).workdir).toBe('/tools');
  });
});

describe('chainMayWriteFiles and chainHas', () => {
  const stageOf = (text: string) => {
    const df = parseDockerfile('Dockerfile.build', text);
    return { df, stage: df.stages.at(-1)! };
  };
  it.each<[string, string, boolean]>([
    ['COPY', 'FROM x\nCOPY . .\n', true],
    ['ADD', 'FROM x\nADD a.tgz /\n', true],
    ['RUN', 'FROM x\nRUN make\n', true],
    ['in the parent stage', 'FROM x AS base\nRUN make\nFROM base\nENV A=1\n', true],
    ['only ENV, WORKDIR and CMD', 'FROM x\nENV A=1\nWORKDIR /src\nCMD ["make"]\n', false],
    ['a RUN in an unrelated stage', 'FROM x AS other\nRUN make\nFROM y\nENV A=1\n', false],
  ])('%s: %s', (_name, text, writes) => {
    const { df, stage } = stageOf(text);
    expect(chainMayWriteFiles(df, stage)).toBe(writes);
  });
  it.each<[string, 'ENTRYPOINT' | 'USER', boolean]>([
    ['FROM x\nENTRYPOINT ["make"]\n', 'ENTRYPOINT', true],
    ['FROM x AS base\nUSER app\nFROM base\n', 'USER', true],
    ['FROM x\nUSER app\n', 'ENTRYPOINT', false],
    ['FROM x AS other\nUSER app\nFROM y\n', 'USER', false],
  ])('%j has %s: %s', (text, keyword, has) => {
    expect(chainHas(imageOf(text), keyword)).toBe(has);
  });
  it('an image no build made has nothing', () => {
    expect(
      chainHas(
        runImage([], 1, 'app/builder', () => null),
        'USER',
      ),
    ).toBe(false);
  });
});
