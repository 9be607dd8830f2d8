// Loaded before every test file of the mutation run (vitest.mutation.config.ts): the rule modules are
// module-level tables (id, title, severity, messages), which Stryker ignores as static mutants only
// when they are evaluated outside a test. The CLI imports the pipeline, and with it the rules, lazily
// (a pre-commit run on files no setup holds never loads them), so without this the first test to run
// a migration evaluated them: their mutants counted as covered by that test, which cannot kill them
// because the module is not evaluated again under the mutant. All of them then "survived".
import '../../rules/index.js';
