/** Normalises an image reference so `img`, `img:latest` and `docker.io/library/img` match. */
export function imageKey(ref: string): string {
  const lastSlash = ref.lastIndexOf('/');
  const hasTag = ref.includes('@') || ref.slice(lastSlash + 1).includes(':');
  return (hasTag ? ref : `${ref}:latest`).replace(/^(docker\.io\/)?(library\/)?/, '');
}
