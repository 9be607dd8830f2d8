import { contextBindMounts } from '../dockerfile/bind-mounts.js';
import { edgeOr, wordIndexes } from '../text/regexp.js';
import path from 'node:path/posix';
import addExtractedArtifact from '../../rules/add-extracted-artifact.js';
import chownNonRoot from '../../rules/chown-non-root-artifact.js';
import { nonRootReason } from './ownership.js';
import copyFormUnsupported from '../../rules/copy-form-unsupported.js';
import copySourceContainsArtifact from '../../rules/copy-source-contains-artifact.js';
import dockerignoreRule from '../../rules/dockerignore-excludes-artifact.js';
import { excludingPattern } from '../dockerfile/dockerignore.js';
import pathOutsideRepo from '../../rules/path-outside-repo.js';
import unresolvedValue from '../../rules/unresolved-value.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { asCopy, jsonCopySources, type CopyInstruction, type DockerfileModel } from '../dockerfile/parse.js';
import type { CopyRewrite, Extraction, ImageBuild, TarFlag } from './model.js';
import { describeArtifact, display, globDirectory, globToRegExp, hasGlob, isWithin, joinRel, selfAndAncestors } from '../dockerfile/paths.js';
import type { RepoView } from '../repo/view.js';
import { buildArgValues, sourceValue, withVariables, type Variables } from '../dockerfile/variables.js';

export interface RuntimeCopies {
  /** Some COPY/ADD of this Dockerfile reads (or may read) an extracted artifact. */
  readsArtifact: boolean;
  rewrites: CopyRewrite[];
  diagnostics: Diagnostic[];
}

type Relation =
  | { kind: 'none' }
  | { kind: 'stage'; extraction: Extraction; path: string }
  | { kind: 'split'; extraction: Extraction; keepContext: boolean }
  /** `onlyArtifacts`: a directory the checkout does not have, so only extractions fill it; `reported`: refused already (a source restage cannot resolve). */
  | { kind: 'contains'; extraction: Extraction; onlyArtifacts?: boolean; reported?: boolean };

/** One runtime Dockerfile being read: what it reads of the extractions so far, and where that is reported. */
interface Scan {
  df: DockerfileModel;
  build: ImageBuild;
  repo: RepoView;
  /** The extractions inside the build's context: the only ones its COPYs can read. */
  inContext: Extraction[];
  readsArtifact: boolean;
  rewrites: CopyRewrite[];
  diagnostics: Diagnostic[];
  at(offset: number): { file: string; line: number; col: number };
}

/** Which context COPY/ADD sources of the runtime Dockerfile read extracted artifacts, and how each changes. */
export function analyseRuntimeCopies(df: DockerfileModel, build: ImageBuild, extractions: Extraction[], repo: RepoView, _driverPath: string): RuntimeCopies {
  const scan: Scan = {
    df,
    build,
    repo,
    inContext: extractions.filter((e) => isWithin(e.hostPath, build.context)),
    readsArtifact: false,
    rewrites: [],
    diagnostics: [],
    at: (offset) => ({ file: df.path, ...df.lines.position(offset) }),
  };
  for (const [ins, vars] of withVariables(df, givenBuildArgs(build))) {
    // A bind mount of a directory that holds (or lies in) an artifact sees what the extraction put there.
    const mounted = contextBindMounts(ins).flatMap((m) => {
      const p = joinRel(build.context, m.source);
      return scan.inContext.filter((e) => isWithin(e.hostPath, p) || isWithin(p, e.hostPath));
    });
    if (mounted.length > 0) {
      scan.readsArtifact = true;
      scan.diagnostics.push(
        copySourceContainsArtifact.reportMessage(scan.at(ins.start), 'copySourceContainsArtifact', {
          source: 'RUN --mount=type=bind',
          artifact: display(mounted[0]!.hostPath),
        }),
      );
      continue;
    }
    const copy = asCopy(ins, df.text);
    if (copy && !copy.flags.some((f) => f.name === 'from')) scanCopy(scan, copy, vars);
  }
  // A .dockerignore that hides part of an artifact from the legacy build makes COPY --from copy more.
  if (scan.readsArtifact) refuseIgnoredArtifacts(scan);
  return { readsArtifact: scan.readsArtifact, rewrites: scan.rewrites, diagnostics: scan.diagnostics };
}

/**
 * Whether the artifact is known to be a directory, whose contents COPY copies whatever it is named: the
 * COPY writes it with a trailing slash, a `docker run -v` mount wrote it, or the builder's Dockerfile
 * names a path inside it, makes it its WORKDIR or a `mkdir` target.
 */
