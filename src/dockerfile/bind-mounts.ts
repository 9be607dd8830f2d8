import type { DfInstruction } from './parse.js';

/** A `RUN --mount` that binds part of the build context: its source, relative to the context ('' is the root). */
export interface ContextBindMount {
  source: string;
  /** The flag's value as written, for messages. */
  value: string;
}

/**
 * The context directories a RUN instruction mounts: `--mount=type=bind` (bind is the default type)
 * without `from=`, whose `source`/`src` defaults to the context's root.
 */
export function contextBindMounts(ins: DfInstruction): ContextBindMount[] {
  if (ins.keyword !== 'RUN') return [];
  const out: ContextBindMount[] = [];
  for (const f of ins.flags) {
    if (f.name !== 'mount' || f.value === null) continue;
    const opts = new Map(
      f.value.split(',').map((kv) => {
        const eq = kv.indexOf('=');
        return eq < 0 ? ([kv.trim(), ''] as const) : ([kv.slice(0, eq).trim(), kv.slice(eq + 1)] as const);
      }),
    );
    if ((opts.get('type') ?? 'bind') !== 'bind' || opts.has('from')) continue;
    out.push({ source: (opts.get('source') ?? opts.get('src') ?? '').replace(/^\/+/, ''), value: f.value });
  }
  return out;
}
