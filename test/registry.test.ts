// The catalogue and the drivers are read from their folders, so a rule or a driver cannot be added half-way:
// a rule module not registered, a page missing or out of step with its rule, a driver folder without its
// readme, a readme naming modules that are gone, or a page whose example no longer prints what it shows.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import type { Rule } from '../rules/rule.js';
import { copyCase, ROOT, runCli, TESTDATA } from './helpers/cli.js';
import { tempDir } from './support/temp-dir.js';

const RULES_DIR = path.join(ROOT, 'rules');
const DRIVERS_DIR = path.join(ROOT, 'src', 'drivers');
const read = (abs: string) => fs.readFileSync(abs, 'utf8');

/** rules/<id>.ts of every rule module (index.ts registers them, rule.ts is their common shape). */
const ruleModules = fs
  .readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'rule.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const rulePages = fs
  .readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.slice(0, -3))
  .sort();
const driverFolders = fs
  .readdirSync(DRIVERS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

interface Block {
  lang: string;
  text: string;
  /** The markdown line just before the fence (blank lines skipped): where a page names the file a block shows. */
  before: string;
}

/** A markdown text's lines outside fenced code blocks, and its fenced blocks. */
function splitMarkdown(md: string): { prose: string[]; blocks: Block[] } {
  const prose: string[] = [];
  const blocks: Block[] = [];
  let open: { lang: string; lines: string[]; before: string } | null = null;
  for (const line of md.split('\n')) {
    const fence = /^\s*```(\S*)/.exec(line);
    if (fence && !open) open = { lang: fence[1]!, lines: [], before: prose.filter((l) => l.trim() !== '').at(-1) ?? '' };
    else if (fence && open) {
      blocks.push({ lang: open.lang, text: `${open.lines.join('\n')}\n`, before: open.before });
      prose.push('```'); // a block between a label and the next block breaks the label's link to it
      open = null;
    } else if (open) open.lines.push(line);
    else prose.push(line);
  }
  return { prose, blocks };
}

