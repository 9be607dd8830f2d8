import { describe, expect, it } from 'vitest';
import { driverFor } from '../../src/drivers/index.js';
import { summarise } from './driver-summary.js';

/**
 * Small drivers written for one reading each (a wrapper, a chdir, an unawaited promise, a loop, a
 * recipe prefix …) — the spellings testdata's setups do not happen to hold — extracted and pinned step
 * by step. A deliberate change to a driver updates the snapshot; its diff is the review.
 */
const CASES: [string, string][] = [
  // sh
  ['build.sh', 'docker build -t b -f Dockerfile.build .\nid=$(docker create b)\ndocker cp "$id":/out/app ./app\ndocker rm -v "$id"\ndocker build -t app .\n'],
  ['sub/build.sh', 'cd ..\ndocker build -t b .\ncd sub && docker create --name c b\npushd x; docker cp c:/o o; popd\n'],
  ['build.sh', 'set -e\nbuild() {\n  docker build -t b .\n  docker create --name c b\n}\nbuild\ndocker cp c:/o .\n'],
  ['build.sh', 'for a in x y; do\n  docker cp c:/out/$a ./$a\ndone\necho $a\ndocker rm c\n'],
  ['build.sh', 'if [ -n "$X" ]; then docker build -t b .; fi\nwhile true; do break; done\ncase $1 in a) docker rm c;; esac\n'],
  ['build.sh', 'docker build -t b . > log.txt\ndocker run --rm b tar -c out | tar -x\ndocker run b cat /app > app 2>err\nsudo -E docker build -t x .\n'],
  ['build.sh', 'docker build \\  \n  -t b .\nIMG=b\nexport TAG=1\ndocker create --name c "$IMG:$TAG"\nread TAG\ndocker cp c:/o "$TAG"\n'],
  ['build.sh', 'docker build -t b . &&\n  docker create --name c b && docker cp c:/o . ; docker rm c\n'],
  ['build.sh', 'f() { docker build .; }\ng() { docker cp c:/o .; }\nf\nf\ng x\n'],
  ['build.sh', 'docker build -t b . (\n'],
  ['build', '#!/bin/bash\ncd "$(dirname "$0")"\ndocker build -t b .\n'],
  // make
  [
    'Makefile',
    'IMG := b\n.PHONY: all\nall: app\n\napp: Dockerfile.build\n\tdocker build -t $(IMG) -f Dockerfile.build .\n\t@docker create --name c $(IMG)\n\t-docker cp c:/out/app $@\n\tdocker rm c\n',
  ],
  ['Makefile', 'export TAG ?= 1\nall:\n\tcd sub && docker build -t b:$(TAG) .\n\tdocker run --rm -v $(CURDIR)/out:/out b make\n\t$(MAKE) -C sub\n'],
  ['Makefile', 'all: a b\na:\n\tdocker build -t x .\nb: a\n\tdocker cp c:/o $(@D)/o\n%.o: %.c\n\tdocker cp c:/o $@\nc:\n\techo never\n'],
  ['Makefile', 'define BUILD\ndocker build -t b .\nendef\nall:\n\t$(BUILD)\n\tdocker cp c:/o .\nifeq ($(X),1)\nY = 2\nendif\n'],
  ['Makefile', 'all: ; docker build -t b .\n\tdocker create --name c b ; \\\n\t  docker cp c:/o .\n\n.ONESHELL:\n'],
  ['sub/rules.mk', 'S = $(shell pwd)\nD = $(dir $(lastword $(MAKEFILE_LIST)))\nall:\n\tdocker build -t b $(D)\n\tdocker cp c:/o $(S)/o\n\tdocker rm c\n'],
  ['Makefile', 'all:\n\tdocker build -t b . \\\n\t\t--no-cache\n\tfor f in a b; do docker cp c:/$$f .; done\n\tdocker rm c || true\n'],
  ['Makefile', 'all: b\nb:\n\tdocker build -t b .\nall:\n\tdocker cp c:/o .\nb:\n\techo again\n'],
  // package.json
  [
    'package.json',
    '{\n  "scripts": {\n    "prebuild": "docker build -t b .",\n    "build": "docker create --name c b && docker cp c:/o ./o && docker rm c",\n    "push": "docker push b",\n    "test": "jest"\n  }\n}\n',
  ],
  ['web/package.json', '{"scripts":{"build":"npm run img && docker cp c:/o \\"./o x\\"","img":"docker build -t b .","run":"docker run b"}}'],
  ['package.json', '{"scripts": {"build": "docker cp c:/o .",}'],
  ['package.json', '\ufeff{"scripts":{"dist":"docker run --rm -v $PWD/out:/out b","lint":"eslint ."}}'],
  // ci
  [
    '.github/workflows/ci.yml',
    'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build -t b -f Dockerfile.build .\n      - name: extract\n        working-directory: sub\n        run: |\n          docker create --name c b\n          docker cp c:/o ./o\n      - run: docker build -t app .\n',
  ],
  [
    '.gitlab-ci.yml',
    'build:\n  image: docker\n  before_script:\n    - docker build -t b .\n  script:\n    - docker create --name c b\n    - "docker cp c:/o ./o"\n    - >\n      docker build\n      -t app .\n  after_script:\n    - docker rm c\n',
  ],
  [
    '.github/workflows/x.yml',
    'jobs:\n  a:\n    steps:\n      - run: docker cp c:/o .\n  b:\n    needs: a\n    strategy:\n      matrix:\n        v: [1, 2]\n    steps:\n      - run: docker build -t b:${{ matrix.v }} .\n      - uses: docker/build-push-action@v5\n',
  ],
  ['.github/workflows/bad.yml', 'jobs: [\n  run: docker cp c:/o .\n'],
  // js
  [
    'build.mjs',
    "import { execSync } from 'node:child_process';\nexecSync('docker build -t b -f Dockerfile.build .', { stdio: 'inherit' });\nconst id = execSync('docker create b').toString().trim();\nexecSync(`docker cp ${id}:/out/app ./app`);\nexecSync(`docker rm ${id}`, { cwd: 'sub' });\n",
  ],
  [
    'build.js',
    "const { execFileSync, spawnSync } = require('child_process');\nexecFileSync('docker', ['build', '-t', 'b', '.']);\nspawnSync('docker', ['create', '--name', 'c', 'b'], { env: process.env });\nconst args = ['cp', 'c:/o', '.'];\nexecFileSync('docker', args);\nexecFileSync('chmod', ['+x', 'o']);\n",
  ],
  [
    'build.ts',
    "import { $, cd } from 'zx';\nconst tag = 'b';\nawait $`docker build -t ${tag} .`;\ncd('sub');\nawait $`docker create --name c ${tag}`;\n$`docker cp c:/o .`;\n$.cwd = '..';\nawait $`docker rm c`;\n",
  ],
  [
    'build.mjs',
    "import { execa, execaSync, execaCommand } from 'execa';\nawait execa('docker', ['build', '-t', 'b', '.']);\nexecaSync('docker', ['create', '--name', 'c', 'b']);\nawait execaCommand('docker cp c:/o .');\nexeca('docker', ['rm', 'c']);\n",
  ],
  [
    'build.js',
    "const cp = require('child_process');\nconst sh = (cmd) => cp.execSync(cmd, { stdio: 'inherit' });\nfunction run(c) { console.log(c); return cp.execSync(c); }\nsh('docker build -t b .');\nrun('docker create --name c b');\nfor (const f of ['a']) sh(`docker cp c:/${f} .`);\nif (process.env.X) sh('docker rm c');\n",
  ],
  [
    'build.mjs',
    "import { execSync } from 'child_process';\nimport fs from 'fs';\nasync function main() {\n  execSync('docker build -t b .');\n  execSync('docker create --name c b');\n  execSync('docker cp c:/o .');\n  fs.rmSync('tmp', { recursive: true, force: true });\n  fs.mkdirSync('out');\n  fs.chmodSync('o', 0o755);\n}\nmain();\n",
  ],
  [
    'build.cjs',
    "const { execSync, exec } = require('child_process');\nprocess.chdir('sub');\nexecSync('docker build -t b .');\nexec('docker cp c:/o .');\nconst x = execSync(cmd);\nexecSync('docker cp c:/o .', { shell: '/bin/bash' });\n",
  ],
  [
    'build.mts',
    "import { execSync } from 'child_process';\nexecSync('docker build -t b . && docker create --name c b', {cwd: '../x'});\nlet v = 'a';\nv = 'b';\nexecSync(`docker cp c:/${v} .`);\nexecSync('docker cp c:/o ' + 'out');\n",
  ],
  ['build.js', "const { execSync } = require('child_process');\nexecSync('docker build -t b .'\n"],
  ['bad.js', "require('child_process').execSync('docker cp c:/o .'\n"],
  [
    'build.js',
    "import { execSync } from 'child_process';\nexecSync(\"docker build -t b \\\"x y\\\" .\");\nexecSync('docker cp c:/o \\'a b\\'');\nexecSync(`docker rm \\`c\\``);\n",
  ],
  // unsupported
  ['build.ps1', '$ErrorActionPreference = "Stop"\ndocker build -t b .\ndocker cp c:/out out\n'],
];

describe('driver extraction of crafted drivers', () => {
  it.each(CASES.map(([rel, text], i) => [`${i} ${rel}`, rel, text] as const))('%s', async (_name, rel, text) => {
    const kind = driverFor(rel, text.slice(0, 256));
    expect(kind, `no driver kind claims ${rel}`).toBeDefined();
    expect([kind!.name, ...summarise(await kind!.extract(rel, text))]).toMatchSnapshot();
  });
});
