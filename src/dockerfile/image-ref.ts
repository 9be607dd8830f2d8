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

/**
 * Whether Docker would accept `ref` as an image reference: the grammar of distribution/reference, and its
 * name (registry and path, without tag or digest) at most 255 characters, as distribution checks it.
 */
export function isImageReference(ref: string): boolean {
  const named = ref.split('@')[0]!;
  const tag = named.indexOf(':', named.lastIndexOf('/') + 1);
  return (tag < 0 ? named : named.slice(0, tag)).length <= 255 && REFERENCE.test(ref);
}
