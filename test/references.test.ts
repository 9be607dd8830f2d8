import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planRepository } from '../src/pipeline/plan-repository.js';
import { findReferences } from '../src/references/index.js';
import { diskRepoView, scanRepo } from '../src/repo/disk.js';
import { copyCases } from './support/repo.js';

/**
 * The reference search finds a file by the runs of text it contains before running any pattern on it.
 * That must be only a shortcut: with and without it, every setup gets the same warnings.
 */
describe('references: the run index finds what a search of every file finds', () => {
  const cases = [
    'references-reported',
    'references-one-word-tag',
    'monorepo-same-builder-name',
    'cp-directory-into-existing-dest',
    'seed-href-counter',
    'run-volume-output-dir',
    'run-volume-build',
  ];
  // Mentions written the ways the patterns accept and nearly accept, in a file no setup owns.
  const mentions = [
    'acme/app:build',
    'acme/app:build.old',
    'x-acme/app:build',
    'docker run acme/app',
    'FROM acme/app:latest',
    'image: "builder"',
    'Dockerfile.build',
    'Dockerfile.build.bak',
    'svc/Dockerfile.build',
    './app',
    'app/',
    './app.tar',
    'path: app',
    'path: app/x',
    'out/app',
    './out/app',
    'out/app.sig',
    'dist/',
    './dist',
    'bin/app',
    'build.sh',
    'build.sh.orig',
    'scripts/build.sh',
    'gen.sh.orig',
    './gen.sh',
    'gen.shx',
    'gen.sh-1',
  ];

  const plan = async (dir: string) => {
    const view = diskRepoView(scanRepo(dir));
    const drivers = scanRepo(dir).files.filter((f) => /(^|\/)(build\.sh|Makefile)$/.test(f));
    const migrating = (await planRepository(view, drivers)).filter((r) => r.status === 'migrate' && r.plan !== null);
    return { view, migrating, setups: migrating.map((r) => ({ plan: r.plan!, own: new Set([...r.files, ...r.changes.map((c) => c.path)]) })) };
  };

  it('over several setups and files naming their artifacts, tags and Dockerfiles', async () => {
    const dir = copyCases(Object.fromEntries(cases.map((c, i) => [`s${i}`, c])));
    // Each artifact's host path, written the ways the patterns accept and nearly accept.
    const artifacts = (await plan(dir)).setups.flatMap((s) => s.plan.extractions.map((e) => e.hostPath));
    const written = [...mentions, ...artifacts.flatMap((h) => [h, `./${h}`, `${h}/`, `${h}.sig`, `path: ${h}`, `x${h}`, `${h}-old`])];
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs', 'notes.md'), written.map((m, i) => `${i % 2 ? '- ' : ''}${m}${i % 3 ? ' ' : '\n'}`).join('') + '\n');
    // A file whose only mention continues the name after a '.': found through the run's prefix.
    fs.writeFileSync(path.join(dir, 'docs', 'orig.md'), 'Keep gen.sh.orig around.\n');
    fs.writeFileSync(path.join(dir, 'ci.yml'), written.map((m) => `  - run: ${m}\n`).join(''));
    const { view, migrating, setups } = await plan(dir);
    expect(migrating.length).toBeGreaterThanOrEqual(6);
    // No testdata setup deletes a file without a Dockerfile-like name; this one does, for the test.
    setups[0] = { ...setups[0]!, plan: { ...setups[0]!.plan, deletions: [...setups[0]!.plan.deletions, 's0/gen.sh'] } };
    const indexed = findReferences(setups, view);
    const exhaustive = findReferences(setups, view, { index: false });
    expect(indexed).toEqual(exhaustive);
    const all = indexed.flat();
    // The document and the CI file are found at all, by more than one kind of mention.
    expect(all.filter((d) => d.file === 'docs/notes.md').length).toBeGreaterThan(10);
    expect(all.filter((d) => d.file === 'ci.yml').length).toBeGreaterThan(10);
    expect(new Set(all.map((d) => d.ruleId))).toEqual(new Set(['reference-to-removed-file', 'reference-to-removed-image']));
    expect(indexed[0]!.filter((d) => d.message.includes('s0/gen.sh')).length).toBeGreaterThanOrEqual(4);
    expect(indexed[0]!.filter((d) => d.file === 'docs/orig.md').map((d) => [d.line, d.col])).toEqual([[1, 6]]);
    // And planRepository attached these to the setups (but for the made-up deletion).
    migrating.forEach((r, i) => {
      for (const d of indexed[i]!) if (!d.message.includes('s0/gen.sh')) expect(r.diagnostics).toContainEqual(d);
    });
  });
});
