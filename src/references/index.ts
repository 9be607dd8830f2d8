import path from 'node:path/posix';
import referenceToRemovedFile from '../../rules/reference-to-removed-file.js';
import referenceToRemovedImage from '../../rules/reference-to-removed-image.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { BuildPlan } from '../plan/model.js';
import { cacheKey, type RepoView } from '../repo/view.js';
import { LineIndex } from '../text/lines.js';
import { dockerfileMentions, forEachKeyOfRun, INDEXABLE_NAME, mayMean, mentionsMeaning, RUN_CHAR } from '../plan/mentions.js';

/** One thing a migration takes away that other files may still name, and how to find a mention. */
interface Removed {
  pattern: RegExp;
  /** Text every match contains: files without it are skipped before the (lookbehind, so slow) pattern runs. */
  literal: string;
  report(at: { file: string; line: number; col: number }): Diagnostic;
  /** Whether a whole file is no reference at all (it makes what was removed itself). */
  skipsFile?: (text: string) => boolean;
  /** What skipsFile depends on besides the text: removed names with equal keys skip the same files. */
  skipsKey?: string;
  /** For a removed file: whether the mention at an index may mean it (see mayMean). */
  means?: (text: string, index: number, length: number, file: string) => boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A migrating setup: its plan, and its own files (read and rewritten), which are no reference to it. */
export interface ReferencingSetup {
  plan: BuildPlan;
  own: Set<string>;
}

/**
 * Mentions, outside each setup's own files, of what its migration removes: the builder Dockerfiles it
 * deletes, the builder images the driver stops building, and the artifacts no longer copied to the
 * host. Each is a warning at its position; nothing is rewritten (see docs/migrations.md, "References restage reports"). One list
 * per setup, in the order given.
 *
 * All setups are searched in one pass over the files: testing every file for every setup's names
 * grew with setups × files (1.3 s of a 20,000-file, 1,000-setup scan).
 */
export function findReferences(setups: ReferencingSetup[], repo: RepoView, options: { index?: boolean } = {}): Diagnostic[][] {
  const out = setups.map((s) => dockerfileNameReferences(s, repo));
  // Setups of a monorepo remove the same names (`app`, `dist/`, `builder`): one pattern is run once per
  // file and its matches handed to every setup that removes it, instead of once per setup.
  const groups = new Map<string, Group>();
  setups.forEach((s, setup) => {
    removedBy(s.plan, repo).forEach((removed, order) => {
      const key = `${removed.pattern.source}\u0000${removed.skipsKey ?? ''}`;
      const group = groups.get(key) ?? { removed, members: [] };
      group.members.push({ setup, order, removed });
      groups.set(key, group);
    });
  });
  if (groups.size === 0) return out;
  const wanted = new Map<string, Group[]>();
  const everywhere: Group[] = [];
  for (const g of groups.values()) {
    // Without the index (tests compare the two), every file is a candidate for everything.
    const key = options.index === false ? '' : leadingRun(g.removed.literal);
    if (key === '') everywhere.push(g);
    else wanted.set(key, [...(wanted.get(key) ?? []), g]);
  }
  for (const f of searchedFiles(repo)) {
    const text = repo.readText(f);
    if (text === null) continue;
    const candidates = new Set(everywhere);
    if (wanted.size > 0) forEachRunKey(text, (key) => wanted.get(key)?.forEach((g) => candidates.add(g)));
    const found: { setup: number; order: number; index: number; length: number; member: Member }[] = [];
    for (const { removed: r, members } of candidates) {
      if (!text.includes(r.literal) || r.skipsFile?.(text)) continue;
      const matches = [...text.matchAll(r.pattern)];
      if (matches.length === 0) continue;
      for (const member of members) {
        if (setups[member.setup]!.own.has(f)) continue;
        for (const m of matches) found.push({ setup: member.setup, order: member.order, index: m.index, length: m[0].length, member });
      }
    }
    if (found.length === 0) continue;
    let lines: LineIndex | null = null;
    const seen = new Map<number, Set<number>>();
    // In each setup's own order: where two of its patterns match at one place, the first reports it.
    found.sort((a, b) => a.setup - b.setup || a.order - b.order || a.index - b.index);
    for (const { setup, index, length, member } of found) {
      const seenHere = seen.get(setup) ?? new Set<number>();
      seen.set(setup, seenHere);
      if (seenHere.has(index) || (member.removed.means && !member.removed.means(text, index, length, f))) continue;
      seenHere.add(index);
      lines ??= new LineIndex(text);
      out[setup]!.push(member.removed.report({ file: f, ...lines.position(index) }));
    }
  }
  return out;
}

type Member = { setup: number; order: number; removed: Removed };
/** Removed names that find the same matches: one pattern, one whole-file exception. */
type Group = { removed: Removed; members: Member[] };

/**
 * The run of [A-Za-z0-9_.-] a literal starts with ('' when it starts with another character). Every
 * pattern below matches only where no such character precedes, so a match starts a run of the text,
 * and that run is this one or this one continued after a '.'.
 */
function leadingRun(literal: string): string {
  let end = 0;
  while (end < literal.length && RUN_CHAR.test(literal[end]!)) end++;
  return literal.slice(0, end);
}

/** Each run of [A-Za-z0-9_.-] in `text`, and each of its prefixes that ends before a '.'. */
function forEachRunKey(text: string, visit: (key: string) => void): void {
  for (const m of text.matchAll(/[A-Za-z0-9_.-]+/g)) forEachKeyOfRun(m[0], visit);
}

/** Mentions of a deleted builder Dockerfile by a Dockerfile-like name, from the per-repository index. */
function dockerfileNameReferences({ plan, own }: ReferencingSetup, repo: RepoView): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of plan.deletions) {
    if (!INDEXABLE_NAME.test(path.basename(p))) continue;
    const report = deletedFileReport(p);
    // Indexed once per repository: every setup of a monorepo asks about its own Dockerfile.build.
    for (const m of mentionsMeaning(dockerfileMentions(repo, 'searched', () => searchedFiles(repo)).get(path.basename(p)) ?? [], p)) {
      if (own.has(m.file)) continue;
      out.push(report({ file: m.file, ...lineIndex(repo, m.file).position(m.index) }));
    }
  }
  return out;
}

