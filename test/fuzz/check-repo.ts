import fs from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { main } from '../../src/cli/main.js';
import { ABSOLUTE_TARGET, OUTSIDE_DIR, readTreeBytes, type Tree } from './mutate.js';
import { tempDir } from '../support/temp-dir.js';

/** How many cases ended how (a campaign reports it, to show which paths the properties were checked on). */
export type Tally = Record<string, number>;

/** One broken promise: which property, and what was seen. */
export interface Finding {
  property: string;
  detail: string;
}

interface JsonReport {
  setups: {
    driver: string;
    status: 'migrate' | 'refused';
    changes: { path: string; action: string }[];
    diagnostics: { file: string; line: number; col: number; ruleId: string; message: string }[];
  }[];
}

const DOCKERFILE_NAME = /(^|\/)([^/]*\.)?[Dd]ockerfile(\.[^/]*)?$/;
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;
/** What migrate may print on stderr in the diff format: diagnostics, one per line, and restage's own lines. */
const STDERR_LINE = /^(.+:\d+:\d+: [a-z][a-z0-9-]*: .*|restage: .*)$/;

async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string } | { threw: unknown }> {
  let stdout = '';
  let stderr = '';
  try {
    const code = await main(['node', 'restage', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
    return { code, stdout, stderr };
  } catch (threw) {
    return { threw };
  }
}

function writeTree(dir: string, tree: Tree): void {
  for (const [rel, buf] of tree) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), buf);
  }
}

/** dockerfile-utils' errors (severity 1); warnings are not counted (see docs/safety.md). */
function validationErrors(text: string): string[] {
  DockerfileParser.parse(text);
  return validate(text)
    .filter((d) => d.severity === 1)
    .map((d) => `line ${d.range.start.line + 1}: ${typeof d.message === 'string' ? d.message : d.message.value}`);
}

/**
 * Runs migrate three times over a copy of `tree` (preview, --write, preview again) and returns every
 * property it breaks. An empty list means: exit codes 0/1/2, no stack trace, one line per diagnostic,
 * no internal error, the preview wrote nothing, --write changed only what migrating setups proposed,
 * each written Dockerfile parses and has no validation error, and the
 * second preview proposes nothing and refuses exactly what the first refused; and nothing beside the
 * repository (a sibling directory mutated paths point into, an absolute path) is created or changed.
 */
