/**
 * What an edit must not change about a file's bytes: its byte-order mark, its line-ending convention
 * and whether it ends in a newline. Synthesis splices text taken from other files (a builder
 * Dockerfile with CRLF or a BOM of its own) and writes `\n`; this puts the edited file's style back.
 */
const BOM = '\uFEFF';

/** The text after its byte-order mark, if it has one (npm and Docker read such files too). */
export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

type LineEnding = '\n' | '\r\n' | 'mixed' | 'none';

function lineEnding(text: string): LineEnding {
  const lf = (text.match(/\n/g) ?? []).length;
  if (lf === 0) return 'none';
  const crlf = (text.match(/\r\n/g) ?? []).length;
  return crlf === 0 ? '\n' : crlf === lf ? '\r\n' : 'mixed';
}

/** `after`, an edit of `before`, in `before`'s style: same BOM, same line endings, same final newline. */
export function keepFileStyle(before: string, after: string): string {
  // A spliced file brings its BOM to a line start; like Docker, drop one BOM there (a second is text).
  let body = after.replace(/(^|\n)\uFEFF/g, '$1');
  const ending = lineEnding(withoutBom(before));
  if (ending === '\r\n') body = body.replace(/\r?\n/g, '\r\n');
  else if (ending === '\n') body = body.replace(/\r\n/g, '\n');
  const eol = ending === '\r\n' ? '\r\n' : '\n';
  const endsWithNewline = /\n$/.test(before);
  if (body !== '') {
    if (endsWithNewline && !body.endsWith('\n')) body += eol;
    else if (!endsWithNewline && before !== '') body = body.replace(/\r?\n$/, '');
  }
  return (before.startsWith(BOM) ? BOM : '') + body;
}
