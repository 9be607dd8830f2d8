import type { Arg } from '../docker-cli.js';
import type { DriverStep, WordSyntax } from '../steps.js';

/** The words of a driver's docker commands whose text in the file is `piece` (one word or a flag and its value). */
export function argRun(text: string, steps: DriverStep[], piece: string): Arg[] | null {
  for (const s of steps) {
    if (s.kind !== 'docker') continue;
    for (let i = 0; i < s.args.length; i++) {
      for (let j = i; j < Math.min(i + 2, s.args.length); j++) {
        const run = s.args.slice(i, j + 1);
        if (text.slice(run[0]!.start, run.at(-1)!.end) === piece) return run;
      }
    }
  }
  return null;
}

/** Splits sh text restage itself wrote (`-f path`, `--target x`, a quoted word) into words. */
export function shellWords(piece: string): string[] {
  const words: string[] = [];
  for (const m of piece.matchAll(/'((?:[^']|'\\'')*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)) {
    words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!);
  }
  return words;
}

/** Quotes one word for sh. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./@:+=,%\u0001-]+$/.test(s) && s !== '' ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Where a script sits in its file, and how text must be escaped to sit there (a JSON string, a quoted YAML scalar). */
export interface EscapedSpan {
  start: number;
  end: number;
  style: string;
  escape(shellText: string): string;
}

/**
 * Words inserted into shell text held in escaped strings. A piece written in a span of the same style
 * (a `--build-arg` copied from another script of the same file) goes in as written; anything else is
 * escaped for its destination, from the words' values when they came from a span of another style.
 */
export function escapedWordSyntax(text: string, steps: DriverStep[], spans: EscapedSpan[]): WordSyntax {
  const spanAt = (at: number) => spans.find((s) => s.start <= at && at <= s.end);
  const encode = (piece: string, dest: EscapedSpan | undefined): string => {
    const run = argRun(text, steps, piece);
    const from = run ? spanAt(run[0]!.start) : undefined;
    if (run && from?.style === dest?.style) return piece;
    const shellText = run ? (run.every((a) => a.isStatic) ? run.map((a) => shellQuote(a.text)).join(' ') : null) : piece;
    // A non-static word's value is unknown: it can only be copied as written.
    if (shellText === null) return piece;
    return dest ? dest.escape(shellText) : shellText;
  };
  return {
    insert(at, pieces) {
      const dest = spanAt(at);
      return ` ${pieces.map((p) => encode(p, dest)).join(' ')}`;
    },
    replace(arg: Arg, value: string) {
      const prefix = arg.raw.startsWith('-') ? arg.raw.slice(0, arg.raw.includes('=') ? arg.raw.indexOf('=') + 1 : 2) : '';
      const dest = spanAt(arg.start);
      return prefix + (dest ? dest.escape(shellQuote(value)) : shellQuote(value));
    },
  };
}