/** A page's sections by heading (`#` and `##`), each its lines up to the next such heading outside code blocks. */
function sections(md: string): Map<string, string> {
  const bodies = new Map<string, string[]>();
  let body: string[] = [];
  let inCode = false;
  for (const line of md.split('\n')) {
    if (/^\s*```/.test(line)) inCode = !inCode;
    if (!inCode && /^##? /.test(line)) bodies.set(line, (body = []));
    else body.push(line);
  }
  return new Map([...bodies].map(([h, lines]) => [h, lines.join('\n')]));
}

const headings = (md: string) => splitMarkdown(md).prose.filter((l) => /^#{1,6} /.test(l));

/** The message templates of a rule (one `message`, or several by messageId once rules have them). */
function templates(rule: Rule): string[] {
  const r = rule as Rule & { messages?: Record<string, string> };
  return [...(typeof r.message === 'string' ? [r.message] : []), ...Object.values(r.messages ?? {})];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A template as a pattern over the messages it can print: each `{{name}}` stands for some text. */
const templatePattern = (t: string) =>
  new RegExp(
    `^${t
      .split(/\{\{\w+\}\}/)
      .map(escapeRe)
      .join('.+')}$`,
  );

interface Shown {
  file: string;
  line: number;
  col: number;
  ruleId: string;
  message: string;
  /** The line as printed: `file:line:col: rule-id: message`. */
  text: string;
}

/**
 * What a rule page's example shows: the diagnostic line(s) of its own rule (in backticks or a plain block),
 * and the files of its code blocks. A block is named by the line before it when that line starts with a
 * file name in backticks and ends with `:` (`` `Dockerfile` (runtime):``). An unnamed `sh` block is the
 * driver, `build.sh`, as the pages say; any other unnamed block is the file the diagnostic line names.
 */
function pageExample(id: string, md: string): { shown: Shown[]; files: Record<string, string> } {
  const example = sections(md).get('## Example') ?? '';
  const parse = (raw: string): Shown | null => {
    const m = /^`?([^\s`:][^:\s]*):(\d+):(\d+): ([a-z0-9-]+): (.+?)`?$/.exec(raw.trim());
    return m && m[4] === id
      ? { file: m[1]!, line: Number(m[2]), col: Number(m[3]), ruleId: m[4]!, message: m[5]!, text: `${m[1]}:${m[2]}:${m[3]}: ${m[4]}: ${m[5]}` }
      : null;
  };
  const { prose, blocks } = splitMarkdown(example);
  const shown = [...prose, ...blocks.filter((b) => b.lang === '').flatMap((b) => b.text.split('\n'))].map(parse).filter((s): s is Shown => s !== null);
  const files: Record<string, string> = {};
  for (const b of blocks) {
    if (b.text.split('\n').some((l) => parse(l))) continue; // the output, not a file
    const label = /^`([^`\s]+)`.*:$/.exec(b.before.trim());
    const name = label ? label[1]! : b.lang === 'sh' ? 'build.sh' : shown[0]?.file;
    if (name) files[name] = b.text;
  }
  return { shown, files };
}

/**
 * The rule whose page is the whole repository the other pages vary: a page's example shows only the files
 * that differ from it, and the files it leaves out are this page's.
 */
const BASE_PAGE = 'builder-pattern';
const base = pageExample(BASE_PAGE, read(path.join(RULES_DIR, `${BASE_PAGE}.md`))).files;

/**
 * Pages whose example is not a whole repository even with the base page's files, mapped to a testdata case
 * whose run prints the same rule and message (the position is the case's, so it is not compared).
 */
const SHOWN_BY_FIXTURE: Record<string, { case: string; why: string }> = {
  'build-context-mismatch': { case: 'refuse-builder-context-outside', why: 'tools/Dockerfile and svc/Dockerfile are not shown' },
  'cp-destination-conflict': { case: 'refuse-cp-destination-missing-dir', why: 'the runtime Dockerfile that copies bin/app is not shown' },
  'continuation-trailing-space': { case: 'seed-href-counter', why: 'the block is two lines of the seed build.sh, with ·· for the spaces' },
  'dockerignore-excludes-artifact': { case: 'refuse-dockerignore-hides-part', why: 'the build.sh that extracts dist/ is described, not shown' },
  'file-not-parsed': { case: 'refuse-latin1-builder-dockerfile', why: 'the page shows the Latin-1 byte as an é with a note' },
  'reference-to-removed-image': { case: 'references-reported', why: 'the driver that builds acme/app:build is not shown' },
};

/** The base page's `build.sh`, extracting `from` to `to` instead of its app. */
function extracting(from: string, to: string): string {
  const cp = 'docker cp extract:/src/app ./app\n';
  if (!base['build.sh']?.includes(cp)) throw new Error(`${BASE_PAGE}.md: its build.sh no longer has ${cp}`);
  return base['build.sh'].replace(cp, `docker cp extract:${from} ${to}\n`);
}

/**
 * Files a page leaves out or describes in words, where no testdata case prints its line: written here from
 * the page's own files so that its example is a repository.
 */
const LEFT_OUT: Record<string, (shown: Record<string, string>) => Record<string, string>> = {
  // "`build.sh` extracts `/home/app/out` to `./out`"
  'chown-non-root-artifact': () => ({ 'build.sh': extracting('/home/app/out', './out') }),
  // The workflow is an excerpt whose `path: dist` is its line 8; the driver extracts dist for the runtime image.
  'reference-to-removed-file': (shown) => ({
    'build.sh': extracting('/src/dist', './dist'),
    Dockerfile: 'FROM alpine:3.20\nCOPY dist /srv/dist\n',
    '.github/workflows/release.yml': `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n${shown['.github/workflows/release.yml']}`,
  }),
};

/** Pages whose diagnostic only a failure of restage or of the disk produces; their line is checked against the rule's template only. */
const NOT_REPRODUCIBLE: Record<string, string> = {
  'internal-error': 'a bug in restage (test/internal-error.test.ts injects one)',
  'io-error': 'a failing disk (test/write-failure.test.ts injects one)',
};

/** Every diagnostic line `migrate --check` prints for the repository at `dir`, which is removed afterwards. */
async function printedDiagnostics(dir: string, args: string[]): Promise<string[]> {
  try {
    const r = await runCli(['migrate', '--check', ...args], dir);
    expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
    return r.stderr.split('\n').filter((l) => /^\S+:\d+:\d+: [a-z0-9-]+: /.test(l));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A temp repository holding `files` (paths relative to it). */
function repository(files: Record<string, string>): string {
  const dir = tempDir('restage-page-');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('the rule catalogue (rules/)', () => {
  it.each(ruleModules)('rules/%s.ts is registered in rules/index.ts under its file name', async (id) => {
    const mod = (await import(path.join(RULES_DIR, `${id}.ts`))) as { default: Rule };
    expect(RULES).toContain(mod.default);
    expect(mod.default.id).toBe(id);
  });

  it('registers each rule once, and only rules that have a module in rules/', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ruleModules);
  });

  it('has a page for every rule and no page without a rule', () => {
    expect(rulePages).toEqual(ruleModules);
  });

  it.each(ruleModules)('rules/%s.md: its id, its severity and title, and the sections every page has', (id) => {
    const rule = RULES.find((r) => r.id === id);
    const md = read(path.join(RULES_DIR, `${id}.md`));
    const [first, ...rest] = md.split('\n');
    expect(first).toBe(`# ${id}`);
    expect(rest.find((l) => l.trim() !== '')).toBe(`${rule?.severity} · ${rule?.title}`);
    // Every page ends by saying what happens next: an error refuses, so its page says what to do; a warning
    // or a note says either what restage does or what to do about it.
    const closing = ['## When restage refuses / what to do', '## What restage does'];
    const shared = ['## What it detects', '## Example', ...closing];
    const found = headings(md).filter((x) => shared.includes(x));
    expect(found.slice(0, 2), 'in this order, once each').toEqual(['## What it detects', '## Example']);
    expect(found.slice(2), 'one closing section').toHaveLength(1);
    expect(rule?.severity === 'error' ? [closing[0]] : closing).toContain(found[2]);
  });
});

