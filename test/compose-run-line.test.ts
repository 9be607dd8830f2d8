import { describe, expect, it } from 'vitest';
import { readComposeRun } from '../src/drivers/compose/command-line.js';
import type { Arg } from '../src/drivers/docker-cli.js';

// How readComposeRun (src/drivers/compose/command-line.ts) reads `docker compose [global] run [options]
// SERVICE [COMMAND…]`, as the compose CLI does: one row per form, the line as the fields it gives.

const words = (line: string): Arg[] => {
  let at = 0;
  return line.split(' ').map((text, index) => {
    const start = at;
    at += text.length + 1;
    return { index, text: text.startsWith('~') ? text.slice(1) : text, isStatic: !text.startsWith('~'), start, end: start + text.length, raw: text };
  });
};

const read = (line: string) => {
  const r = readComposeRun(words(line));
  return (
    r && {
      files: r.files.map((f) => f.text),
      projectDirectory: r.projectDirectory?.text ?? null,
      options: r.options.map((o) => (o.value ? `${o.name}=${o.value.text}` : o.name)),
      service: r.service.text,
      command: r.command.map((c) => c.text).join(' '),
    }
  );
};

describe('readComposeRun', () => {
  it.each<[string, string, ReturnType<typeof read>]>([
    ['a run', 'run builder make', { files: [], projectDirectory: null, options: [], service: 'builder', command: 'make' }],
    [
      'files and a project directory',
      '-f a.yml --file=b.yml --project-directory sub run builder',
      { files: ['a.yml', 'b.yml'], projectDirectory: 'sub', options: [], service: 'builder', command: '' },
    ],
    [
      'other global options',
      '-p x --project-name=y --env-file e --profile p --ansi never --progress plain --parallel 2 --log-level info --no-ansi --compatibility --verbose run b',
      { files: [], projectDirectory: null, options: [], service: 'b', command: '' },
    ],
    [
      'run options by their long names',
      'run -e A=1 --env=B=2 -w /src -v .:/src -u 0 -l k=v -d -T --no-tty -i --rm b sh -c x',
      {
        files: [],
        projectDirectory: null,
        options: [
          '--env=A=1',
          '--env=B=2',
          '--workdir=/src',
          '--volume=.:/src',
          '--user=0',
          '--label=k=v',
          '--detach',
          '--no-TTY',
          '--no-TTY',
          '--interactive',
          '--rm',
        ],
        service: 'b',
        command: 'sh -c x',
      },
    ],
    [
      'the other run options',
      'run --entrypoint sh --name n --publish 80:80 -p 81:81 --pull always --cap-add X --cap-drop Y --detach --interactive --no-TTY --no-deps --service-ports --use-aliases --build --remove-orphans --quiet-pull --workdir /w --volume a:/a --user u --label l=1 b',
      {
        files: [],
        projectDirectory: null,
        options: [
          '--entrypoint=sh',
          '--name=n',
          '--publish=80:80',
          '--publish=81:81',
          '--pull=always',
          '--cap-add=X',
          '--cap-drop=Y',
          '--detach',
          '--interactive',
          '--no-TTY',
          '--no-deps',
          '--service-ports',
          '--use-aliases',
          '--build',
          '--remove-orphans',
          '--quiet-pull',
          '--workdir=/w',
          '--volume=a:/a',
          '--user=u',
          '--label=l=1',
        ],
        service: 'b',
        command: '',
      },
    ],
    ['-- ends the run options', 'run --rm -- b -x', { files: [], projectDirectory: null, options: ['--rm'], service: 'b', command: '-x' }],
    [
      'a word known only at run time is the service',
      'run --rm ~$SVC make',
      { files: [], projectDirectory: null, options: ['--rm'], service: '$SVC', command: 'make' },
    ],
    ['up is no run', 'up builder', null],
    ['a global option compose would not take', '--nope run b', null],
    ['a run option it would not take', 'run --nope b', null],
    ['a global value missing', '-f', null],
    ['a run value missing', 'run -e', null],
    ['no service', 'run --rm', null],
    ['nothing', '', null],
  ])('%s', (_, line, expected) => {
    expect(read(line)).toEqual(expected);
  });
});
