import path from 'node:path/posix';
import { joinRel } from './paths.js';

/**
 * The file a build without `-f` reads from its context. docker reads `Dockerfile`; podman (and buildah)
 * read `Containerfile` when the context has one, else `Dockerfile`; nerdctl and finch read
 * `Dockerfile`, else `Containerfile`. `client` is the program word (`podman`, `/usr/bin/docker`).
 */
export function defaultDockerfile(client: string, context: string, isFile: (rel: string) => boolean): string {
  const dockerfile = joinRel(context, 'Dockerfile');
  const containerfile = joinRel(context, 'Containerfile');
  const name = path.basename(client);
  if (readsContainerignore(name)) return isFile(containerfile) ? containerfile : dockerfile;
  if ((name === 'nerdctl' || name === 'finch') && !isFile(dockerfile) && isFile(containerfile)) return containerfile;
  return dockerfile;
}

/** podman and buildah (Buildah's build, either way) read a context's `.containerignore` before its `.dockerignore`; docker reads none. */
export function readsContainerignore(client: string): boolean {
  return /^(podman|buildah)$/.test(path.basename(client));
}