function knownDirectory(e: Extraction, source: string): boolean {
  if (source.endsWith('/') || e.source.kind === 'run') return true;
  if (e.source.kind !== 'built') return false;
  const text = e.source.dockerfile.text;
  const p = e.containerPath.replace(/\/+$/, '');
  return (
    text.includes(`${p}/`) ||
    text.split('\n').some((line) => /^\s*WORKDIR\s/i.test(line) && line.trim().slice('WORKDIR'.length).trim() === p) ||
    // `mkdir … p` in one command of the line (no &, ;, | between).
    wordIndexes(text, p, edgeOr(/\s/), edgeOr(/[\s&;|]/)).some((at) => /\bmkdir\b[^\n&;|]*$/.test(text.slice(text.lastIndexOf('\n', at - 1) + 1, at)))
  );
}

/**
 * Whether a COPY's destination is (or may be) a directory: written so (`/srv/`, `.`), required by
 * several sources, named through a variable, or a directory every base image with a filesystem has
 * (`/usr/local/bin`), which COPY copies into.
 */
function intoDirectory(dest: string, sources: number): boolean {
  // A destination with a variable (`$BIN_DIR`) may be any of these.
  return sources > 1 || dest.includes('$') || /(^|\/)\.?$/.test(dest) || SYSTEM_DIRECTORIES.has(dest.replace(/\/+$/, ''));
}

const SYSTEM_DIRECTORIES = new Set([
  '/bin',
  '/sbin',
  '/usr/bin',
  '/usr/sbin',
  '/usr/local/bin',
  '/usr/local/sbin',
  '/etc',
  '/opt',
  '/srv',
  '/tmp',
  '/usr/lib',
  '/usr/local/lib',
  '/usr/share',
  '/usr/local/share',
  '/var',
  '/home',
  '/root',
]);

/** COPY/ADD flags whose meaning does not change when the source becomes a path in another stage. */
const PATH_INDEPENDENT_FLAGS = new Set(['chown', 'chmod', 'link', 'checksum', 'keep-git-dir']);

