import fs from 'node:fs';
import path from 'node:path';
import type { FileChange } from '../synthesize/index.js';

/**
 * Applies one setup's changes all or nothing: every new text is written to a temp file beside its
 * target first, then renamed into place; if any step fails, files already replaced get their old text back.
 */
export function writeChangesAtomically(root: string, changes: FileChange[], fsImpl: Pick<typeof fs, 'writeFileSync' | 'renameSync' | 'unlinkSync' | 'statSync' | 'chmodSync'> = fs): void {
  const temps: { change: FileChange; tmp: string; target: string }[] = [];
  try {
    for (const change of changes) {
      if (change.after === null) continue;
      const target = path.join(root, change.path);
      const tmp = `${target}.restage-tmp-${process.pid}`;
      fsImpl.writeFileSync(tmp, change.after);
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

function safely(f: () => void): void {
  try {
    f();
  } catch {
    // Best effort while undoing; the original error is what the user needs to see.
  }
}
