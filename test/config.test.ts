import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { globMatcher } from '../src/config/glob.js';
import { ConfigError, DEFAULT_CONFIG, parseConfig } from '../src/config/load.js';
import { applySuppressions } from '../src/config/suppress.js';
import type { SetupResult } from '../src/plan/setups.js';
import { copyCase, runCli, snapshot } from './helpers/cli.js';

function withConfig(name: string, config: unknown, file = 'restage.config.json'): string {
  const dir = copyCase(name);
  fs.writeFileSync(path.join(dir, file), JSON.stringify(file === 'package.json' ? { name: 'x', restage: config } : config));
  return dir;
}

function edit(dir: string, file: string, from: string, to: string): void {
  const p = path.join(dir, file);
  const text = fs.readFileSync(p, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(p, text.replace(from, to));
}

interface JsonSetup {
  driver: string;
  status: string;
  skipReason?: string;
  diagnostics: { ruleId: string }[];
}
const setupsOf = (stdout: string) => (JSON.parse(stdout) as { setups: JsonSetup[] }).setups;

describe('restage.config.json', () => {
  it('stages.builder names the builder stage', async () => {
    const dir = withConfig('seed-href-counter', { stages: { builder: 'compile' } });
    const r = await runCli(['migrate', '--write'], dir);
    expect(r.code).toBe(0);
    const df = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(df).toContain('FROM golang:1.7.3 AS compile\n');
    expect(df).toContain('COPY --from=compile /go/src/github.com/alexellis/href-counter/app .\n');
    expect(df).not.toContain('builder');
  });

  it('is read from the "restage" key of package.json when there is no restage.config.json', async () => {
    const dir = withConfig('seed-href-counter', { stages: { builder: 'compile' } }, 'package.json');
    await runCli(['migrate', '--write'], dir);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toContain('AS compile\n');
    const verbose = await runCli(['migrate', '--verbose'], withConfig('seed-href-counter', {}, 'package.json'));
    expect(verbose.stderr).toContain('restage: .: configuration package.json#restage\n');
  });

  it('a warning rule turned off is not reported, and the migration is the same', async () => {
    const plain = copyCase('seed-href-counter');
    const dir = withConfig('seed-href-counter', { rules: { 'continuation-trailing-space': 'off' } });
    const r = await runCli(['migrate'], dir);
    expect(r.stderr).not.toContain('continuation-trailing-space');
    expect(r.stderr).toContain('builder-pattern');
    expect(r.stdout).toBe((await runCli(['migrate'], plain)).stdout);
  });

  it('a refusal turned off skips the setup: nothing is written, exit 0', async () => {
    const dir = withConfig('refuse-host-step-strip', { rules: { 'host-step-between-extraction-and-build': 'off' } });
    const before = snapshot(dir);
    const r = await runCli(['migrate', '--write', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(setupsOf(r.stdout)).toEqual([
      expect.objectContaining({
        driver: 'build.sh',
        status: 'skipped',
        skipReason: 'host-step-between-extraction-and-build is off in restage.config.json',
        diagnostics: [],
      }),
    ]);
    expect(r.stderr).toBe('restage: 0 setups migrated (0 files changed), 0 refused, 1 skipped\n');
  });

  it('ignore globs skip the setups with a file there', async () => {
    const dir = withConfig('seed-href-counter', { ignore: ['Dockerfile.*'] });
    const before = snapshot(dir);
    const r = await runCli(['migrate', '--write', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(setupsOf(r.stdout)[0]!.skipReason).toBe('Dockerfile.build matches "ignore" in restage.config.json');
  });

  it('ignoring one of two drivers that share files never lets the other migrate them', async () => {
    const dir = withConfig('refuse-two-drivers-same-files', { ignore: ['release.sh'] });
    const before = snapshot(dir);
    const r = await runCli(['migrate', '--write', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    expect(setupsOf(r.stdout).map((s) => `${s.driver} ${s.status}`)).toEqual(['build.sh refused', 'release.sh skipped']);
  });

  it('a bad configuration is a usage error (exit 2) naming the file and the setting', async () => {
    const cases: [unknown, string][] = [
      [{ rule: {} }, 'restage: restage.config.json: unknown setting "rule" (known: stages, rules, ignore, helpBaseUrl)\n'],
      [{ rules: { 'no-such-rule': 'off' } }, 'restage: restage.config.json: "rules": unknown rule "no-such-rule" (`restage rules` lists them)\n'],
      [{ rules: { 'builder-pattern': 'error' } }, 'restage: restage.config.json: "rules.builder-pattern": expected "off" or "on", got "error"\n'],
      [{ stages: { builder: 'Build Stage' } }, expect.stringContaining('"stages.builder": "Build Stage" is not a stage name')],
      [{ ignore: 'vendor/**' }, 'restage: restage.config.json: "ignore" must be an array of path globs\n'],
    ];
    for (const [config, message] of cases) {
      const dir = withConfig('seed-href-counter', config);
      const before = snapshot(dir);
      const r = await runCli(['migrate', '--write'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toEqual(message);
      expect(snapshot(dir)).toEqual(before);
    }
    const broken = copyCase('seed-href-counter');
    fs.writeFileSync(path.join(broken, 'restage.config.json'), '{"rules": ');
    const r = await runCli(['migrate'], broken);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^restage: restage\.config\.json: not valid JSON: /);
    // Node's message quotes the text, newlines and all: the usage error stays one line.
    fs.writeFileSync(path.join(broken, 'restage.config.json'), '{"rules":\n x\n}\n');
    const multi = await runCli(['migrate'], broken);
    expect(multi.code).toBe(2);
    expect(multi.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a package.json that starts with a byte order mark is read, as npm reads it', async () => {
    const dir = withConfig('seed-href-counter', { stages: { builder: 'compile' } }, 'package.json');
    fs.writeFileSync(path.join(dir, 'package.json'), `\uFEFF${fs.readFileSync(path.join(dir, 'package.json'), 'utf8')}`);
    const r = await runCli(['migrate', '--write'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toContain('AS compile\n');
  });

  it('a bad configuration in one of two roots stops the run before the other is written', async () => {
    const good = copyCase('seed-href-counter');
    const bad = withConfig('seed-href-counter', { stages: 'builder' });
    const before = snapshot(good);
    const r = await runCli(['migrate', '--write', good, bad], good);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('restage.config.json: "stages" must be an object');
    expect(snapshot(good)).toEqual(before);
  });

  it('parseConfig normalises helpBaseUrl and rejects a relative one', () => {
    expect(parseConfig({ helpBaseUrl: 'https://example.test/rules' }, 'x').helpBaseUrl).toBe('https://example.test/rules/');
    expect(() => parseConfig({ helpBaseUrl: 'rules/' }, 'x')).toThrow(ConfigError);
  });

  it('a skipped setup shows in the markdown body with its reason, and --verbose names it', async () => {
    const dir = withConfig('seed-href-counter', { ignore: ['build.sh'] });
    const md = await runCli(['migrate', '--format', 'markdown'], dir);
    expect(md.stdout).toContain('| `build.sh` | skipped | — | — |');
    expect(md.stdout).toContain('Left alone: build.sh matches "ignore" in restage.config.json.');
    const verbose = await runCli(['migrate', '--verbose'], dir);
    expect(verbose.stderr).toContain(
      'restage: build.sh: skipped (build.sh matches "ignore" in restage.config.json); files build.sh, Dockerfile.build, Dockerfile\n',
    );
  });

  it('--help-base-url must be an absolute URL', async () => {
    const r = await runCli(['migrate', '--format', 'sarif', '--help-base-url', 'rules/'], copyCase('seed-href-counter'));
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'restage: --help-base-url: rules/ is not an absolute URL\n' });
  });

  it('helpBaseUrl from the configuration reaches the reports', async () => {
    const r = await runCli(['migrate', '--format', 'json'], withConfig('seed-href-counter', { helpBaseUrl: 'https://docs.example.test/r/' }));
    expect(r.stdout).toContain('"helpUri": "https://docs.example.test/r/builder-pattern.md"');
  });
});

describe('# restage-ignore', () => {
  it('with a rule id, at the end of a driver line: that warning is not reported, the migration goes on', async () => {
    const dir = copyCase('seed-href-counter');
    edit(
      dir,
      'build.sh',
      '\ndocker build --build-arg',
      '\n# restage-ignore continuation-trailing-space -- the migration removes this command\ndocker build --build-arg',
    );
    const r = await runCli(['migrate', '--write'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('continuation-trailing-space');
    expect(fs.existsSync(path.join(dir, 'Dockerfile.build'))).toBe(false);
  });

  it('with another rule id it does not apply', async () => {
    const dir = copyCase('seed-href-counter');
    edit(dir, 'build.sh', '\ndocker build --build-arg', '\n# restage-ignore builder-dockerfile-kept\ndocker build --build-arg');
    expect((await runCli(['migrate'], dir)).stderr).toContain('build.sh:5:86: continuation-trailing-space');
  });

  it('on the docker cp line (where builder-pattern is reported): the setup is skipped', async () => {
    const dir = copyCase('seed-href-counter');
    edit(dir, 'build.sh', './app\ndocker container rm', './app # restage-ignore\ndocker container rm');
    const before = snapshot(dir);
    const r = await runCli(['migrate', '--write', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(setupsOf(r.stdout)[0]!.skipReason).toBe('# restage-ignore at build.sh:8');
  });

  it('on a refusal line: the setup is skipped, never migrated, and --check passes', async () => {
    const dir = copyCase('refuse-host-step-strip');
    edit(dir, 'build.sh', 'strip --strip-unneeded app\n', 'strip --strip-unneeded app  # restage-ignore host-step-between-extraction-and-build\n');
    const before = snapshot(dir);
    const r = await runCli(['migrate', '--write'], dir);
    expect(r.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(r.stderr).toBe('restage: 0 setups migrated (0 files changed), 0 refused, 1 skipped\n');
    expect((await runCli(['migrate', '--check'], dir)).code).toBe(0);
  });

  it('in a Makefile, after a directive or alone on the line above', async () => {
    const trailing = copyCase('make-refuse-conditional');
    edit(trailing, 'Makefile', 'ifeq ($(DEBUG),1)\n', 'ifeq ($(DEBUG),1) # restage-ignore driver-control-flow\n');
    const r = await runCli(['migrate', '--write', '--format', 'json'], trailing);
    expect(r.code).toBe(0);
    expect(setupsOf(r.stdout)[0]!.skipReason).toBe('# restage-ignore driver-control-flow at Makefile:9');
    const above = copyCase('make-refuse-conditional');
    edit(above, 'Makefile', 'ifeq ($(DEBUG),1)\n', '# restage-ignore -- the debug build stays as it is\nifeq ($(DEBUG),1)\n');
    expect(setupsOf((await runCli(['migrate', '--format', 'json'], above)).stdout)[0]!.skipReason).toBe('# restage-ignore at Makefile:9');
  });

  it('in a Dockerfile, on its own line above the instruction (a trailing # is part of the instruction there)', async () => {
    const dir = copyCase('refuse-copy-whole-context');
    edit(dir, 'Dockerfile', 'COPY . .\n', '# restage-ignore copy-source-contains-artifact\nCOPY . .\n');
    const r = await runCli(['migrate', '--write', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(setupsOf(r.stdout)[0]!.skipReason).toBe('# restage-ignore copy-source-contains-artifact at Dockerfile:3');
    const trailing = copyCase('refuse-copy-whole-context');
    edit(trailing, 'Dockerfile', 'COPY . .\n', 'COPY . .  # restage-ignore\n');
    expect((await runCli(['migrate', '--write'], trailing)).code).toBe(1);
  });
});

describe('# restage-ignore in a JavaScript or TypeScript driver', () => {
  const refused = (file: string): SetupResult => ({
    driver: file,
    status: 'refused',
    files: [file],
    changes: [],
    plan: null,
    diagnostics: [{ ruleId: 'driver-control-flow', messageId: 'driverControlFlow', severity: 'error', file, line: 2, col: 1, message: 'm' }],
  });
  const view = (files: Record<string, string>) => ({
    readText: (p: string) => files[p] ?? null,
    isDir: () => false,
    isFile: (p: string) => p in files,
    referenceCandidates: () => [],
  });

  it('is written `// restage-ignore` there; a `#` form does not count', () => {
    const slash = refused('build.ts');
    applySuppressions(
      [slash],
      view({ 'build.ts': "import { execSync } from 'node:child_process';\nif (x) execSync('docker cp c:/a ./a'); // restage-ignore driver-control-flow\n" }),
      DEFAULT_CONFIG,
    );
    expect([slash.status, slash.skipReason]).toEqual(['skipped', '// restage-ignore driver-control-flow at build.ts:2']);
    const hash = refused('build.mjs');
    applySuppressions(
      [hash],
      view({ 'build.mjs': "// restage-ignore\nif (x) execSync('docker cp c:/a ./a'); // see # restage-ignore docs\n" }),
      DEFAULT_CONFIG,
    );
    expect([hash.status, hash.skipReason]).toEqual(['skipped', '// restage-ignore at build.mjs:1']);
    const none = refused('build.js');
    applySuppressions([none], view({ 'build.js': "const a = 1;\nif (x) execSync('docker cp c:/a ./a'); # restage-ignore\n" }), DEFAULT_CONFIG);
    expect(none.status).toBe('refused');
  });
});

describe('ignore globs', () => {
  it('match like .gitignore: a bare name at any depth, ** across directories, * within one', () => {
    const m = globMatcher(['legacy/**', '*.old.sh', 'tools/*/build.sh', 'vendor']);
    expect(
      ['legacy/build.sh', 'legacy/a/b/Dockerfile', 'x/y.old.sh', 'y.old.sh', 'tools/a/build.sh', 'vendor/x/build.sh', 'a/vendor/Dockerfile'].filter(
        (p) => !m(p),
      ),
    ).toEqual([]);
    expect(['build.sh', 'legacyx/build.sh', 'tools/a/b/build.sh', 'x/legacy/build.sh', 'vendors/build.sh'].filter(m)).toEqual([]);
  });
});
