import { describe, expect, it } from 'vitest';
import { extract } from '../src/drivers/sh/index.js';
import type { DriverStep } from '../src/drivers/steps.js';

// What the sh driver (src/drivers/sh/index.ts) makes of a script, one row per form: the steps it hands
// the planner (a command as its words, `~` before a word known only at run time, `@dir` for a cwd other
// than the script's, `@?` for one restage cannot know, or an opaque step by its node type).

function describeStep(s: DriverStep): string {
  if (s.kind === 'opaque') return `opaque(${s.nodeType})`;
  const words = s.args.map((x) => (x.isStatic ? x.text : `~${x.text}`)).join(' ');
  return s.cwd === '' ? words : `${words} @${s.cwd ?? '?'}`;
}

const steps = async (body: string, shebang = '#!/bin/sh'): Promise<string[]> => (await extract('build.sh', `${shebang}\n${body}\n`)).steps.map(describeStep);

describe('what ends the script', () => {
  it.each<[string, string, string[]]>([
    ['exit', 'docker build .\nexit 0\ndocker push app', ['docker build .', 'exit 0']],
    ['exec of a command', 'exec docker build .\ndocker push app', ['docker build .']],
    ['exec alone does not', 'exec\ndocker push app', ['exec', 'docker push app']],
    ['exit behind a test may not run', '[ -n "$SKIP" ] && exit 0\ndocker push app', ['opaque(test_command)', 'exit 0', 'docker push app']],
    ['behind test by its path', '/usr/bin/test -n "$SKIP" && exit 0\ndocker push app', ['/usr/bin/test -n ~$SKIP', 'exit 0', 'docker push app']],
    ['behind grep', 'grep -q x f && exit 0\ndocker push app', ['grep -q x f', 'exit 0', 'docker push app']],
    ['behind false', 'false && exit 1\ndocker push app', ['false', 'exit 1', 'docker push app']],
    ['behind another command it runs', 'true && exit 0\ndocker push app', ['true', 'exit 0']],
    ['behind a command whose name starts like a test', 'tester && exit 0\ndocker push app', ['tester', 'exit 0']],
    ['behind one whose name ends like one', 'mytest && exit 0\ndocker push app', ['mytest', 'exit 0']],
    ['a test on the line before does not guard it', '[ -n "$SKIP" ]\nexit 0\ndocker push app', ['opaque(test_command)', 'exit 0']],
    ['behind a block restage does not read', 'if true; then :; fi && exit 0\ndocker push app', ['opaque(if_statement)', 'exit 0', 'docker push app']],
  ])('%s', async (_, body, expected) => {
    expect(await steps(body)).toEqual(expected);
  });
});

describe('commands that run docker or shell text restage does not read as a docker step', () => {
  it.each<[string, string, string[]]>([
    ['eval', 'eval "docker cp x:/a b"', ['opaque(command string run by eval)']],
    ['sh -c', 'sh -c "cp a b"', ['opaque(command string run by sh)']],
    ['sh without -c runs a file', 'sh ./copy.sh', ['sh ./copy.sh']],
    ['tar -czf is no shell', 'tar -czf a.tgz docker', ['tar -czf a.tgz docker']],
    ['the client behind setsid: its words stay a host command', 'setsid docker push app', ['setsid docker push app']],
    ["sh -c after the client is the container's", 'setsid docker run img sh -c "cp a b"', ['setsid docker run img sh -c cp a b']],
    ['sh -c of a program known only at run time', '$ENGINE run img sh -c "cp a b"', ['~$ENGINE run img sh -c cp a b']],
    ['the client alone: a lookup', 'which docker', ['which docker']],
    ['echo of the command', 'echo docker cp x:/a b', ['echo docker cp x:/a b']],
    ['a subcommand known at run time stays a docker step', 'docker "$SUB" x:/a b', ['docker ~$SUB x:/a b']],
  ])('%s', async (_, body, expected) => {
    expect(await steps(body)).toEqual(expected);
  });
});

