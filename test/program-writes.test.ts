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
]);
