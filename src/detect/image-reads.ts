import type { DockerfileModel } from '../dockerfile/parse.js';
import { imageKey } from '../dockerfile/image-ref.js';
import { sourceValue, withVariables } from '../dockerfile/variables.js';
import type { RepoView } from '../repo/view.js';
import { loadDockerfile } from './consumers.js';
import type { ImageBuildSite, ImageRead } from './model.js';

/**
 * Builds that read an earlier build of the same driver by its tag: a COPY/ADD `--from=TAG`, or a stage
 * `FROM TAG` that is not the final image's own base (a COPY --from reads it). The final stage, or one
 * it builds on, FROM a locally built image is a base image, not a builder: that is left alone.
 * Dockerfiles are read only for drivers that tag one build and run another after it.
 */
export function imageReads(builds: readonly ImageBuildSite[], repo: RepoView, cache: Map<string, DockerfileModel | null>): ImageRead[] {
  const out: ImageRead[] = [];
  // By driver: a monorepo's 10,000 builds compared pairwise would be quadratic.
  const tagged = new Map<string, ImageBuildSite[]>();
  for (const b of builds) if (b.driver !== null && b.step >= 0 && (b.tags?.length ?? 0) > 0) tagged.set(b.driver, [...(tagged.get(b.driver) ?? []), b]);
  for (const reader of builds) {
    if (reader.driver === null || reader.step < 0) continue;
    const earlier = (tagged.get(reader.driver) ?? []).filter((p) => p.step < reader.step);
    if (earlier.length === 0) continue;
    const df = loadDockerfile(repo, reader.dockerfile, cache);
    if (df === null) continue;
    // The latest build of a tag before the reader is the image it gets.
    const producerOf = (image: string) => [...earlier].reverse().find((p) => p.tags!.includes(imageKey(image))) ?? null;
    const at = (offset: number) => df.lines.position(offset);
    const stageNames = new Set(df.stages.flatMap((s) => (s.name ? [s.name.toLowerCase()] : [])));
    const finalChain = baseChain(df);
    // `FROM ${BUILDER}` reads the global ARGs, with the build's --build-arg over their defaults.
    const globals = new Map(df.globalArgs.map((a) => [a.name, reader.buildArgs?.has(a.name) ? reader.buildArgs.get(a.name)! : a.defaultValue]));
    for (const s of df.stages) {
      const image = sourceValue(s.image.value, globals);
      const producer = finalChain.has(s.index) || image === null ? null : producerOf(image);
      if (producer && !stageNames.has(image!.toLowerCase())) {
        const pos = at(s.image.start);
        out.push({ producer, reader, image: s.image.value, use: 'FROM ', line: pos.line, col: pos.col });
      }
    }
    // `COPY --from=${BUILDER}` reads the variables in force at the instruction, else the global ARGs
    // (which BuildKit versions differ on): either names the image a reader may mean.
    for (const [ins, vars] of withVariables(df, reader.buildArgs)) {
      const from = ins.flags.find((f) => f.name === 'from');
      const value = from?.value ? sourceValue(from.value, new Map([...globals, ...vars])) : null;
      if (!from || value === null || stageNames.has(value.toLowerCase()) || /^\d+$/.test(value)) continue;
      const copied = producerOf(value);
      if (!copied) continue;
      const pos = at(from.start);
      out.push({ producer: copied, reader, image: from.value!, use: ins.keyword === 'ADD' ? 'ADD --from=' : 'COPY --from=', line: pos.line, col: pos.col });
    }
  }
  return out;
}

/** The final stage and every stage it builds on through `FROM <stage>`. */
function baseChain(df: DockerfileModel): Set<number> {
  const chain = new Set<number>();
  let stage = df.stages.at(-1);
  while (stage && !chain.has(stage.index)) {
    chain.add(stage.index);
    const base = stage.image.value.toLowerCase();
    stage = df.stages
      .slice(0, stage.index)
      .reverse()
      .find((s) => s.name?.toLowerCase() === base);
  }
  return chain;
}