function deletedFileReport(p: string) {
  return (at: { file: string; line: number; col: number }) =>
    referenceToRemovedFile.report(at, { path: p, what: 'which the migration deletes (its stages are now in the merged Dockerfile)' });
}

/**
 * No path (PATH_MAX) or image reference (255 for the name, 128 for the tag) is longer: a word of a very
 * long line that is, names nothing another file could mention, and V8 will not compile a pattern built
 * from it ("Regular expression too large").
 */
const LONGEST_NAME = 4096;

/** What a plan removes that is searched for in every file: everything but Dockerfile-like names. */
function removedBy(plan: BuildPlan, repo: RepoView): Removed[] {
  const removed: Removed[] = [];
  for (const p of plan.deletions) {
    if (INDEXABLE_NAME.test(path.basename(p)) || p.length > LONGEST_NAME) continue;
    removed.push({
      pattern: new RegExp(`(?<![A-Za-z0-9_.-])${escape(path.basename(p))}(?![A-Za-z0-9_-])`, 'g'),
      literal: path.basename(p),
      report: deletedFileReport(p),
      means: (text, index, length, file) => mayMean(text, index, length, file, p, repo),
    });
  }
  const kept = new Set(plan.keptBuilderBuilds.map((k) => k.build));
  const removedUnits = new Set(plan.removedUnits);
  for (const r of plan.runtimes) {
    for (const b of r.builders) {
      if (kept.has(b.build) || !removedUnits.has(b.build.unit)) continue;
      for (const tag of b.build.tags) {
        if (tag.length > LONGEST_NAME) continue;
        const bare = tag.replace(/:latest$/, '');
        // `app:build` is named as written; a tag without a version matches `app` only when no other tag follows.
        const written = bare === tag ? escape(tag) : `${escape(bare)}(?::latest)?(?![:\\w])`;
        // A one-word tag (`builder`) is a word of prose too: it counts only where an image is named.
        const builds = new RegExp(`(?:-t|--tag)(?:=|\\s+)["']?${written}(?![A-Za-z0-9_./-])`);
        const where = /[:/]/.test(bare) ? '' : `(?<=(?:image:\\s*["']?|FROM\\s+|docker\\b[^\\n]*\\s["']?))`;
        removed.push({
          pattern: new RegExp(`${where}(?<![A-Za-z0-9_./-])${written}(?![A-Za-z0-9_./-])`, 'g'),
          literal: bare,
          report: (at) => referenceToRemovedImage.report(at, { tag, stage: b.stageName, dockerfile: r.finalDockerfile.path }),
          // A file that builds the tag itself (`docker build -t app:build`, another service's script) makes
          // its own image: its mentions do not depend on this setup's builder build.
          skipsFile: (text) => builds.test(text),
          skipsKey: builds.source,
        });
      }
    }
  }
  for (const e of plan.extractions) {
    if (e.hostPath === '' || e.hostPath.length > LONGEST_NAME) continue;
    // A bare name (`dist`, `app`) is prose as often as a path: it counts written as one (`./dist`, `dist/`, `path: dist`).
    const p = escape(e.hostPath);
    const pathLike = e.hostPath.includes('/') ? `(?:\\./)?${p}` : `(?:\\./${p}(?:/|(?![\\w.-]))|${p}/|(?<=\\bpath:\\s*["']?)${p}(?![\\w./-]))`;
    removed.push({
      pattern: new RegExp(`(?<![A-Za-z0-9_.-])${pathLike}`, 'g'),
      literal: e.hostPath,
      report: (at) =>
        referenceToRemovedFile.report(at, {
          path: e.hostPath,
          what: 'which the driver no longer copies out of a container (the image gets it from a build stage)',
        }),
    });
  }
  return removed;
}

/** Line indexes of mentioning files, once per repository and file. */
const lineIndexes = new WeakMap<RepoView, Map<string, LineIndex>>();
function lineIndex(repo: RepoView, file: string): LineIndex {
  const perRepo = lineIndexes.get(cacheKey(repo)) ?? new Map<string, LineIndex>();
  lineIndexes.set(cacheKey(repo), perRepo);
  let lines = perRepo.get(file);
  if (!lines) {
    lines = new LineIndex(repo.readText(file) ?? '');
    perRepo.set(file, lines);
  }
  return lines;
}

/**
 * The files searched for mentions, in path order, listed once per repository: every setup searches the
 * same ones, and re-listing, sorting and looking up thousands of files per setup made a 20,000-file scan
 * take seconds here.
 */
const searched = new WeakMap<RepoView, string[]>();
function searchedFiles(repo: RepoView): string[] {
  let list = searched.get(cacheKey(repo));
  if (!list) {
    list = [...new Set([...repo.referenceCandidates(), ...(repo.documents?.() ?? [])])].sort();
    searched.set(cacheKey(repo), list);
  }
  return list;
}
