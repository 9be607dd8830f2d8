import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import internalError from '../../rules/internal-error.js';
import { findRule, RULES } from '../../rules/index.js';
import { oneLine } from '../diagnostics/diagnostic.js';
import { diagnosticsText, OUTPUT_FORMATS, renderStdout, summaryLine, type OutputFormat, type RunReport } from '../emit/report.js';
import { migrateTargets, UsageError } from './migrate.js';
import type { VerifyFormat } from '../verify/index.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

const defaultIo: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), cwd: process.cwd() };

/** Exit codes: 0 done or nothing to do, 1 pending (--check) or refused, 2 usage, I/O or internal error. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
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
    .option('--write', 'apply the migration (all files of a setup or none)')
    .option('--check', 'exit 1 if any setup would be migrated or is refused')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('diff'))
    .action(async (paths: string[], opts: { write?: boolean; check?: boolean; format: OutputFormat }) => {
      code = await runMigrate(paths, opts, io);
    });

  program
    .command('verify')
    .description('build the legacy and the migrated setup under PATH with Docker and compare the final images')
    .argument('[paths...]', 'directories, or files (build.sh, Dockerfile.build) as pre-commit passes them', [])
    .option('--run-driver', "run the repository's driver script as written (this executes it) instead of replaying restage's plan")
    .option('--base <rev>', 'the tree is already migrated: the legacy side is this git revision')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json'] satisfies VerifyFormat[]).default('text'))
    .action(async (paths: string[], opts: { runDriver?: boolean; base?: string; format: VerifyFormat }) => {
      // Loaded on use: migrate's start-up time does not pay for it.
      const { runVerify } = await import('../verify/index.js');
      code = await runVerify(paths, { ...opts, progress: io === defaultIo && process.stderr.isTTY === true }, io);
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
      const doc = rule ? readRuleDoc(rule.id) : null;
      if (!rule || doc === null) {
        io.stderr(`restage: unknown rule ${id}; \`restage rules\` lists them\n`);
        code = 2;
        return;
      }
      io.stdout(doc);
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    // A bug outside the per-setup work: one line with the rule id, never a stack trace.
    io.stderr(`restage: ${internalError.id}: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    return 2;
  }
  return code;
}

async function runMigrate(paths: string[], opts: { write?: boolean; check?: boolean; format: OutputFormat }, io: Io): Promise<number> {
  let report: RunReport;
  try {
    report = await migrateTargets(paths.length > 0 ? paths : ['.'], { write: opts.write === true, cwd: io.cwd });
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`restage: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  io.stdout(renderStdout(report, opts.format));
  if (opts.format === 'diff') {
    io.stderr(diagnosticsText(report));
    io.stderr(summaryLine(report));
  }
  const setups = report.roots.flatMap((r) => r.setups);
  // restage's own failure is not a verdict on the setup: it exits like an I/O error, not a refusal.
  if (report.writeFailed || setups.some((s) => s.diagnostics.some((d) => d.ruleId === internalError.id))) return 2;
  if (setups.some((s) => s.status === 'refused')) return 1;
  if (opts.check && !opts.write && setups.some((s) => s.status === 'migrate')) return 1;
  return 0;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The package root (package.json and rules/*.md), whether this runs compiled from dist/ or from source. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function readRuleDoc(id: string): string | null {
  try {
    return fs.readFileSync(path.join(projectRoot(), 'rules', `${id}.md`), 'utf8');
  } catch {
    return null;
  }
}
