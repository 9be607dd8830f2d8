import { defaultDockerfile } from '../dockerfile/default-file.js';
import { flagValues } from '../drivers/docker-cli.js';
import { resolveHostPath } from '../shell/host-path.js';
import type { DriverAnalysis } from '../drivers/steps.js';
import { asCopy, jsonCopySources, type DfInstruction, type DockerfileModel } from '../dockerfile/parse.js';
import { dockerfileModel } from '../dockerfile/models.js';
import { globDirectory, globToRegExp, hasGlob, joinRel } from '../dockerfile/paths.js';
import type { RepoView } from '../repo/view.js';
import { throughLinks } from './links.js';
import type { ConsumedPath, ImageBuildSite } from './model.js';
import { buildArgValues, sourceValue, withVariables } from '../dockerfile/variables.js';
import { imageKey } from '../dockerfile/image-ref.js';
import { contextBindMounts } from '../dockerfile/bind-mounts.js';
import { exactArray } from '../text/exact-array.js';

/** The image builds a driver runs whose Dockerfile and context are known statically. */
export function driverBuilds(driver: DriverAnalysis, repo: Pick<RepoView, 'isFile'>): ImageBuildSite[] {
  const out: ImageBuildSite[] = [];
  for (const [i, s] of driver.steps.entries()) {
    if (s.kind !== 'docker' || !s.parsed.ok || s.cwd === null) continue;
    const inv = s.parsed.invocation;
    if (inv.kind !== 'build') continue;
    const context = inv.context;
    const file = flagValues(inv.flags, '--file')[0] ?? null;
    if (!context?.isStatic || (file && !file.isStatic) || context.text === '-' || /^[a-z]+:\/\//.test(context.text)) continue;
    const ctx = resolveHostPath(s.cwd, context.text);
    const df = file ? resolveHostPath(s.cwd, file.text) : ctx === null ? null : defaultDockerfile(s.args[0]?.text ?? '', ctx, repo.isFile);
    if (ctx === null || df === null) continue;
    out.push({
      dockerfile: df,
      context: ctx,
      driver: driver.path,
      step: i,
      offset: s.unit.start,
      buildArgs: buildArgValues(flagValues(inv.flags, '--build-arg')),
      tags: exactArray(flagValues(inv.flags, '--tag').flatMap((t) => (t.isStatic ? [imageKey(t.text)] : []))),
    });
  }
  return out;
}

/** A path a fresh checkout does not hold (the context root always is). */
const notInCheckout = (repo: RepoView, path: string) => path !== '' && !repo.isFile(path) && !repo.isDir(path);

/**
 * Every COPY/ADD source (not `--from`) of a build's Dockerfile, as a repo path. A source a fresh
 * checkout does not hold is `absent`: something must put it there before the build. A wildcard
 * counts by the directory it is in (`target/*.jar` needs `target`).
 */
export function consumedPaths(build: ImageBuildSite, df: DockerfileModel, repo: RepoView): ConsumedPath[] {
  const out: ConsumedPath[] = [];
  for (const [ins, vars] of withVariables(df, build.buildArgs)) {
    if (ins.keyword === 'RUN') {
      out.push(...runMountSources(build, df, ins, repo));
      continue;
    }
    const copy = asCopy(ins, df.text);
    if (!copy || copy.flags.some((f) => f.name === 'from')) continue;
    // A heredoc COPY (`COPY <<EOT app /srv/`) may still name context files beside its inline ones.
    const sources =
      copy.unusualForm === 'JSON form'
        ? jsonCopySources(df.text.slice(ins.args[0]?.start ?? ins.end, ins.end))
        : copy.sources.map((p) => p.value).filter((v) => !v.startsWith('<<'));
    for (const written of sources) {
      // `COPY ${JAR_FILE} app.jar`: the value the build gives it; unknown until run time, no path.
      const source = sourceValue(written, vars);
      if (source === null) {
        // Any file of the context, as far as restage can tell: read like `COPY . .` (what a docker
        // command put there before the build), so the planner refuses it rather than a silent pass.
        const pos = df.lines.position(ins.start);
        out.push({ build, path: build.context, glob: null, source: written, line: pos.line, col: pos.col, absent: false });
        continue;
      }
      // A URL (ADD https://…) is no file of the context restage can name.
      if (/^[a-z]+:\/\//i.test(source)) continue;
      const fixed = globDirectory(source);
      const named = joinRel(build.context, fixed.replace(/^\/+/, ''));
      if (named.startsWith('..')) continue;
      // Docker follows the context's symbolic links: `COPY dist/app` with dist -> bin reads bin/app.
      const { path, link } = throughLinks(repo, named);
      const pos = df.lines.position(ins.start);
      const full = joinRel(build.context, source.replace(/^\/+/, ''));
      const glob = hasGlob(source) ? globToRegExp(path === named ? full : `${path}${full.slice(named.length)}`) : null;
      out.push({ build, path, glob, source, line: pos.line, col: pos.col, absent: notInCheckout(repo, path), ...(link ? { throughLink: link } : {}) });
    }
  }
  return out;
}

/** What a RUN instruction's bind mounts read of the build context (see contextBindMounts). */
function runMountSources(build: ImageBuildSite, df: DockerfileModel, ins: DfInstruction, repo: RepoView): ConsumedPath[] {
  const pos = df.lines.position(ins.start);
  return contextBindMounts(ins).flatMap((m) => {
    const named = joinRel(build.context, m.source);
    if (named.startsWith('..')) return [];
    const { path, link } = throughLinks(repo, named);
    return [
      {
        build,
        path,
        glob: null,
        source: `RUN --mount=${m.value}`,
        line: pos.line,
        col: pos.col,
        absent: notInCheckout(repo, path),
        ...(link ? { throughLink: link } : {}),
      },
    ];
  });
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
