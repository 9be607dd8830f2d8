// `restage verify` on a real engine: every e2e testdata case must come out equivalent (replaying the
// plan, and for a few cases running the driver as written); migrations broken on purpose must come
// out different, naming the path; --base takes the legacy side from a git revision.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { VerifyReport } from '../../src/verify/report.js';
import { copyToTemp } from './lib/build-case.js';
import { discoverCases, REPO_ROOT } from './lib/cases.js';
import { docker, lockDocker } from './lib/engine.js';
import { leftoversSince } from './lib/leftovers.js';
import { describeWithDocker } from './lib/gate.js';

const cases = discoverCases();

async function restage(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'restage', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

async function verifyJson(args: string[], cwd: string): Promise<{ code: number; report: VerifyReport; stderr: string }> {
  const r = await restage(['verify', '--format', 'json', ...args], cwd);
  return { code: r.code, report: JSON.parse(r.stdout) as VerifyReport, stderr: r.stderr };
}

/** Every path's type, mode and content: what "verify never touches the checkout" is checked against. */
function treeDigest(dir: string): string {
  const h = createHash('sha256');
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const p = path.join(rel, name);
      const st = fs.lstatSync(path.join(dir, p));
      h.update(`${p} ${st.mode}\n`);
      if (st.isDirectory()) walk(p);
      else if (st.isSymbolicLink()) h.update(fs.readlinkSync(path.join(dir, p)));
      else h.update(fs.readFileSync(path.join(dir, p)));
    }
  };
  walk('');
  return h.digest('hex');
}

/** verify's objects made since this suite took the engine (set in beforeAll). */
let leftovers: () => string[] = () => {
  throw new Error('leftovers() before beforeAll');
};

/** A git repository holding the case's before/ as its first commit, then migrated with --write. */
async function migratedRepo(caseName: string, label: string): Promise<string> {
  const dir = copyToTemp(path.join(REPO_ROOT, 'testdata', caseName, 'before'), label);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'legacy');
  expect((await restage(['migrate', '--write', '.'], dir)).code).toBe(0);
  return dir;
}

function edit(file: string, from: string | RegExp, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  expect(next, `${file} should contain ${String(from)}`).not.toBe(text);
  fs.writeFileSync(file, next);
}

