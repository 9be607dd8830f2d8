import fs from 'node:fs';
import path from 'node:path';

/**
 * Every entry under `dir` that is not a directory, as a `/`-separated path relative to it, depth first.
 * A symbolic link is listed, never followed: the callers decide what a link is to them.
 */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out;
}