describe('the driver folders (src/drivers/)', () => {
  it('are there (a driver kind is a folder)', () => {
    expect(driverFolders.length).toBeGreaterThanOrEqual(7);
  });

  it.each(driverFolders)('src/drivers/%s has a readme.md whose module table names exactly its .ts files', (name) => {
    const dir = path.join(DRIVERS_DIR, name);
    const readme = path.join(dir, 'readme.md');
    expect(fs.existsSync(readme), `${name}/readme.md`).toBe(true);
    const md = read(readme);
    expect(md.split('\n')[0], 'its first heading names the folder').toMatch(new RegExp(`^# ${escapeRe(name)}( |$)`));
    const named = (sections(md).get('## Modules') ?? '')
      .split('\n')
      .map((l) => /^\|\s*`([^`]+)`\s*\|/.exec(l)?.[1])
      .filter((f): f is string => f !== undefined);
    expect(named.length, 'a "## Modules" table with a `file` column').toBeGreaterThan(0);
    for (const f of named) expect(fs.existsSync(path.join(dir, f)), `${name}/${f} named in the readme`).toBe(true);
    const modules = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .sort();
    expect([...named].sort()).toEqual(modules);
  });
});

describe('reading a rule page', () => {
  it("finds the files of its blocks and its diagnostic line, and not another rule's", () => {
    const md = [
      '# r',
      '',
      '## Example',
      '',
      '```sh',
      'docker cp x:/a ./a',
      '```',
      '`Dockerfile` (runtime):',
      '```dockerfile',
      'FROM a',
      '```',
      '',
      '```',
      'Dockerfile:1:1: r: one',
      '```',
      '`build.sh:1:1: other-rule: two`',
      '`x.js:2:3: r: three ` + `four`',
      '',
      '## Next',
      '`a:1:1: r: five`',
    ].join('\n');
    const { shown, files } = pageExample('r', md);
    expect(files).toEqual({ 'build.sh': 'docker cp x:/a ./a\n', Dockerfile: 'FROM a\n' });
    expect(shown.map((s) => s.text)).toEqual(['x.js:2:3: r: three ` + `four', 'Dockerfile:1:1: r: one']);
  });
});

