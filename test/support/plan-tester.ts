import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { driverFor } from '../../src/drivers/index.js';
import type { RepoView } from '../../src/repo/view.js';
import { planRepository } from '../../src/pipeline/plan-repository.js';
import type { SetupResult } from '../../src/plan/setups.js';
import { isReferenceCandidate } from '../../src/repo/disk.js';
import { isDockerfilePath } from '../../src/repo/names.js';

/**
 * ESLint's RuleTester habit for the planner: a table of small repositories held in memory, each with
 * what restage must conclude. `migrate`: one setup, migrated. Otherwise the setup is refused with
 * exactly these errors and warnings (rule, message id, line of their file, the driver unless `file`).
 */
export interface PlanCase {
  name: string;
  files: Record<string, string>;
  /** Symbolic links of the checkout: path → target as written. */
  links?: Record<string, string>;
  expected: 'migrate' | 'nothing' | ExpectedReport[];
}

export interface ExpectedReport {
  ruleId: string;
  messageId: string;
  line: number;
  file?: string;
}

/** A repository as a fresh checkout of these files: directories are the ones that hold a file. */
export function memoryRepo(files: Record<string, string>, links: Record<string, string> = {}): RepoView {
  const dirs = new Set<string>(['']);
  for (const f of Object.keys(files)) for (let d = f.lastIndexOf('/'); d > 0; d = f.lastIndexOf('/', d - 1)) dirs.add(f.slice(0, d));
  const names = Object.keys(files).sort();
  return {
    readText: (rel) => files[rel] ?? null,
    isDir: (rel) => dirs.has(rel),
    isFile: (rel) => Object.hasOwn(files, rel),
    referenceCandidates: () => names.filter(isReferenceCandidate),
    dockerfiles: () => names.filter((f) => isDockerfilePath(f) && !f.endsWith('.dockerignore')),
    files: () => names,
    documents: () => names.filter((f) => /\.(md|markdown|rst|adoc)$/i.test(f)),
    linkTarget: (rel) => links[rel] ?? null,
  };
}

/** discover → parse → detect → plan, as `restage migrate` runs them, on files that never touch the disk. */
export async function planFiles(files: Record<string, string>, links: Record<string, string> = {}): Promise<SetupResult[]> {
  const drivers = Object.keys(files)
    .filter((f) => !isDockerfilePath(f) && driverFor(f, files[f]!.slice(0, 64)) !== undefined)
    .sort();
  return planRepository(memoryRepo(files, links), drivers);
}

function reportOf(d: Diagnostic, driver: string): ExpectedReport {
  return { ruleId: d.ruleId, messageId: d.messageId, line: d.line, ...(d.file !== driver ? { file: d.file } : {}) };
}

/** What a table row compares: a migration, or the setups' errors and warnings in order. */
export function outcome(setups: SetupResult[]): PlanCase['expected'] {
  if (setups.length === 0) return 'nothing';
  if (setups.every((s) => s.status === 'migrate')) return 'migrate';
  return setups.flatMap((s) => s.diagnostics.filter((d) => d.severity !== 'info').map((d) => reportOf(d, s.driver)));
}

export function runPlanCases(title: string, cases: PlanCase[]): void {
  describe(title, () => {
    it('names every row once', () => {
      expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    });
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const setups = await planFiles(c.files, c.links);
      expect(outcome(setups)).toEqual(c.expected);
      // What the row's expectation leaves open, pinned: each message as a user reads it (the values a
      // refusal names), and a migration's files as written.
      expect(rendered(setups)).toMatchSnapshot();
    });
  });
}

/** Every diagnostic as a user reads it: `file:line:col rule-id: message`. */
export function diagnosticLines(setups: SetupResult[]): string[] {
  return setups.flatMap((s) => s.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.ruleId}: ${d.message}`));
}

/** The diagnostics, then every file a migrating setup writes. */
function rendered(setups: SetupResult[]): string[] {
  return [
    ...diagnosticLines(setups),
    ...setups.flatMap((s) => (s.status === 'migrate' ? s.changes.map((ch) => `--- ${ch.path}\n${ch.after ?? '(deleted)'}`) : [])),
  ];
}

/** The expectation of a row refused by one unsupported-extraction message at one line of the driver. */
export function unsupported(messageId: string, line: number): ExpectedReport[] {
  return [{ ruleId: 'unsupported-extraction', messageId, line }];
}
