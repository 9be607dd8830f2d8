import path from 'node:path/posix';
import referenceToRemovedFile from '../../rules/reference-to-removed-file.js';
import referenceToRemovedImage from '../../rules/reference-to-removed-image.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { BuildPlan } from '../plan/model.js';
import { cacheKey, type RepoView } from '../plan/repo-view.js';
import { LineIndex } from '../text/lines.js';
import { dockerfileMentions, INDEXABLE_NAME, mayMean } from '../plan/mentions.js';

/** One thing a migration takes away that other files may still name, and how to find a mention. */
interface Removed {
  pattern: RegExp;
  /** Text every match contains: files without it are skipped before the (lookbehind, so slow) pattern runs. */
  literal: string;
  report(at: { file: string; line: number; col: number }): Diagnostic;
  /** Whether a whole file is no reference at all (it makes what was removed itself). */
  skipsFile?: (text: string) => boolean;
  /** For a removed file: whether the mention at an index may mean it (see mayMean). */
  means?: (text: string, index: number, length: number, file: string) => boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Mentions, outside the setup's own files, of what the migration removes: the builder Dockerfiles it
 * deletes, the builder images the driver stops building, and the artifacts no longer copied to the
 * host. Each is a warning at its position; nothing is rewritten (see README, "References").
 */
export function findReferences(plan: BuildPlan, repo: RepoView, own: Set<string>): Diagnostic[] {
  const removed: Removed[] = [];
  const out: Diagnostic[] = [];
  for (const p of plan.deletions) {
    const report = (at: { file: string; line: number; col: number }) => referenceToRemovedFile.report(at, { path: p, what: 'which the migration deletes (its stages are now in the merged Dockerfile)' });
    if (INDEXABLE_NAME.test(path.basename(p))) {
      // Indexed once per repository: every setup of a monorepo asks about its own Dockerfile.build.
      for (const m of dockerfileMentions(repo, 'searched', () => searchedFiles(repo).map((x) => x.file)).get(path.basename(p)) ?? []) {
        if (own.has(m.file) || (m.means !== null && m.means !== p)) continue;
        out.push(report({ file: m.file, ...lineIndex(repo, m.file).position(m.index) }));
      }
      continue;
    }
    removed.push({
      pattern: new RegExp(`(?<![A-Za-z0-9_.-])${escape(path.basename(p))}(?![A-Za-z0-9_-])`, 'g'),
      literal: path.basename(p),
      report,
      means: (text, index, length, file) => mayMean(text, index, length, file, p, repo),
    });
  }
  const kept = new Set(plan.keptBuilderBuilds.map((k) => k.build));
  const removedUnits = new Set(plan.removedUnits);
  for (const r of plan.runtimes) {
    for (const b of r.builders) {
      if (kept.has(b.build) || !removedUnits.has(b.build.unit)) continue;
      for (const tag of b.build.tags) {
        const bare = tag.replace(/:latest$/, '');
        // `app:build` is named as written; a tag without a version matches `app` only when no other tag follows.
        const written = bare === tag ? escape(tag) : `${escape(bare)}(?::latest)?(?![:\\w])`;
        // A one-word tag (`builder`) is a word of prose too: it counts only where an image is named.
        const where = /[:/]/.test(bare) ? '' : `(?<=(?:image:\\s*["']?|FROM\\s+|docker\\b[^\\n]*\\s["']?))`;
        removed.push({
          pattern: new RegExp(`${where}(?<![A-Za-z0-9_./-])${written}(?![A-Za-z0-9_./-])`, 'g'),
          literal: bare,
          report: (at) => referenceToRemovedImage.report(at, { tag, stage: b.stageName, dockerfile: r.finalDockerfile.path }),
          // A file that builds the tag itself (`docker build -t app:build`, another service's script) makes
          // its own image: its mentions do not depend on this setup's builder build.
          skipsFile: (text) => new RegExp(`(?:-t|--tag)(?:=|\\s+)["']?${written}(?![A-Za-z0-9_./-])`).test(text),
        });
      }
    }
  }
  for (const e of plan.extractions) {
    if (e.hostPath === '') continue;
    // A bare name (`dist`, `app`) is prose as often as a path: it counts written as one (`./dist`, `dist/`, `path: dist`).
    const p = escape(e.hostPath);
    const pathLike = e.hostPath.includes('/') ? `(?:\\./)?${p}` : `(?:\\./${p}(?:/|(?![\\w.-]))|${p}/|(?<=\\bpath:\\s*["']?)${p}(?![\\w./-]))`;
    removed.push({
      pattern: new RegExp(`(?<![A-Za-z0-9_.-])${pathLike}`, 'g'),
      literal: e.hostPath,
      report: (at) => referenceToRemovedFile.report(at, { path: e.hostPath, what: 'which the driver no longer copies out of a container (the image gets it from a build stage)' }),
    });
  }
  if (removed.length === 0) return out;
  for (const { file: f, text } of searchedFiles(repo)) {
    if (own.has(f)) continue;
    let lines: LineIndex | null = null;
    const seen = new Set<number>();
    for (const r of removed) {
      if (!text.includes(r.literal) || r.skipsFile?.(text)) continue;
      for (const m of text.matchAll(r.pattern)) {
        if (seen.has(m.index) || (r.means && !r.means(text, m.index, m[0].length, f))) continue;
        seen.add(m.index);
        lines ??= new LineIndex(text);
        out.push(r.report({ file: f, ...lines.position(m.index) }));
      }
    }
  }
  return out;
}

/**
 * The files searched for mentions, in path order with their text, gathered once per repository: every
 * setup searches the same ones, and re-listing, sorting and looking up thousands of files per setup
 * made a 20,000-file scan take seconds here.
 */
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

const searched = new WeakMap<RepoView, { file: string; text: string }[]>();
function searchedFiles(repo: RepoView): { file: string; text: string }[] {
  let list = searched.get(cacheKey(repo));
  if (!list) {
    const files = [...new Set([...repo.referenceCandidates(), ...(repo.documents?.() ?? [])])].sort();
    list = files.flatMap((file) => {
      const text = repo.readText(file);
      return text === null ? [] : [{ file, text }];
    });
    searched.set(cacheKey(repo), list);
  }
  return list;
}
