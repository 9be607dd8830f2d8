/** Normalises an image reference so `img`, `img:latest` and `docker.io/library/img` match. */
export function imageKey(ref: string): string {
  const lastSlash = ref.lastIndexOf('/');
  const hasTag = ref.includes('@') || ref.slice(lastSlash + 1).includes(':');
  return (hasTag ? ref : `${ref}:latest`).replace(/^(docker\.io\/)?(library\/)?/, '');
}

const DOMAIN = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?`;
const COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
const TAG = String.raw`[\w][\w.-]{0,127}`;
const DIGEST = String.raw`[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`;
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/** Whether Docker would accept `ref` as an image reference (the grammar of distribution/reference). */
export function isImageReference(ref: string): boolean {
  return ref.length <= 255 + 128 + 80 && REFERENCE.test(ref);
}
