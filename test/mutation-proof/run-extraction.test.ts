import { describe, expect, it } from 'vitest';
import { parseDockerCommand, type Arg } from '../../src/drivers/docker-cli.js';
import { readRun } from '../../src/plan/run-extraction.js';
import { REPO_ROOT } from '../../src/shell/evaluate.js';

/**
 * `readRun` (src/plan/run-extraction.ts) pinned flag by flag: what a `docker run` with bind mounts is
 * as a build stage (working directory, environment, mounts, caches, the command), or the flag that
 * stops it. The planner tables reach it through whole repositories; this one names each reading.
 */

/** Words as the sh driver hands them over: `$PWD` is the checkout (static), any other `$` is not known statically. */
function words(line: string): Arg[] {
  let at = 0;
  return line.split(' ').map((raw, index) => {
    const start = at;
    at += raw.length + 1;
    const unquoted = raw.replace(/"/g, '');
    const isStatic = !unquoted.replace(/\$PWD/g, '').includes('$');
    return { index, text: isStatic ? unquoted.replace(/\$PWD/g, REPO_ROOT) : raw, isStatic, start, end: start + raw.length, raw };
  });
}

function read(line: string, cwd: string | null = '', withoutMounts = false): unknown {
  const parsed = parseDockerCommand(words(`docker run ${line}`));
  if (!parsed.ok || parsed.invocation.kind !== 'run') throw new Error(`not a run: ${line}`);
  const r = readRun(parsed.invocation, cwd, withoutMounts);
  if (r === null) return null;
  if (!r.ok) return { refused: r.flag, reason: r.reason, at: r.at };
  const { image, ...spec } = r.spec;
  return { image: image.raw, ...spec };
}

const spec = (over: Record<string, unknown>) => ({
  image: 'golang:1.22',
  carriedImage: null,
  workdir: null,
  env: [],
  mounts: [{ hostDir: '', target: '/src', readOnly: false, existsInRepo: false }],
  argv: ['go', 'build'],
  entrypointSet: false,
  userSet: false,
  caches: [],
  carriedEnv: [],
  ...over,
});

describe('readRun', () => {
  it.each<[string, unknown]>([
    // Not a build step: nothing of the repository is mounted.
    ['--rm golang:1.22 go build', null],
    ['--rm -v gomod:/go/pkg/mod golang:1.22 go build', null],
    ['--rm --mount type=volume,target=/cache golang:1.22 go build', null],
    ['--rm --mount type=tmpfs,target=/tmp golang:1.22 go build', null],
    ['--rm -v /tmp golang:1.22 go build', null],
    // The checkout, read-write or read-only, in each spelling.
    ['--rm -v $PWD:/src golang:1.22 go build', spec({})],
    ['--rm -v "$PWD":/src:ro golang:1.22 go build', spec({ mounts: [{ hostDir: '', target: '/src', readOnly: true, existsInRepo: false }] })],
    ['--rm -v $PWD:/src:rw,z golang:1.22 go build', spec({})],
    ['--rm -v ./web:/src/ golang:1.22 go build', spec({ mounts: [{ hostDir: 'web', target: '/src/', readOnly: false, existsInRepo: false }] })],
    ['--rm --mount type=bind,source=$PWD,target=/src golang:1.22 go build', spec({})],
    [
      '--rm --mount type=bind,src=$PWD,dst=/src,readonly golang:1.22 go build',
      spec({ mounts: [{ hostDir: '', target: '/src', readOnly: true, existsInRepo: false }] }),
    ],
    [
      '--rm --mount type=bind,source=$PWD,destination=/src,ro golang:1.22 go build',
      spec({ mounts: [{ hostDir: '', target: '/src', readOnly: true, existsInRepo: false }] }),
    ],
    // Named volumes and volume mounts are caches; a read-only one is not.
    ['--rm -v $PWD:/src -v gomod:/go/pkg/mod golang:1.22 go build', spec({ caches: ['/go/pkg/mod'] })],
    ['--rm -v $PWD:/src --mount type=volume,source=gomod,target=/go/pkg/mod/ golang:1.22 go build', spec({ caches: ['/go/pkg/mod/'] })],
    ['--rm -v $PWD:/src --mount source=gomod,dst=/root/.cache golang:1.22 go build', spec({ caches: ['/root/.cache'] })],
    ['--rm -v $PWD:/src --mount type=volume,source=gomod,target=/m,readonly golang:1.22 go build', spec({})],
    ['--rm -v $PWD:/src --mount type=volume,source=gomod,target=/m,ro golang:1.22 go build', spec({})],
    [
      '--rm -v $PWD:/src -v gomod:/go/pkg/mod:ro golang:1.22 go build',
      { refused: '--volume', reason: 'a named volume restage cannot read as a cache (read-only, or a relative target)', at: 32 },
    ],
    [
      '--rm -v $PWD:/src -v gomod:relative golang:1.22 go build',
      { refused: '--volume', reason: 'a named volume restage cannot read as a cache (read-only, or a relative target)', at: 32 },
    ],
    ['--rm -v $PWD:/src -v "$OUT":/out golang:1.22 go build', { refused: '--volume', reason: 'the mount "$OUT":/out is not known statically', at: 32 }],
    ['--rm -v $PWD:/src --mount $SPEC golang:1.22 go build', { refused: '--mount', reason: 'the mount $SPEC is not known statically', at: 37 }],
    ['--rm -v $PWD:/src -v $CACHE golang:1.22 go build', { refused: '--volume', reason: 'the volume $CACHE is not known statically', at: 32 }],
    ['--rm -v $PWD:/src -v ../up:/up golang:1.22 go build', { refused: '--volume', reason: '../up is outside the repository', at: 32 }],
    [
      '--rm -v $PWD:/src -v $HOME/.m2:/root/.m2 golang:1.22 go build',
      { refused: '--volume', reason: 'the host path $HOME/.m2:/root/.m2 is not known statically', at: 32 },
    ],
    // Flags: the working directory (absolute), environment, entrypoint; ignored ones; others refused.
    ['--rm -v $PWD:/src -w /src/ golang:1.22 go build', spec({ workdir: '/src/' })],
    ['--rm -v $PWD:/src --workdir=src golang:1.22 go build', spec({ workdir: '/src' })],
    [
      '--rm -v $PWD:/src -e CGO_ENABLED=0 --env=GOOS=linux golang:1.22 go build',
      spec({
        env: [
          ['CGO_ENABLED', '0'],
          ['GOOS', 'linux'],
        ],
      }),
    ],
    ['--rm -v $PWD:/src -e A=b=c golang:1.22 go build', spec({ env: [['A', 'b=c']] })],
    ['--rm -v $PWD:/src -e VERSION=$VERSION golang:1.22 go build', spec({ carriedEnv: [{ name: 'VERSION', word: 'VERSION=$VERSION' }] })],
    ['--rm -v $PWD:/src -e "TOKEN" golang:1.22 go build', spec({ carriedEnv: [{ name: 'TOKEN', word: '"TOKEN"' }] })],
    ['--rm -v $PWD:/src -e $ALL golang:1.22 go build', { refused: '--env', reason: 'its value $ALL is not known statically', at: 32 }],
    ['--rm -v $PWD:/src -e 1BAD=x golang:1.22 go build', spec({ env: [['1BAD', 'x']] })],
    ['--rm -v $PWD:/src --entrypoint /bin/sh golang:1.22 -c make', spec({ argv: ['/bin/sh', '-c', 'make'], entrypointSet: true })],
    ['--rm -v $PWD:/src --entrypoint= golang:1.22 go build', spec({ entrypointSet: true })],
    ['--rm -v $PWD:/src --entrypoint $EP golang:1.22 go build', { refused: '--entrypoint', reason: 'its value $EP is not known statically', at: 42 }],
    [
      '--rm -it --init -u 1000 --name b -l x=y --network host -v $PWD:/src golang:1.22 go build',
      { refused: '--network', reason: 'a build stage would not reproduce it', at: 61 },
    ],
    ['--rm -it --init -u 1000 --name b -l x=y --pull always -v $PWD:/src golang:1.22 go build', spec({ userSet: true })],
    ['--rm --user=1000:1000 -v $PWD:/src golang:1.22 go build', spec({ userSet: true })],
    ['--rm --platform linux/amd64 -v $PWD:/src golang:1.22 go build', { ...spec({}), platform: 'linux/amd64' }],
    ['--rm --platform=linux/arm64/v8 -v $PWD:/src golang:1.22 go build', { ...spec({}), platform: 'linux/arm64/v8' }],
    ['--rm --platform linux -v $PWD:/src golang:1.22 go build', { refused: '--platform', reason: 'a build stage would not reproduce it', at: 27 }],
    ['--rm --platform $P -v $PWD:/src golang:1.22 go build', { refused: '--platform', reason: 'its value $P is not known statically', at: 27 }],
    ['--rm -v $PWD:/src --privileged golang:1.22 go build', { refused: '--privileged', reason: 'a build stage would not reproduce it', at: 0 }],
    // The command and the image.
    ['--rm -v $PWD:/src golang:1.22 go build -o $OUT', { refused: '$OUT', reason: 'the command has a word that is not known statically', at: 53 }],
    ['--rm -v $PWD:/src golang:1.22', { refused: '(no command)', reason: "the image's own CMD would run, and restage cannot see it", at: 29 }],
    ['--rm -v $PWD:/src Golang:1.22 go build', { refused: '"Golang:1.22"', reason: 'Docker does not accept it as an image reference', at: 29 }],
    ['--rm -v $PWD:/src $(pick-image) go build', { refused: '$(pick-image)', reason: 'the image is not known statically', at: 29 }],
    [
      '--rm -v $PWD:/src golang:${GO:-1.22}-alpine go build',
      spec({ image: 'golang:${GO:-1.22}-alpine', carriedImage: { from: 'golang:${GO}-alpine', args: [{ name: 'GO', word: '"GO=${GO:-1.22}"' }] } }),
    ],
    [
      '--rm -v $PWD:/src "$REG/go:$V" go build',
      spec({
        image: '"$REG/go:$V"',
        carriedImage: {
          from: '${REG}/go:${V}',
          args: [
            { name: 'REG', word: '"REG=$REG"' },
            { name: 'V', word: '"V=$V"' },
          ],
        },
      }),
    ],
    ['--rm -v $PWD:/src $(IMAGE) go build', spec({ image: '$(IMAGE)', carriedImage: { from: '${IMAGE}', args: [{ name: 'IMAGE', word: 'IMAGE=$(IMAGE)' }] } })],
    ['--rm -v $PWD:/src $IMG$IMG go build', spec({ image: '$IMG$IMG', carriedImage: { from: '${IMG}${IMG}', args: [{ name: 'IMG', word: '"IMG=$IMG"' }] } })],
    ['--rm -v $PWD:/src go$(x;y) go build', { refused: 'go$(x;y)', reason: 'the image is not known statically', at: 29 }],
    ['--rm -v $PWD:/src ${IMG}:x!y go build', { refused: '${IMG}:x!y', reason: 'the image is not known statically', at: 29 }],
    ['--rm -v $PWD:/src a*b${IMG} go build', { refused: 'a*b${IMG}', reason: 'the image is not known statically', at: 29 }],
    // The checkout's path on the host, which only a run knows.
    [
      '--rm -v $PWD:$PWD golang:1.22 go build',
      { refused: '--volume', reason: `$PWD:$PWD names the checkout's path on the host, which only a run knows`, at: 19 },
    ],
  ])('docker run %s', (line, expected) => {
    expect(read(line)).toEqual(expected);
  });

  it('reads a run without mounts when asked (a run whose output is copied out)', () => {
    expect(read('--rm golang:1.22 go build', '', true)).toEqual(spec({ mounts: [] }));
    expect(read('--rm -v gomod:/go golang:1.22 go build', '', true)).toEqual(spec({ mounts: [], caches: ['/go'] }));
  });

  it('refuses a host path when the driver cwd is unknown', () => {
    expect(read('--rm -v ./x:/src golang:1.22 go build', null)).toEqual({
      refused: '--volume',
      reason: 'the host path ./x:/src is not known statically',
      at: 19,
    });
  });
});
