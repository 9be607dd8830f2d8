import path from 'node:path/posix';
import type { Node as JsonNode } from 'jsonc-parser';
import driverParseError from '../../../rules/driver-parse-error.js';
import { LineIndex } from '../../text/lines.js';
import { extractEmbedded, TAKES_PART, type EmbeddedOpaque, type EmbeddedScript } from '../embedded/index.js';
import type { DriverAnalysis } from '../steps.js';
import type { EscapedSpan } from '../embedded/word-syntax.js';
import { decodeJsonString } from './json-string.js';
import { withoutBom } from '../../text/file-style.js';
import { COPIES_OUT, withClient } from '../../text/client-names.js';

/** A script that copies files out of a container: the one the setup lives in. */

/** Failing that, one that may (`docker run -v …`, output redirected, `docker compose run`). */
const EXTRACTS = withClient(String.raw`\bCLIENT\s+(container\s+)?(cp|create|run)\b|\bCLIENT[\s-]+compose\b[^&|;]*\srun\b`);
/** Failing both, one that tags an image and builds another after it: a later build may copy from the first by its tag. */
const BUILDS = withClient(String.raw`\bCLIENT\s+(image\s+|buildx\s+)?build\b`, 'g');
const TAGS = /\s(-t|--tag)[=\s]/;

/**
 * The name of the script a setup lives in (as extract() picks it, by setupOf), read with JSON.parse: `verify
 * --run-driver` runs it with npm. Null when package.json does not parse or no script extracts.
 */
export function setupScriptName(text: string): string | null {
  let scripts: unknown;
  try {
    scripts = (JSON.parse(withoutBom(text)) as { scripts?: unknown }).scripts;
  } catch {
    return null;
  }
  if (typeof scripts !== 'object' || scripts === null) return null;
  const entries = Object.entries(scripts).filter((e): e is [string, string] => typeof e[1] === 'string');
  return setupOf(entries, ([, t]) => t)?.[0] ?? null;
}

/** The script the setup lives in: the first that copies out of a container, else the first that may, else the first that builds twice. */
function setupOf<T>(scripts: T[], textOf: (s: T) => string): T | undefined {
  return (
    scripts.find((s) => COPIES_OUT.test(textOf(s))) ??
    scripts.find((s) => EXTRACTS.test(textOf(s))) ??
    scripts.find((s) => TAGS.test(textOf(s)) && (textOf(s).match(BUILDS)?.length ?? 0) >= 2)
  );
}

interface Script {
  name: string;
  node: JsonNode;
  decoded: Pick<EmbeddedScript, 'text' | 'starts' | 'ends'>;
}

/**
 * The setup is the first script that gets files out of a container; it is read like a shell script.
 * npm runs each script on demand, in an order package.json does not say, so other scripts that build,
 * create, copy or remove are opaque (the planner refuses them when they mention docker), as are the
 * scripts the setup calls by `npm run x` and its pre/post scripts. Scripts that use an image the setup
 * tags (push it, run tests in the builder) are read as running after the setup.
 */
export async function extract(relPath: string, text: string): Promise<DriverAnalysis> {
  const { parseTree, findNodeAtLocation } = await import('jsonc-parser');
  const errors: { error: number; offset: number; length: number }[] = [];
  // npm reads a file that starts with a byte order mark; read as a space, it keeps every offset.
  const root = parseTree(text.replace(/^\uFEFF/, ' '), errors, { allowTrailingComma: false, disallowComments: true });
  const dir = path.dirname(relPath) === '.' ? '' : path.dirname(relPath);
  if (!root || errors.length > 0) {
    const lines = new LineIndex(text);
    // Invalid JSON matters only when it looks like a setup; npm would refuse it anyway.
    const at = errors[0]?.offset ?? 0;
    const diagnostics = EXTRACTS.test(text)
      ? [driverParseError.report({ file: relPath, ...lines.position(at) }, { kind: 'package.json', detail: 'invalid JSON' })]
      : [];
    return { path: relPath, text, lines, steps: [], units: [], fixes: [], diagnostics, unreadable: diagnostics.length > 0 };
  }
  const scriptsNode = findNodeAtLocation(root, ['scripts']);
  const scripts: Script[] = [];
  for (const prop of scriptsNode?.type === 'object' ? (scriptsNode.children ?? []) : []) {
    const [key, value] = prop.children ?? [];
    if (!key || value?.type !== 'string') continue;
    scripts.push({ name: String(key.value), node: value, decoded: decodeJsonString(text, value.offset, value.offset + value.length) });
  }
  const setup = setupOf(scripts, (s) => s.decoded.text);
  const embedded: EmbeddedScript[] = [];
  const opaque: EmbeddedOpaque[] = [];
  if (setup) {
    embedded.push({ ...setup.decoded, cwd: dir, spans: [jsonSpan(setup)] });
    const called = new Set(calledScripts(setup.decoded.text));
    // A script using an image the setup builds (tests run in the builder) would break if it went.
    const tags = [...setup.decoded.text.matchAll(/(?:-t|--tag)[=\s]+["']?([^\s"'&;|]+)/g)].map((m) => m[1]!);
    for (const s of scripts) {
      if (s === setup) continue;
      // npm runs `prex` and `postx` around `x`, the setup's own included.
      const runs = [...called, setup.name].some((c) => s.name === c || s.name === `pre${c}` || s.name === `post${c}`);
      if (runs || TAKES_PART.test(s.decoded.text)) {
        opaque.push({ start: s.node.offset, end: s.node.offset + s.node.length, nodeType: `package.json script "${s.name}"`, text: s.decoded.text });
      } else if (tags.some((t) => s.decoded.text.includes(t))) {
        // Run by hand after the setup (push it, run tests in the builder): read as if it ran after it.
        embedded.push({ ...s.decoded, cwd: dir, spans: [jsonSpan(s)] });
      }
    }
  }
  return extractEmbedded(relPath, text, embedded, opaque, 'given');
}

/** A script's JSON string: text inserted there is JSON-escaped. */
function jsonSpan(s: Script): EscapedSpan {
  return { start: s.node.offset, end: s.node.offset + s.node.length, style: 'json', escape: (t) => JSON.stringify(t).slice(1, -1) };
}

/** `npm run x`, `npm run-script x`, `yarn x`, `pnpm x`, `bun run x`: the names of scripts a script runs. */
function calledScripts(script: string): string[] {
  const names: string[] = [];
  for (const m of script.matchAll(/(?:^|[;&|(\s])(npm|pnpm|yarn|bun)\s+((?:run(?:-script)?\s+)?)([A-Za-z0-9:_.-]+)/g)) {
    const name = m[3]!;
    if (m[2] === '' && m[1] === 'npm' && !['test', 'start', 'stop', 'restart'].includes(name)) continue;
    names.push(name);
  }
  return names;
}
