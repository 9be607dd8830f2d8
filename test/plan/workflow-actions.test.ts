import { runPlanCases, type PlanCase } from '../support/plan-tester.js';

// A GitHub Actions step that runs an action (`uses:`) instead of a script reads and writes files
// restage cannot see: an upload of the extracted artifact, a release asset, a cache of its directory.
// Such a step is an opaque one (src/drivers/ci/index.ts), refused when it names what the migration
// removes: the migration takes the artifact off the host, and the step would upload nothing (the next
// job's download then fails) or ship another file. An action whose name says it runs containers may
// write the files a build reads. Docker's own actions are read elsewhere (detect/workflows.ts).

const BUILDER = 'FROM golang:1.22\nRUN mkdir -p /out && echo app > /out/app\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY bin/app /usr/bin/app\n';
const BUILD = '      - run: docker build -t app/builder -f Dockerfile.build .\n';
const EXTRACT = '      - run: |\n          docker create --name c app/builder\n          docker cp c:/out/app bin/app\n          docker rm c\n';
const RUNTIME_BUILD = '      - run: docker build -t app .\n';

const workflow = (...steps: string[]): Record<string, string> => ({
  '.github/workflows/image.yml': `on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps.join('')}`,
  'Dockerfile.build': BUILDER,
  Dockerfile: RUNTIME,
});

const upload = '      - uses: actions/upload-artifact@v4\n        with:\n          name: binary\n          path: bin/app\n';
const refused = (line: number) => [{ ruleId: 'driver-control-flow', messageId: 'driverControlFlow', line }];

const cases: PlanCase[] = [
  {
    name: 'an upload of the artifact between its extraction and the runtime build',
    files: workflow(BUILD, EXTRACT, upload, RUNTIME_BUILD),
    expected: refused(12),
  },
  { name: 'an upload of it after the runtime build', files: workflow(BUILD, EXTRACT, RUNTIME_BUILD, upload), expected: refused(13) },
  {
    name: 'a release asset',
    files: workflow(BUILD, EXTRACT, RUNTIME_BUILD, '      - uses: softprops/action-gh-release@v2\n        with:\n          files: bin/app\n'),
    expected: refused(13),
  },
  {
    name: 'an upload of its directory',
    files: workflow(BUILD, EXTRACT, '      - uses: actions/upload-artifact@v4\n        with:\n          name: binary\n          path: bin/\n', RUNTIME_BUILD),
    expected: refused(12),
  },
  {
    name: 'an upload of what its directory holds, among other paths',
    files: workflow(
      BUILD,
      EXTRACT,
      RUNTIME_BUILD,
      '      - uses: actions/upload-artifact@v4\n        with:\n          name: dist\n          path: |\n            README.md\n            ./bin/*\n',
    ),
    expected: refused(13),
  },
  {
    name: 'an upload of a directory beside it',
    files: workflow(
      BUILD,
      EXTRACT,
      RUNTIME_BUILD,
      '      - uses: actions/upload-artifact@v4\n        with:\n          name: dist\n          path: binaries/\n',
    ),
    expected: 'migrate',
  },
  {
    name: 'a cache of its directory',
    files: workflow('      - uses: actions/cache@v4\n        with:\n          path: bin/app\n          key: app\n', BUILD, EXTRACT, RUNTIME_BUILD),
    expected: refused(7),
  },
  {
    name: 'a step whose name mentions it',
    files: workflow(
      "      - name: Set up the app toolchain\n        id: app\n        if: github.ref == 'refs/heads/bin'\n        uses: actions/setup-go@v5\n",
      BUILD,
      EXTRACT,
      RUNTIME_BUILD,
    ),
    expected: 'migrate',
  },
  {
    name: 'a toolchain set up before',
    files: workflow('      - uses: actions/setup-go@v5\n        with:\n          go-version: "1.22"\n', BUILD, EXTRACT, RUNTIME_BUILD),
    expected: 'migrate',
  },
  {
    name: 'an upload of something else',
    files: workflow(
      BUILD,
      EXTRACT,
      RUNTIME_BUILD,
      '      - uses: actions/upload-artifact@v4\n        with:\n          name: report\n          path: coverage.txt\n',
    ),
    expected: 'migrate',
  },
  {
    name: 'a scanner whose inputs name docker.io, with a release binary no build reads',
    files: {
      ...workflow(BUILD, EXTRACT, '      - uses: aquasecurity/trivy-action@0.24.0\n        with:\n          image-ref: docker.io/acme/app:1\n'),
      Dockerfile: 'FROM alpine:3.19\nCOPY other /usr/bin/other\n',
      other: 'x\n',
    },
    expected: 'nothing',
  },
  {
    name: 'an action that runs the builder image with the artifact’s directory mounted',
    files: workflow(
      BUILD,
      '      - uses: addnab/docker-run-action@v3\n        with:\n          image: app/builder\n          options: -v ${{ github.workspace }}/bin:/dist\n          run: cp /out/app /dist/\n',
      RUNTIME_BUILD,
    ),
    expected: [{ ruleId: 'unrecognised-extraction', messageId: 'unrecognisedExtraction', line: 8 }],
  },
  {
    name: 'Docker’s login action',
    files: workflow(
      '      - uses: docker/login-action@v3\n        with:\n          username: u\n          password: ${{ secrets.P }}\n',
      BUILD,
      EXTRACT,
      RUNTIME_BUILD,
    ),
    expected: 'migrate',
  },
];

runPlanCases('workflow steps that run an action', cases);
