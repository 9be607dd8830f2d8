import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The package root (package.json and rules/*.md), whether this runs compiled from dist/ or from source. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/**
 * Where rule pages live: `--help-base-url`, then `helpBaseUrl` in the configuration, else the
 * installed package's own rules/ folder as a file: URL (restage has no published web home; a
 * project that mirrors the pages sets the base).
 */
export function defaultHelpBase(): string {
  return pathToFileURL(path.join(packageRoot(), 'rules') + path.sep).href;
}

export function helpUri(base: string, ruleId: string): string {
  return `${base}${encodeURIComponent(ruleId)}.md`;
}

/** A rule's documentation page, or null when it is missing. */
export function ruleDoc(ruleId: string): string | null {
  try {
    return fs.readFileSync(path.join(packageRoot(), 'rules', `${ruleId}.md`), 'utf8');
  } catch {
    return null;
  }
}

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
