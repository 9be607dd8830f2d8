import type { DockerfileModel, Stage } from '../dockerfile/parse.js';

const ROOT_USERS = new Set(['root', '0', 'root:root', '0:0', 'root:0', '0:root']);

/**
 * Why the builder stage (or a stage it builds on) may leave files owned by someone other than root, or
 * null. The base image's own USER is not visible here; an external builder image is always unknown.
 */
export function nonRootReason(df: DockerfileModel | null, stage: Stage | null): string | null {
  if (!df || !stage) return 'the builder image is not built here, so its owners are unknown';
  const seen = new Set<number>();
  // The stage, the stages it builds on, and the stages it copies from (COPY --from keeps owners).
  const todo: Stage[] = [stage];
  const byName = (name: string) =>
    df.stages.find((p) => p.name?.toLowerCase() === name.toLowerCase()) ?? (/^\d+$/.test(name) ? df.stages[Number(name)] : undefined);
  for (let s = todo.pop(); s; s = todo.pop()) {
    if (seen.has(s.index)) continue;
    seen.add(s.index);
    for (const ins of s.instructions) {
      if (ins.keyword === 'USER' && !ROOT_USERS.has((ins.args[0]?.value ?? '').toLowerCase())) return `USER ${ins.args[0]?.value ?? ''}`;
      if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && ins.flags.some((f) => f.name === 'chown')) return `${ins.keyword} --chown`;
      if (ins.keyword === 'RUN' && /\bchown\b/.test(df.text.slice(ins.start, ins.end))) return 'RUN chown';
      const from = ins.keyword === 'COPY' ? ins.flags.find((f) => f.name === 'from')?.value : undefined;
      if (from) {
        const src = byName(from);
        if (!src || src.index >= s.index) return `COPY --from=${from}, an image whose owners are unknown`;
        todo.push(src);
      }
    }
    const parent = df.stages.find((p) => p.index < s!.index && p.name?.toLowerCase() === s!.image.value.toLowerCase());
    if (parent) todo.push(parent);
  }
  return null;
}
