import { decodeMapped, type MappedText } from '../../text/offsets.js';

/**
 * A JSON string literal at [start, end) of `text` (quotes included), decoded, each unit mapped to the
 * escape or character it came from. The file parsed as JSON before this is called, so each escape is
 * valid and JSON.parse of it alone decodes it.
 */
export function decodeJsonString(text: string, start: number, end: number): MappedText {
  return decodeMapped(text, start + 1, end - 1, (s, i) => {
    if (s[i] !== '\\') return [s[i]!, 1];
    const width = s[i + 1] === 'u' ? 6 : 2;
    return [JSON.parse(`"${s.slice(i, i + width)}"`) as string, width];
  });
}