describe('loops', () => {
  it.each<[string, string, string[]]>([
    ['over written-out words, with a plain body', 'for v in a b; do docker build -t "$v" .; done', ['docker build -t <v> .']],
    ['over a word known at run time', 'for v in a $X; do docker build -t "$v" .; done', ['opaque(for_statement)']],
    ['with a cd after a plain command', 'for v in a b; do echo "$v"; cd "$v"; done', ['opaque(for_statement)']],
    ['with a cd', 'for v in a b; do cd "$v"; done', ['opaque(for_statement)']],
    ['with a command whose name ends in cd', 'for v in a b; do abcd "$v"; done', ['abcd <v>']],
    ['with one whose name starts with cd', 'for v in a b; do cdrecord "$v"; done', ['cdrecord <v>']],
    ['with an assignment', 'for v in a b; do x=$v; done', []],
    ['with a block inside', 'for v in a b; do if true; then :; fi; done', ['opaque(for_statement)']],
  ])('%s', async (_, body, expected) => {
    // A pass's value is a token that stands for it: <v> here.
    expect((await steps(body)).map((s) => s.replace(/\u0001loop\d+:(\w+)\u0001/g, '<$1>'))).toEqual(expected);
  });
});

describe('functions read at their call', () => {
  it.each<[string, string, string[]]>([
    ['called once without arguments', 'f() { docker build .; }\nf', ['docker build .']],
    ['called with arguments it does not read', 'f() { docker build .; }\nf x', ['docker build .']],
    ['called with arguments it reads as $1', 'f() { docker build -t "$1" .; }\nf x', ['opaque(function_definition)', 'f x']],
    ['as ${1}', 'f() { docker build -t "${1}" .; }\nf x', ['opaque(function_definition)', 'f x']],
    ['as $@', 'f() { docker build "$@"; }\nf x', ['opaque(function_definition)', 'f x']],
    ['as ${#}', 'f() { echo ${#}; docker build .; }\nf x', ['opaque(function_definition)', 'f x']],
    ['by shift', 'f() { shift; docker build .; }\nf x', ['opaque(function_definition)', 'f x']],
    ['by getopts', 'f() { getopts a o; docker build .; }\nf x', ['opaque(function_definition)', 'f x']],
    ['called twice', 'f() { docker build .; }\nf\nf', ['opaque(function_definition)', 'f', 'f']],
    ['defined twice', 'f() { docker build .; }\nf() { docker push x; }\nf', ['opaque(function_definition)', 'opaque(function_definition)', 'f']],
    ['named in a comment besides its call', 'f() { docker build .; }\n# f builds\nf', ['docker build .']],
    ['called by a function called once', 'b() { docker build .; }\nmain() { b; }\nmain', ['docker build .']],
    ['defined as `f () {`', 'f () { docker build .; }\nf', ['docker build .']],
    ['called in a case item too', 'f() { docker build .; }\ncase "$1" in\n  x)f ;;\nesac\nf', ['opaque(function_definition)', 'opaque(case_statement)', 'f']],
    ['named once more in a command substitution', 'f() { docker build .; }\necho "$(f)"\nf', ['opaque(function_definition)', 'echo ~$(f)', 'f']],
    ['called before it is defined', 'f\nf() { docker build .; }', ['f', 'opaque(function_definition)']],
    ['its output redirected', 'f() { docker build .; }\nf > log', ['opaque(function_definition)', 'f']],
    [
      'its local variables end with it',
      'V=1\nf() { local V=2; docker build -t "$V" .; }\nf\ndocker build -t "$V" .',
      ['docker build -t 2 .', 'docker build -t 1 .'],
    ],
    [
      'declare and typeset too',
      'V=1\nW=1\nf() { declare -r V=2; typeset W; docker build .; }\nf\ndocker build -t "$V$W" .',
      ['docker build .', 'docker build -t 11 .'],
    ],
  ])('%s', async (_, body, expected) => {
    expect(await steps(body, '#!/bin/bash')).toEqual(expected);
  });
});

describe('what a block restage does not read may change', () => {
  it.each<[string, string, string[]]>([
    ['a variable it assigns', 'V=1\nif true; then V=2; fi\ndocker build -t "$V" .', ['opaque(if_statement)', 'docker build -t ~$V .']],
    ['export of it', 'V=1\nif true; then export V=2; fi\ndocker build -t "$V" .', ['opaque(if_statement)', 'docker build -t ~$V .']],
    ['read -r', 'V=1\nif true; then read -r V < f; fi\ndocker build -t "$V" .', ['opaque(if_statement)', 'docker build -t ~$V .']],
    ['for V', 'V=1\nif true; then for V in x; do :; done; fi\ndocker build -t "$V" .', ['opaque(if_statement)', 'docker build -t ~$V .']],
    ['another name leaves it', 'V=1\nif true; then W=2; fi\ndocker build -t "$V" .', ['opaque(if_statement)', 'docker build -t 1 .']],
    ['the cwd after a cd', 'if true; then cd sub; fi\ndocker build .', ['opaque(if_statement)', 'docker build . @?']],
  ])('%s', async (_, body, expected) => {
    expect(await steps(body)).toEqual(expected);
  });
});

