import fs from 'node:fs';
import path from 'node:path';
import { TESTDATA } from '../helpers/cli.js';
import { filesUnder } from '../helpers/files.js';
import { tempDir } from './temp-dir.js';

// The in-process CLI run and the testdata root are the shared helpers'; this module adds multi-case
// copies and byte-and-mode snapshots.
export { runCli as runMain, TESTDATA } from '../helpers/cli.js';

/** A temp directory holding each named testdata case's before/ tree, under `into` (or at its root for ''). */
export function copyCases(cases: Record<string, string>): string {
  const dir = tempDir('restage-safety-');
  for (const [into, name] of Object.entries(cases)) fs.cpSync(path.join(TESTDATA, name, 'before'), path.join(dir, into), { recursive: true });
  return dir;
}

/** Every file under dir (not following symlinks) with its bytes and mode, to compare trees byte for byte. */
export function treeSnapshot(dir: string): Record<string, string> {
  const entry = (abs: string) =>
    fs.lstatSync(abs).isSymbolicLink()
      ? `symlink → ${fs.readlinkSync(abs)}`
      : `${(fs.statSync(abs).mode & 0o7777).toString(8)} ${fs.readFileSync(abs).toString('base64')}`;
  return Object.fromEntries(filesUnder(dir).map((f) => [f, entry(path.join(dir, f))]));
}