if (cases.length > 0)
  describeWithDocker('restage verify', () => {
    let release: (() => void) | undefined;
    beforeAll(async () => {
      release = await lockDocker();
      leftovers = leftoversSince();
    }, 30 * 60_000);
    afterAll(() => {
      release?.();
    });

    // A setup run in a `for` loop builds one image per pass from one build line: verify replays each
    // runtime build once, so it says it cannot compare those (the equivalence suite builds every pass).
    const inLoop = (c: (typeof cases)[number]) => /^\s*for\s+\w+\s+in\s/m.test(fs.readFileSync(path.join(c.beforeDir, c.driver), 'utf8'));
    for (const c of cases.filter(inLoop)) {
      it(`${c.name}: a setup run in a loop is not compared by verify, and it says so`, async () => {
        const { code, report } = await verifyJson([], copyToTemp(c.beforeDir, 'verify'));
        expect(report.setups.map((s) => [s.verdict, /runs its setup in a for loop/.test(s.log ?? '')])).toEqual([['could-not-build', true]]);
        expect(code).not.toBe(0);
      }, 60_000);
    }

    for (const c of cases.filter((x) => !inLoop(x))) {
      it(`${c.name}: equivalent (replaying the rewritten driver)`, async () => {
        const dir = copyToTemp(c.beforeDir, 'verify');
        const before = treeDigest(dir);
        const { code, report } = await verifyJson([], dir);
        expect(report.setups.map((s) => [s.driver, s.verdict, s.log ?? ''])).toEqual([[c.driver, 'equivalent', '']]);
        expect(report.mode).toBe('rewritten-driver');
        expect(report.setups[0]!.proof!.kind).toBe('rewritten-driver-replayed');
        // The measures: present and consistent, not their values.
        const m = report.setups[0]!.measures!;
        expect(m.legacy.intermediateImages + m.legacy.containers, 'the legacy flow makes a builder image or a container').toBeGreaterThanOrEqual(1);
        expect(m.migrated.containers, 'the migrated build runs no container').toBe(0);
        expect(m.legacy.coldMs).toBeGreaterThan(0);
        expect(m.migrated.coldMs).toBeGreaterThan(0);
        expect(m.legacy.imagesBuilt).toBeGreaterThanOrEqual(c.images.length);
        expect(m.legacy.finalImages.length).toBe(c.images.length);
        expect(
          m.migrated.finalImages.map((i) => i.size),
          'equivalent images have equal sizes',
        ).toEqual(m.legacy.finalImages.map((i) => i.size));
        expect(m.migrated.finalImages.every((i) => i.layers >= 1)).toBe(true);
        expect(m.legacy.contextBytes).toBeGreaterThanOrEqual(0);
        if ('path' in m.warmEdit)
          expect(
            [m.legacy.warmMs, m.migrated.warmMs].every((ms) => ms !== null && ms > 0),
            report.setups[0]!.notes.join('\n'),
          ).toBe(true);
        else expect([m.legacy.warmMs, m.migrated.warmMs]).toEqual([null, null]);
        expect(code).toBe(0);
        // Two empty or broken images would compare equal too.
        expect(report.setups[0]!.compared!.paths).toBeGreaterThan(10);
        expect(treeDigest(dir)).toBe(before);
        expect(leftovers()).toEqual([]);
      }, 300_000);
    }

    it('--run-driver runs the driver as written (sh, node, npm run), and puts back a user image under the tag it builds', async () => {
      const seed = cases.find((c) => c.name === 'seed-href-counter-e2e')!;
      // A user image already holds the final tag; verify must leave it where it was.
      docker(['tag', 'local/run:1', seed.images[0]!]);
      const id = docker(['image', 'inspect', '--format', '{{.Id}}', seed.images[0]!]).trim();
      try {
        for (const name of ['seed-href-counter-e2e', 'host-step-mv-and-cp', 'run-tar-pipe', 'js-argv-host-command-e2e', 'package-json-script-e2e']) {
          const c = cases.find((x) => x.name === name);
          if (!c) continue;
          const { code, report } = await verifyJson(['--run-driver'], copyToTemp(c.beforeDir, 'run-driver'));
          expect(report.mode).toBe('run-driver');
          expect(report.setups.map((s) => `${s.driver}: ${s.verdict} ${s.log ?? ''}`)).toEqual([`${c.driver}: equivalent `]);
          expect(code).toBe(0);
        }
        expect(docker(['image', 'inspect', '--format', '{{.Id}}', seed.images[0]!]).trim()).toBe(id);
        expect(leftovers()).toEqual([]);
      } finally {
        docker(['rmi', seed.images[0]!]);
      }
    }, 300_000);

    it('--base REV: an untouched migration is equivalent to the revision it came from', async () => {
      const dir = await migratedRepo('scripts-dir-cd-dirname', 'base-ok');
      expect(fs.existsSync(path.join(dir, 'docker/Dockerfile.build'))).toBe(false);
      const { code, report } = await verifyJson(['--base', 'HEAD'], dir);
      expect(report.base).toBe('HEAD');
      expect(report.setups.map((s) => `${s.driver}: ${s.verdict}`)).toEqual(['scripts/build.sh: equivalent']);
      expect(code).toBe(0);
    }, 300_000);

    it('a rewritten Makefile that no longer runs (a prerequisite deleted) is not equivalent by default; --plan-only says it proved the merged Dockerfile only', async () => {
      // The migration keeps Dockerfile.build because `daemon: Dockerfile.build ;` needs it; deleting it
      // breaks the rewritten Makefile while the merged Dockerfile still builds the same image.
      const dir = await migratedRepo('make-builder-dockerfile-prerequisite-kept', 'prereq-deleted');
      fs.rmSync(path.join(dir, 'Dockerfile.build'));
      const broken = await verifyJson(['--base', 'HEAD'], dir);
      expect(broken.code).toBe(1);
      expect(broken.report.setups.map((s) => [s.verdict, s.side, s.step])).toEqual([['could-not-build', 'migrated', 'reading the rewritten driver']]);
      expect(broken.report.setups[0]!.log).toMatch(/make -n -f Makefile exited 2: .*No rule to make target 'Dockerfile\.build'/);
      const text = await restage(['verify', '--base', 'HEAD'], dir);
      expect(text.stdout).toMatch(/^Makefile: could not build \(migrated: reading the rewritten driver\)$/m);
      expect(text.stdout).not.toMatch(/equivalent/);

      const planOnly = await verifyJson(['--base', 'HEAD', '--plan-only'], dir);
      expect(planOnly.report.mode).toBe('plan');
      expect(planOnly.report.setups.map((s) => [s.verdict, s.proof?.kind])).toEqual([['equivalent', 'merged-dockerfile']]);
      const planText = await restage(['verify', '--base', 'HEAD', '--plan-only'], dir);
      expect(planText.stdout).toMatch(/^ {2}proved: the merged Dockerfile only/m);
      expect(leftovers()).toEqual([]);
    }, 300_000);

    it('a kept --target builder build that still names the sub-context the merged stage was rebased away from is not equivalent', async () => {
      // The merged builder stage reads build/src/ from the root context; a kept build from the old
      // context `build` (as a rewrite that forgot the rebase would leave it) cannot find it.
      const dir = await migratedRepo('builder-other-context', 'kept-old-context');
      edit(
        path.join(dir, 'build.sh'),
        /^docker build -t ctx\/app \.$/m,
        'docker build --target builder -t ctx/app:builder -f Dockerfile build\ndocker build -t ctx/app .',
      );
      const { code, report } = await verifyJson(['--base', 'HEAD'], dir);
      expect(code).toBe(1);
      expect(report.setups.map((s) => [s.verdict, s.side, s.step])).toEqual([
        ['could-not-build', 'migrated', 'building a build the rewritten driver keeps (--target builder) (Dockerfile)'],
      ]);
      expect(report.setups[0]!.log).toMatch(/build\/src/);
      expect((await verifyJson(['--base', 'HEAD', '--plan-only'], dir)).report.setups[0]!.verdict).toBe('equivalent');
      expect(leftovers()).toEqual([]);
    }, 300_000);

    it("a kept --target build the merged Dockerfile cannot build is not equivalent (the rewritten driver's builds are replayed)", async () => {
      const dir = await migratedRepo('builder-used-for-tests', 'kept-target-broken');
      // The kept build now asks for a stage the merged Dockerfile does not have.
      edit(path.join(dir, 'build.sh'), '--target builder', '--target no-such-stage');
      const { code, report } = await verifyJson(['--base', 'HEAD'], dir);
      expect(code).toBe(1);
      expect(report.setups.map((s) => [s.verdict, s.side])).toEqual([['could-not-build', 'migrated']]);
      expect(report.setups[0]!.step).toMatch(/--target no-such-stage/);
      // --plan-only never reads build.sh, so it cannot see it.
      expect((await verifyJson(['--base', 'HEAD', '--plan-only'], dir)).report.setups[0]!.verdict).toBe('equivalent');
      expect(leftovers()).toEqual([]);
    }, 300_000);

    it('text and markdown carry the measures; migrate --format markdown --verify-report posts them with the diff', async () => {
      const dir = copyToTemp(path.join(REPO_ROOT, 'testdata/seed-href-counter-e2e/before'), 'formats');
      const text = await restage(['verify', '.'], dir);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^ {2}cold build +\d+\.\d s +\d+\.\d s$/m);
      expect(text.stdout).toMatch(/^ {2}warm rebuild \(app\.go changed\) +\d+\.\d s +\d+\.\d s$/m);
      expect(text.stdout).toMatch(/^ {2}containers created +1 +0$/m);
      expect(text.stdout).toMatch(/^ {2}final image sizes are equal/m);
      const md = await restage(['verify', '--format', 'markdown', '.'], dir);
      expect(md.stdout).toMatch(
        /^verified equivalent on Docker \S+ \(.*\): \d+ paths, 12 config keys compared; cold build .* → .*; 1 intermediate image and 1 container no longer created; proved: the rewritten driver replayed/m,
      );
      expect(md.stdout).toMatch(/^\| files written in the tree \| 1 \| 0 \|$/m);
      const json = await verifyJson(['.'], dir);
      fs.writeFileSync(path.join(os.tmpdir(), `restage-verify-report-${process.pid}.json`), JSON.stringify(json.report));
      const pr = await restage(
        ['migrate', '--format', 'markdown', '--verify-report', path.join(os.tmpdir(), `restage-verify-report-${process.pid}.json`), '.'],
        dir,
      );
      fs.rmSync(path.join(os.tmpdir(), `restage-verify-report-${process.pid}.json`));
      expect(pr.code).toBe(0);
      expect(pr.stdout).toMatch(/## restage verify[\s\S]*\| cold build \|/);
      expect(leftovers()).toEqual([]);
    }, 300_000);

    it('--jobs 2 over 4 setups gives the verdicts of --jobs 1, in the same order, and leaves nothing', async () => {
      const names = ['create-id-variable', 'make-builder-targets', 'host-step-chmod', 'package-json-script-e2e'];
      const dirs = names.map((n) => copyToTemp(path.join(REPO_ROOT, 'testdata', n, 'before'), `jobs-${n}`));
      const verdicts = (r: VerifyReport) => r.setups.map((s) => [s.driver, s.verdict, s.log ?? '']);
      const t1 = Date.now();
      const one = await verifyJson(['--jobs', '1', ...dirs], REPO_ROOT);
      const wall1 = Date.now() - t1;
      const t2 = Date.now();
      const two = await verifyJson(['--jobs', '2', ...dirs], REPO_ROOT);
      const wall2 = Date.now() - t2;
      console.log(`[restage e2e] verify of ${names.length} setups: --jobs 1 ${(wall1 / 1000).toFixed(1)} s, --jobs 2 ${(wall2 / 1000).toFixed(1)} s`);
      expect(one.report.setups.map((s) => s.verdict)).toEqual(['equivalent', 'equivalent', 'equivalent', 'equivalent']);
      expect(verdicts(two.report)).toEqual(verdicts(one.report));
      expect(two.code).toBe(one.code);
      expect(leftovers()).toEqual([]);
    }, 600_000);

    it('Ctrl-C during --jobs 2 exits 130 and removes what every running setup made', async () => {
      const dirs = ['create-id-variable', 'host-step-chmod', 'make-builder-targets'].map((n) =>
        copyToTemp(path.join(REPO_ROOT, 'testdata', n, 'before'), `sigint-${n}`),
      );
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/restage.js'), 'verify', '--jobs', '2', ...dirs], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      // Interrupt once verify has made something on the engine (an image or a container of its own).
      const deadline = Date.now() + 60_000;
      while (leftovers().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(leftovers().length).toBeGreaterThan(0);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr).toMatch(/interrupted; what it had built is removed/);
      expect(leftovers()).toEqual([]);
    }, 300_000);

    it('a wrong COPY --from path is different, naming the path', async () => {
      const dir = await migratedRepo('scripts-dir-cd-dirname', 'wrong-from');
      edit(path.join(dir, 'docker/Dockerfile'), 'COPY --from=builder /work/bin/app /bin/app', 'COPY --from=builder /work/src/a.txt /bin/app');
      const r = await restage(['verify', '--base', 'HEAD'], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^scripts\/build\.sh: different \(/m);
      expect(r.stdout).toMatch(/^ {2}\/bin\/app +(size|content) /m);
    }, 300_000);

    it('a dropped --chown=0:0 is different, naming the path and both owners', async () => {
      const dir = await migratedRepo('chown-non-root-builder', 'no-chown');
      edit(path.join(dir, 'Dockerfile'), ' --chown=0:0', '');
      const { code, report } = await verifyJson(['--base', 'HEAD'], dir);
      expect(code).toBe(1);
      expect(report.setups[0]!.verdict).toBe('different');
      expect(report.setups[0]!.differences).toContainEqual({ path: '/usr/share/nonroot/artifact.txt', kind: 'owner', legacy: '0:0', migrated: '1000:1000' });
    }, 300_000);

    it('a dropped chmod (the translated host step) is different, naming the path and both modes', async () => {
      const dir = await migratedRepo('host-step-chmod', 'no-chmod');
      edit(path.join(dir, 'Dockerfile'), /^RUN \["chmod", "0700", "\/app"\]\n/m, '');
      const { code, report } = await verifyJson(['--base', 'HEAD'], dir);
      expect(code).toBe(1);
      expect(report.setups[0]!.differences).toContainEqual({ path: '/app', kind: 'mode', legacy: '0700', migrated: '0644' });
    }, 300_000);

    it('a COPY given a --chmod it should not have is different, naming the path', async () => {
      const dir = await migratedRepo('create-id-variable', 'extra-chmod');
      edit(path.join(dir, 'Dockerfile'), 'COPY --from=builder ', 'COPY --from=builder --chmod=0600 ');
      const { code, report } = await verifyJson(['--base', 'HEAD'], dir);
      expect(code).toBe(1);
      expect(report.setups[0]!.differences).toContainEqual({ path: '/usr/local/bin/app', kind: 'mode', legacy: '0755', migrated: '0600' });
    }, 300_000);

    it('a build that fails is "could not build" with the log tail', async () => {
      const dir = await migratedRepo('create-id-variable', 'broken-build');
      edit(path.join(dir, 'Dockerfile'), /^FROM local\/run:1$/m, 'FROM local/run:1\nRUN exit 3');
      const r = await restage(['verify', '--base', 'HEAD'], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^build\.sh: could not build \(migrated: building the migrated image \(Dockerfile\)\)$/m);
      expect(r.stdout).toMatch(/^ {2}\| .*exit 3/m);
      expect(leftovers()).toEqual([]);
    }, 300_000);
  });