describe('one command’s words (shell-command.ts)', () => {
  /** A docker step with what it carries: the wrappers before it, a pipe, a redirect restage does not model (!). */
  const detailed = async (body: string): Promise<string[]> =>
    (await extract('build.sh', `#!/bin/sh\n${body}\n`)).steps.map((s) =>
      s.kind === 'docker'
        ? [
            s.wrappers ? `[${s.wrappers.join(' ')}] ` : '',
            describeStep(s),
            s.pipeTo ? ` | ${s.pipeTo.map((a) => a.text).join(' ')}` : '',
            s.unmodelledRedirect ? ' !' : '',
          ].join('')
        : s.kind === 'host'
          ? `$ ${describeStep(s)}`
          : describeStep(s),
    );
  it.each<[string, string, string[]]>([
    ['a variable holding a wrapper and the client is split into words', 'D="sudo docker"\n$D build .', ['docker build .']],
    ['quoted, it stays one word', 'D="sudo docker"\n"$D" build .', ['$ sudo docker build .']],
    ['a value with a wildcard stays one word', 'D="docker b*"\n$D .', ['$ docker b* .']],
    ['one word is no split', 'D=docker\n$D build .', ['docker build .']],
    ['blanks around one word go', 'D=" docker "\n$D build .', ['docker build .']],
    [
      'docker create inside docker cp is a step of its own',
      'docker cp $(docker create img):/out/app .',
      ['docker create img', 'docker cp \u0001cid0\u0001:/out/app .'],
    ],
    ['so is docker ps -lq', 'docker cp "$(docker ps -lq)":/out/app .', ['docker ps -lq', 'docker cp \u0001cid0\u0001:/out/app .']],
    ['not with its output redirected', 'docker cp $(docker create img > id):/out/app .', ['docker cp ~$(docker create img > id):/out/app .']],
    ['nor with another redirect', 'docker cp $(docker create img < x):/out/app .', ['docker cp ~$(docker create img < x):/out/app .']],
    ['nor another docker command', 'docker cp $(docker images -q):/out/app .', ['docker cp ~$(docker images -q):/out/app .']],
    ['a pipe carries the command it feeds', 'docker run img tar -c /out | tar -x', ['docker run img tar -c /out | tar -x']],
    ['a redirect of the pipe’s end is a statement restage does not read', 'docker run img tar -c /out | tar -x > log', ['opaque(redirected_statement)']],
    ['a redirect of its errors is no output', 'docker build . 2> log', ['docker build .']],
    ['an environment prefix', 'DOCKER_HOST=x docker build .', ['docker build . !']],
  ])('%s', async (_, body, expected) => {
    expect(await detailed(body)).toEqual(expected);
  });
});

describe('the directory stack (bash)', () => {
  it.each<[string, string, string[]]>([
    ['pushd into a directory with a dash in its name', 'pushd a-b\ndocker build .', ['pushd a-b @a-b', 'docker build . @a-b']],
    ['pushd +1 rotates', 'pushd a\npushd +1\ndocker build .', ['pushd a @a', 'pushd +1 @?', 'docker build . @?']],
    ['cd - goes back to a directory restage does not track', 'cd a\ncd -\ndocker build .', ['cd a @a', 'cd - @?', 'docker build . @?']],
  ])('%s', async (_, body, expected) => {
    expect(await steps(body, '#!/bin/bash')).toEqual(expected);
  });
});

