import fs from 'node:fs';
import path from 'node:path';
import type { FileChange } from '../text/file-change.js';

/**
 * Applies one setup's changes all or nothing: every new text is written to a temp file beside its
 * target first, then renamed into place; if any step fails, files already replaced get their old text back.
 */
export function writeChangesAtomically(
  root: string,
  changes: FileChange[],
  fsImpl: Pick<typeof fs, 'writeFileSync' | 'renameSync' | 'unlinkSync' | 'statSync' | 'chmodSync' | 'lstatSync' | 'realpathSync'> = fs,
): void {
  // Checked before anything is written, so a refusal here leaves the whole setup untouched.
  for (const change of changes) assertInsideNoLink(root, change.path, fsImpl);
  const temps: { change: FileChange; tmp: string; target: string }[] = [];
  try {
    for (const change of changes) {
      if (change.after === null) continue;
      const target = path.join(root, change.path);
      const tmp = `${target}.restage-tmp-${process.pid}`;
      // 'wx' creates the file or fails: a link planted at the temp name is never followed.
      fsImpl.writeFileSync(tmp, change.after, { flag: 'wx' });
      temps.push({ change, tmp, target });
      if (change.before !== null) fsImpl.chmodSync(tmp, fsImpl.statSync(target).mode & 0o7777);
    }
  } catch (err) {
    for (const t of temps) safely(() => fsImpl.unlinkSync(t.tmp));
    throw err;
  }
  const done: FileChange[] = [];
  try {
    for (const change of changes) {
      const target = path.join(root, change.path);
      if (change.after === null) fsImpl.unlinkSync(target);
      else fsImpl.renameSync(temps.find((t) => t.change === change)!.tmp, target);
      done.push(change);
    }
  } catch (err) {
    for (const change of done.reverse()) {
      const target = path.join(root, change.path);
      safely(() => (change.before === null ? fsImpl.unlinkSync(target) : fsImpl.writeFileSync(target, change.before)));
    }
    for (const t of temps) safely(() => fsImpl.unlinkSync(t.tmp));
    throw err;
  }
}

/** The target's directory resolves inside the root, and the target is not itself a symbolic link. */
function assertInsideNoLink(root: string, rel: string, fsImpl: Pick<typeof fs, 'lstatSync' | 'realpathSync'>): void {
  if (path.isAbsolute(rel) || rel.split('/').includes('..')) throw new Error(`${rel} is outside the repository; restage does not write there`);
  const realRoot = fsImpl.realpathSync(root);
  const dir = fsImpl.realpathSync(path.dirname(path.join(root, rel)));
  if (dir !== realRoot && !dir.startsWith(realRoot + path.sep))
    throw new Error(`${rel} lies behind a symbolic link that leaves the repository; restage does not write there`);
  if (fsImpl.lstatSync(path.join(root, rel), { throwIfNoEntry: false })?.isSymbolicLink())
    throw new Error(`${rel} is a symbolic link; restage does not write through links`);
}

function safely(f: () => void): void {
  try {
    f();
  } catch {
    // Best effort while undoing; the original error is what the user needs to see.
  }
}
