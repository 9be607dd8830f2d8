import { describe, expect, it } from 'vitest';
import { extract } from '../src/drivers/sh/index.js';

/**
 * The spellings of "the directory this script is in" that kubernetes-style hack/ scripts use to cd or to
 * source a library beside them (src/shell/evaluate.ts). Read as unknown, a script that sources
 * "${HACK_DIR}/lib/x.sh" held no library and a run on the script said "0 setups". Each row: the line
 * before `docker cp … ./app` in svc/build.sh, and the cwd that docker cp runs in (null: unknown).
 */
const BASH = '#!/bin/bash\n';

async function cpCwd(line: string): Promise<string | null | undefined> {
  const a = await extract('svc/build.sh', `${BASH}${line}\ndocker cp c:/app ./app\n`);
  const cp = a.steps.filter((s) => s.kind === 'docker').at(-1);
  return cp?.kind === 'docker' ? cp.cwd : undefined;
}

describe("the script's own directory", () => {
  it.each([
    ['dirname of ${BASH_SOURCE[0]}', 'cd "$(dirname "${BASH_SOURCE[0]}")"', 'svc'],
    ['dirname of $BASH_SOURCE, through a variable', 'DIR="$(dirname "$BASH_SOURCE")"; cd "$DIR"', 'svc'],
    ['BASH_SOURCE the script set itself is its value', 'BASH_SOURCE=out/x; cd "$(dirname "$BASH_SOURCE")"', 'svc/out'],
    ['${BASH_SOURCE%/*}', 'cd "${BASH_SOURCE%/*}"', 'svc'],
    ['${0%/*}', 'cd "${0%/*}"', 'svc'],
    ['${0%%/*}: the longest suffix', 'cd "${0%%/*}"', ''],
    ['${0##*/}, then ${N%.sh}', 'N=${0##*/}; cd "out-${N%.sh}"', 'svc/out-build'],
    ['${0#*/}: the shortest prefix', 'cd "$(dirname "${0#*/}")"', 'svc/svc'],
    ['a pattern that matches nothing leaves the value', 'N=${0##*/}; cd "${N%.py}.d"', 'svc/build.sh.d'],
    ['dirname --', 'cd "$(dirname -- "$0")"', 'svc'],
    ['readlink -f', 'cd "$(dirname "$(readlink -f "$0")")"', 'svc'],
    ['realpath', 'HERE=$(dirname "$(realpath "$0")"); cd $HERE', 'svc'],
    ['cd -- … &> /dev/null && pwd', 'SCRIPT_DIR="$( cd -- "$( dirname -- "${BASH_SOURCE[0]}" )" &> /dev/null && pwd )"; cd "$SCRIPT_DIR"', 'svc'],
    ['cd … >/dev/null 2>&1 && pwd', 'cd "$(cd "$(dirname "$0")" >/dev/null 2>&1 && pwd)"', 'svc'],
    ['readlink without -f prints a link target', 'cd "$(dirname "$(readlink "$0")")"', null],
    ['realpath of a relative path', 'cd out && cd "$(realpath ../lib)"', 'svc/lib'],
    ['realpath past the root', 'cd "$(realpath ../../x)"', null],
    ['realpath -s of a relative path', 'cd "$(realpath -s lib/)"', 'svc/lib'],
    ['readlink -n prints a link target', 'cd "$(dirname "$(readlink -n "$0")")"', null],
    ['a replacement is not read', 'cd "${0/build/x}"', null],
    ['a substring is not read', 'cd "${0:0:3}"', null],
    ['a pattern of an unknown variable', 'cd "${OUT%/*}"', null],
    ['a pattern that expands a variable', 'cd "${0%$SUFFIX}"', null],
    ['a bracket expression is not read', 'N=${0##*/}; cd "${N%[a-z].sh}"', null],
    ['an escape is not read', 'N=${0##*/}; cd "${N%\\.sh}"', null],
    ['an extended pattern is not read', 'N=${0##*/}; cd "${N%+(.sh)}"', null],
  ] as const)('%s', async (_name, line, cwd) => {
    expect(await cpCwd(line)).toBe(cwd);
  });
});
