import fs from 'node:fs';
import path from 'node:path';
import { runCli, snapshot } from '../helpers/cli.js';
import { tempDir } from '../support/temp-dir.js';

export interface Migrated {
  code: number;
  /** Every file after `migrate --write`, path → text; a deleted file is absent. */
  files: Record<string, string>;
  /** The diagnostics as `file:line:col rule-id`, in report order. */
  diagnostics: string[];
}

/** A repository written from `files`, migrated in-process with --write: what the migration leaves behind. */
export async function migrateRepo(files: Record<string, string>): Promise<Migrated> {
  const dir = tempDir('restage-mutation-');
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    const report = await runCli(['migrate', '--format', 'json'], dir);
    const parsed = JSON.parse(report.stdout) as { setups: { diagnostics: { file: string; line: number; col: number; ruleId: string }[] }[] };
    const diagnostics = parsed.setups.flatMap((s) => s.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.ruleId}`));
    const { code } = await runCli(['migrate', '--write'], dir);
    return { code, files: snapshot(dir), diagnostics };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
