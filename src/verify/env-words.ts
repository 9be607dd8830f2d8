// Words of the driver that restage could not resolve statically keep their source form (`$https_proxy`,
// `${TAG:-1.0}`); a replay takes their variables from verify's own environment, as the driver would.

export type Expansion = { ok: true; text: string } | { ok: false; unset: string } | { ok: false; unknown: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function expandFromEnv(text: string, env: NodeJS.ProcessEnv = process.env): Expansion {
  let out = '';
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '`' || c === '\u0000') return { ok: false, unknown: text };
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const rest = text.slice(i + 1);
    const simple = NAME.exec(rest);
    if (simple) {
      const v = env[simple[0]];
      if (v === undefined) return { ok: false, unset: simple[0] };
      out += v;
      i += 1 + simple[0].length;
      continue;
    }
    if (!rest.startsWith('{')) return { ok: false, unknown: text };
    const close = matchingBrace(text, i + 1);
    if (close < 0) return { ok: false, unknown: text };
    const inner = text.slice(i + 2, close);
    const name = NAME.exec(inner)?.[0];
    if (!name) return { ok: false, unknown: text };
    const op = /^(:?[-+])?/.exec(inner.slice(name.length))![0];
    if (name.length + op.length !== inner.length && op === '') return { ok: false, unknown: text };
    const value = env[name];
    const set = op.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
    if (op === '') {
      if (value === undefined) return { ok: false, unset: name };
      out += value;
    } else {
      const word = inner.slice(name.length + op.length);
      const useWord = op.endsWith('-') ? !set : set;
      if (useWord) {
        const w = expandFromEnv(word, env);
        if (!w.ok) return w;
        out += w.text;
      } else if (op.endsWith('-')) {
        out += value ?? '';
      }
    }
    i = close + 1;
  }
  return { ok: true, text: out };
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}
