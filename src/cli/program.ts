import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { findRule, RULES } from '../../rules/index.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../emit/report.js';
import { packageVersion, ruleDoc } from '../emit/rule-links.js';
import { addExamples } from './examples.js';
import type { Io } from '../pipeline/io.js';
import { internalErrorExit } from './internal-error-exit.js';
import { runMigrate, type MigrateFlags } from './run-migrate.js';
import type { VerifyFormat } from '../verify/index.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^[1-9][0-9]*$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('a whole number of 1 or more');
  return n;
}

/** Every command line main.ts does not read itself, through commander: options, help, usage errors. */
export async function runProgram(argv: string[], io: Io, interactive: boolean): Promise<number> {
  let code = 0;
  const program = new Command('restage')
    .description('Migrate Docker builder-pattern setups into one multi-stage Dockerfile')
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('migrate')
    .description('find builder-pattern setups under PATH and print their migration as a unified diff')
    .argument('[paths...]', 'directories, or files (build.sh, Dockerfile.build) as pre-commit passes them', [])
    .option('--write', 'apply the migration (all files of a setup or none) and list the files it changed')
    .option('--diff', 'with --write: print the diff instead of the list of changed files')
    .option('--check', 'exit 1 if any setup would be migrated or is refused')
    .addOption(
      new Option('--format <format>', 'output format: diff, json (report version 1), sarif (2.1.0), markdown (a PR body), github (workflow commands)')
        .choices(OUTPUT_FORMATS)
        .default('diff' satisfies OutputFormat),
    )
    .option('--color', 'colour the diff and diagnostics even when not writing to a terminal')
    .option('--no-color', 'never colour (so does a non-empty NO_COLOR variable)')
    .addOption(new Option('-q, --quiet', 'report only errors (refusals): no notes, warnings, diff or summary').conflicts('verbose'))
    .option('-v, --verbose', "also tell each setup's fate and files, and where the configuration came from")
    .option('--help-base-url <url>', 'base URL of the rule pages in sarif, json and markdown reports (<url><rule-id>.md)')
    .option('--verify-report <file>', 'with --format markdown: add the section of this `restage verify --format json` report (what was proved and measured)')
    .action(async (paths: string[], opts: MigrateFlags) => {
      code = await runMigrate(paths, opts, io);
    });

  program
    .command('verify')
    .description('build the legacy and the migrated setup under PATH with Docker and compare the final images')
    .argument('[paths...]', 'directories, or files (build.sh, Dockerfile.build) as pre-commit passes them', [])
    .option('--run-driver', "run the repository's driver script as written (this executes it) instead of replaying restage's plan")
    .addOption(
      new Option('--plan-only', "build the migrated side from restage's plan instead of the rewritten driver: proves the merged Dockerfile only").conflicts(
        'runDriver',
      ),
    )
    .option('--base <rev>', 'the tree is already migrated: the legacy side is this git revision')
    .option('--context <name>', 'the Docker context to build on (as DOCKER_CONTEXT; DOCKER_HOST is honoured as well)')
    .addOption(
      new Option('--jobs <n>', 'setups verified at once (each builds two images; 1 to the number of cores is a sane range)').argParser(positiveInt).default(1),
    )
    .option('--no-warm', 'skip the warm rebuild (each side built again after changing one builder source) that verify times')
    .option('--builder <name>', 'the buildx builder to build with (a remote or kubernetes builder; needs docker buildx)')
    .addOption(
      new Option('--format <format>', 'output format: text, json (report version 2), markdown (a pull-request section)')
        .choices(['text', 'json', 'markdown'] satisfies VerifyFormat[])
        .default('text'),
    )
    .action(
      async (
        paths: string[],
        opts: { runDriver?: boolean; planOnly?: boolean; base?: string; context?: string; builder?: string; jobs: number; warm: boolean; format: VerifyFormat },
      ) => {
        // Loaded on use: migrate's start-up time does not pay for it.
        const { runVerify } = await import('../verify/index.js');
        code = await runVerify(paths, { ...opts, progress: interactive && process.stderr.isTTY === true }, io);
      },
    );

  program
    .command('report')
    .description('work with JSON reports')
    .command('merge')
    .description('sum the JSON reports of many repositories (migrate or verify --format json) into one summary: counts by status, verdict and rule id')
    .argument('<files...>', 'report files')
    .action(async (files: string[]) => {
      const { mergeReports, MergeInputError, summaryLineOf } = await import('../fleet/merge.js');
      try {
        const summary = mergeReports(files.map((f) => ({ shown: f, path: path.resolve(io.cwd, f) })));
        io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
        io.stderr(summaryLineOf(summary));
      } catch (err) {
        if (!(err instanceof MergeInputError)) throw err;
        io.stderr(`restage: ${err.message}\n`);
        code = 2;
      }
    });

  program
    .command('rules')
    .description('list the rules restage reports')
    .action(() => {
      for (const r of RULES) io.stdout(`${r.id.padEnd(40)} ${r.severity.padEnd(8)} ${r.title}\n`);
    });

  program
    .command('explain')
    .description("show a rule's documentation")
    .argument('<rule-id>')
    .action((id: string) => {
      const rule = findRule(id);
      const doc = rule ? ruleDoc(rule.id) : null;
      if (!rule || doc === null) {
        io.stderr(`restage: unknown rule ${id}; \`restage rules\` lists them\n`);
        code = 2;
        return;
      }
      io.stdout(doc);
    });

  addExamples(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    return internalErrorExit(err, io);
  }
  return code;
}
