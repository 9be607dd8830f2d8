import type { Command } from 'commander';

/** One example line per command, shown under its --help (and the program's), as ruff and ESLint do. */
export const EXAMPLES: Record<string, string> = {
  restage: 'restage migrate --write .',
  migrate: 'restage migrate --check build.sh Dockerfile.build',
  verify: 'restage verify --base HEAD~1 .',
  rules: 'restage rules',
  explain: 'restage explain host-step-between-extraction-and-build',
};

/** Appends its example line to the help of the program and of each command that has one. */
export function addExamples(program: Command): void {
  for (const cmd of [program, ...program.commands]) {
    const example = EXAMPLES[cmd.name()];
    if (example !== undefined) cmd.addHelpText('after', `\nExample:\n  $ ${example}\n`);
  }
}
