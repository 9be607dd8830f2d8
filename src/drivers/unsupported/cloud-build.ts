import { lazyYaml } from '../../text/lazy-yaml.js';

/** A docker command a Cloud Build step runs, as the line it amounts to, and where its `args` are. */
export interface BuilderCommand {
  line: string;
  start: number;
  end: number;
}

/** The step images that are the docker client: Cloud Build's own, Docker Hub's `docker`, by any tag or digest. */
const DOCKER_BUILDER = /^((gcr\.io|[a-z-]+\.gcr\.io|[a-z0-9-]+-docker\.pkg\.dev)\/cloud-builders\/docker|(docker\.io\/)?(library\/)?docker)([:@].*)?$/;

/**
 * Cloud Build runs a step's `args` as the words of its image's entrypoint: with the docker builder,
 * `args: ['run', '-v', '/workspace:/out', 'app-builder', 'cp', …]` is `docker run -v …`, though no line
 * of the file says `docker`. Each such step is read as that line, so the checks the other unread
 * drivers get by line see it too. A step with another entrypoint (`bash -c '…'`) spells its docker
 * commands in its text, and the line checks read them there.
 */
export function cloudBuildDockerCommands(text: string): BuilderCommand[] {
  let doc: import('yaml').Document.Parsed;
  try {
    doc = lazyYaml().parseDocument(text);
  } catch {
    return [];
  }
  if (doc.errors.length > 0) return [];
  const { isMap, isSeq, isScalar } = lazyYaml();
  const steps = isMap(doc.contents) ? doc.contents.get('steps', true) : null;
  if (!isSeq(steps)) return [];
  const out: BuilderCommand[] = [];
  for (const step of steps.items) {
    if (!isMap(step)) continue;
    const name = step.get('name');
    const entrypoint = step.get('entrypoint');
    const args = step.get('args', true);
    if (typeof name !== 'string' || !DOCKER_BUILDER.test(name) || (entrypoint !== undefined && entrypoint !== 'docker') || !isSeq(args)) continue;
    const words = args.items.map((w) => (isScalar(w) ? String(w.value) : ''));
    const [start = 0, end = start] = args.range ?? [];
    out.push({ line: `docker ${words.map(quoteIfSpaced).join(' ')}`, start, end });
  }
  return out;
}

/** A word with a blank in it stays one word in the line the patterns read. */
function quoteIfSpaced(w: string): string {
  return /\s/.test(w) ? `'${w}'` : w;
}
