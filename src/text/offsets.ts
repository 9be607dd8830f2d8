/**
 * Appends `items` to `to` one by one. `to.push(...items)` passes every item as an argument, and a
 * per-character offset map of one long line (a 138,000-character YAML scalar, found by the fuzz
 * campaign) is more arguments than the stack holds.
 */
export function pushAll<T>(to: T[], items: readonly T[], from = 0, end = items.length): void {
  for (let i = from; i < end; i++) to.push(items[i]!);
}

/** Text decoded from a source (a string literal's escapes), each unit mapped to the source span it came from. */
export interface MappedText {
  text: string;
  starts: number[];
  ends: number[];
}

/**
 * Decodes `src` from `start` to `end` one token at a time: `unit(src, i)` gives the text the token at `i`
 * stands for and how many source characters it takes. Every unit of that text maps to the token's span,
 * so a splice into the decoded text lands inside the literal.
 */
export function decodeMapped(src: string, start: number, end: number, unit: (src: string, i: number) => [decoded: string, width: number]): MappedText {
  const out: MappedText = { text: '', starts: [], ends: [] };
  for (let i = start; i < end;) {
    const [decoded, width] = unit(src, i);
    for (let k = 0; k < decoded.length; k++) {
      out.text += decoded[k];
      out.starts.push(i);
      out.ends.push(i + width);
    }
    i += width;
  }
  return out;
}