/** A context COPY/ADD: left alone, rewritten to read the artifact from its stage, or refused. */
function scanCopy(scan: Scan, copy: CopyInstruction, vars: Variables): void {
  const { df, diagnostics, at } = scan;
  // A heredoc COPY may still name context files beside its heredocs: every plain word is checked.
  const sources =
    copy.unusualForm === 'JSON form'
      ? jsonCopySources(df.text.slice(copy.args[0]!.start, copy.end))
      : copy.unusualForm
        ? copy.args.map((a) => a.value).filter((v) => !v.startsWith('<<'))
        : copy.sources.map((s) => s.value);
  // `COPY ${JAR_FILE} app.jar`: read as the value the build gives it; a context part keeps its words.
  const relations = sources.map((s) => relate(scan, sourceValue(s, vars) ?? s, copy));
  if (relations.every((r) => r.kind === 'none')) return;
  scan.readsArtifact = true;
  if (copy.unusualForm) {
    diagnostics.push(copyFormUnsupported.report(at(copy.start), { form: copy.unusualForm }));
    return;
  }
  // `--parents` keeps the source's own path under the destination, `--exclude` matches within it: once
  // the source is the builder's path they would place or filter other files. Only flags that do not
  // depend on the source's path are carried onto the COPY --from.
  const pathDependent = copy.flags.find((f) => !PATH_INDEPENDENT_FLAGS.has(f.name));
  if (pathDependent) {
    diagnostics.push(copyFormUnsupported.report(at(copy.start), { form: `the form with --${pathDependent.name}` }));
    return;
  }
  const hit = relations.find((r) => r.kind !== 'none') as Exclude<Relation, { kind: 'none' }>;
  if (copy.keyword === 'ADD') {
    // ADD unpacks a local archive: an artifact named like one is unpacked in a stage (ADD keeps the archive's owners and modes, and so does tar -x as root: measured).
    const tar = tarFlag(hit.extraction.hostPath);
    const source = hit.extraction.source;
    if (tar && source.kind === 'run' && source.spec.userSet) {
      diagnostics.push(addExtractedArtifact.reportMessage(at(copy.start), 'archiveOfRunUser', { artifact: display(hit.extraction.hostPath) }));
      return;
    }
    if (relations.length === 1 && hit.kind === 'stage' && hit.path === hit.extraction.containerPath && tar && copy.flags.length === 0) {
      scan.rewrites.push({ copy, parts: [{ kind: 'stage', extraction: hit.extraction, path: hit.path, dest: null, unpack: tar }], chownRoot: false });
      return;
    }
    diagnostics.push(addExtractedArtifact.reportMessage(at(copy.start), 'addExtractedArtifact', { artifact: display(hit.extraction.hostPath) }));
    return;
  }
  const contains = relations.find((r): r is Extract<Relation, { kind: 'contains' }> => r.kind === 'contains');
  if (contains?.reported) return;
  if (contains) {
    const i = relations.indexOf(contains);
    const data = { source: copy.sources[i]!.value, artifact: display(contains.extraction.hostPath) };
    diagnostics.push(
      copySourceContainsArtifact.reportMessage(
        at(copy.sources[i]!.start),
        contains.onlyArtifacts ? 'directoryOfArtifacts' : 'copySourceContainsArtifact',
        data,
      ),
    );
    return;
  }
  const dest = copy.dest!.value;
  const parts: CopyRewrite['parts'] = [];
  relations.forEach((r, i) => {
    const source = sources[i]!;
    if (r.kind === 'none') parts.push({ kind: 'context', source });
    else if (r.kind === 'stage') parts.push({ kind: 'stage', extraction: r.extraction, path: r.path, dest: null });
    else if (r.kind === 'split') {
      if (r.keepContext) parts.push({ kind: 'context', source });
      const into = r.extraction.contents ? dest : `${dest.replace(/\/+$/, '')}/${path.basename(r.extraction.hostPath)}`;
      parts.push({ kind: 'stage', extraction: r.extraction, path: r.extraction.containerPath, dest: into });
    }
  });
  // Into a directory a file keeps its name: the host's (`bin/server`) in the legacy build, the builder's
  // (`/out/app`) in a COPY --from. Renaming it would be wrong if the artifact is a directory, whose
  // contents are copied instead; restage cannot tell which, so it refuses.
  const renamed = relations.find(
    (r, i): r is Extract<Relation, { kind: 'stage' }> =>
      r.kind === 'stage' &&
      !r.extraction.contents &&
      r.path === r.extraction.containerPath &&
      path.basename(r.extraction.containerPath) !== path.basename(r.extraction.hostPath) &&
      !knownDirectory(r.extraction, sources[i]!),
  );
  if (renamed && intoDirectory(dest, sources.length)) {
    const form = `a copy into a directory of ${display(renamed.extraction.hostPath)}, which is ${renamed.extraction.containerPath} in the builder (a file would take the builder's name)`;
    diagnostics.push(copyFormUnsupported.report(at(copy.start), { form }));
    return;
  }
  const hasChown = copy.flags.some((f) => f.name === 'chown');
  const reasons = parts.flatMap((p) => {
    if (p.kind !== 'stage') return [];
    const src = p.extraction.source;
    if (src.kind === 'run') return ['a command run in the image wrote it, as a user restage cannot see'];
    return [nonRootReason(src.kind === 'built' ? src.dockerfile : null, src.kind === 'built' ? src.stage : null)];
  });
  const reason = reasons.find((r) => r !== null) ?? null;
  if (!hasChown && reason) {
    const firstStage = parts.find((p) => p.kind === 'stage') as { extraction: Extraction };
    diagnostics.push(chownNonRoot.report(at(copy.start), { artifact: describeArtifact(firstStage.extraction), reason }));
  }
  scan.rewrites.push({ copy, parts, chownRoot: !hasChown && reason !== null });
}

/** BuildKit prefers <Dockerfile>.dockerignore beside the Dockerfile over the context's .dockerignore. */
function refuseIgnoredArtifacts(scan: Scan): void {
  const { build, repo } = scan;
  const ignorePath = [`${build.dockerfile}.dockerignore`, joinRel(build.context, '.dockerignore')].find((p) => repo.readText(p) !== null);
  const ignoreFile = ignorePath ? repo.readText(ignorePath) : null;
  if (!ignorePath || ignoreFile === null) return;
  for (const e of scan.inContext) {
    const hit = excludingPattern(ignoreFile, path.relative(build.context || '.', e.hostPath));
    if (hit)
      scan.diagnostics.push(dockerignoreRule.report({ file: ignorePath, line: hit.line, col: 1 }, { pattern: hit.pattern, artifact: display(e.hostPath) }));
  }
}

