import type { SyntaxNode } from './parser.js';
import { simpleCommand, wordFromNode, type Statement } from './script.js';
import { WRAPPED_START, withClient } from '../text/client-names.js';

type Span = { start: number; end: number; removeStart: number; removeEnd: number };

/**
 * The driver's top-level statements in order. `a && b` chains are flattened into their elements (one
 * group); control flow restage does not follow (if, loops, functions, pipelines, subshells) stays one
 * opaque `compound` unit.
 */
/** A command that starts with the docker client however it is spelled (see dockerWords). */
const DOCKER_CLIENT_START = withClient(String.raw`^${WRAPPED_START}(?:(?:\S*\/)?CLIENT|"?\$\{?\(?[A-Za-z_]*CLIENT\w*[^\s]*)\s`, 'i');

export function topLevelStatements(root: SyntaxNode): Statement[] {
  return statementsIn(root, { next: 0 });
}

/** The statements directly inside `parent` (the script, or a loop's `do … done`); groups are numbered across nesting. */
function statementsIn(parent: SyntaxNode, groups: { next: number }): Statement[] {
  const out: Statement[] = [];
  for (const node of parent.namedChildren) {
    if (!node || node.type === 'comment') continue;
    const group = ++groups.next;
    const groupSpan = { group, groupStart: node.startIndex, groupEnd: node.endIndex };
    const elements = andChain(node);
    if (elements) {
      elements.forEach((el, i) => {
        const next = elements[i + 1];
        const prev = elements[i - 1];
        const span: Span = {
          start: el.node.startIndex,
          end: el.end,
          removeStart: prev ? prev.end : el.node.startIndex,
          removeEnd: next && !prev ? next.node.startIndex : el.end,
        };
        out.push(...unitStatements(el.node, span, groupSpan, groups, el.redirects));
      });
    } else if (tolerantCleanup(node) || stopsOnFailure(node)) {
      // Read as the command alone; its unit spans the whole list, so removing it takes `|| true` (or `|| exit 1`) along.
      out.push(
        ...unitStatements(
          node.namedChildren[0]!,
          { start: node.startIndex, end: node.endIndex, removeStart: node.startIndex, removeEnd: node.endIndex },
          groupSpan,
          groups,
        ),
      );
    } else {
      out.push(
        ...unitStatements(node, { start: node.startIndex, end: node.endIndex, removeStart: node.startIndex, removeEnd: node.endIndex }, groupSpan, groups),
      );
    }
  }
  return out;
}

/**
 * `docker rm -f extract 2>/dev/null || true`, `rm -f app || :`: the hygiene of a re-runnable script. The
 * `|| true` only forgives a failure of a clean-up command, so it is that command, not control flow.
 */
function tolerantCleanup(node: SyntaxNode): boolean {
  if (node.type !== 'list' || node.namedChildren.length !== 2) return false;
  const [a, b] = node.namedChildren;
  const op = node.children.find((c) => c && !c.isNamed)?.text;
  if (!a || !b || op !== '||' || b.type !== 'command' || !/^(true|:)$/.test(b.text.trim())) return false;
  return (a.type === 'command' || a.type === 'redirected_statement') && CLEANUP.test(a.text);
}

/**
 * `docker build … || exit 1`, `cd dir || exit`, `… || { echo "failed" >&2; exit 1; }`: a command that
 * stops the script when it fails. On the run that builds the images it is that command alone, and the
 * words after `||` change nothing a build reads.
 */
