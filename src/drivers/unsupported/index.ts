import unsupportedDriver from '../../../rules/unsupported-driver.js';
import { LineIndex } from '../../text/lines.js';
import { UNREAD_DRIVER_STEP, type DriverAnalysis, type DriverStep } from '../steps.js';
import { kindOf } from './claims.js';
import { cloudBuildDockerCommands, type BuilderCommand } from './cloud-build.js';
import { SDK_COPY_OUT_CALL, withClient } from '../../text/client-names.js';

// The source names a container: a word with no path separator before its colon, or a command substitution (`$(docker create …):`).
const COPY_OUT = withClient(String.raw`\bCLIENT(\.exe)?\s+(container\s+)?cp\s+(-\S+\s+)*["']?([^\s:"'\\/]+|\$\([^)]*\))["']?:`, 'i');

// The same command as an argument list (`subprocess.run(["docker", "cp", f"{cid}:/out/app", "app"])`,
// Ruby's `system("docker", "cp", …)`): the source is the first operand that is not a flag, a string
// that names a container, or an id joined to its path (`cid + ":/out"`).
const COPY_OUT_LIST = withClient(
  String.raw`["']CLIENT["']\s*,\s*(["']container["']\s*,\s*)?["']cp["']\s*,\s*(["']-[^"']*["']\s*,\s*)*([a-z]{0,2}["']([^\s:"'\/]+|\{[^}]*\}|%s|#\{[^}]*\})["']?:|[A-Za-z_][\w.]*\s*\+\s*["']:)`,
  'i',
);

// A line that may take an artifact out of a container other than by `docker cp`: a run with a mount
// or whose output is redirected or piped, an export to the host, a compose run. Only these lines are
// handed over (as steps restage does not follow): detection then sees the write, so a build that reads
// what the file's containers wrote is refused, not passed as "0 setups". A `docker run` of tests alone is not.
const EXTRACTING_LINE = withClient(
  String.raw`\bCLIENT(\.exe)?\b[^\n]*?\s(run|create)\b[^\n]*?(\s(-v|--volume|--mount|--volumes-from)[\s=]|[^-]>|\|)|\bCLIENT(\.exe)?\b[^\n]*?\s(build|buildx\s+build)\b[^\n]*?\s(-o|--output)[\s=]|\bCLIENT(\.exe)?\b[^\n]*?\s(export|save)\s|\bCLIENT(\.exe)?[\s-]+compose\b[^\n]*?\s(run|up|cp)\s|["']CLIENT["']\s*,[^\n]*?["'](run|create)["'][^\n]*?["'](-v|--volume|--mount)(=[^"']*)?["']|["']CLIENT["']\s*,[^\n]*?["']build["'][^\n]*?["'](-o|--output)(=[^"']*)?["']`,
  'i',
);

/**
 * Jenkins Pipeline's `docker.image('golang:1.21').inside { sh 'go build -o app .' }` runs its block in a
 * container with the workspace mounted: the DSL's `docker run -v "$WORKSPACE":…`.
 */
const JENKINS_INSIDE = /\bdocker\.image\([^)]*\)\s*\.inside\b/;

/** Each line of the file that may take an artifact out of a container, as a step restage does not follow. */
function extractingLines(text: string): DriverStep[] {
  const steps: DriverStep[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    if (EXTRACTING_LINE.test(line) || JENKINS_INSIDE.test(line)) {
      // Numbered by inTextOrder, with the Cloud Build steps.
      const unit = { start, end, group: 0, groupStart: start, groupEnd: end };
      steps.push({ kind: 'opaque', unit, nodeType: UNREAD_DRIVER_STEP, text: line });
    }
    start = end + 1;
  }
  return steps;
}

/**
 * Maven's `<executable>docker</executable><arguments><argument>cp</argument><argument>x:/out</argument>`
 * and Ant's `<exec executable="docker"><arg value="cp"/>…` (or `<arg line="cp x:/out app"/>`) as the
 * words they run: every tag blanked but the values of `executable`, `line` and `value`, so the patterns
 * above read `docker cp x:/out` at the same offsets as the file's.
 */
function xmlAsWords(text: string): string {
  return text.replace(/<[^>]*>/g, (tag) => {
    const blank = tag.replace(/[^\n]/g, ' ');
    const values = [...tag.matchAll(/\b(executable|line|value)\s*=\s*(["'])([^"']*)\2/g)];
    let kept = blank;
    for (const v of values) {
      const at = v.index + v[0].length - 1 - v[3]!.length;
      kept = kept.slice(0, at) + v[3]! + kept.slice(at + v[3]!.length);
    }
    return kept;
  });
}

const XML_KINDS = new Set(['Maven', 'Ant']);

export async function extract(relPath: string, source: string): Promise<DriverAnalysis> {
  const lines = new LineIndex(source);
  const kind = kindOf(relPath, source.slice(0, 64)) ?? 'unknown';
  const text = XML_KINDS.has(kind) ? xmlAsWords(source) : source;
  const builderCommands = kind === 'Cloud Build' ? cloudBuildDockerCommands(text) : [];
  const copies = [
    ...[COPY_OUT, COPY_OUT_LIST, SDK_COPY_OUT_CALL].map((re) => re.exec(text)?.index),
    ...builderCommands.filter((c) => COPY_OUT.test(c.line)).map((c) => c.start),
  ].filter((x) => x !== undefined);
  const at = copies.length > 0 ? Math.min(...copies) : null;
  const diagnostics = at !== null ? [unsupportedDriver.report({ file: relPath, ...lines.position(at) }, { kind })] : [];
  const steps = at !== null ? [] : inTextOrder([...extractingLines(text), ...builderCommands.filter((c) => EXTRACTING_LINE.test(c.line)).map(opaqueAt)]);
  return { path: relPath, text: source, lines, steps, units: steps.map((x) => x.unit), fixes: [], diagnostics, unreadable: at !== null };
}

/** A Cloud Build docker step that may extract, as a step restage does not follow, at its `args`. */
function opaqueAt(c: BuilderCommand): DriverStep {
  const unit = { start: c.start, end: c.end, group: 0, groupStart: c.start, groupEnd: c.end };
  return { kind: 'opaque', unit, nodeType: UNREAD_DRIVER_STEP, text: c.line };
}

/** Steps in the order of the text, each a group of its own. */
function inTextOrder(steps: DriverStep[]): DriverStep[] {
  return [...steps].sort((a, b) => a.unit.start - b.unit.start).map((s, group) => ({ ...s, unit: { ...s.unit, group } }));
}