/** How one COPY source relates to the extractions: reads one from its stage, holds one, or neither. */
function relate(scan: Scan, source: string, copy: CopyInstruction): Relation {
  const { inContext, repo, build } = scan;
  if (source.includes('$')) {
    if (inContext.length > 0) {
      scan.diagnostics.push(unresolvedValue.report(scan.at(copy.start), { what: 'COPY source', raw: source }));
      return { kind: 'contains', extraction: inContext[0]!, reported: true };
    }
    return { kind: 'none' };
  }
  const rel = joinRel(build.context, source.replace(/^\/+/, ''));
  if ((rel === '..' || rel.startsWith('../')) && inContext.length > 0) {
    // BuildKit clamps such a source to the context, the classic builder rejects it: either way restage cannot tell what it reads.
    // It counts as reading the artifact, so the setup is refused, with this diagnostic alone.
    scan.diagnostics.push(pathOutsideRepo.report(scan.at(copy.start), { path: source }));
    scan.readsArtifact = true;
    return { kind: 'none' };
  }
  for (const e of inContext) {
    if (hasGlob(source)) {
      // `COPY target/*.jar …` with target/ wholly extracted: the same pattern matches the same files in
      // the stage (one BuildKit matcher for both). A target/ the checkout also holds may match the repo's files.
      const fixed = globDirectory(rel);
      const trackedToo = e.destExisted && repo.isDir(e.dest);
      if (fixed !== '' && isWithin(fixed, e.hostPath) && !trackedToo && !(e.contents && e.hostPath === '')) {
        const rest = e.hostPath === '' ? rel : rel.slice(e.hostPath.length + 1);
        return { kind: 'stage', extraction: e, path: `${e.containerPath.replace(/\/$/, '')}/${rest}` };
      }
      // A match starts with the pattern's text before its first wildcard: most paths are told apart
      // without compiling it (a pattern per setup, `COPY package*.json ./`, was compiled only to fail).
      // Not with a class: an invalid one (`[z-a]`) matches everything, so that the setup is refused.
      const lead = rel.includes('[') ? '' : rel.split(/[*?\\]/)[0]!;
      const paths = [...selfAndAncestors(e.hostPath), `${e.hostPath}/x`].filter((p) => p.startsWith(lead));
      if (paths.length > 0) {
        const re = globToRegExp(rel);
        if (paths.some((p) => re.test(p))) return { kind: 'contains', extraction: e };
      }
      continue;
    }
    // The destination directory itself: its tracked files stay a context copy, the artifact comes from the stage.
    if (rel === e.dest && e.destExisted && (!e.contents || repo.isDir(e.dest))) return { kind: 'split', extraction: e, keepContext: repo.isDir(e.dest) };
    if (rel === e.hostPath) return { kind: 'stage', extraction: e, path: e.containerPath };
    if (isWithin(rel, e.hostPath)) {
      // Inside a destination that also holds tracked files: the file may be the repo's, not the artifact's.
      if (e.contents && e.destExisted && (repo.isFile(rel) || repo.isDir(rel))) return { kind: 'contains', extraction: e };
      const rest = e.hostPath === '' ? rel : rel.slice(e.hostPath.length + 1);
      return { kind: 'stage', extraction: e, path: `${e.containerPath.replace(/\/$/, '')}/${rest}` };
    }
    if (isWithin(e.hostPath, rel)) return { kind: 'contains', extraction: e, onlyArtifacts: !repo.isDir(rel) && !repo.isFile(rel) && rel !== '' };
  }
  return { kind: 'none' };
}

/**
 * Repo-relative paths the context COPY/ADD instructions of a Dockerfile read (globs cut at their first
 * wildcard), when built as `build` builds it; a source whose variables are known only at run time is left out.
 */
export function contextSources(df: DockerfileModel, build: Pick<ImageBuild, 'context' | 'buildArgs'>): string[] {
  const out: string[] = [];
  for (const [ins, vars] of withVariables(df, givenBuildArgs(build))) {
    const copy = asCopy(ins, df.text);
    if (!copy || copy.flags.some((f) => f.name === 'from') || copy.unusualForm) continue;
    for (const s of copy.sources) {
      const v = sourceValue(s.value, vars);
      if (v === null) continue;
      out.push(joinRel(build.context, globDirectory(v).replace(/^\/+/, '')));
    }
  }
  return out;
}

/** A build's `--build-arg`s as the values its Dockerfile's ARGs take. */
function givenBuildArgs(build: Pick<ImageBuild, 'buildArgs'>): Variables {
  return buildArgValues(build.buildArgs.map((a) => ({ text: a.value, isStatic: a.args.every((w) => w.isStatic) })));
}

function tarFlag(file: string): TarFlag | null {
  if (/\.(tar\.gz|tgz)$/.test(file)) return '-xzf';
  if (/\.(tar\.bz2|tbz2?)$/.test(file)) return '-xjf';
  if (/\.(tar\.xz|txz)$/.test(file)) return '-xJf';
  if (/\.tar$/.test(file)) return '-xf';
  return null;
}
