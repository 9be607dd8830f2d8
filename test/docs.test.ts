// The documentation cannot drift: every relative link resolves (anchors included), the README's quick
// start runs as CI runs it, and every transcript and the seed example are what the CLI prints and writes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { copyCase, ROOT, runCli, snapshot, TESTDATA } from './helpers/cli.js';

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const docsPages = fs
  .readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`);
const ruleDocs = fs
  .readdirSync(path.join(ROOT, 'rules'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `rules/${f}`);
const DOCUMENTS = ['README.md', 'CHANGELOG.md', ...docsPages, ...ruleDocs];

interface Block {
  lang: string;
  text: string;
}

/** The fenced code blocks of a markdown text, in order (``` fences, as the docs use them). */
function codeBlocks(md: string): Block[] {
  const blocks: Block[] = [];
  let open: { lang: string; lines: string[] } | null = null;
  for (const line of md.split('\n')) {
    const fence = /^\s*```(\S*)/.exec(line);
    if (fence && !open) open = { lang: fence[1]!, lines: [] };
    else if (fence && open) {
      blocks.push({ lang: open.lang, text: `${open.lines.join('\n')}\n` });
      open = null;
    } else if (open) open.lines.push(line);
  }
  return blocks;
}

/** The text of a markdown section: from its heading to the next heading of the same or a higher level (outside code blocks). */
function section(md: string, heading: string): string {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no section ${heading}`);
  const level = heading.indexOf(' ');
  let inCode = false;
  let end = start + 1;
  for (; end < lines.length; end++) {
    if (/^\s*```/.test(lines[end]!)) inCode = !inCode;
    else if (!inCode && new RegExp(`^#{1,${level}} `).test(lines[end]!)) break;
  }
  return lines.slice(start + 1, end).join('\n');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const prose = md.replace(/^\s*```[\s\S]*?^\s*```/gm, '');
  for (const m of prose.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = m[1]!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Every relative link of a markdown document that does not resolve, as `target: why`. */
function brokenLinks(file: string, md: string, exists = (p: string) => fs.existsSync(p), readMd = (p: string) => fs.readFileSync(p, 'utf8')): string[] {
  const prose = md.replace(/^\s*```[\s\S]*?^\s*```/gm, '').replace(/`[^`\n]*`/g, (code) => (code.includes('](') ? '``' : code));
  const broken: string[] = [];
  for (const m of prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not ours to check offline
    const [rel, anchor] = target.split('#') as [string, string | undefined];
    const abs = rel === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(rel));
    if (!abs.startsWith(ROOT + path.sep)) broken.push(`${target}: leaves the repository`);
    else if (!exists(abs)) broken.push(`${target}: no such file`);
    else if (anchor !== undefined && !(abs.endsWith('.md') && anchors(readMd(abs)).has(anchor))) broken.push(`${target}: no heading #${anchor}`);
  }
  return broken;
}

describe('documentation links', () => {
  it.each(DOCUMENTS)('every relative link in %s resolves', (rel) => {
    expect(brokenLinks(path.join(ROOT, rel), read(rel))).toEqual([]);
  });

  it('the link check finds a missing file, a missing heading and a link out of the repository', () => {
    const md =
      '# Top\n\n## A heading, with: punctuation\n\n[ok](#a-heading-with-punctuation) [self](#top) [gone](nope.md) [bad](#nowhere) [out](../../etc/passwd) `[code](x.md)`\n\n```\n[block](y.md)\n```\n';
    const file = path.join(ROOT, 'docs', 'probe.md');
    const broken = brokenLinks(
      file,
      md,
      (p) => p === file,
      () => md,
    );
    expect(broken).toEqual(['nope.md: no such file', '#nowhere: no heading #nowhere', '../../etc/passwd: leaves the repository']);
  });

  it('the README links every docs page, and docs/refusals.md every rule page', () => {
    const readme = read('README.md');
    for (const page of docsPages) expect(readme, page).toContain(`](${page})`);
    const refusals = read('docs/refusals.md');
    for (const rule of RULES) expect(refusals, rule.id).toContain(`[\`${rule.id}\`](../rules/${rule.id}.md)`);
  });

  it('the README stays a two-minute read', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(200);
  });
});

describe('the README quick start', () => {
  const commands = codeBlocks(section(read('README.md'), '## Quick start'))[0]!
    .text.trimEnd()
    .split('\n');

  it('is two commands, and CI (.ci/run) runs the same install and test commands', () => {
    expect(commands).toHaveLength(2);
    const [install] = commands[0]!.split(' && ');
    const ciLines = read('.ci/run')
      .split('\n')
      .map((l) => l.trim());
    expect(ciLines).toContain(install);
    expect(ciLines).toContain(commands[1]);
  });

  it('its first command prints the migration of the bundled example as a diff and writes nothing', () => {
    const run = commands[0]!.split(' && ')[1]!;
    expect(run).toMatch(/^node bin\/restage\.js migrate testdata\/\S+$/);
    const [, ...args] = run.split(' ');
    const example = path.join(ROOT, args.at(-1)!);
    const before = snapshot(example);
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^diff --git a\/testdata\/seed-href-counter\/before\/Dockerfile b\/testdata\/seed-href-counter\/before\/Dockerfile$/m);
    expect(r.stdout).toContain('+COPY --from=builder /go/src/github.com/alexellis/href-counter/app .');
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('restage: 1 setup to migrate (3 files changed), 0 refused');
    expect(snapshot(example)).toEqual(before);
  });
});