function stopsOnFailure(node: SyntaxNode): boolean {
  if (node.type !== 'list' || node.namedChildren.length !== 2) return false;
  const [a, b] = node.namedChildren;
  const op = node.children.find((c) => c && !c.isNamed)?.text;
  if (!a || !b || op !== '||' || (a.type !== 'command' && a.type !== 'redirected_statement')) return false;
  if (b.type === 'command') return EXITS.test(b.text.trim());
  if (b.type !== 'compound_statement') return false;
  const body = b.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  const last = body[body.length - 1];
  return (
    last?.type === 'command' &&
    EXITS.test(last.text.trim()) &&
    body
      .slice(0, -1)
      .every(
        (c) =>
          (c.type === 'command' || c.type === 'redirected_statement') &&
          /^(echo|printf)\s/.test(c.text) &&
          !/[;&|`]|\$\(/.test(c.text.replace(/\s+[12]?>&[12]$/, '')),
      )
  );
}

const EXITS = /^(exit|return)(\s+(\d+|\$\?))?$/;

const CLEANUP = withClient(String.raw`^(?:sudo\s+(?:-\S+\s+)*)?(?:(?:\S*\/)?CLIENT\s+(?:container\s+rm|image\s+rm|rm|rmi)|rm|rmdir|mkdir)\s`);

/** `a || b` runs b only when a fails: removing a would change when b runs, so such lists stay opaque. */
function onlyAndOperators(node: SyntaxNode): boolean {
  if (node.type !== 'list') return true;
  return node.children.every((c) => !c || c.isNamed || c.text === '&&') && node.namedChildren.every((c) => !c || onlyAndOperators(c));
}

/**
 * The elements of a list of `&&` only, or of one tree-sitter wrapped in the redirection of its last
 * command (see flattenList); null for anything else.
 */
function andChain(node: SyntaxNode): ChainElement[] | null {
  if (node.type === 'list') return onlyAndOperators(node) ? flattenList(node) : null;
  const body = node.type === 'redirected_statement' ? node.childForFieldName('body') : null;
  if (body?.type !== 'list' || !onlyAndOperators(body)) return null;
  const elements = flattenList(node);
  return elements.length > 1 ? elements : null;
}

/** One element of an `a && b` chain: `redirects` holds the redirection tree-sitter hung on the chain, `end` where the element ends. */
interface ChainElement {
  node: SyntaxNode;
  redirects: SyntaxNode | null;
  end: number;
}

/**
 * tree-sitter-bash reads `a && b > out && c` as `(a && b) > out`, then `&& c`; in bash a redirection
 * belongs to the simple command it follows, so it is given back to `b`. Should that command be anything
 * but a plain command, the whole redirected chain stays one opaque element.
 */
function flattenList(node: SyntaxNode): ChainElement[] {
  if (node.type === 'redirected_statement') {
    const body = node.childForFieldName('body');
    if (body?.type === 'list' && onlyAndOperators(body)) {
      const elements = flattenList(body);
      const last = elements[elements.length - 1];
      if (last && last.redirects === null && last.node.type === 'command')
        return [...elements.slice(0, -1), { node: last.node, redirects: node, end: node.endIndex }];
    }
  }
  if (node.type !== 'list') return [{ node, redirects: null, end: node.endIndex }];
  return node.namedChildren.flatMap((c) => (c && c.type !== 'comment' ? flattenList(c) : []));
}

function unitStatements(
  node: SyntaxNode,
  span: Span,
  g: { group: number; groupStart: number; groupEnd: number },
  groups: { next: number },
  redirects: SyntaxNode | null = null,
): Statement[] {
  if (redirects) return [{ kind: 'command', cmd: simpleCommand(node, redirects), assignTo: null, ...span, ...g }];
  // `for x in a b c; do …; done` (a list written out): its body is read statement by statement.
  if (node.type === 'for_statement' && span.start === g.groupStart && span.end === g.groupEnd) {
    const variable = node.childForFieldName('variable');
    const values = node.childrenForFieldName('value').filter((c): c is SyntaxNode => !!c);
    const body = node.childForFieldName('body');
    if (variable && values.length > 0 && body?.type === 'do_group') {
      return [{ kind: 'loop', variable: variable.text, values: values.map(wordFromNode), body: statementsIn(body, groups), text: node.text, ...span, ...g }];
    }
  }
  if (node.type === 'function_definition' && span.start === g.groupStart && span.end === g.groupEnd) {
    const name = node.childForFieldName('name');
    const body = node.childForFieldName('body');
    if (name && body?.type === 'compound_statement')
      return [{ kind: 'function', name: name.text, body: statementsIn(body, groups), text: node.text, ...span, ...g }];
  }
  const body = node.type === 'redirected_statement' ? node.childForFieldName('body') : node;
  if (body && body.type === 'command') return [{ kind: 'command', cmd: simpleCommand(node), assignTo: null, ...span, ...g }];
  // `docker run … tar -c … | tar -x …`: followed as one step; any other pipeline stays opaque.
  if (node.type === 'pipeline') {
    const parts = node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
    const plainPipes = node.children.every((c) => !c || c.isNamed || c.text === '|');
    if (plainPipes && parts.length === 2 && parts.every((p) => p.type === 'command') && DOCKER_CLIENT_START.test(parts[0]!.text)) {
      return [{ kind: 'command', cmd: simpleCommand(parts[0]!), assignTo: null, pipeTo: simpleCommand(parts[1]!), ...span, ...g }];
    }
  }
  if (node.type === 'variable_assignment') return [assignment(node, span, g)];
  if (node.type === 'variable_assignments' || node.type === 'declaration_command') {
    const assigns = node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type === 'variable_assignment');
    if (node.type === 'declaration_command' && !/^(export|readonly|local|declare|typeset)\b/.test(node.text)) return [compound(node, span, g)];
    return assigns.map((a) => assignment(a, span, g));
  }
  return [compound(node, span, g)];
}

function assignment(node: SyntaxNode, span: Span, g: { group: number; groupStart: number; groupEnd: number }): Statement {
  const name = node.childForFieldName('name')?.text ?? node.text.split('=')[0] ?? '';
  const valueNode = node.childForFieldName('value');
  const substitution = commandSubstitutionOf(valueNode);
  if (substitution) {
    const inner = substitution.namedChildren.find((c) => c?.type === 'command' || c?.type === 'redirected_statement');
    if (inner && substitution.namedChildCount === 1) return { kind: 'command', cmd: simpleCommand(inner), assignTo: name, ...span, ...g };
  }
  return { kind: 'assign', name, value: valueNode ? wordFromNode(valueNode) : null, ...span, ...g };
}

/** `$(…)`, or `"$(…)"` with nothing else inside the quotes: the same value (an assignment does not split words). */
function commandSubstitutionOf(value: SyntaxNode | null): SyntaxNode | null {
  if (value?.type === 'command_substitution') return value;
  if (value?.type !== 'string' || value.namedChildCount !== 1) return null;
  const only = value.namedChildren[0];
  return only?.type === 'command_substitution' && value.text === `"${only.text}"` ? only : null;
}

function compound(node: SyntaxNode, span: Span, g: { group: number; groupStart: number; groupEnd: number }): Statement {
  return { kind: 'compound', nodeType: node.type, text: node.text, ...span, ...g };
}