describe('the variables each docker step saw (shell-command.ts snapshotOf)', () => {
  const varsOf = async (body: string) =>
    (await extract('build.sh', `#!/bin/sh\n${body}\n`)).steps.flatMap((s) => (s.kind === 'docker' && s.vars ? [s.vars] : []));

  it('steps with no assignment between them share one copy; one after an assignment sees the new value', async () => {
    const [a, b, c, d] = await varsOf('T=1\ndocker build -t x:$T .\ndocker push x:$T\nT=2\ndocker build -t y:$T .\ndocker push y:$T');
    expect(b).toBe(a);
    expect(c).not.toBe(b);
    expect(d).toBe(c);
    expect([a!.get('T')?.text, c!.get('T')?.text]).toEqual(['1', '2']);
  });

  it('the same number of variables with another one set is another copy', async () => {
    // The loop's variable is gone after the loop, and B comes in its place.
    const [a, b] = await varsOf('for A in x; do docker build .; done\nB=2\ndocker build .');
    expect(b).not.toBe(a);
    expect([a!.size, b!.size]).toEqual([1, 1]);
    expect([a!.has('A'), a!.has('B'), b!.has('A'), b!.get('B')?.text]).toEqual([true, false, false, '2']);
  });

  it('a variable set since the last step makes another copy', async () => {
    const [a, b] = await varsOf('T=1\ndocker build .\nU=2\ndocker build .');
    expect(b).not.toBe(a);
    expect([a!.has('U'), b!.get('U')?.text]).toEqual([false, '2']);
  });

  it('a snapshot is a copy: later assignments do not reach it', async () => {
    const [a] = await varsOf('T=1\ndocker build -t x:$T .\nT=2');
    expect(a!.get('T')?.text).toBe('1');
  });

  it.each<[string, string]>([
    ['unset', 'unset T'],
    ['unset -v', 'unset -v T'],
    ['unset in a block', 'if [ -n "$X" ]; then unset U T; fi'],
    ['read', 'read -r T < file'],
    ['read with a prompt', 'read -p "tag? " T'],
    ['getopts', 'getopts ab T'],
    ['printf -v', 'printf -v T "%s" 2'],
    ['mapfile', 'mapfile T < file'],
    ['readarray', 'readarray -t T < file'],
    ['let', 'let T=2'],
    ['let +=', 'let "T += 2"'],
    ['let ++', 'let T++'],
    ['let ++ before', 'let ++T'],
  ])('after %s, the value the script assigned is no longer known', async (_, line) => {
    const [a, b] = await varsOf(`T=1\ndocker build -t x:$T .\n${line}\ndocker build -t x:$T .`);
    expect(a!.get('T')?.text).toBe('1');
    expect(b!.has('T')).toBe(false);
  });

  it.each<[string, string]>([
    ['unset -f', 'unset -f T'],
    ['printf without -v', 'printf "%s" T'],
    ['read of another name', 'read -r U'],
    ['let of another name', 'let U=T+1'],
    ['echo', 'echo T'],
  ])('after %s, it is', async (_, line) => {
    const [, b] = await varsOf(`T=1\ndocker build -t x:$T .\n${line}\ndocker build -t x:$T .`);
    expect(b!.get('T')?.text).toBe('1');
  });

  it("a loop's variable, gone again after the loop, leaves the steps around it one copy", async () => {
    const [a, b] = await varsOf('T=1\ndocker build .\nfor A in x y; do echo "$A"; done\ndocker build .');
    expect(b).toBe(a);
  });

  it('an unset variable is gone from the steps after it only', async () => {
    const [a, b, c] = await varsOf('T=1\nU=2\ndocker build .\nunset T\nT=3\nunset T\ndocker build .\nT=4\ndocker build .');
    expect([a!.get('T')?.text, a!.has('T'), a!.size]).toEqual(['1', true, 2]);
    expect([b!.get('T'), b!.has('T'), b!.size, [...b!.keys()]]).toEqual([undefined, false, 1, ['U']]);
    expect([c!.get('T')?.text, c!.get('U')?.text, c!.size]).toEqual(['4', '2', 2]);
  });

  it('each of 300 steps sees the variables set before it and no later one, through every way of reading them', async () => {
    // Long enough that the snapshots' chain of changes is copied flat along the way (over 64 changes).
    const body = Array.from({ length: 300 }, (_, i) => `V${i}=${i}\nW=${i}\ndocker build -t x:$V${i} .`).join('\n');
    const all = await varsOf(body);
    expect(all).toHaveLength(300);
    for (const [i, vars] of all.entries()) {
      const want = new Map([...Array.from({ length: i + 1 }, (_, j) => [`V${j}`, String(j)] as const), ['W', String(i)] as const]);
      expect(vars.size).toBe(want.size);
      expect(vars.get(`V${i}`)?.text).toBe(String(i));
      expect(vars.has(`V${i + 1}`)).toBe(false);
      expect(vars.get('W')?.text).toBe(String(i));
      expect(new Map([...vars].map(([k, v]) => [k, v.text]))).toEqual(want);
      const seen = new Map<string, string>();
      vars.forEach((v, k) => seen.set(k, v.text));
      expect(seen).toEqual(want);
      expect(new Map([...vars.entries()].map(([k, v]) => [k, v.text]))).toEqual(want);
      expect([...vars.values()].map((v) => v.text).sort()).toEqual([...want.values()].sort());
    }
  });
});
