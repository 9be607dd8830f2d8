import path from 'node:path/posix';
import { cacheKey, type RepoView } from '../repo/view.js';

/**
 * Whether a mention of `target`'s file name at `index` in `file` may mean `target`. It does not when the
 * path written there, read from the mentioning file's directory or from the root, is another file that
 * exists: in a monorepo every service's build.sh names its own `Dockerfile.build`. Nor when the path
 * written, from a cwd restage cannot know, ends differently: `docker/Dockerfile.build` cannot name
 * `services/api/Dockerfile.build`. Anything else (a bare name, a path a variable starts) still counts,
 * so a real use is never missed.
 */
export function mayMean(text: string, index: number, length: number, file: string, target: string, repo: RepoView): boolean {
  return mentionMayMean(reading(text, index, length, file, repo), target);
}

/** Whether a mention may name `target`: the file it names, or, when it names none, any its written tail fits. */
export function mentionMayMean(m: Pick<Mention, 'means' | 'tail'>, target: string): boolean {
  if (m.means !== null) return m.means === target;
  const { text, segment } = m.tail;
  if (segment) return target === text || target.endsWith(`/${text}`) || text.endsWith(`/${target}`);
  return target.endsWith(text) || `/${target}`.endsWith(text) || text.endsWith(`/${target}`);
}

/**
 * The path written around a mention: the run of path characters it ends, as far as it is literal. After
 * `$` the first segment is a variable's name, not text: it is dropped. After a character that may glue
 * text on (a quote, `}`, `)`), the path may continue an unseen prefix, so it is matched as plain text
 * (`segment: false`); after a space, `=` and the like it starts there and is matched segment by segment.
 * Leading `/`, `./` and `../` are dropped: they say where the cwd is, which restage cannot know.
 */
