import type { Arg } from '../docker-cli.js';
import type { DriverStep, WordSyntax } from '../steps.js';
import { argRun, shellQuote, shellWords } from '../embedded/word-syntax.js';
import { escapeFor, jsString } from './literals.js';

/** A JS string literal holding a command (`argv: false`) or one element of an argv array (`value`: its value). */
export interface Literal {
  start: number;
  end: number;
  quote: string;
  argv: boolean;
  value: string;
}

/**
 * Words restage inserts into a JS driver: new array elements after an argv element, or escaped sh
 * words inside the string or template the command is written in.
 */
export function jsWordSyntax(text: string, literals: Literal[], steps: DriverStep[]): WordSyntax {
  const valuesOf = (piece: string): string[] => {
    const run = argRun(text, steps, piece);
    return run && run.every((a) => a.isStatic) ? run.map((a) => a.text) : shellWords(piece);
  };
  return {
    staticOnly: true,
    insert(at, pieces) {
      const values = pieces.flatMap(valuesOf);
      const element = literals.find((l) => l.argv && l.end === at);
      if (element) return values.map((v) => `, ${jsString(v, element.quote)}`).join('');
      const inside = literals.find((l) => !l.argv && l.start < at && at < l.end);
      return ` ${escapeFor(values.map(shellQuote).join(' '), inside?.quote ?? "'")}`;
    },
    replace(arg: Arg, value: string) {
      const element = literals.find((l) => l.argv && l.start === arg.start);
      if (element) {
        const prefix = element.value.endsWith(arg.text) ? element.value.slice(0, element.value.length - arg.text.length) : '';
        return jsString(prefix + value, element.quote);
      }
      const inside = literals.find((l) => !l.argv && l.start < arg.start && arg.end < l.end);
      if (!inside) return jsString(value, "'");
      const prefix = arg.raw.startsWith('-') ? arg.raw.slice(0, arg.raw.includes('=') ? arg.raw.indexOf('=') + 1 : 2) : '';
      return prefix + escapeFor(shellQuote(value), inside.quote);
    },
  };
}