describe("every rule page's example prints the line it shows", () => {
  it(`the base page (${BASE_PAGE}) shows a whole setup`, () => {
    expect(Object.keys(base).sort()).toEqual(['Dockerfile', 'Dockerfile.build', 'build.sh']);
  });

  it('the tables name existing pages and testdata cases', () => {
    for (const id of [...Object.keys(SHOWN_BY_FIXTURE), ...Object.keys(LEFT_OUT), ...Object.keys(NOT_REPRODUCIBLE)]) expect(rulePages).toContain(id);
    for (const { case: c } of Object.values(SHOWN_BY_FIXTURE)) expect(fs.existsSync(path.join(TESTDATA, c, 'before')), c).toBe(true);
    for (const id of Object.keys(LEFT_OUT)) expect(SHOWN_BY_FIXTURE, `${id}: one way to run its example`).not.toHaveProperty(id);
  });

  it.each(rulePages)('rules/%s.md shows a diagnostic line of its rule that its message template can print', (id) => {
    const { shown } = pageExample(id, read(path.join(RULES_DIR, `${id}.md`)));
    expect(shown.length, 'a `file:line:col: rule-id: message` line in ## Example').toBeGreaterThan(0);
    const rule = RULES.find((r) => r.id === id)!;
    for (const s of shown)
      expect(
        templates(rule).some((t) => templatePattern(t).test(s.message)),
        s.message,
      ).toBe(true);
  });

  const byExample = rulePages.filter((id) => !(id in SHOWN_BY_FIXTURE) && !(id in NOT_REPRODUCIBLE));
  it.each(byExample)('rules/%s.md: its example, as a repository, prints that line', async (id) => {
    const page = pageExample(id, read(path.join(RULES_DIR, `${id}.md`)));
    const files = { ...base, ...page.files, ...LEFT_OUT[id]?.(page.files) };
    const printed = await printedDiagnostics(repository(files), ['.']);
    for (const s of page.shown) {
      // Where the page shows the diagnosed file (or, for LEFT_OUT, the excerpt the file is made from), it
      // shows where in it too; otherwise the base page's file decides the position.
      if (s.file in page.files) expect(printed, printed.join('\n')).toContain(s.text);
      else expect(printed.map((l) => l.slice(l.indexOf(`: ${s.ruleId}: `)))).toContain(`: ${s.ruleId}: ${s.message}`);
    }
  });

  it.each(Object.entries(SHOWN_BY_FIXTURE).map(([id, { case: name }]) => [id, name]))('rules/%s.md: testdata/%s prints its line', async (id, name) => {
    const { shown } = pageExample(id, read(path.join(RULES_DIR, `${id}.md`)));
    const meta = fs.existsSync(path.join(TESTDATA, name, 'case.json')) ? (JSON.parse(read(path.join(TESTDATA, name, 'case.json'))) as { args?: string[] }) : {};
    const printed = await printedDiagnostics(copyCase(name), meta.args ?? ['.']);
    for (const s of shown) expect(printed.map((l) => l.slice(l.indexOf(`: ${s.ruleId}: `)))).toContain(`: ${s.ruleId}: ${s.message}`);
  });
});
