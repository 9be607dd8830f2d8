import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Every test that needs a scratch tree makes it here, and the setup file test/support/remove-temp-dirs.ts
// (in both vitest configs) removes a test file's trees when its tests end. Made with mkdtempSync and
// never removed, they piled up: 36,000 directories in /tmp on the development machine, left by test
// runs and by mutation runs, which run the same tests thousands of times. RESTAGE_KEEP_TEMP=1 keeps
// them, to look at after a failure.
const made: string[] = [];

/** A fresh directory under the system temp dir, named `<prefix>XXXXXX`, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  if (process.env.RESTAGE_KEEP_TEMP) return;
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
