import fs from 'node:fs';
import path from 'node:path';

/**
 * Commits what is staged, then makes a branch `other` and the branch checked out change `file` each its
 * own way: merging `other` next conflicts, leaving the file in the index once per stage.
 */
export function divergedOn(root: string, file: string, git: (root: string, ...args: string[]) => unknown): void {
  git(root, 'commit', '-qm', 'base');
  git(root, 'checkout', '-qb', 'other');
  fs.writeFileSync(path.join(root, file), 'other\n');
  git(root, 'commit', '-qam', 'other');
  git(root, 'checkout', '-q', '-');
  fs.writeFileSync(path.join(root, file), 'mine\n');
  git(root, 'commit', '-qam', 'mine');
}