function writtenTail(text: string, start: number, end: number): Mention['tail'] {
  let written = text.slice(start, end);
  const before = start > 0 ? text[start - 1]! : '';
  let segment = before === '' || /[\s=,:;|&<>([{]/.test(before);
  if (before === '$') {
    written = written.includes('/') ? written.slice(written.indexOf('/')) : written;
    segment = false;
  }
  const lastUp = written.lastIndexOf('../');
  if (lastUp >= 0) {
    written = written.slice(lastUp + 2);
    segment = false;
  }
  written = written.replace(/\/\.\//g, '/');
  if (segment) written = written.replace(/^(\.?\/)+/, '');
  else if (written.startsWith('./')) written = written.slice(1);
  return { text: written, segment };
}

/** What a mention names: the existing file it names, read as a path, or null with the tail a file it may name ends in. */
function reading(text: string, index: number, length: number, file: string, repo: RepoView): Pick<Mention, 'means' | 'tail'> {
  let start = index;
  while (start > 0 && /[A-Za-z0-9_./-]/.test(text[start - 1]!)) start--;
  const written = text.slice(start, index + length).replace(/^(\.\/)+/, '');
  // Read from the mentioning file's directory, or from the repository root (CI configs, Makefiles).
  const readings = [path.normalize(path.join(path.dirname(file), written)), path.normalize(written)];
  return { means: readings.find((r) => repo.isFile(r)) ?? null, tail: writtenTail(text, start, index + length) };
}

export interface Mention {
  file: string;
  index: number;
  length: number;
  /** The existing file the mention names, or null when it may name any file whose path fits `tail`. */
  means: string | null;
  /** The path as written up to the name, with `segment` when it starts at a path boundary (see writtenTail). */
  tail: { text: string; segment: boolean };
}

/**
 * The mentions of a list (one name's, in file order) that may mean `target`, in that order: looked up,
 * not scanned, since every setup of a monorepo asks about its own `Dockerfile.build` among thousands.
 * A mention that names a file is found under that file; one that names none under its written tail,
 * which is a suffix of the target or, for a tail longer than the target, ends with it at a `/` (each
 * tail is filed under each of its segment suffixes). A segment tail can only be a suffix that starts
 * after a `/`; a plain one any suffix.
 */
export function mentionsMeaning(mentions: readonly Mention[], target: string): Mention[] {
  const out: Mention[] = [];
  for (const at of candidateLists(mentions, target)
    .flat()
    .sort((a, b) => a - b)) {
    const m = mentions[at]!;
    if (m !== out.at(-1) && mentionMayMean(m, target)) out.push(m);
  }
  return out;
}

/** The first mention of the list, in file order, that may mean `target` and `accept`s, without listing them all. */
export function firstMentionMeaning(mentions: readonly Mention[], target: string, accept: (m: Mention) => boolean): Mention | undefined {
  let first: number | undefined;
  for (const list of candidateLists(mentions, target)) {
    // Each list is in file order: its first fit is its best.
    for (const at of list) {
      if (first !== undefined && at >= first) break;
      const m = mentions[at]!;
      if (mentionMayMean(m, target) && accept(m)) {
        first = at;
        break;
      }
    }
  }
  return first === undefined ? undefined : mentions[first];
}

interface MentionLookup {
  byKey: Map<string, number[]>;
  /** Whether some tail is plain: only then is every suffix of a target worth looking up. */
  plain: boolean;
}

function candidateLists(mentions: readonly Mention[], target: string): number[][] {
  const lookup = lookups.get(mentions) ?? buildLookup(mentions);
  const lists: number[][] = [];
  const add = (key: string) => {
    const list = lookup.byKey.get(key);
    if (list) lists.push(list);
  };
  add(`=${target}`);
  add(`>${target}`);
  add(`~/${target}`);
  for (let i = 0; i < target.length; i++) if (lookup.plain || i === 0 || target[i - 1] === '/') add(`~${target.slice(i)}`);
  return lists;
}

function buildLookup(mentions: readonly Mention[]): MentionLookup {
  const lookup: MentionLookup = { byKey: new Map(), plain: false };
  const file = (key: string, at: number) => {
    const list = lookup.byKey.get(key);
    if (list) list.push(at);
    else lookup.byKey.set(key, [at]);
  };
  mentions.forEach((m, at) => {
    if (m.means !== null) return file(`=${m.means}`, at);
    if (!m.tail.segment) lookup.plain = true;
    file(`~${m.tail.text}`, at);
    for (let i = m.tail.text.indexOf('/'); i >= 0; i = m.tail.text.indexOf('/', i + 1)) file(`>${m.tail.text.slice(i + 1)}`, at);
  });
  lookups.set(mentions, lookup);
  return lookup;
}
const lookups = new WeakMap<readonly Mention[], MentionLookup>();

/** Names worth indexing: Dockerfile-like file names (`Dockerfile.build`, `build.Dockerfile`). */
export const INDEXABLE_NAME = /^[A-Za-z0-9_.-]*[Dd]ockerfile[A-Za-z0-9_.-]*$/;

/**
 * Every mention of a Dockerfile-like name in `files`, by name, built once per repository and file list:
 * asking per setup grew with setups × files. A name matches at the start of a run of [A-Za-z0-9_.-]
 * that is the name or continues it with a '.'; so each run is indexed under itself and under every
 * prefix ending before a '.'. Mentions keep the files' order.
 */
const indexes = new WeakMap<RepoView, Map<string, Map<string, Mention[]>>>();
/** Each file's mentions, by key in text order, shared by the two lists (the searched files hold the candidates). */
const scans = new WeakMap<RepoView, Map<string, [string, Mention][]>>();
export function dockerfileMentions(repo: RepoView, list: 'candidates' | 'searched', files: () => string[]): Map<string, Mention[]> {
  const perRepo = indexes.get(cacheKey(repo)) ?? new Map<string, Map<string, Mention[]>>();
  indexes.set(cacheKey(repo), perRepo);
  let index = perRepo.get(list);
  if (index) return index;
  const scanned = scans.get(cacheKey(repo)) ?? new Map<string, [string, Mention][]>();
  scans.set(cacheKey(repo), scanned);
  index = new Map();
  for (const f of files()) {
    let found = scanned.get(f);
    if (!found) {
      const text = repo.readText(f);
      found = text === null ? [] : scan(f, text, repo);
      scanned.set(f, found);
    }
    for (const [key, mention] of found) {
      const mentions = index.get(key);
      if (mentions) mentions.push(mention);
      else index.set(key, [mention]);
    }
  }
  perRepo.set(list, index);
  return index;
}

/** A character of a name run: a mention, and a removed name, match at the start of a run of these. */
export const RUN_CHAR = /[A-Za-z0-9_.-]/;

/** The keys a run is indexed under: the run itself, then each prefix that ends before a '.'. */
export function forEachKeyOfRun(run: string, visit: (key: string) => void): void {
  visit(run);
  for (let i = run.indexOf('.'); i >= 0; i = run.indexOf('.', i + 1)) visit(run.slice(0, i));
}

/**
 * A file's mentions: each run of [A-Za-z0-9_.-] that holds `dockerfile` (found from the word, not by
 * matching every run of the file: most files have none), under itself and its prefixes ending before a '.'.
 * Each run is walked once, however many times it holds the word.
 */
function scan(f: string, text: string, repo: RepoView): [string, Mention][] {
  const out: [string, Mention][] = [];
  let runEnd = -1;
  for (const hit of text.matchAll(/[Dd]ockerfile/g)) {
    if (hit.index < runEnd) continue;
    let start = hit.index;
    while (start > 0 && RUN_CHAR.test(text[start - 1]!)) start--;
    runEnd = hit.index + hit[0].length;
    while (runEnd < text.length && RUN_CHAR.test(text[runEnd]!)) runEnd++;
    forEachKeyOfRun(text.slice(start, runEnd), (key) =>
      out.push([key, { file: f, index: start, length: key.length, ...reading(text, start, key.length, f, repo) }]),
    );
  }
  return out;
}
