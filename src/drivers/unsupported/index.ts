import unsupportedDriver from '../../../rules/unsupported-driver.js';
import { LineIndex } from '../../text/lines.js';
import type { DriverAnalysis } from '../steps.js';
import { kindOf } from './claims.js';
import { withClient } from '../../text/client-names.js';

// The source names a container: a word with no path separator before its colon, or a command substitution (`$(docker create …):`).
const COPY_OUT = withClient(String.raw`\bCLIENT(\.exe)?\s+(container\s+)?cp\s+(-\S+\s+)*["']?([^\s:"'\\/]+|\$\([^)]*\))["']?:`, 'i');

// The same command as an argument list (`subprocess.run(["docker", "cp", f"{cid}:/out/app", "app"])`,
// Ruby's `system("docker", "cp", …)`): the source is the first operand that is not a flag, a string
// that names a container, or an id joined to its path (`cid + ":/out"`).
const COPY_OUT_LIST = withClient(
  String.raw`["']CLIENT["']\s*,\s*(["']container["']\s*,\s*)?["']cp["']\s*,\s*(["']-[^"']*["']\s*,\s*)*([a-z]{0,2}["']([^\s:"'\/]+|\{[^}]*\}|%s|#\{[^}]*\})["']?:|[A-Za-z_][\w.]*\s*\+\s*["']:)`,
  'i',
);

// The Docker SDKs' copy out of a container: docker-py's `container.get_archive(path)`, the Go and Node
// clients' CopyFromContainer / getArchive.
const SDK_COPY_OUT = /\.(get_archive|getArchive|CopyFromContainer)\s*\(/;

export async function extract(relPath: string, text: string): Promise<DriverAnalysis> {
  const lines = new LineIndex(text);
  const m =
    [COPY_OUT, COPY_OUT_LIST, SDK_COPY_OUT]
      .map((re) => re.exec(text))
      .filter((x) => x !== null)
      .sort((a, b) => a.index - b.index)[0] ?? null;
  const kind = kindOf(relPath, text.slice(0, 64)) ?? 'unknown';
  const diagnostics = m ? [unsupportedDriver.report({ file: relPath, ...lines.position(m.index) }, { kind })] : [];
  return { path: relPath, text, lines, steps: [], units: [], fixes: [], diagnostics, unreadable: m !== null };
}
