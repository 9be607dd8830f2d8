import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRepo, type Finding, type Tally } from './fuzz/check-repo.js';
import { applyMutations, caseArb, describeCase, seedTrees, type Mutation } from './fuzz/mutate.js';

/**
 * Mutated testdata through migrate (see fuzz/check-repo.ts for the properties). The normal suite runs a
 * small fixed-seed sample; `npm run fuzz` (scripts/fuzz.mjs) sets FUZZ_RUNS for a long campaign, which
 * runs every case instead of stopping at the first failure and writes the findings to FUZZ_REPORT.
 */
const seeds = seedTrees();
const runs = Number(process.env.FUZZ_RUNS ?? 0);
const seed = Number(process.env.FUZZ_SEED ?? 20261128);

describe('mutated testdata through migrate', () => {
  if (process.env.FUZZ_CASE) {
    // One case again, as a campaign report's `replay` field gives it: FUZZ_CASE='{"seed":…,"mutations":[…]}'.
    it('keeps every safety property on the replayed case', async () => {
      const c = JSON.parse(process.env.FUZZ_CASE!) as { seed: string; mutations: Mutation[] };
      const { tree } = seeds.find((s) => s.name === c.seed)!;
      const mutated = applyMutations(tree, c.mutations);
      // FUZZ_DUMP=dir leaves the mutated repository there, to run restage on by hand.
      if (process.env.FUZZ_DUMP)
        for (const [rel, buf] of mutated)
          (fs.mkdirSync(path.dirname(path.join(process.env.FUZZ_DUMP, rel)), { recursive: true }),
            fs.writeFileSync(path.join(process.env.FUZZ_DUMP, rel), buf));
      expect(await checkRepo(mutated)).toEqual([]);
    });
    return;
  }
  if (runs === 0) {
    it('keeps every safety property on a fixed-seed sample', async () => {
      await fc.assert(
        fc.asyncProperty(caseArb(seeds.length), async ({ seed: s, mutations }) => {
          const { tree } = seeds[s]!;
          const findings = await checkRepo(applyMutations(tree, mutations));
          expect(findings, describeCase(seeds[s]!.name, tree, mutations)).toEqual([]);
        }),
        { seed, numRuns: 100, endOnFailure: true },
      );
    }, 60_000);
    return;
  }

  it(
    `keeps every safety property on ${runs} cases (seed ${seed})`,
    async () => {
      const cases = fc.sample(caseArb(seeds.length), { seed, numRuns: runs });
      const failures: { case: string; replay: string; findings: Finding[] }[] = [];
      const tally: Tally = {};
      const started = Date.now();
      for (const [i, c] of cases.entries()) {
        const { name, tree } = seeds[c.seed]!;
        // A harness failure is a finding too: the campaign goes on and reports it with its case.
        const findings = await checkRepo(applyMutations(tree, c.mutations), tally).catch((err: unknown): Finding[] => [
          { property: 'the harness itself', detail: String(err instanceof Error ? err.stack : err).slice(0, 500) },
        ]);
        if (findings.length > 0)
          failures.push({ case: describeCase(name, tree, c.mutations), replay: JSON.stringify({ seed: name, mutations: c.mutations }), findings });
        if ((i + 1) % 250 === 0) console.log(`[fuzz] ${i + 1}/${runs} cases, ${failures.length} failing, ${Math.round((Date.now() - started) / 1000)} s`);
      }
      const byProperty: Record<string, number> = {};
      for (const f of failures) for (const p of new Set(f.findings.map((x) => x.property))) byProperty[p] = (byProperty[p] ?? 0) + 1;
      const summary = { runs, seed, seconds: Math.round((Date.now() - started) / 1000), failing: failures.length, byProperty, outcomes: tally, failures };
      if (process.env.FUZZ_REPORT) fs.writeFileSync(process.env.FUZZ_REPORT, `${JSON.stringify(summary, null, 2)}\n`);
      console.log(`[fuzz] ${runs} cases in ${summary.seconds} s, ${failures.length} failing`, byProperty, tally);
      expect(failures.slice(0, 5)).toEqual([]);
    },
    24 * 3600_000,
  );
});
