import type { SyntaxNode } from './parser.js';

/** A piece of a shell word, enough to evaluate it statically later with the variables known then. */
export type WordPart =
  | { kind: 'lit'; text: string }
  | { kind: 'var'; name: string; op: string | null; arg: WordPart[] }
  | { kind: 'cmdsub'; text: string; inner: SimpleCommand | null }
  | { kind: 'opaque'; text: string };

export interface Word {
  raw: string;
  parts: WordPart[];
  start: number;
  end: number;
}

/** Client-side settings that change neither what a build reads nor what it makes. */
/** The shell's commands that read a file into the script (`. lib.sh`, `source lib.sh`). */
export const SOURCES_A_FILE = /^(\.|source)$/;

export const CLIENT_ONLY_ENV = /^(DOCKER_BUILDKIT=1|BUILDKIT_PROGRESS=[A-Za-z]*|DOCKER_CLI_HINTS=\w*|DOCKER_SCAN_SUGGEST=\w*|COMPOSE_DOCKER_CLI_BUILD=1)$/;

export interface SimpleCommand {
  words: Word[];
  start: number;
  end: number;
  /** `> file` redirections of stdout, with the target word. */
  stdoutTo: Word | null;
  /** Any other redirection or heredoc, which restage does not model. */
  otherRedirects: boolean;
  /** `>> file`, `&> file`, `&>> file`: stdout added to or mixed into a file, which restage does not model but must see written. */
  appendTo: Word | null;
  /**
   * `FOO=bar cmd`: the command runs with extra environment. False when every assignment only tells the
   * docker client how to talk or print (`DOCKER_BUILDKIT=1`, `BUILDKIT_PROGRESS=plain`): the image it
   * builds is the same, and a migrated build needs BuildKit anyway.
   */
  envPrefix: boolean;
}

/** Where a statement is in the text, what removing it removes, and its `&&` chain (group). */
interface StatementSpan {
  start: number;
  end: number;
  removeStart: number;
  removeEnd: number;
  group: number;
  groupStart: number;
  groupEnd: number;
}

/**
 * One unit of a driver's top-level control flow. Units of one `a && b` chain share a group, so that a
 * rewrite can remove one element with its operator or the whole chain with its lines.
 */
export type Statement =
  /** `pipeTo`: the second command of a two-command pipeline `a | b` (a docker command piped into a host one). */
  | (StatementSpan & {
      kind: 'command';
      cmd: SimpleCommand;
      assignTo: string | null;
      pipeTo?: SimpleCommand;
    })
  | (StatementSpan & {
      kind: 'assign';
      name: string;
      value: Word | null;
    })
  | (StatementSpan & {
      kind: 'compound';
      nodeType: string;
      text: string;
    })
  /** `name() { BODY }`: the body's statements in order. */
  | (StatementSpan & {
      kind: 'function';
      name: string;
      body: Statement[];
      text: string;
    })
  /** `for NAME in WORDS; do BODY; done` with the words written out; the body's statements in order. */
  | (StatementSpan & {
      kind: 'loop';
      variable: string;
      values: Word[];
      body: Statement[];
      text: string;
    });

export function wordFromNode(node: SyntaxNode): Word {
  return { raw: node.text, parts: partsOf(node), start: node.startIndex, end: node.endIndex };
}

function partsOf(node: SyntaxNode): WordPart[] {
  switch (node.type) {
    case 'word':
    case 'command_name':
      if (node.type === 'command_name' && node.namedChildCount === 1 && node.namedChildren[0]) return partsOf(node.namedChildren[0]);
      return [{ kind: 'lit', text: unescapeBare(node.text) }];
    case 'number':
      return [{ kind: 'lit', text: node.text }];
    case 'raw_string':
      return [{ kind: 'lit', text: node.text.slice(1, -1) }];
    case 'string': {
      // Literal text between expansions is not always a child node, so walk the source between children.
      const parts: WordPart[] = [];
      let at = node.startIndex + 1;
      const end = node.endIndex - 1;
      const src = node.text;
      const base = node.startIndex;
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.startIndex > at) parts.push({ kind: 'lit', text: unescapeDouble(src.slice(at - base, child.startIndex - base)) });
        if (child.type === 'string_content') parts.push({ kind: 'lit', text: unescapeDouble(child.text) });
        else parts.push(...partsOf(child));
        at = child.endIndex;
      }
      if (end > at) parts.push({ kind: 'lit', text: unescapeDouble(src.slice(at - base, end - base)) });
      return parts;
    }
    case 'concatenation':
      return node.children.flatMap((c) => (c ? partsOf(c) : []));
    case 'simple_expansion': {
      const name = node.text.slice(1);
      return [{ kind: 'var', name, op: null, arg: [] }];
    }
    case 'expansion':
      return [expansionPart(node)];
    case 'command_substitution': {
      const inner = node.namedChildren.find((c) => c?.type === 'command') ?? null;
      return [{ kind: 'cmdsub', text: node.text, inner: inner ? simpleCommand(inner) : null }];
    }
    default:
      return [{ kind: 'opaque', text: node.text }];
  }
}