describe('the README seed example', () => {
  const blocks = codeBlocks(section(read('README.md'), "## The example (the Docker documentation's href-counter)"));
  const SEED = path.join(TESTDATA, 'seed-href-counter');
  /** A block that starts with `# <file name>` shows that file; the label is not part of it. */
  const unlabelled = (b: Block, name: string) => {
    const [first, ...rest] = b.text.split('\n');
    expect(first).toBe(`# ${name}`);
    return rest.join('\n');
  };

  it('shows the files of testdata/seed-href-counter/before byte for byte', () => {
    expect(blocks.map((b) => b.lang)).toEqual(['dockerfile', 'dockerfile', 'sh', 'dockerfile', 'sh', '']);
    expect(unlabelled(blocks[0]!, 'Dockerfile.build')).toBe(fs.readFileSync(path.join(SEED, 'before', 'Dockerfile.build'), 'utf8'));
    expect(unlabelled(blocks[1]!, 'Dockerfile')).toBe(fs.readFileSync(path.join(SEED, 'before', 'Dockerfile'), 'utf8'));
    expect(blocks[2]!.text).toBe(fs.readFileSync(path.join(SEED, 'before', 'build.sh'), 'utf8'));
  });

  it('shows what restage migrate --write writes', async () => {
    const dir = copyCase('seed-href-counter');
    expect((await runCli(['migrate', '--write'], dir)).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(blocks[3]!.text);
    expect(fs.readFileSync(path.join(dir, 'build.sh'), 'utf8')).toBe(blocks[4]!.text);
    expect(fs.existsSync(path.join(dir, 'Dockerfile.build'))).toBe(false);
  });
});

describe('transcripts', () => {
  // A plain fenced block starting `$ restage migrate …` is a transcript of the seed example: stdout, then stderr.
  const transcripts = ['README.md', ...docsPages].flatMap((rel) =>
    codeBlocks(read(rel))
      .filter((b) => b.lang === '' && b.text.startsWith('$ restage migrate'))
      .map((b) => ({ rel, command: b.text.split('\n')[0]!, output: b.text.slice(b.text.indexOf('\n') + 1) })),
  );

  it('there are some (README and docs/cli.md show migrate --write)', () => {
    expect(transcripts.map((t) => t.rel)).toEqual(expect.arrayContaining(['README.md', 'docs/cli.md']));
  });

  it.each(transcripts.map((t) => [t.rel, t.command, t.output] as const))('%s: %s prints what is shown', async (_rel, command, output) => {
    const r = await runCli(command.split(' ').slice(2), copyCase('seed-href-counter'));
    expect(r.stdout + r.stderr).toBe(output);
  });
});

describe('fixture files shown in the docs', () => {
  // A code block whose first line is `# testdata/<case>/<file>` shows that file; the label is not part of it.
  const shown = docsPages.flatMap((rel) =>
    codeBlocks(read(rel))
      .filter((b) => /^# testdata\/\S+\n/.test(b.text))
      .map((b) => [rel, b.text.slice(2, b.text.indexOf('\n')), b.text.slice(b.text.indexOf('\n') + 1)] as const),
  );

  it('docs/migrations.md shows before and after of some idioms', () => {
    expect(shown.filter(([rel, file]) => rel === 'docs/migrations.md' && file.includes('/after/')).length).toBeGreaterThanOrEqual(4);
  });

  it.each(shown)('%s: %s is the file as it is', (_rel, file, text) => {
    expect(text).toBe(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  });
});
