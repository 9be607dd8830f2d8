/** A replacement of [start, end) in one file's original text. All synthesis is expressed as these. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits; several inserts at one offset keep the order they were given in. */
export function applyEdits(original: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i)
    .map((x) => x.e);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at offset ${e.start}`);
    out += original.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + original.slice(at);
}
