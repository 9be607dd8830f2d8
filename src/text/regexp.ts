/** Text as a regular expression that matches exactly it. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The indexes where `word` stands in `text` with `before` true of the character before it (undefined at
 * the start) and `after` of the one after it (undefined at the end). A string search rather than a
 * regular expression built from the word: V8 will not compile one from a word of a very long line
 * ("Regular expression too large" past about 50,000 characters), an internal error where a migration
 * or a refusal was due.
 */
export function wordIndexes(text: string, word: string, before: (c: string | undefined) => boolean, after: (c: string | undefined) => boolean): number[] {
  const out: number[] = [];
  if (word === '') return out;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    if (before(i === 0 ? undefined : text[i - 1]) && after(text[i + word.length])) out.push(i);
  }
  return out;
}

/** A bound for wordIndexes: the start or end of the text, or a character `re` matches. */
export const edgeOr =
  (re: RegExp) =>
  (c: string | undefined): boolean =>
    c === undefined || re.test(c);

/** A bound for wordIndexes: the start or end of the text, or no character `re` matches. */
export const edgeOrNot =
  (re: RegExp) =>
  (c: string | undefined): boolean =>
    c === undefined || !re.test(c);
