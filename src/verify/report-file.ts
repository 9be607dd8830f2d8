// A verify report read back from a file (`migrate --verify-report`, `report merge`): checked for the
// shape restage wrote, so a wrong file is one clear line, not a crash in a renderer.
import fs from 'node:fs';
import type { VerifyReport } from './report.js';

export class ReportFileError extends Error {}

export function readVerifyReport(file: string): VerifyReport {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ReportFileError(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ReportFileError(`${file}: not JSON (${(err as Error).message.split('\n', 1)[0]})`);
  }
  const r = data as Partial<VerifyReport> | null;
  if (typeof r !== 'object' || r === null || !Array.isArray(r.setups))
    throw new ReportFileError(`${file}: not a restage verify report (restage verify --format json writes one)`);
  if (r.version !== 2)
    throw new ReportFileError(
      `${file}: a verify report of version ${String(r.version)}; this restage reads version 2 (run restage verify --format json again)`,
    );
  for (const [i, s] of r.setups.entries()) {
    if (typeof s?.driver !== 'string' || typeof s.verdict !== 'string') throw new ReportFileError(`${file}: setups[${i}] has no driver or verdict`);
  }
  return r as VerifyReport;
}