export async function checkRepo(tree: Tree, tally?: Tally): Promise<Finding[]> {
  const findings: Finding[] = [];
  const base = tempDir('restage-fuzz-');
  const dir = path.join(base, 'repo');
  // Beside the repository: files a mutated path may name, which must stay as they are.
  const outside: Tree = new Map([
    ['x', Buffer.from('outside\n')],
    ['Dockerfile', Buffer.from('FROM scratch\n')],
  ]);
  try {
    writeTree(dir, tree);
    writeTree(path.join(base, OUTSIDE_DIR), outside);
    const outcome = (step: string, r: Awaited<ReturnType<typeof run>>) => {
      if ('threw' in r) {
        findings.push({
          property: 'no exception escapes main',
          detail: `${step}: ${r.threw instanceof Error ? (r.threw.stack ?? r.threw.message) : String(r.threw)}`,
        });
        return null;
      }
      if (![0, 1, 2].includes(r.code)) findings.push({ property: 'exit code is 0, 1 or 2', detail: `${step}: ${r.code}` });
      if (STACK_FRAME.test(r.stdout) || STACK_FRAME.test(r.stderr)) findings.push({ property: 'no stack trace', detail: `${step}: ${r.stderr.slice(0, 500)}` });
      const internal = /internal-error[^\n]*/.exec(r.stdout + r.stderr);
      if (internal) findings.push({ property: 'no internal error', detail: `${step}: ${internal[0].slice(0, 300)}` });
      return r;
    };

    const preview = outcome('preview', await run(['migrate', '--format', 'json', '.'], dir));
    if (!preview) return findings;
    if (!sameTree(readTreeBytes(dir), tree)) findings.push({ property: 'a preview writes nothing', detail: changedPaths(tree, readTreeBytes(dir)).join(', ') });
    if (preview.stdout === '') {
      // No report: only a usage error (a configuration file the mutation broke) may end a run so,
      // with exit 2, one `restage:` line, and nothing written even with --write.
      if (preview.code !== 2 || !/^restage: [^\n]*\n$/.test(preview.stderr))
        findings.push({ property: 'a report, or one usage-error line and exit 2', detail: `exit ${preview.code}: ${preview.stderr.slice(0, 300)}` });
      const written = outcome('--write', await run(['migrate', '--write', '.'], dir));
      if (written && (written.code !== 2 || !sameTree(readTreeBytes(dir), tree)))
        findings.push({ property: 'a usage error writes nothing', detail: `exit ${written.code}` });
      const key = `usage error: ${preview.stderr.replace(/\d+/g, 'N').slice(0, 70).trim()}`;
      if (tally) tally[key] = (tally[key] ?? 0) + 1;
      return findings;
    }
    const first = JSON.parse(preview.stdout) as JsonReport;
    if (tally) {
      const statuses = new Set(first.setups.map((s) => s.status));
      const key =
        statuses.has('migrate') && statuses.has('refused')
          ? 'migrated and refused'
          : statuses.has('migrate')
            ? 'migrated'
            : statuses.has('refused')
              ? 'refused'
              : 'no setup';
      tally[key] = (tally[key] ?? 0) + 1;
      const refusedBy = new Set(first.setups.flatMap((s) => (s.status === 'refused' ? s.diagnostics.map((d) => `refused by ${d.ruleId}`) : [])));
      for (const k of refusedBy) tally[k] = (tally[k] ?? 0) + 1;
    }

    const written = outcome('--write', await run(['migrate', '--write', '.'], dir));
    if (!written) return findings;
    const badLine = written.stderr.split('\n').find((l) => l !== '' && !STDERR_LINE.test(l));
    if (badLine !== undefined) findings.push({ property: 'one line per diagnostic', detail: badLine.slice(0, 300) });
    const after = readTreeBytes(dir);
    const proposed = new Set(first.setups.filter((s) => s.status === 'migrate').flatMap((s) => s.changes.map((c) => c.path)));
    for (const p of changedPaths(tree, after))
      if (!proposed.has(p)) findings.push({ property: '--write changes only what migrating setups proposed', detail: p });

    // Unconditional: restage refuses (dockerfile-invalid) rather than write a Dockerfile with an error.
    for (const p of changedPaths(tree, after)) {
      const buf = after.get(p);
      if (buf === undefined || !DOCKERFILE_NAME.test(p)) continue;
      const errors = validationErrors(buf.toString('utf8'));
      if (errors.length > 0) findings.push({ property: 'written Dockerfiles validate', detail: `${p}: ${errors.join('; ').slice(0, 300)}` });
    }

    const again = outcome('second preview', await run(['migrate', '--format', 'json', '.'], dir));
    if (!again) return findings;
    const second = JSON.parse(again.stdout) as JsonReport;
    for (const s of second.setups.filter((s) => s.status === 'migrate'))
      findings.push({ property: 'migrating twice equals migrating once', detail: `${s.driver} proposes ${s.changes.map((c) => c.path).join(', ')} again` });
    const refusals = (r: JsonReport) =>
      r.setups
        .filter((s) => s.status === 'refused')
        .map((s) => JSON.stringify({ driver: s.driver, diagnostics: s.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}:${d.ruleId}`) }));
    const [r1, r2] = [refusals(first).sort(), refusals(second).sort()];
    if (JSON.stringify(r1) !== JSON.stringify(r2))
      findings.push({ property: 'migrating twice equals migrating once', detail: `refusals differ: ${r1.join(' ')} → ${r2.join(' ')}` });
  } finally {
    const left = fs.readdirSync(base).sort().join(' ');
    if (left !== `${OUTSIDE_DIR} repo` || !sameTree(readTreeBytes(path.join(base, OUTSIDE_DIR)), outside) || fs.existsSync(ABSOLUTE_TARGET)) {
      findings.push({
        property: 'nothing outside the repository changes',
        detail: `beside the repository: ${left}; ${ABSOLUTE_TARGET} exists: ${fs.existsSync(ABSOLUTE_TARGET)}`,
      });
    }
    fs.rmSync(base, { recursive: true, force: true });
  }
  return findings;
}

function changedPaths(a: Tree, b: Tree): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((p) => !(a.get(p)?.equals(b.get(p) ?? Buffer.alloc(0)) && b.has(p))).sort();
}

function sameTree(a: Tree, b: Tree): boolean {
  return changedPaths(a, b).length === 0;
}
