// What `git ls-files -z --cached` prints in a work tree's top directory, read from the index file
// itself: starting git (and loading node:child_process to do it) was ~25 ms of a ~350 ms one-setup run.
// Only where the answer is certainly git's: anything this reader does not know (an environment that
// redirects git, a linked work tree, configuration that changes what is listed, an index extension git
// itself must understand, another user's repository, which git may refuse) gives null, and git is asked.
// Format: https://git-scm.com/docs/index-format
import fs from 'node:fs';
import path from 'node:path';

/**
 * Configuration under which the index does not simply list the work tree's files: another work tree or
 * none, a split or sparse index, names git converts (`precomposeUnicode`), or any `[extensions]`.
 */
const CONFIG_GIT_MUST_READ = /^\s*(worktree|splitindex|sparse\w*|precomposeunicode)\s*(=|$)|^\s*bare\s*=\s*true\b|^\s*\[\s*(extensions|include|includeif)\b/im;

/**
 * Variables that move the repository or the work tree, or add configuration (`git -c` passes
 * GIT_CONFIG_PARAMETERS on). Others (GIT_SSL_CAINFO, GIT_EDITOR, GIT_PREFIX, …) change nothing ls-files
 * prints; GIT_INDEX_FILE, which git sets in every hook, is read below.
 */
const GIT_REDIRECTS = /^GIT_(DIR|WORK_TREE|COMMON_DIR|CONFIG|CONFIG_.+|TEST_.+)$/;

/** The paths of the index of the work tree whose top is `root`, as git lists them; null when git must be asked. */
export function indexPaths(root: string, env: Readonly<Record<string, string | undefined>>): string[] | null {
  if (Object.keys(env).some((k) => GIT_REDIRECTS.test(k))) return null;
  const gitDir = path.join(root, '.git');
  let config: string;
  try {
    const dirStat = fs.lstatSync(gitDir);
    // A file (`gitdir: …`: a linked work tree, a submodule) or a link: git finds the index elsewhere.
    if (!dirStat.isDirectory()) return null;
    // git refuses a repository another user owns (safe.directory): what it does then is its to say.
    const uid = process.getuid?.();
    if (uid === undefined || dirStat.uid !== uid || fs.statSync(root).uid !== uid) return null;
    // Not a repository without these (git would look above it for one).
    fs.statSync(path.join(gitDir, 'HEAD'));
    config = fs.readFileSync(path.join(gitDir, 'config'), 'latin1');
  } catch {
    return null;
  }
  if (CONFIG_GIT_MUST_READ.test(config)) return null;
  let index: Buffer;
  try {
    // A hook's index (`.git/index`, or `/…/.git/index.lock` for `commit -a`): git, started in the root,
    // takes a relative one from there.
    const file = env.GIT_INDEX_FILE;
    index = fs.readFileSync(file === undefined ? path.join(gitDir, 'index') : path.resolve(root, file));
  } catch (err) {
    // A repository nothing was ever added to has no index: git lists nothing.
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? [] : null;
  }
  return parseIndex(index);
}

const HASH_BYTES = 20;
const HEADER_BYTES = 12;
/** ctime, mtime (seconds, nanoseconds), dev, ino, mode, uid, gid, size, the object name, flags. */
const ENTRY_FIXED_BYTES = 40 + HASH_BYTES + 2;
const EXTENDED_FLAG = 0x4000;
const NAME_LENGTH_MASK = 0xfff;

/** The index's paths in its order (sorted; a path in a merge conflict once per stage, as git lists it); null for what this does not read. */
export function parseIndex(buf: Buffer): string[] | null {
  if (buf.length < HEADER_BYTES + HASH_BYTES || buf.toString('latin1', 0, 4) !== 'DIRC') return null;
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return null;
  const count = buf.readUInt32BE(8);
  const end = buf.length - HASH_BYTES;
  const paths: string[] = new Array(count);
  let at = HEADER_BYTES;
  let previous = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    if (at + ENTRY_FIXED_BYTES > end) return null;
    const flags = buf.readUInt16BE(at + 60);
    let nameAt = at + ENTRY_FIXED_BYTES;
    if (flags & EXTENDED_FLAG) {
      if (version < 3) return null;
      nameAt += 2;
    }
    if (version === 4) {
      // The name is the previous one less its last N bytes (N a varint), then a NUL-terminated suffix.
      let strip = 0;
      let byte: number;
      do {
        if (nameAt >= end) return null;
        byte = buf[nameAt++]!;
        strip = (strip << 7) | (byte & 0x7f);
        if (byte & 0x80) strip++;
      } while (byte & 0x80);
      const nul = buf.indexOf(0, nameAt);
      if (nul < 0 || nul >= end || strip > previous.length) return null;
      const name = Buffer.concat([previous.subarray(0, previous.length - strip), buf.subarray(nameAt, nul)]);
      paths[i] = name.toString('utf8');
      previous = name;
      at = nul + 1;
    } else {
      const short = flags & NAME_LENGTH_MASK;
      const nul = short < NAME_LENGTH_MASK ? nameAt + short : buf.indexOf(0, nameAt + NAME_LENGTH_MASK);
      if (nul < 0 || nul >= end || buf[nul] !== 0) return null;
      paths[i] = buf.toString('utf8', nameAt, nul);
      // One to eight NULs pad the entry to a multiple of eight bytes.
      at += (nul - at + 8) & ~7;
    }
  }
  // Extensions: a signature and a size each. One whose signature does not start with A-Z must be
  // understood to read the index right (a split index's `link`, a sparse index's `sdir`): git reads it.
  while (at + 8 <= end) {
    const first = buf[at]!;
    if (first < 0x41 || first > 0x5a) return null;
    at += 8 + buf.readUInt32BE(at + 4);
  }
  return at === end ? paths : null;
}
