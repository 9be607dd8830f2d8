import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RepoView } from '../repo/view.js';
import type { SetupResult } from '../plan/setups.js';
import { isDockerfilePath } from '../repo/names.js';
import { globMatcher } from './glob.js';
import type { RestageConfig } from './load.js';

/** `# restage-ignore`, optionally followed by rule ids; anything after ` -- ` is the reason, for humans. */
const HASH_IGNORE = { comment: /^\s*#/, ignore: /#\s*restage-ignore(?![\w-])([^\n]*)$/ };
/** JavaScript and TypeScript drivers comment with `//`. */
const SLASH_IGNORE = { comment: /^\s*\/\//, ignore: /\/\/\s*restage-ignore(?![\w-])([^\n]*)$/ };
const JS_OR_TS = /\.[cm]?[jt]sx?$/;

/**
 * Applies the configuration and inline `# restage-ignore` comments to planned setups, after planning,
 * so that two setups sharing files are still seen together (an ignored driver still keeps the other
 * from rewriting files it needs).
 *
 * A suppressed warning or note is simply not reported: those never change the migration. A suppressed
 * refusal (an error) or `builder-pattern` (the finding that is the migration) cannot mean "migrate
 * anyway": it means "leave this setup alone", so the setup is skipped, byte-identical, exit 0.
 */
export function applySuppressions(setups: SetupResult[], repo: RepoView, config: RestageConfig): void {
  const ignored = globMatcher(config.ignore);
  for (const s of setups) {
    const file = s.files.find(ignored) ?? (ignored(s.driver) ? s.driver : undefined);
    if (file !== undefined) {
      skip(s, `${file} matches "ignore" in ${config.source ?? 'the configuration'}`);
      continue;
    }
    const kept: Diagnostic[] = [];
    let skipReason: string | null = null;
    for (const d of s.diagnostics) {
      const why = config.rulesOff.has(d.ruleId) ? `${d.ruleId} is off in ${config.source ?? 'the configuration'}` : inlineIgnore(repo, d);
      if (why === null) kept.push(d);
      else if (decidesFate(d)) skipReason ??= why;
    }
    if (skipReason !== null) skip(s, skipReason);
    else s.diagnostics = kept;
  }
}

function decidesFate(d: Diagnostic): boolean {
  return d.severity === 'error' || d.ruleId === 'builder-pattern';
}

function skip(s: SetupResult, reason: string): void {
  s.status = 'skipped';
  s.skipReason = reason;
  s.changes = [];
  s.plan = null;
  s.diagnostics = [];
}

/**
 * Why a diagnostic is suppressed inline, or null. The comment counts on the diagnostic's own line
 * (a trailing comment; not in Dockerfiles, where `#` after an instruction is part of it) or alone on
 * the line just above.
 */
function inlineIgnore(repo: RepoView, d: Diagnostic): string | null {
  const lines = repo.readText(d.file)?.split('\n');
  if (!lines) return null;
  const syntax = JS_OR_TS.test(d.file) ? SLASH_IGNORE : HASH_IGNORE;
  const own = isDockerfilePath(d.file) ? null : syntax.ignore.exec(lines[d.line - 1] ?? '');
  const aboveLine = lines[d.line - 2] ?? '';
  const above = syntax.comment.test(aboveLine) ? syntax.ignore.exec(aboveLine) : null;
  for (const [m, line] of [
    [own, d.line],
    [above, d.line - 1],
  ] as const) {
    if (!m) continue;
    const ids = m[1]!
      .split(/\s--\s|\s--$/)[0]!
      .split(/[\s,]+/)
      .filter((w) => w !== '');
    if (ids.length === 0 || ids.includes(d.ruleId))
      return `${syntax === SLASH_IGNORE ? '//' : '#'} restage-ignore${ids.length ? ` ${d.ruleId}` : ''} at ${d.file}:${line}`;
  }
  return null;
}
