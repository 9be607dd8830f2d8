import { flagValues, type Arg } from '../drivers/docker-cli.js';
import { resolveHostPath } from '../drivers/sh/index.js';
import type { DriverAnalysis } from '../drivers/steps.js';
import { asCopy, type DockerfileModel } from '../dockerfile/parse.js';
import { dockerfileModel } from '../plan/dockerfile-models.js';
import { globToRegExp, hasGlob, joinRel } from '../plan/paths.js';
import type { RepoView } from '../plan/repo-view.js';
import type { ConsumedPath, ImageBuildSite } from './model.js';

/** The image builds a driver runs whose Dockerfile and context are known statically. */
export function driverBuilds(driver: DriverAnalysis): ImageBuildSite[] {
  const out: ImageBuildSite[] = [];
  for (const [i, s] of driver.steps.entries()) {
    if (s.kind !== 'docker' || !s.parsed.ok || s.cwd === null) continue;
    const inv = s.parsed.invocation;
    let context: Arg | null = null;
    let file: Arg | null = null;
    if (inv.kind === 'build') {
      context = inv.context;
      file = flagValues(inv.flags, '--file')[0] ?? null;
    } else if (inv.kind === 'other' && inv.subcommand === 'buildx' && inv.args[0]?.text === 'build') {
      // `docker buildx build [flags] CONTEXT`: the last operand that is no flag's value.
      const args = inv.args.slice(1);
      const f = args.findIndex((a) => a.text === '-f' || a.text === '--file');
      file = f >= 0 ? args[f + 1] ?? null : null;
      const eq = args.find((a) => a.text.startsWith('--file='));
      if (eq) file = { ...eq, text: eq.text.slice('--file='.length) };
      context = args.at(-1) ?? null;
    } else continue;
    if (!context?.isStatic || (file && !file.isStatic) || context.text === '-' || /^[a-z]+:\/\//.test(context.text)) continue;
    const ctx = resolveHostPath(s.cwd, context.text);
    const df = file ? resolveHostPath(s.cwd, file.text) : ctx === null ? null : joinRel(ctx, 'Dockerfile');
    if (ctx === null || df === null) continue;
    out.push({ dockerfile: df, context: ctx, driver: driver.path, step: i });
  }
  return out;
}

/**
 * Every COPY/ADD source (not `--from`) of a build's Dockerfile, as a repo path. A source a fresh
 * checkout does not hold is `absent`: something must put it there before the build. A wildcard
 * counts by the directory it is in (`target/*.jar` needs `target`).
 */
export function consumedPaths(build: ImageBuildSite, df: DockerfileModel, repo: RepoView): ConsumedPath[] {
  const out: ConsumedPath[] = [];
  for (const stage of df.stages) {
    for (const ins of stage.instructions) {
      const copy = asCopy(ins, df.text);
      if (!copy || copy.flags.some((f) => f.name === 'from')) continue;
      // A heredoc COPY (`COPY <<EOT app /srv/`) may still name context files beside its inline ones.
      const sources = copy.unusualForm === 'JSON form' ? jsonSources(df.text.slice(ins.args[0]?.start ?? ins.end, ins.end)) : copy.sources.map((p) => p.value).filter((v) => !v.startsWith('<<'));
      for (const source of sources) {
        // A URL (ADD https://…) or a variable is no file of the context restage can name.
        if (/^[a-z]+:\/\//i.test(source) || source.includes('$')) continue;
        const fixed = hasGlob(source) ? source.slice(0, Math.max(0, source.split(/[*?[]/)[0]!.lastIndexOf('/'))) : source;
        const path = joinRel(build.context, fixed.replace(/^\/+/, ''));
        if (path.startsWith('..')) continue;
        const pos = df.lines.position(ins.start);
        const glob = hasGlob(source) ? globToRegExp(joinRel(build.context, source.replace(/^\/+/, ''))) : null;
        out.push({ build, path, glob, source, line: pos.line, col: pos.col, absent: path !== '' && !repo.isFile(path) && !repo.isDir(path) });
      }
    }
  }
  return out;
}

function jsonSources(raw: string): string[] {
  try {
    const v: unknown = JSON.parse(raw.trim());
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]).slice(0, -1) : [];
  } catch {
    return [];
  }
}

/** A Dockerfile as detection reads it: null when it is absent or restage cannot read it. */
export function loadDockerfile(repo: RepoView, rel: string, cache: Map<string, DockerfileModel | null>): DockerfileModel | null {
  if (!cache.has(rel)) {
    const text = repo.readText(rel);
    let model: DockerfileModel | null = null;
    try {
      model = text === null ? null : dockerfileModel(repo, rel, text);
    } catch {
      model = null;
    }
    cache.set(rel, model);
  }
  return cache.get(rel) ?? null;
}
