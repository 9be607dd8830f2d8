import type { FileChange } from '../synthesize/index.js';
import { requirePackage } from '../packages/require-package.js';

/**
 * One replacement in a file as it was: `deletedLines` whole lines from `startLine` (1-based) are
 * replaced by `insertedText`. `offset`/`length` give the same span in UTF-16 code units from the
 * start of the file (0-based), so a tool can splice without counting lines.
 */
export interface LineEdit {
  startLine: number;
  deletedLines: number;
  offset: number;
  length: number;
  insertedText: string;
}

let jsdiff: typeof import('diff') | undefined;

/** The change as line replacements on the old text; a created file is one insertion at line 1. */
export function lineEdits(change: FileChange): LineEdit[] {
  jsdiff ??= requirePackage('diff') as typeof import('diff');
  const edits: LineEdit[] = [];
  let line = 1;
  let offset = 0;
  let open: LineEdit | null = null;
  for (const part of jsdiff.diffLines(change.before ?? '', change.after ?? '')) {
    const lines = part.count ?? 0;
    if (!part.added && !part.removed) {
      open = null;
      line += lines;
      offset += part.value.length;
      continue;
    }
    if (!open) {
      open = { startLine: line, deletedLines: 0, offset, length: 0, insertedText: '' };
      edits.push(open);
    }
    if (part.removed) {
      open.deletedLines += lines;
      open.length += part.value.length;
      line += lines;
      offset += part.value.length;
    } else {
      open.insertedText += part.value;
    }
  }
  return edits;
}

export type ChangeAction = 'create' | 'delete' | 'modify';

export function changeAction(change: FileChange): ChangeAction {
  return change.before === null ? 'create' : change.after === null ? 'delete' : 'modify';
}
