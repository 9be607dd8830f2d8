import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/emit/github.js';
import { CASES, copyCase, ROOT, runCli, snapshot } from './helpers/cli.js';

const reportSchema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema', 'report.schema.json'), 'utf8')) as object;
const sarifSchema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema', 'vendor', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

// ajv-formats is CommonJS whose export is module.exports itself: under NodeNext its default is the module.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateReport = ajv.compile(reportSchema);
// ajv-draft-04 likewise.
const AjvDraft04 = AjvDraft04Module as unknown as typeof Ajv;
// The schema's language pattern ends in a lone `]`, valid only without the regexp `u` flag.
const ajv04 = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv04);
const validateSarif = ajv04.compile(sarifSchema);

interface JsonEdit {
  startLine: number;
  deletedLines: number;
  offset: number;
  length: number;
  insertedText: string;
}
interface JsonReport {
  version: number;
  summary: { migrated: number; refused: number; skipped: number; filesChanged: number };
  setups: {
    root: string;
    driver: string;
    status: string;
    changes: { path: string; action: string; edits: JsonEdit[] }[];
    diagnostics: { ruleId: string; messageId: string; helpUri: string }[];
  }[];
}
interface SarifReplacement {
  deletedRegion: { charOffset: number; charLength: number };
  insertedContent?: { text: string };
}
interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; helpUri: string; help?: { markdown: string }; messageStrings?: Record<string, { text: string }> }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string; id: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      fixes?: { artifactChanges: { artifactLocation: { uri: string }; replacements: SarifReplacement[] }[] }[];
    }[];
  }[];
}

/** Applies replacements given on the old text, in order, as a consumer of the report would. */
function splice(text: string, edits: { offset: number; length: number; text: string }[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    expect(e.offset).toBeGreaterThanOrEqual(at);
    out += text.slice(at, e.offset) + e.text;
    at = e.offset + e.length;
  }
  return out + text.slice(at);
}

/** What --write leaves: the expected result of applying a report's edits. */
async function writtenTree(name: string): Promise<Record<string, string>> {
  const dir = copyCase(name);
  await runCli(['migrate', '--write'], dir);
  return snapshot(dir);
}

describe('--format json', () => {
  it.each(CASES)('testdata/%s: the report validates against schema/report.schema.json and its edits reproduce --write', async (name) => {
    const dir = copyCase(name);
    const before = snapshot(dir);
    const r = await runCli(['migrate', '--format', 'json'], dir);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(validateReport(report), JSON.stringify(validateReport.errors, null, 2)).toBe(true);
    const after = await writtenTree(name);
    const applied = { ...before };
    for (const s of report.setups) {
      if (s.status !== 'migrate') continue;
      for (const c of s.changes) {
        if (c.action === 'delete') {
          expect(
            splice(
              before[c.path]!,
              c.edits.map((e) => ({ ...e, text: e.insertedText })),
            ),
          ).toBe('');
          delete applied[c.path];
        } else
          applied[c.path] = splice(
            before[c.path] ?? '',
            c.edits.map((e) => ({ ...e, text: e.insertedText })),
          );
      }
    }
    expect(applied).toEqual(after);
  });

  it('names the schema version, the tool, the summary and each diagnostic with its rule page', async () => {
    const r = await runCli(['migrate', '--format', 'json', '--help-base-url', 'https://example.test/restage/rules'], copyCase('seed-href-counter'));
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ migrated: 1, refused: 0, skipped: 0, filesChanged: 3 });
    expect(report.setups[0]!.diagnostics.map((d) => d.helpUri)).toEqual([
      'https://example.test/restage/rules/continuation-trailing-space.md',
      'https://example.test/restage/rules/builder-pattern.md',
    ]);
    expect(r.stderr).toBe('restage: 1 setup to migrate (3 files changed), 0 refused\n');
  });

  it('the schema rejects a report that breaks it (the validation can fail)', async () => {
    const r = await runCli(['migrate', '--format', 'json'], copyCase('refuse-host-step-strip'));
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(validateReport(report)).toBe(true);
    expect(validateReport({ ...report, version: 2 })).toBe(false);
    // A refused setup must carry an error diagnostic and no changes.
    const noError = { ...report, setups: report.setups.map((s) => ({ ...s, diagnostics: [] })) };
    expect(validateReport(noError)).toBe(false);
    const badRule = { ...report, setups: report.setups.map((s) => ({ ...s, diagnostics: s.diagnostics.map((d) => ({ ...d, ruleId: 'Not A Rule' })) })) };
    expect(validateReport(badRule)).toBe(false);
    const noMessageId = { ...report, setups: report.setups.map((s) => ({ ...s, diagnostics: s.diagnostics.map(({ messageId: _, ...d }) => d) })) };
    expect(validateReport(noMessageId)).toBe(false);
  });

  it('each diagnostic names its message: a refusal of a many-reason rule says which reason', async () => {
    const report = JSON.parse((await runCli(['migrate', '--format', 'json'], copyCase('refuse-container-found-by-name-filter'))).stdout) as JsonReport;
    expect(report.setups[0]!.diagnostics.map((d) => `${d.ruleId}/${d.messageId}`)).toEqual(['unsupported-extraction/otherCommandOnContainer']);
  });
});

