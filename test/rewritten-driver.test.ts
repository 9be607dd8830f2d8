// How verify reads the driver restage wrote (no engine): `make -n` for a Makefile, `sh -n` then the sh
// parser for a script, and the replay built from that reading rather than from restage's plan.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateTargets } from '../src/pipeline/migrate.js';
import { applyChanges } from '../src/verify/workspace.js';
import { readRewrittenDriver, recipeLines, RewrittenDriverBroken } from '../src/verify/rewritten-driver.js';
import { rewrittenReplay } from '../src/verify/rewritten-replay.js';
import { NotReplayable, type Namer } from '../src/verify/replay.js';
import { tempDir } from './support/temp-dir.js';

const ROOT = path.resolve(__dirname, '..');

const names: Namer = { imageTag: (r) => `t/${r}:1`, containerName: (r) => `c-${r}` };

/** A migrated copy of a testdata case, and restage's plan of its legacy side. */
async function migrated(name: string) {
  const dir = tempDir('restage-rewritten-');
  fs.cpSync(path.join(ROOT, 'testdata', name, 'before'), dir, { recursive: true });
  const setup = (await migrateTargets([dir], { write: false, cwd: dir })).roots[0]!.setups[0]!;
  applyChanges(dir, setup.changes);
  return { dir, plan: setup.plan! };
}

describe('reading the rewritten driver', () => {
  it("a package.json is read from the legacy setup script's name, as npm runs it (sh -c)", async () => {
    const { dir, plan } = await migrated('package-json-script-e2e');
    const d = await readRewrittenDriver(dir, plan.driver.path, plan.driver.text);
    expect(d.readBy).toBe('sh -n -c on script "build" of package.json, then restage\'s sh parser');
    expect(rewrittenReplay(d, plan, dir, names).images).toEqual(['t/migrated:1']);
  });

  it.each(['sh-script-run-by-github-workflow', 'sh-script-run-by-makefile'])(
    '%s: a script in scripts/ is read from where its caller runs it, as the planner read it',
    async (name) => {
      const { dir, plan } = await migrated(name);
      const d = await readRewrittenDriver(dir, plan.driver.path, plan.driver.text);
      const build = d.steps.find((s) => s.kind === 'docker');
      expect(build?.cwd).toBe('');
      expect(rewrittenReplay(d, plan, dir, names).images).toEqual(['t/migrated:1']);
    },
  );

  it('recipeLines keeps a backslash-continued command whole', () => {
    expect(recipeLines('docker build \\\n  -t a .\necho done\n\n')).toEqual(['docker build \\\n  -t a .', 'echo done']);
    expect(recipeLines('echo a\\\\\necho b\n')).toEqual(['echo a\\\\', 'echo b']);
  });

  it('a Makefile is read from what make -n prints: the merged build, with make variables expanded', async () => {
    const { dir, plan } = await migrated('make-builder-targets');
    const d = await readRewrittenDriver(dir, plan.driver.path, plan.driver.text);
    expect(d.readBy).toBe('make -n -f Makefile');
    const replay = rewrittenReplay(d, plan, dir, names);
    const builds = replay.actions.filter((a) => a.kind === 'docker' && a.args[0] === 'build');
    expect(builds).toHaveLength(1);
    expect(replay.images).toEqual(['t/migrated:1']);
  });

  it("a Makefile whose prerequisite is gone is broken, with make's own message", async () => {
    const { dir, plan } = await migrated('make-builder-dockerfile-prerequisite-kept');
    fs.rmSync(path.join(dir, 'Dockerfile.build'));
    await expect(readRewrittenDriver(dir, plan.driver.path, plan.driver.text)).rejects.toThrow(RewrittenDriverBroken);
    await expect(readRewrittenDriver(dir, plan.driver.path, plan.driver.text)).rejects.toThrow(/No rule to make target 'Dockerfile\.build'/);
  });

  it('a script its shell (bash, per the shebang) refuses with -n is broken', async () => {
    const { dir, plan } = await migrated('create-id-variable');
    fs.appendFileSync(path.join(dir, plan.driver.path), '\nif true; then\n');
    await expect(readRewrittenDriver(dir, plan.driver.path, plan.driver.text)).rejects.toThrow(/^bash -n build\.sh exited 2: .*syntax error/);
  });

  it('the kept --target build of a builder used elsewhere is replayed as written, the test run is only noted', async () => {
    const { dir, plan } = await migrated('builder-used-for-tests');
    const replay = rewrittenReplay(await readRewrittenDriver(dir, plan.driver.path, plan.driver.text), plan, dir, names);
    const builds = replay.actions.flatMap((a) => (a.kind === 'docker' && a.args[0] === 'build' ? [a.args.join(' ')] : []));
    expect(builds).toHaveLength(2);
    expect(builds[0]).toMatch(/-t t\/kept1:1 --target builder /);
    expect(builds[1]).toMatch(/-t t\/migrated:1 /);
    expect(replay.notes.join('\n')).toMatch(/docker run --rm kept\/app:builder .*not replayed on the migrated side/);
  });

  it('a rewritten driver that no longer builds the runtime Dockerfile cannot be replayed', async () => {
    const { dir, plan } = await migrated('create-id-variable');
    const file = path.join(dir, plan.driver.path);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^docker build .*$/m, 'echo skipped'));
    const d = await readRewrittenDriver(dir, plan.driver.path, plan.driver.text);
    expect(() => rewrittenReplay(d, plan, dir, names)).toThrow(NotReplayable);
    expect(() => rewrittenReplay(d, plan, dir, names)).toThrow(/builds no image from Dockerfile/);
  });

  it('a rewritten driver that still copies out of a container cannot be replayed', async () => {
    const { dir, plan } = await migrated('create-id-variable');
    fs.appendFileSync(path.join(dir, plan.driver.path), '\ndocker cp x:/a ./a\n');
    const file = path.join(dir, plan.driver.path);
    const text = fs.readFileSync(file, 'utf8');
    // Put the cp before the runtime build so the replay reaches it.
    fs.writeFileSync(file, text.replace(/\ndocker cp x:\/a \.\/a\n$/, '\n').replace(/^(docker build .*)$/m, 'docker cp x:/a ./a\n$1'));
    const d = await readRewrittenDriver(dir, plan.driver.path, plan.driver.text);
    expect(() => rewrittenReplay(d, plan, dir, names)).toThrow(/still moves files out of a container/);
  });
});
