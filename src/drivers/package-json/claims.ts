import path from 'node:path/posix';

/** package.json files: their `scripts` are shell command lines npm runs from the package's directory. */
export function claims(relPath: string, _head: string): boolean {
  return path.basename(relPath) === 'package.json';
}
