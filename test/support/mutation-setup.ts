// Loaded before every test file of the mutation run (vitest.mutation.config.ts). Module-level code (the
// rule tables: id, title, severity, messages; docker's flag grammar; the drivers' and planner's regular
// expressions and word lists) runs once, when its module is first evaluated. Stryker ignores such
// mutants as static only when that happens outside a test: the CLI imports the pipeline lazily (a
// pre-commit run on files no setup holds never loads it), so without this the first test to run a
// migration evaluated them, their mutants counted as covered by that test, which cannot kill them
// because the module is not evaluated again under the mutant. All of them then "survived": 246 of
// docker-cli.ts's at 806d2fd, although changing one entry of its flag table by hand fails
// test/mutation-proof/docker-cli.test.ts.
import '../../rules/index.js';
import '../../src/pipeline/plan-repository.js';
import '../../src/synthesize/index.js';
