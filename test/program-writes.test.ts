import { runPlanCases, type PlanCase } from './support/plan-tester.js';

// A program of the repository a driver runs that restage does not read, whose text copies out of a
// container (src/detect/program-writes.ts): a later build reading a file the checkout lacks is refused
// at the line that runs it, not passed over as "0 setups".
const builder = 'FROM local/build:1\nRUN mkdir /out && echo x > /out/app\n';
const runtime = 'FROM local/run:1\nCOPY app /app\n';
const py =
  'import subprocess, sys\ncid = subprocess.check_output(["docker", "create", sys.argv[1]]).decode().strip()\nsubprocess.check_call(["docker", "cp", cid + ":/out/app", "app"])\n';
const script = (run: string) => `#!/bin/sh\nset -e\ndocker build -f Dockerfile.build -t x/builder .\n${run}\ndocker build -t x/app .\n`;
const files = (run: string, extra: Record<string, string>) => ({ 'build.sh': script(run), 'Dockerfile.build': builder, Dockerfile: runtime, ...extra });
const goPull = 'package main\nfunc main() { r, _, _ := cli.CopyFromContainer(ctx, id, "/out/app"); _ = r }\n';
const pyArchive = 'bits, _ = client.containers.get("x").get_archive("/out/app")\n';
const refusedAt4: PlanCase['expected'] = [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 4 }];

