import type { FileChange } from '../synthesize/index.js';
import { requirePackage } from '../packages/require-package.js';

/** Loaded when there is a diff to print, not on every run. */
let jsdiff: typeof import('diff') | undefined;

/** A git-style unified diff of one file change; deletions and creations use /dev/null. */
export function unifiedDiff(change: FileChange): string {
  const from = change.before === null ? '/dev/null' : `a/${change.path}`;
  const to = change.after === null ? '/dev/null' : `b/${change.path}`;
  jsdiff ??= requirePackage('diff') as typeof import('diff');
  const patch = jsdiff.createTwoFilesPatch(from, to, change.before ?? '', change.after ?? '', undefined, undefined, { context: 3 });
  // jsdiff starts with an `Index:`-less header line of '=' signs; git tools expect `diff --git`.
  return `diff --git a/${change.path} b/${change.path}\n${patch.replace(/^=+\n/, '')}`;
}
