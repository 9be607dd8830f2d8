import path from 'node:path/posix';
import { resolveHostPath } from '../shell/host-path.js';
import { joinRel } from '../dockerfile/paths.js';
import type { RepoView } from '../repo/view.js';
import type { HostWrite, ImageBuildSite } from './model.js';
import { yamlFiles } from './yaml-files.js';

const COMPOSE_FILE = /(^|\/)(docker-)?compose(\.[\w.-]+)?\.ya?ml$/;

export interface ComposeReading {
  builds: ImageBuildSite[];
  /** Writable bind mounts of the services: what `compose run`/`up` writes onto the host. */
  mounts: HostWrite[];
}

/** The services of every compose file: their `build:` (consumers) and writable bind mounts (producers). */
export function readCompose(repo: RepoView): ComposeReading {
  const out: ComposeReading = { builds: [], mounts: [] };
  for (const { file, text, doc } of yamlFiles(repo, COMPOSE_FILE, /\bservices\s*:/)) {
    const dir = path.dirname(file) === '.' ? '' : path.dirname(file);
    const services = (doc as { services?: unknown } | null)?.services;
    if (!services || typeof services !== 'object') continue;
    const offset = (name: string) => Math.max(0, text.indexOf(`${name}:`));
    for (const [name, svc] of Object.entries(services as Record<string, unknown>)) {
      if (!svc || typeof svc !== 'object') continue;
      const s = svc as { build?: unknown; volumes?: unknown };
      const build = typeof s.build === 'string' ? { context: s.build } : (s.build as { context?: unknown; dockerfile?: unknown } | undefined);
      if (build && typeof build === 'object') {
        const ctx = resolveHostPath(dir, typeof build.context === 'string' ? build.context : '.');
        if (ctx !== null) {
          const df = typeof build.dockerfile === 'string' ? resolveHostPath(ctx, build.dockerfile) : joinRel(ctx, 'Dockerfile');
          if (df !== null) out.builds.push({ dockerfile: df, context: ctx, driver: file, step: -1 });
        }
      }
      for (const v of Array.isArray(s.volumes) ? s.volumes : []) {
        const source = bindSource(v);
        if (source === null) continue;
        out.mounts.push({
          driver: file,
          step: -1,
          offset: offset(name),
          kind: 'compose-run',
          path: source.includes('$') ? null : resolveHostPath(dir, source),
        });
      }
    }
  }
  return out;
}

function bindSource(v: unknown): string | null {
  if (typeof v === 'string') {
    const parts = v.split(':');
    if (parts.length < 2 || (parts[2] ?? '').split(',').includes('ro')) return null;
    const src = parts[0]!;
    return src.startsWith('.') || src.startsWith('/') || src.startsWith('$') || src.startsWith('~') ? src : null;
  }
  if (v && typeof v === 'object') {
    const m = v as { type?: unknown; source?: unknown; read_only?: unknown };
    if (m.type !== 'bind' || typeof m.source !== 'string' || m.read_only === true) return null;
    return m.source;
  }
  return null;
}