runPlanCases('a program restage does not read, run between the builds', [
  { name: 'python3 PROGRAM', files: files('python3 extract_artifact.py x/builder', { 'extract_artifact.py': py }), expected: refusedAt4 },
  {
    name: "an interpreter option's value before the program",
    files: files('python3 -W ignore extract_artifact.py x/builder', { 'extract_artifact.py': py }),
    expected: refusedAt4,
  },
  {
    name: 'an interpreter option before the program',
    files: files('python3 -u ./extract_artifact.py x/builder', { 'extract_artifact.py': py }),
    expected: refusedAt4,
  },
  // With a shebang no driver kind reads (python3), the program is claimed as an unsupported driver and refused itself.
  { name: 'the program by its path, no extension and no shebang', files: files('./extract x/builder', { extract: py }), expected: refusedAt4 },
  {
    name: 'a path relative to a directory the script changed to',
    files: files('cd tools && ../bin/pull x/builder && cd ..', { 'bin/pull': py, 'tools/README': 'x\n' }),
    expected: refusedAt4,
  },
  {
    name: "the Docker SDK's archive call",
    files: files('python3 pull.py x/builder', {
      'pull.py': "import docker\nclient = docker.from_env()\nc = client.containers.get('x')\nbits, _ = c.get_archive('/out/app')\n",
    }),
    expected: refusedAt4,
  },
  {
    name: 'docker run with a bind mount',
    files: files('perl mount.pl', { 'mount.pl': 'system("docker run --rm -v $ENV{PWD}:/w x/builder tar -C /out -c app | tar -x");\n' }),
    expected: refusedAt4,
  },
  { name: 'docker export', files: files('ruby dump.rb', { 'dump.rb': "system('docker export c | tar -x app')\n" }), expected: refusedAt4 },
  {
    name: 'a program that only pushes: no copy out',
    files: files('python3 publish.py', { 'publish.py': 'import os\nos.system("docker push x/builder")\n' }),
    expected: 'nothing',
  },
  { name: 'a program that never names docker', files: files('python3 gen.py > app', { 'gen.py': 'print("app")\n' }), expected: 'nothing' },
  { name: 'a bare command name is on PATH, not the repository file of that name', files: files('extract x/builder', { extract: py }), expected: 'nothing' },
  {
    name: 'where the script runs it is known only at run time',
    files: files('cd "$WORK" && python3 extract_artifact.py x/builder', { 'extract_artifact.py': py }),
    expected: 'nothing',
  },
  {
    name: 'a script restage reads has its own writes: refused as an extraction in another driver, once',
    files: files('./extract.sh', { 'extract.sh': '#!/bin/sh\nid=$(docker create x/builder)\ndocker cp "$id":/out/app app\n' }),
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 3 }],
  },
  { name: 'a program named at run time', files: files('python3 "$TOOL" x/builder', { 'extract_artifact.py': py }), expected: 'nothing' },
  // SDKs' copies out of a container and the ways a program is run, each a spelling no fixture had.
  {
    name: "docker-py's containers.run, whose output the program writes (the client made on another line)",
    files: files('python3 scripts/pull.py', {
      'scripts/pull.py': 'import docker\nclient = docker.from_env()\nopen("app", "wb").write(client.containers.run("x/builder", "cat /out/app"))\n',
    }),
    expected: refusedAt4,
  },
  { name: 'go run FILE, through the Go client', files: files('go run tools/pull/main.go x/builder', { 'tools/pull/main.go': goPull }), expected: refusedAt4 },
  { name: "go run DIR: the directory's Go files", files: files('go run ./tools/pull x/builder', { 'tools/pull/main.go': goPull }), expected: refusedAt4 },
  {
    name: 'go run . from the directory',
    files: files('cd tools/pull && go run . x/builder && cd ../..', { 'tools/pull/main.go': goPull }),
    expected: refusedAt4,
  },
  {
    name: 'go run DIR: a test file is not compiled',
    files: files('go run ./tools/pull x/builder', { 'tools/pull/main.go': 'package main\n', 'tools/pull/pull_test.go': goPull }),
    expected: 'nothing',
  },
  { name: 'go test does not run the program', files: files('go test ./tools/pull', { 'tools/pull/main.go': goPull }), expected: 'nothing' },
  {
    name: "java's single-file source launch, through docker-java",
    files: files('java tools/Pull.java x/builder', { 'tools/Pull.java': 'var in = client.copyArchiveFromContainerCmd(id, "/out/app").exec();\n' }),
    expected: refusedAt4,
  },
  { name: 'uv run FILE', files: files('uv run scripts/pull.py x/builder', { 'scripts/pull.py': pyArchive }), expected: refusedAt4 },
  { name: 'poetry run python FILE', files: files('poetry run python -u scripts/pull.py', { 'scripts/pull.py': pyArchive }), expected: refusedAt4 },
  {
    name: 'env with an assignment before the interpreter',
    files: files('env PYTHONUNBUFFERED=1 python3 pull.py', { 'pull.py': pyArchive }),
    expected: refusedAt4,
  },
  {
    name: "bundle exec ruby FILE, through docker-api's archive_out",
    files: files('bundle exec ruby pull.rb x/builder', { 'pull.rb': 'c.archive_out("/out/app") { |chunk| f.write(chunk) }\n' }),
    expected: refusedAt4,
  },
  { name: 'a wrapper with nothing to run', files: files('env', { 'pull.py': pyArchive }), expected: 'nothing' },
  { name: "a wrapper's other subcommand runs no program", files: files('uv export -o pull.py', { 'pull.py': pyArchive }), expected: 'nothing' },
  { name: 'timeout and its duration', files: files('timeout 60 python3 pull.py x/builder', { 'pull.py': pyArchive }), expected: refusedAt4 },
  { name: "sudo's option values", files: files('sudo -u ci -E python3 pull.py', { 'pull.py': pyArchive }), expected: refusedAt4 },
  {
    name: "flock's lock file, then nice's niceness",
    files: files('flock /tmp/build.lock nice -n 5 python3 pull.py', { 'pull.py': pyArchive }),
    expected: refusedAt4,
  },
  { name: 'xargs', files: files('echo x/builder | xargs -n 1 python3 pull.py', { 'pull.py': pyArchive }), expected: refusedAt4 },
  { name: 'an assignment that holds a path', files: files('env PATH=/opt/py/bin:$PATH python3 pull.py', { 'pull.py': pyArchive }), expected: refusedAt4 },
  { name: 'a wrapper that runs no repository program', files: files('timeout 60 python3 -m pip list', { 'pull.py': pyArchive }), expected: 'nothing' },
  // A library the script sources that names no docker is no driver: the programs its functions run are the script's.
  {
    name: 'a sourced library whose function runs the program',
    files: files('source scripts/lib.sh\npull x/builder', { 'scripts/lib.sh': 'pull() {\n  python3 tools/pull.py "$1"\n}\n', 'tools/pull.py': pyArchive }),
    expected: refusedAt4,
  },
  {
    name: 'a sourced library that runs no such program',
    files: files('. scripts/lib.sh\nlog building', { 'scripts/lib.sh': 'log() { echo "$@"; }\n', 'tools/pull.py': pyArchive }),
    expected: 'nothing',
  },
  { name: 'python -m MODULE', files: files('python3 -m tools.pull x/builder', { 'tools/pull.py': pyArchive }), expected: refusedAt4 },
  {
    name: 'python -m PACKAGE: its __main__.py',
    files: files('python3 -u -m tools.pull x/builder', { 'tools/pull/__main__.py': pyArchive }),
    expected: refusedAt4,
  },
  { name: 'python -m of a module the checkout lacks', files: files('python3 -m pip install docker', { 'tools/pull.py': pyArchive }), expected: 'nothing' },
  { name: "python -c: the program's text in the command", files: files(`python3 -c '${pyArchive.trim()}'`, {}), expected: refusedAt4 },
  { name: 'node -e', files: files(`node -e "require('child_process').execSync('docker cp c:/out/app app')"`, {}), expected: refusedAt4 },
  { name: 'ruby -e', files: files(`ruby -e 'system("docker cp c:/out/app app")'`, {}), expected: refusedAt4 },
  { name: 'php -r', files: files(`php -r 'system("docker cp c:/out/app app");'`, {}), expected: refusedAt4 },
  { name: 'inline code that copies nothing out', files: files(`python3 -c 'print("docker is installed")'`, {}), expected: 'nothing' },
  { name: "ruby's -r is a library, not code", files: files('ruby -r json pull.rb', { 'pull.rb': 'c.archive_out("/out/app")\n' }), expected: refusedAt4 },
  // A compound statement restage does not follow: its commands are read word by word for programs.
  { name: 'a subshell that changes directory', files: files('(cd tools && python3 pull.py)', { 'tools/pull.py': pyArchive }), expected: refusedAt4 },
  { name: 'go run . in a subshell', files: files('(cd tools/pull && go run . x/builder)', { 'tools/pull/main.go': goPull }), expected: refusedAt4 },
  { name: 'the condition of an if', files: files('if python3 tools/pull.py; then echo ok; fi', { 'tools/pull.py': pyArchive }), expected: refusedAt4 },
  {
    name: 'a loop',
    files: files('for t in a b; do ruby -w tools/pull.rb "$t"; done', { 'tools/pull.rb': 'c.archive_out("/out/app")\n' }),
    expected: refusedAt4,
  },
  {
    name: 'a subshell: the program beside the driver, not in the directory a cd names',
    files: files('(cd tools && python3 pull.py)', { 'pull.py': pyArchive, 'tools/x': '' }),
    expected: 'nothing',
  },
  {
    name: 'a subshell whose cd is computed: read from where it starts',
    files: files('(cd "$(dirname "$0")" && python3 -m tools.pull x/builder)', { 'tools/pull.py': pyArchive }),
    expected: refusedAt4,
  },
  { name: 'a subshell whose cd leaves the repository', files: files('(cd ../other && python3 pull.py)', { 'pull.py': pyArchive }), expected: 'nothing' },
  { name: 'a subshell that pushd-s', files: files('(pushd tools && python3 pull.py)', { 'tools/pull.py': pyArchive }), expected: refusedAt4 },
  {
    name: 'a subshell starts where the script was',
    files: files('cd tools\ndocker image ls\n(python3 pull.py)\ncd ..', { 'tools/pull.py': pyArchive }),
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 6 }],
  },
  { name: 'a wrapper with no subcommand', files: files('nice python3 pull.py', { 'pull.py': pyArchive }), expected: refusedAt4 },
  { name: 'a quoted program in a subshell', files: files('(cd tools && python3 "pull.py")', { 'tools/pull.py': pyArchive }), expected: refusedAt4 },
  {
    name: "yarn's node runs the program",
    files: files('yarn node tools/pull.cjs', { 'tools/pull.cjs': "await c.getArchive({ path: '/out/app' });\n" }),
    expected: refusedAt4,
  },
  {
    name: 'a subshell that names the program to no interpreter',
    files: files('(cd tools && cat pull.py)', { 'tools/pull.py': pyArchive }),
    expected: 'nothing',
  },
  { name: 'an interpreter named by a variable', files: files('"${PYTHON:-python3}" tools/pull.py', { 'tools/pull.py': pyArchive }), expected: refusedAt4 },
]);