describe('--format sarif', () => {
  it.each(CASES)('testdata/%s: the log validates against the SARIF 2.1.0 schema, and applying its fixes equals --write', async (name) => {
    const dir = copyCase(name);
    const before = snapshot(dir);
    const r = await runCli(['migrate', '--format', 'sarif'], dir);
    const log = JSON.parse(r.stdout) as SarifLog;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    const run = log.runs[0]!;
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
    // message.id names one of its rule's messageStrings, as SARIF wants of an id.
    for (const res of run.results) expect(Object.keys(run.tool.driver.rules[res.ruleIndex]!.messageStrings ?? {})).toContain(res.message.id);
    const after = await writtenTree(name);
    const applied = { ...before };
    for (const res of run.results) {
      for (const change of res.fixes?.[0]?.artifactChanges ?? []) {
        const file = decodeURIComponent(change.artifactLocation.uri);
        const text = splice(
          before[file] ?? '',
          change.replacements.map((x) => ({ offset: x.deletedRegion.charOffset, length: x.deletedRegion.charLength, text: x.insertedContent?.text ?? '' })),
        );
        // SARIF cannot say "delete": a deleted file's fix empties it.
        if (!(file in after)) expect(text).toBe('');
        if (!(file in after)) delete applied[file];
        else applied[file] = text;
      }
    }
    expect(applied).toEqual(after);
  });

  it('a migration is one fix on its builder-pattern result, and applying it equals --write', async () => {
    const dir = copyCase('seed-href-counter');
    const before = snapshot(dir);
    const r = await runCli(['migrate', '--format', 'sarif', '--help-base-url', 'https://example.test/rules/'], dir);
    const run = (JSON.parse(r.stdout) as SarifLog).runs[0]!;
    expect(
      run.results.map(
        (x) =>
          `${x.level} ${x.ruleId} ${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}:${x.locations[0]!.physicalLocation.region.startColumn}`,
      ),
    ).toEqual(['warning continuation-trailing-space build.sh:4:86', 'note builder-pattern build.sh:8:1']);
    const withFix = run.results.filter((x) => x.fixes);
    expect(withFix.map((x) => x.ruleId)).toEqual(['builder-pattern']);
    expect(run.tool.driver.rules.find((x) => x.id === 'builder-pattern')!.helpUri).toBe('https://example.test/rules/builder-pattern.md');
    expect(run.tool.driver.rules.find((x) => x.id === 'builder-pattern')!.help!.markdown).toContain('# builder-pattern');
    const applied = { ...before };
    for (const change of withFix[0]!.fixes![0]!.artifactChanges) {
      const file = change.artifactLocation.uri;
      const text = splice(
        before[file]!,
        change.replacements.map((x) => ({ offset: x.deletedRegion.charOffset, length: x.deletedRegion.charLength, text: x.insertedContent?.text ?? '' })),
      );
      if (text === '' && file === 'Dockerfile.build') delete applied[file];
      else applied[file] = text;
    }
    expect(applied).toEqual(await writtenTree('seed-href-counter'));
  });

  it('a refusal is an error result with its rule and position, and carries no fix', async () => {
    const r = await runCli(['migrate', '--format', 'sarif'], copyCase('refuse-host-step-strip'));
    expect(r.code).toBe(1);
    const run = (JSON.parse(r.stdout) as SarifLog).runs[0]!;
    const errors = run.results.filter((x) => x.level === 'error');
    expect(errors.map((x) => `${x.ruleId} ${x.locations[0]!.physicalLocation.region.startLine}`)).toEqual(['host-step-between-extraction-and-build 6']);
    expect(run.results.some((x) => x.fixes)).toBe(false);
  });

  it('a refusal of a rule with many reasons names its reason by message id, and the rule lists them all', async () => {
    const run = (JSON.parse((await runCli(['migrate', '--format', 'sarif'], copyCase('refuse-container-found-by-name-filter'))).stdout) as SarifLog).runs[0]!;
    const error = run.results.find((x) => x.level === 'error')!;
    expect([error.ruleId, error.message.id]).toEqual(['unsupported-extraction', 'otherCommandOnContainer']);
    const strings = run.tool.driver.rules[error.ruleIndex]!.messageStrings!;
    expect(Object.keys(strings).length).toBeGreaterThan(20);
    expect(strings.cpRunDetached!.text).toContain('docker run -d');
  });

  it('the schema check can fail: a result without a message is rejected', async () => {
    const log = JSON.parse((await runCli(['migrate', '--format', 'sarif'], copyCase('seed-href-counter'))).stdout) as {
      runs: { results: Record<string, unknown>[] }[];
    };
    delete log.runs[0]!.results[0]!.message;
    expect(validateSarif(log)).toBe(false);
  });
});

