import { describe, expect, it } from 'vitest';
import {
  dockerWords,
  flagValues,
  hasFlag,
  isLatestContainerLookup,
  parseDockerCommand,
  type Arg,
  type DockerInvocation,
  namesContainer,
} from '../../src/drivers/docker-cli.js';

/**
 * The docker CLI grammar every driver kind shares, pinned word by word: which words are flags, which
 * flag takes the next word, where operands start, and which spelling of the client is the client.
 */

/** Words as a driver hands them over: static unless written as an expansion (`$X`, `${X}`, `$(X)`). */
function words(line: string): Arg[] {
  let at = 0;
  return line.split(' ').map((raw, index) => {
    const start = at;
    at += raw.length + 1;
    const isStatic = !raw.includes('$');
    return { index, text: isStatic ? raw.replace(/^["']|["']$/g, '') : raw, isStatic, start, end: start + raw.length, raw };
  });
}

/** The invocation in a comparable shape: flag names with their value and word indexes, operands by text. */
function shape(line: string): unknown {
  const r = parseDockerCommand(words(line));
  if (!r.ok) return { refused: r.flag, subcommand: r.subcommand, index: r.index };
  const inv: DockerInvocation = r.invocation;
  if (inv.kind === 'other') return { other: inv.subcommand, args: inv.args.map((a) => a.text) };
  const flags = inv.flags.map((f) => `${f.name}${f.value ? `=${f.value.text}` : ''}@${f.indexes.join(',')}`);
  switch (inv.kind) {
    case 'build':
      return { build: flags, context: inv.context?.text ?? null };
    case 'create':
    case 'run':
      return { [inv.kind]: flags, image: inv.image.text, command: inv.command.map((a) => a.text) };
    case 'cp':
      return { cp: flags, src: inv.src.text, dest: inv.dest.text };
    case 'rm':
      return { rm: flags, containers: inv.containers.map((a) => a.text) };
  }
}

describe('parseDockerCommand', () => {
  const table: [string, unknown][] = [
    ['docker', { other: '', args: [] }],
    ['docker --host x build .', { refused: '--host', subcommand: '', index: 1 }],
    ['docker images -q', { other: 'images', args: ['-q'] }],
    ['docker image ls', { other: 'image', args: ['ls'] }],
    ['docker build .', { build: [], context: '.' }],
    ['docker build', { build: [], context: null }],
    ['docker image build -t app .', { build: ['--tag=app@3,4'], context: '.' }],
    ['docker builder build .', { build: [], context: '.' }],
    ['docker buildx build --load -t x .', { build: ['--load@3', '--tag=x@4,5'], context: '.' }],
    ['docker buildx b .', { build: [], context: '.' }],
    ['docker build -f Dockerfile.build -t b .', { build: ['--file=Dockerfile.build@2,3', '--tag=b@4,5'], context: '.' }],
    ['docker build --file=Dockerfile.build .', { build: ['--file=Dockerfile.build@2'], context: '.' }],
    ['docker build -fDockerfile.build .', { build: ['--file=Dockerfile.build@2'], context: '.' }],
    ['docker build -tapp:1 .', { build: ['--tag=app:1@2'], context: '.' }],
    ['docker build --build-arg A=1 --target builder .', { build: ['--build-arg=A=1@2,3', '--target=builder@4,5'], context: '.' }],
    ['docker build --no-cache --pull -q .', { build: ['--no-cache@2', '--pull@3', '--quiet@4'], context: '.' }],
    ['docker build -o out .', { build: ['--output=out@2,3'], context: '.' }],
    ['docker build -m 1g .', { build: ['--memory=1g@2,3'], context: '.' }],
    ['docker build --weird .', { refused: '--weird', subcommand: 'build', index: 2 }],
    ['docker build --weird=1 .', { refused: '--weird', subcommand: 'build', index: 2 }],
    ['docker build -t', { refused: '-t', subcommand: 'build', index: 2 }],
    ['docker build . extra', { refused: 'extra', subcommand: 'build', index: 3 }],
    ['docker build $FLAGS .', { refused: '$FLAGS (an unquoted expansion that may be several words)', subcommand: 'build', index: 2 }],
    ['docker build -- .', { build: [], context: '.' }],
    ['docker build - ', { refused: '', subcommand: 'build', index: 3 }],
    ['docker build -', { build: [], context: '-' }],
    ['docker create --name c img', { create: ['--name=c@2,3'], image: 'img', command: [] }],
    ['docker container create img sh -c true', { create: [], image: 'img', command: ['sh', '-c', 'true'] }],
    ['docker run --rm -v /x:/y -w /y img make -j2', { run: ['--rm@2', '--volume=/x:/y@3,4', '--workdir=/y@5,6'], image: 'img', command: ['make', '-j2'] }],
    ['docker container run -e A=1 -u 0 img', { run: ['--env=A=1@3,4', '--user=0@5,6'], image: 'img', command: [] }],
    ['docker run -ia img', { refused: '-ia', subcommand: 'run', index: 2 }],
    ['docker run --tty -i img', { run: ['--tty@2', '--interactive@3'], image: 'img', command: [] }],
    ['docker run -d --net host img', { run: ['--detach@2', '--network=host@3,4'], image: 'img', command: [] }],
    ['docker run -l k=v img', { run: ['--label=k=v@2,3'], image: 'img', command: [] }],
    ['docker run --rm', { refused: '(image)', subcommand: 'run', index: 2 }],
    ['docker run -x img', { refused: '-x', subcommand: 'run', index: 2 }],
    ['docker run -iz img', { refused: '-iz', subcommand: 'run', index: 2 }],
    ['docker cp c:/out ./out', { cp: [], src: 'c:/out', dest: './out' }],
    ['docker container cp -a -L -q c:/out .', { cp: ['--archive@3', '--follow-link@4', '--quiet@5'], src: 'c:/out', dest: '.' }],
    ['docker cp --archive --follow-link --quiet c:/o .', { cp: ['--archive@2', '--follow-link@3', '--quiet@4'], src: 'c:/o', dest: '.' }],
    ['docker cp c:/out', { refused: '(operands)', subcommand: 'cp', index: 1 }],
    ['docker cp a b c', { refused: '(operands)', subcommand: 'cp', index: 1 }],
    ['docker cp -f c:/o .', { refused: '-f', subcommand: 'cp', index: 2 }],
    ['docker cp -aL c:/o .', { cp: ['--archive@2', '--follow-link@2'], src: 'c:/o', dest: '.' }],
    ['docker rm --force c', { rm: ['--force@2'], containers: ['c'] }],
    ['docker container rm --force --volumes --link c d', { rm: ['--force@3', '--volumes@4', '--link@5'], containers: ['c', 'd'] }],
    ['docker rm -l c', { rm: ['--link@2'], containers: ['c'] }],
    ['docker rm -fz c', { refused: '-fz', subcommand: 'rm', index: 2 }],
    ['docker rm -- -c', { rm: [], containers: ['-c'] }],
  ];
  it.each(table)('%s', (line, expected) => {
    expect(shape(line)).toEqual(expected);
  });

  // A short flag means what its subcommand says: run's -t is --tty, build's --tag; rm's -f is --force.
  it('reads docker run -t and -it as the tty flag, and rm -f and -v as force and volumes', () => {
    expect(shape('docker run -it img')).toEqual({ run: ['--interactive@2', '--tty@2'], image: 'img', command: [] });
    expect(shape('docker create -t img')).toEqual({ create: ['--tty@2'], image: 'img', command: [] });
    expect(shape('docker rm -fv c')).toEqual({ rm: ['--force@2', '--volumes@2'], containers: ['c'] });
  });

  it('reads an unquoted expansion that starts with a dash as a flag, and one that does not as an operand', () => {
    expect(shape('docker build -$X .')).toEqual({ refused: '-$X', subcommand: 'build', index: 2 });
    expect(shape('docker rm $ID')).toEqual({ rm: [], containers: ['$ID'] });
  });

  it('keeps a flag value word with its own offsets, and a joined value as the text after the prefix', () => {
    const r = parseDockerCommand(words('docker build -f a/Dockerfile --tag=x:1 .'));
    expect(r.ok).toBe(true);
    if (!r.ok || r.invocation.kind !== 'build') throw new Error('not a build');
    const [file, tag] = r.invocation.flags;
    expect(file!.value).toMatchObject({ index: 3, text: 'a/Dockerfile', start: 16, end: 28 });
    expect(tag!.value).toMatchObject({ index: 4, text: 'x:1', raw: '--tag=x:1', start: 29 });
  });
});

describe('flagValues and hasFlag', () => {
  const r = parseDockerCommand(words('docker build --build-arg A=1 --no-cache --build-arg=B=2 -t x .'));
  if (!r.ok || r.invocation.kind !== 'build') throw new Error('not a build');
  const flags = r.invocation.flags;
  it('collects every value of one flag, in order, and skips flags without one', () => {
    expect(flagValues(flags, '--build-arg').map((a) => a.text)).toEqual(['A=1', 'B=2']);
    expect(flagValues(flags, '--no-cache')).toEqual([]);
    expect(flagValues(flags, '--target')).toEqual([]);
  });
  it('answers whether a flag is present by its long name', () => {
    expect(hasFlag(flags, '--no-cache')).toBe(true);
    expect(hasFlag(flags, '--tag')).toBe(true);
    expect(hasFlag(flags, '-t')).toBe(false);
    expect(hasFlag(flags, '--pull')).toBe(false);
  });
});

describe('dockerWords', () => {
  const table: [string, string[] | null][] = [
    ['docker build .', ['docker', 'build', '.']],
    ['podman build .', ['podman', 'build', '.']],
    ['/usr/bin/docker build .', ['/usr/bin/docker', 'build', '.']],
    ['dockerd build .', null],
    ['mydocker build .', null],
    ['docker-compose build', null],
    ['make build', null],
    ['', null],
    ['sudo docker build .', ['docker', 'build', '.']],
    ['/usr/bin/sudo docker ps', ['docker', 'ps']],
    ['sudo -E docker ps', ['docker', 'ps']],
    ['sudo -u root docker ps', ['docker', 'ps']],
    ['sudo --user root -E docker ps', ['docker', 'ps']],
    ['sudo -- docker ps', ['docker', 'ps']],
    ['sudo -E -- docker ps', ['docker', 'ps']],
    ['sudo DOCKER_BUILDKIT=1 docker build .', ['docker', 'build', '.']],
    ['sudo PATH=/x docker build .', null],
    ['sudo make', null],
    ['sudo', null],
    ['sudo -u $U docker ps', ['docker', 'ps']],
    ['time docker build .', ['docker', 'build', '.']],
    ['time -p docker ps', ['docker', 'ps']],
    ['/usr/bin/time docker ps', ['docker', 'ps']],
    ['time -o t.log docker ps', null],
    ['time $DOCKER build .', ['$DOCKER', 'build', '.']],
    ['command docker ps', ['docker', 'ps']],
    ['command -p docker ps', ['docker', 'ps']],
    ['command -v docker', null],
    ['exec docker build .', ['docker', 'build', '.']],
    ['exec -c docker ps', null],
    ['nohup docker ps', ['docker', 'ps']],
    ['nice docker ps', ['docker', 'ps']],
    ['nice -n 5 docker ps', ['docker', 'ps']],
    ['nice -5 docker ps', ['docker', 'ps']],
    ['nice --adjustment=5 docker ps', ['docker', 'ps']],
    ['nice -x docker ps', null],
    ['timeout 600 docker ps', ['docker', 'ps']],
    ['timeout 5m docker ps', ['docker', 'ps']],
    ['timeout 1.5h docker ps', ['docker', 'ps']],
    ['timeout -s KILL 10 docker ps', ['docker', 'ps']],
    ['timeout -k 5 10 docker ps', ['docker', 'ps']],
    ['timeout --foreground --signal=TERM 10 docker ps', ['docker', 'ps']],
    ['timeout docker ps', null],
    ['timeout $T docker ps', null],
    ['timeout 5x docker ps', null],
    ['env docker ps', ['docker', 'ps']],
    ['env -- docker ps', ['docker', 'ps']],
    ['env DOCKER_BUILDKIT=1 docker build .', ['docker', 'build', '.']],
    ['env FOO=1 docker ps', null],
    ['env -i docker ps', null],
    ['env -C dir docker ps', null],
    ['time nice FOO=1 docker ps', null],
    ['stdbuf -oL docker ps', ['docker', 'ps']],
    ['stdbuf -o L docker ps', ['docker', 'ps']],
    ['stdbuf --output=L docker ps', ['docker', 'ps']],
    ['stdbuf -x docker ps', null],
    ['time sudo -E docker ps', ['docker', 'ps']],
    ['sudo time docker ps', ['docker', 'ps']],
    ['exec env DOCKER_BUILDKIT=1 timeout 1h docker ps', ['docker', 'ps']],
    ['time', null],
    ['exec', null],
    ['time make', null],
    ['constructor docker ps', null],
    ['$DOCKER build .', ['$DOCKER', 'build', '.']],
    ['${DOCKER} build .', ['${DOCKER}', 'build', '.']],
    ['${DOCKER:-docker} build .', ['${DOCKER:-docker}', 'build', '.']],
    ['${DOCKER:-podman} build .', ['${DOCKER:-podman}', 'build', '.']],
    ['$(DOCKER) build .', ['$(DOCKER)', 'build', '.']],
    ['"$DOCKER" build .', ['"$DOCKER"', 'build', '.']],
    ['$CONTAINER_ENGINE build .', ['$CONTAINER_ENGINE', 'build', '.']],
    ['$container_runtime build .', ['$container_runtime', 'build', '.']],
    ['$CONTAINERCLI build .', ['$CONTAINERCLI', 'build', '.']],
    ['$CONTAINER_TOOL build .', ['$CONTAINER_TOOL', 'build', '.']],
    ['$OCI_ENGINE build .', ['$OCI_ENGINE', 'build', '.']],
    ['$OCIRUNTIME build .', ['$OCIRUNTIME', 'build', '.']],
    ['$OCI_CLI build .', ['$OCI_CLI', 'build', '.']],
    ['$MY_PODMAN_BIN build .', ['$MY_PODMAN_BIN', 'build', '.']],
    ['${DOCKER:-nerdctl} build .', ['${DOCKER:-nerdctl}', 'build', '.']],
    ['${DOCKER:-finch} build .', ['${DOCKER:-finch}', 'build', '.']],
    ['${DOCKER:-buildah} build .', null],
    ['$NERDCTL build .', ['$NERDCTL', 'build', '.']],
    ['nerdctl build .', ['nerdctl', 'build', '.']],
    ['/usr/local/bin/nerdctl cp x:/a b', ['/usr/local/bin/nerdctl', 'cp', 'x:/a', 'b']],
    ['sudo nerdctl create img', ['nerdctl', 'create', 'img']],
    ['finch build -t a .', ['finch', 'build', '-t', 'a', '.']],
    ['nerdctl.lima build .', null],
    ['finchx build .', null],
    ['buildah bud .', null],
    ['$CONTAINER build .', null],
    ['$OCI build .', null],
    ['$CC build .', null],
    ['x$DOCKER build .', null],
    ['$DOCKER.exe build .', null],
  ];
  it.each(table)('%s', (line, expected) => {
    const got = dockerWords(line === '' ? [] : words(line));
    expect(got?.map((a) => a.raw) ?? null).toEqual(expected);
  });

  it('re-indexes the words from the docker word and keeps their spans', () => {
    const got = dockerWords(words('sudo -E docker build .'))!;
    expect(got.map((a) => a.index)).toEqual([0, 1, 2]);
    expect(got[0]).toMatchObject({ text: 'docker', start: 8, end: 14 });
  });

  it('returns the words themselves when the command starts with the client', () => {
    const w = words('docker ps');
    expect(dockerWords(w)).toBe(w);
  });

  it('does not read a sudo option given by a variable as an option', () => {
    expect(dockerWords(words('sudo $OPT docker ps'))).toBeNull();
  });
});

describe('namesContainer: the container side of docker cp, as the client decides it at run time', () => {
  it.each([
    ['extract:/out/app', true, true],
    ['extract:out/app', true, true],
    ['./a:b', true, false],
    ['/abs/a:b', true, false],
    ['~/a:b', true, false],
    ['dir/a:b', true, false],
    ['app', true, false],
    ['\u0001cid3\u0001:/out', true, true],
    ['$(docker create app/builder | tail -1):/out/app', false, true],
    ['`docker create app/builder`:/out/app', false, true],
    ['${CID}:/out/app', false, true],
    ['$CID:/out/app', false, true],
    ['$(cat "$(dirname x)/id"):/out', false, true],
    ['$OUT/app', false, false],
    ['${DIST}/a:b', false, false],
    ['$(pwd)/out', false, false],
  ])('%s (static %s) → %s', (text, isStatic, expected) => {
    expect(namesContainer({ text, isStatic })).toBe(expected);
  });
});

describe('isLatestContainerLookup', () => {
  const table: [string, boolean][] = [
    ['docker ps -lq', true],
    ['docker ps -ql', true],
    ['docker ps -alq', true],
    ['docker ps -a -l -q', true],
    ['docker ps --latest --quiet', true],
    ['docker ps --all --latest -q', true],
    ['docker container ls -lq', true],
    ['docker container list -l -q', true],
    ['docker container ps -lq', true],
    ['docker ps -q', false],
    ['docker ps -l', false],
    ['docker ps', false],
    ['docker ps -lqn', false],
    ['docker ps -lq -f name=x', false],
    ['docker ps -lq $X', false],
    ['docker container inspect -lq', false],
    ['docker images -lq', false],
    ['docker cp -lq', false],
  ];
  it.each(table)('%s', (line, expected) => {
    const parsed = parseDockerCommand(words(line));
    expect(parsed.ok && isLatestContainerLookup(parsed.invocation)).toBe(expected);
  });
});

/**
 * Every flag of the subcommands restage reads, with the arity and long name the docker CLI gives it
 * (`docker build --help`, `docker run --help`, …): a flag read with the wrong arity shifts the context,
 * image or command by a word. Written out here, not read from src/, so that a changed table fails.
 */
const FLAG_GRAMMAR: [sub: 'build' | 'run' | 'create' | 'cp' | 'rm', flag: string, arity: 'value' | 'bool', name: string][] = [
  ['build', '-t', 'value', '--tag'],
  ['build', '--tag', 'value', '--tag'],
  ['build', '-f', 'value', '--file'],
  ['build', '--file', 'value', '--file'],
  ['build', '--build-arg', 'value', '--build-arg'],
  ['build', '--target', 'value', '--target'],
  ['build', '--no-cache', 'bool', '--no-cache'],
  ['build', '--pull', 'bool', '--pull'],
  ['build', '-q', 'bool', '--quiet'],
  ['build', '--quiet', 'bool', '--quiet'],
  ['build', '--rm', 'bool', '--rm'],
  ['build', '--force-rm', 'bool', '--force-rm'],
  ['build', '--label', 'value', '--label'],
  ['build', '--network', 'value', '--network'],
  ['build', '--platform', 'value', '--platform'],
  ['build', '--secret', 'value', '--secret'],
  ['build', '--ssh', 'value', '--ssh'],
  ['build', '--progress', 'value', '--progress'],
  ['build', '--iidfile', 'value', '--iidfile'],
  ['build', '--cache-from', 'value', '--cache-from'],
  ['build', '--add-host', 'value', '--add-host'],
  ['build', '--squash', 'bool', '--squash'],
  ['build', '--compress', 'bool', '--compress'],
  ['build', '--isolation', 'value', '--isolation'],
  ['build', '-m', 'value', '--memory'],
  ['build', '--memory', 'value', '--memory'],
  ['build', '--shm-size', 'value', '--shm-size'],
  ['build', '--ulimit', 'value', '--ulimit'],
  ['build', '--load', 'bool', '--load'],
  ['build', '--push', 'bool', '--push'],
  ['build', '-o', 'value', '--output'],
  ['build', '--output', 'value', '--output'],
  ['build', '--builder', 'value', '--builder'],
  ['build', '--cache-to', 'value', '--cache-to'],
  ['build', '--provenance', 'value', '--provenance'],
  ['build', '--sbom', 'value', '--sbom'],
  ['build', '--metadata-file', 'value', '--metadata-file'],
  ['build', '--allow', 'value', '--allow'],
  ['build', '--call', 'value', '--call'],
  ['run', '--name', 'value', '--name'],
  ['run', '-e', 'value', '--env'],
  ['run', '--env', 'value', '--env'],
  ['run', '--env-file', 'value', '--env-file'],
  ['run', '-v', 'value', '--volume'],
  ['run', '--volume', 'value', '--volume'],
  ['run', '--mount', 'value', '--mount'],
  ['run', '--entrypoint', 'value', '--entrypoint'],
  ['run', '-w', 'value', '--workdir'],
  ['run', '--workdir', 'value', '--workdir'],
  ['run', '-u', 'value', '--user'],
  ['run', '--user', 'value', '--user'],
  ['run', '--platform', 'value', '--platform'],
  ['run', '--network', 'value', '--network'],
  ['run', '--net', 'value', '--network'],
  ['run', '-l', 'value', '--label'],
  ['run', '--label', 'value', '--label'],
  ['run', '--pull', 'value', '--pull'],
  ['run', '-t', 'bool', '--tty'],
  ['run', '--tty', 'bool', '--tty'],
  ['run', '-i', 'bool', '--interactive'],
  ['run', '--interactive', 'bool', '--interactive'],
  ['run', '--rm', 'bool', '--rm'],
  ['run', '--init', 'bool', '--init'],
  ['run', '--privileged', 'bool', '--privileged'],
  ['run', '-d', 'bool', '--detach'],
  ['run', '--detach', 'bool', '--detach'],
  ['run', '--read-only', 'bool', '--read-only'],
  ['run', '--volumes-from', 'value', '--volumes-from'],
  ['run', '-p', 'value', '-p'],
  ['run', '--publish', 'value', '--publish'],
  ['run', '-P', 'bool', '-P'],
  ['run', '--publish-all', 'bool', '--publish-all'],
  ['run', '--expose', 'value', '--expose'],
  ['run', '--restart', 'value', '--restart'],
  ['run', '-h', 'value', '-h'],
  ['run', '--hostname', 'value', '--hostname'],
  ['run', '--add-host', 'value', '--add-host'],
  ['run', '--dns', 'value', '--dns'],
  ['run', '--cap-add', 'value', '--cap-add'],
  ['run', '--cap-drop', 'value', '--cap-drop'],
  ['run', '--device', 'value', '--device'],
  ['run', '--security-opt', 'value', '--security-opt'],
  ['run', '--log-driver', 'value', '--log-driver'],
  ['run', '--log-opt', 'value', '--log-opt'],
  ['run', '-m', 'value', '--memory'],
  ['run', '--memory', 'value', '--memory'],
  ['run', '--cpus', 'value', '--cpus'],
  ['run', '--shm-size', 'value', '--shm-size'],
  ['run', '--tmpfs', 'value', '--tmpfs'],
  ['run', '--ulimit', 'value', '--ulimit'],
  ['run', '--group-add', 'value', '--group-add'],
  ['run', '--ipc', 'value', '--ipc'],
  ['create', '--name', 'value', '--name'],
  ['create', '-e', 'value', '--env'],
  ['create', '--env', 'value', '--env'],
  ['create', '--env-file', 'value', '--env-file'],
  ['create', '-v', 'value', '--volume'],
  ['create', '--volume', 'value', '--volume'],
  ['create', '--mount', 'value', '--mount'],
  ['create', '--entrypoint', 'value', '--entrypoint'],
  ['create', '-w', 'value', '--workdir'],
  ['create', '--workdir', 'value', '--workdir'],
  ['create', '-u', 'value', '--user'],
  ['create', '--user', 'value', '--user'],
  ['create', '--platform', 'value', '--platform'],
  ['create', '--network', 'value', '--network'],
  ['create', '--net', 'value', '--network'],
  ['create', '-l', 'value', '--label'],
  ['create', '--label', 'value', '--label'],
  ['create', '--pull', 'value', '--pull'],
  ['create', '-t', 'bool', '--tty'],
  ['create', '--tty', 'bool', '--tty'],
  ['create', '-i', 'bool', '--interactive'],
  ['create', '--interactive', 'bool', '--interactive'],
  ['create', '--rm', 'bool', '--rm'],
  ['create', '--init', 'bool', '--init'],
  ['create', '--privileged', 'bool', '--privileged'],
  ['create', '-d', 'bool', '--detach'],
  ['create', '--detach', 'bool', '--detach'],
  ['create', '--read-only', 'bool', '--read-only'],
  ['create', '--volumes-from', 'value', '--volumes-from'],
  ['create', '-p', 'value', '-p'],
  ['create', '--publish', 'value', '--publish'],
  ['create', '-P', 'bool', '-P'],
  ['create', '--publish-all', 'bool', '--publish-all'],
  ['create', '--expose', 'value', '--expose'],
  ['create', '--restart', 'value', '--restart'],
  ['create', '-h', 'value', '-h'],
  ['create', '--hostname', 'value', '--hostname'],
  ['create', '--add-host', 'value', '--add-host'],
  ['create', '--dns', 'value', '--dns'],
  ['create', '--cap-add', 'value', '--cap-add'],
  ['create', '--cap-drop', 'value', '--cap-drop'],
  ['create', '--device', 'value', '--device'],
  ['create', '--security-opt', 'value', '--security-opt'],
  ['create', '--log-driver', 'value', '--log-driver'],
  ['create', '--log-opt', 'value', '--log-opt'],
  ['create', '-m', 'value', '--memory'],
  ['create', '--memory', 'value', '--memory'],
  ['create', '--cpus', 'value', '--cpus'],
  ['create', '--shm-size', 'value', '--shm-size'],
  ['create', '--tmpfs', 'value', '--tmpfs'],
  ['create', '--ulimit', 'value', '--ulimit'],
  ['create', '--group-add', 'value', '--group-add'],
  ['create', '--ipc', 'value', '--ipc'],
  ['cp', '-a', 'bool', '--archive'],
  ['cp', '--archive', 'bool', '--archive'],
  ['cp', '-L', 'bool', '--follow-link'],
  ['cp', '--follow-link', 'bool', '--follow-link'],
  ['cp', '-q', 'bool', '--quiet'],
  ['cp', '--quiet', 'bool', '--quiet'],
  ['rm', '-f', 'bool', '--force'],
  ['rm', '--force', 'bool', '--force'],
  ['rm', '-v', 'bool', '--volumes'],
  ['rm', '--volumes', 'bool', '--volumes'],
  ['rm', '-l', 'bool', '--link'],
  ['rm', '--link', 'bool', '--link'],
];

describe('the arity and name of each flag', () => {
  it.each(FLAG_GRAMMAR)('docker %s %s (%s, %s)', (sub, flag, arity, name) => {
    const value = arity === 'value' ? ' v' : '';
    const read = arity === 'value' ? `${name}=v@2,3` : `${name}@2`;
    const expected = {
      build: [`docker build ${flag}${value} .`, { build: [read], context: '.' }],
      run: [`docker run ${flag}${value} img cmd`, { run: [read], image: 'img', command: ['cmd'] }],
      create: [`docker create ${flag}${value} img cmd`, { create: [read], image: 'img', command: ['cmd'] }],
      cp: [`docker cp ${flag}${value} x:/a b`, { cp: [read], src: 'x:/a', dest: 'b' }],
      rm: [`docker rm ${flag}${value} x`, { rm: [read], containers: ['x'] }],
    }[sub] as [string, unknown];
    expect(shape(expected[0])).toEqual(expected[1]);
  });

  it.each(['container run', 'container create', 'container cp', 'container rm'])('docker %s is its subcommand', (sub) => {
    const line = {
      'container run': 'docker container run img',
      'container create': 'docker container create img',
      'container cp': 'docker container cp x:/a b',
      'container rm': 'docker container rm x',
    }[sub]!;
    expect(Object.keys(shape(line) as object)[0]).toBe(sub.split(' ')[1]);
  });

  const SUDO_VALUE = [
    '-u',
    '--user',
    '-g',
    '--group',
    '-C',
    '--close-from',
    '-D',
    '--chdir',
    '-h',
    '--host',
    '-p',
    '--prompt',
    '-r',
    '--role',
    '-t',
    '--type',
    '-T',
    '--command-timeout',
    '-U',
    '--other-user',
  ];
  it.each(SUDO_VALUE)('sudo %s takes a value', (flag) => {
    expect(dockerWords(words(`sudo ${flag} v docker ps`))?.map((a) => a.text) ?? null).toEqual(['docker', 'ps']);
  });
});