function expansionPart(node: SyntaxNode): WordPart {
  // ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME%/*} and the other pattern removals; `${NAME[0]}`
  // is `$NAME` (bash's `${BASH_SOURCE[0]}`); anything fancier (substrings, replacements) stays opaque.
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*|[0-9]+)(?:\[0\])?(?:(:?[-=+?]|%%?|##?)(.*))?\}$/s.exec(node.text);
  if (!m || !m[1]) return { kind: 'opaque', text: node.text };
  const op = m[2] ?? null;
  const argText = m[3] ?? '';
  const argNode = node.namedChildren.filter((c) => c && c.type !== 'variable_name').at(-1);
  // A removal's pattern is one node the grammar does not split into words (`/*`): read as written when it expands nothing.
  const literalPattern = op !== null && /^[%#]/.test(op) && !/[$`\\'"]/.test(argText);
  const arg: WordPart[] = op === null ? [] : !literalPattern && argNode && argNode.text === argText ? partsOf(argNode) : [{ kind: 'lit', text: argText }];
  return { kind: 'var', name: m[1], op, arg };
}

function unescapeBare(text: string): string {
  return text.replace(/\\(.)/gs, '$1');
}

function unescapeDouble(text: string): string {
  return text.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c));
}

/**
 * A command's words and redirections. `redirectedBy`: the redirected statement that holds this command's
 * redirections when the parser put them on an enclosing `&&` chain (statements.ts, flattenList).
 */
export function simpleCommand(node: SyntaxNode, redirectedBy: SyntaxNode | null = null): SimpleCommand {
  let stdoutTo: Word | null = null;
  let otherRedirects = false;
  let appendTo: Word | null = null;
  let joinsStreams = false;
  let target = node;
  const holder = redirectedBy ?? (node.type === 'redirected_statement' ? node : null);
  if (holder) {
    const body = holder.childForFieldName('body');
    for (const r of holder.namedChildren) {
      if (!r || r === body || r.id === body?.id) continue;
      if (r.type === 'file_redirect') {
        const op = r.children.find((c) => c && !c.isNamed)?.text ?? '';
        const dest = r.childForFieldName('destination') ?? r.namedChildren.at(-1) ?? null;
        const fd = r.namedChildren.find((c) => c?.type === 'file_descriptor')?.text ?? null;
        // `> /dev/null`, `&> /dev/null`, `2>&1`, `>&2`: output thrown away or sent to the other stream,
        // which the scripts that build images write everywhere; no file is written.
        if (dest?.text === '/dev/null' && ['>', '>|', '>>', '&>', '&>>'].includes(op)) continue;
        if (op === '>&' && (dest?.text === '1' || dest?.text === '2')) {
          joinsStreams = true;
          continue;
        }
        if ((op === '>' || op === '>|') && (fd === null || fd === '1') && dest) stdoutTo = wordFromNode(dest);
        else if (!(op === '>' || op === '>>') || fd !== '2') {
          otherRedirects = true;
          if (dest && (fd === null || fd === '1') && (op === '>>' || op === '&>' || op === '&>>')) appendTo = wordFromNode(dest);
        }
      } else otherRedirects = true;
    }
    if (body && !redirectedBy) target = body;
  }
  // With stdout in a file, `2>&1` may pour the errors into it too: not modelled.
  if (joinsStreams && stdoutTo) otherRedirects = true;
  const words: Word[] = [];
  let envPrefix = false;
  for (const c of target.namedChildren) {
    if (!c) continue;
    if (c.type === 'variable_assignment') {
      if (!CLIENT_ONLY_ENV.test(c.text)) envPrefix = true;
      continue;
    }
    if (c.type === 'file_redirect' || c.type === 'herestring_redirect') {
      otherRedirects = true;
      continue;
    }
    words.push(wordFromNode(c));
  }
  return { words, start: node.startIndex, end: (holder ?? node).endIndex, stdoutTo, otherRedirects, appendTo, envPrefix };
}