describe('--format markdown', () => {
  it('a pull-request body: headline, summary table, the diff in a diff block', async () => {
    const r = await runCli(['migrate', '--format', 'markdown', '--help-base-url', 'https://example.test/rules/'], copyCase('seed-href-counter'));
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('## restage: 1 setup to migrate, 0 refused, 3 files changed');
    expect(lines).toContain('| setup | status | files changed | findings |');
    expect(lines).toContain(
      '| `build.sh` | migrate | `Dockerfile`, `build.sh`, `Dockerfile.build` (deleted) | `continuation-trailing-space`, `builder-pattern` |',
    );
    expect(r.stdout).toContain('```diff\ndiff --git a/Dockerfile b/Dockerfile\n');
    expect(r.stdout).toContain('+COPY --from=builder /go/src/github.com/alexellis/href-counter/app .\n');
    expect(r.stdout).toContain('- `build.sh:8:1` info [`builder-pattern`](https://example.test/rules/builder-pattern.md): ');
  });

  it('a refusal lists its reasons with rule ids and no diff', async () => {
    const r = await runCli(['migrate', '--format', 'markdown'], copyCase('refuse-host-step-strip'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('| `build.sh` | **refused** | — | `host-step-between-extraction-and-build` |');
    expect(r.stdout).toContain('restage refused this setup and changed none of its files:');
    // Without a configured base the rule is not linked: a file: URL means nothing to a reader of the PR.
    expect(r.stdout).toMatch(/^- `build\.sh:6:1` error `host-step-between-extraction-and-build`: strip touches the extracted app /m);
    expect(r.stdout).not.toContain('```diff');
  });

  it('says so when there is nothing to migrate', async () => {
    const r = await runCli(['migrate', '--format', 'markdown'], copyCase('no-builder-pattern-multistage'));
    expect(r.stdout).toBe('## restage: 0 setups to migrate, 0 refused, 0 files changed\n\nNo builder-pattern setup found.\n');
  });
});

describe('--format github', () => {
  it('one workflow command per diagnostic, with file, line, col and the rule id as title', async () => {
    const r = await runCli(['migrate', '--format', 'github'], copyCase('seed-href-counter'));
    expect(r.stdout.split('\n')).toEqual([
      '::warning file=build.sh,line=4,col=86,title=continuation-trailing-space::the backslash is followed by whitespace, which sh does not treat as a line continuation; restage follows the evident intent and joins the lines (and removes the whitespace in commands it rewrites)',
      '::notice file=build.sh,line=8,col=1,title=builder-pattern::app is extracted to the host and copied back into an image; migrating to COPY --from=builder',
      '',
    ]);
    const refused = await runCli(['migrate', '--format', 'github', '--quiet'], copyCase('refuse-host-step-strip'));
    expect(refused.stdout).toMatch(/^::error file=build\.sh,line=6,col=1,title=host-step-between-extraction-and-build::strip touches/);
    expect(refused.stdout.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toBe('');
  });

  it('escapes % CR LF in messages, and : , as well in properties (as @actions/core does)', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('dir,x/a:b%\n.sh')).toBe('dir%2Cx/a%3Ab%25%0A.sh');
  });

  it('a file name with a comma or colon stays one property', async () => {
    const dir = copyCase('seed-href-counter');
    const sub = path.join(dir, 'a,b:c');
    fs.mkdirSync(sub);
    for (const f of fs.readdirSync(dir)) if (f !== 'a,b:c') fs.renameSync(path.join(dir, f), path.join(sub, f));
    const r = await runCli(['migrate', '--format', 'github', '.'], dir);
    expect(r.stdout).toContain('::notice file=a%2Cb%3Ac/build.sh,line=8,col=1,title=builder-pattern::');
  });
});

describe('terminal output: colour, quiet, verbose, summary', () => {
  const ESC = '\u001b[';
  it('colours only when asked or on a terminal without NO_COLOR', async () => {
    const dir = copyCase('seed-href-counter');
    expect((await runCli(['migrate'], dir)).stdout).not.toContain(ESC);
    const tty = await runCli(['migrate'], dir, { isTTY: { stdout: true, stderr: true }, env: {} });
    expect(tty.stdout).toContain(`${ESC}32m+COPY --from=builder`);
    expect(tty.stderr).toContain(`${ESC}33mcontinuation-trailing-space`);
    const noColor = await runCli(['migrate'], dir, { isTTY: { stdout: true, stderr: true }, env: { NO_COLOR: '1' } });
    expect(noColor.stdout + noColor.stderr).not.toContain(ESC);
    const forced = await runCli(['migrate', '--color'], dir, { env: { NO_COLOR: '1' } });
    expect(forced.stdout).toContain(ESC);
    const off = await runCli(['migrate', '--no-color'], dir, { isTTY: { stdout: true, stderr: true }, env: {} });
    expect(off.stdout + off.stderr).not.toContain(ESC);
    // Without colour the text is exactly the plain format.
    expect(off.stderr).toMatch(/^build\.sh:4:86: continuation-trailing-space: /m);
  });

  it('--quiet prints only errors; --verbose adds each setup and the configuration', async () => {
    const quiet = await runCli(['migrate', '--quiet'], copyCase('seed-href-counter'));
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    const quietRefused = await runCli(['migrate', '--quiet'], copyCase('refuse-host-step-strip'));
    expect(quietRefused.code).toBe(1);
    expect(
      quietRefused.stderr
        .trim()
        .split('\n')
        .map((l) => l.split(': ')[1]),
    ).toEqual(['host-step-between-extraction-and-build']);
    const verbose = await runCli(['migrate', '--verbose'], copyCase('seed-href-counter'));
    expect(verbose.stderr).toContain('restage: .: configuration defaults (no restage.config.json, no "restage" in package.json)\n');
    expect(verbose.stderr).toContain('restage: build.sh: migrate; files build.sh, Dockerfile.build, Dockerfile\n');
    expect(verbose.stderr.trimEnd().split('\n').pop()).toBe('restage: 1 setup to migrate (3 files changed), 0 refused');
    expect((await runCli(['migrate', '--quiet', '--verbose'], copyCase('seed-href-counter'))).code).toBe(2);
  });

  it('the summary line counts migrated, refused and changed files after --write', async () => {
    const dir = copyCase('seed-href-counter');
    const r = await runCli(['migrate', '--write'], dir);
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('restage: 1 setup migrated (3 files changed), 0 refused');
  });
});
