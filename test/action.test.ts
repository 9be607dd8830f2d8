// The GitHub Action's script, run as a runner runs it: a separate Node process with the GITHUB_*
// variables and files pointing into a temp dir, over a git repository made from a testdata case.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error: a plain .mjs script, no declarations
import { INPUTS, OUTPUTS } from '../scripts/action.mjs';
import { ROOT, TESTDATA } from './helpers/cli.js';
import { tempDir } from './support/temp-dir.js';

interface Runner {
  workspace: string;
  temp: string;
  output: string;
  summary: string;
}

/** A workspace holding testdata/<name>/before as a committed git repository, and a runner's files. */
function runnerOver(name: string): Runner {
  const dir = tempDir('restage-action-');
  const workspace = path.join(dir, 'workspace');
  fs.cpSync(path.join(TESTDATA, name, 'before'), workspace, { recursive: true });
  const git = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: workspace, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'legacy');
  fs.mkdirSync(path.join(dir, 'temp'));
  return { workspace, temp: path.join(dir, 'temp'), output: path.join(dir, 'github_output'), summary: path.join(dir, 'step_summary') };
}

function runAction(r: Runner, inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: r.workspace,
    RUNNER_TEMP: r.temp,
    GITHUB_OUTPUT: r.output,
    GITHUB_STEP_SUMMARY: r.summary,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...extraEnv,
  };
  // As action.yml runs it: from the workspace, the script found by its path in the action's checkout.
  const p = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'action.mjs')], { cwd: r.workspace, env, encoding: 'utf8' });
  return { code: p.status, stdout: p.stdout, stderr: p.stderr };
}

/** $GITHUB_OUTPUT as the runner reads it (name=value lines). */
function outputs(r: Runner): Record<string, string> {
  if (!fs.existsSync(r.output)) return {};
  return Object.fromEntries(
    fs
      .readFileSync(r.output, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

const gitStatus = (r: Runner) => spawnSync('git', ['status', '--porcelain'], { cwd: r.workspace, encoding: 'utf8' }).stdout;

describe('the GitHub Action (scripts/action.mjs)', () => {
  it('check: annotates, writes the report, SARIF log and markdown outside the workspace, fills the summary, fails while pending', () => {
    const r = runnerOver('seed-href-counter');
    const run = runAction(r, { mode: 'check' });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('::notice file=build.sh,line=8,col=1,title=builder-pattern::app is extracted to the host');
    expect(run.stdout).toContain('::warning file=build.sh,line=4,col=86,title=continuation-trailing-space::');
    const out = outputs(r);
    expect(out).toMatchObject({ setups: '1', migrated: '1', refused: '0' });
    for (const key of ['report', 'sarif', 'markdown']) expect(path.dirname(out[key]!), key).toBe(path.join(r.temp, 'restage'));
    const report = JSON.parse(fs.readFileSync(out.report!, 'utf8')) as { version: number; written: boolean; setups: { status: string }[] };
    expect(report).toMatchObject({ version: 1, written: false, setups: [{ status: 'migrate' }] });
    const sarif = JSON.parse(fs.readFileSync(out.sarif!, 'utf8')) as {
      version: string;
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).toEqual(['continuation-trailing-space', 'builder-pattern']);
    // upload-sarif resolves result paths against the repository root: they are relative to the workspace.
    expect(sarif.runs[0]!.results[1]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('build.sh');
    const markdown = fs.readFileSync(out.markdown!, 'utf8');
    expect(markdown).toContain('```diff');
    expect(fs.readFileSync(r.summary, 'utf8')).toContain(markdown);
    expect(gitStatus(r)).toBe('');
  });

  it('check: a refused setup is an error annotation and counted as refused', () => {
    const r = runnerOver('refuse-host-step-strip');
    const run = runAction(r, { mode: 'check', format: 'github' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error file=build\.sh,line=6,col=1,title=host-step-between-extraction-and-build::strip touches/m);
    expect(outputs(r)).toMatchObject({ setups: '1', migrated: '0', refused: '1' });
    expect(gitStatus(r)).toBe('');
  });

  it('check: a repository without the pattern passes with zero setups', () => {
    const r = runnerOver('no-builder-pattern-multistage');
    const run = runAction(r, {});
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(outputs(r)).toMatchObject({ setups: '0', migrated: '0', refused: '0' });
  });

  it('migrate: writes the migration into the workspace and the pull-request body with its diff', () => {
    const r = runnerOver('seed-href-counter');
    const run = runAction(r, { mode: 'migrate', format: 'diff', paths: '.' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('+COPY --from=builder /go/src/github.com/alexellis/href-counter/app .');
    expect(run.stderr.trimEnd().split('\n').pop()).toBe('restage: 1 setup migrated (3 files changed), 0 refused');
    expect(gitStatus(r).split('\n').filter(Boolean).sort()).toEqual([' D Dockerfile.build', ' M Dockerfile', ' M build.sh']);
    for (const f of ['Dockerfile', 'build.sh'])
      expect(fs.readFileSync(path.join(r.workspace, f), 'utf8')).toBe(fs.readFileSync(path.join(TESTDATA, 'seed-href-counter', 'after', f), 'utf8'));
    const out = outputs(r);
    expect(out).toMatchObject({ setups: '1', migrated: '1', refused: '0' });
    expect(out.sarif).toBeUndefined();
    expect(JSON.parse(fs.readFileSync(out.report!, 'utf8'))).toMatchObject({ written: true });
    const body = fs.readFileSync(out.markdown!, 'utf8');
    expect(body).toContain('+COPY --from=builder /go/src/github.com/alexellis/href-counter/app .');
    expect(fs.readFileSync(r.summary, 'utf8')).toContain(body);
  });

  it('migrate: paths limit the scan; a refused setup does not fail the step and is left as it was', () => {
    const r = runnerOver('seed-href-counter');
    fs.cpSync(path.join(TESTDATA, 'refuse-host-step-strip', 'before'), path.join(r.workspace, 'strip'), { recursive: true });
    const onlyStrip = runAction(r, { mode: 'migrate', paths: 'strip' });
    expect(onlyStrip.code, onlyStrip.stderr).toBe(0);
    expect(outputs(r)).toMatchObject({ setups: '1', migrated: '0', refused: '1' });
    expect(gitStatus(r)).toBe('?? strip/\n');
    fs.rmSync(r.output);
    const both = runAction(r, { mode: 'migrate', paths: 'strip\nbuild.sh' });
    expect(both.code, both.stderr).toBe(0);
    expect(outputs(r)).toMatchObject({ setups: '2', migrated: '1', refused: '1' });
    // The refused setup's files are untouched (strip/ is untracked as a whole); its driver names a
    // Dockerfile.build, so the migrated setup keeps its own (builder-dockerfile-kept).
    expect(gitStatus(r).split('\n').filter(Boolean).sort()).toEqual([' M Dockerfile', ' M build.sh', '?? strip/']);
    expect(fs.readFileSync(path.join(r.workspace, 'strip', 'build.sh'), 'utf8')).toBe(
      fs.readFileSync(path.join(TESTDATA, 'refuse-host-step-strip', 'before', 'build.sh'), 'utf8'),
    );
  });

  it('verify: without a Docker engine the step fails and migrate writes nothing', () => {
    const r = runnerOver('seed-href-counter');
    const run = runAction(r, { mode: 'migrate', verify: 'true' }, { DOCKER_HOST: `unix://${path.join(r.temp, 'no-such.sock')}` });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error title=restage verify::/m);
    expect(gitStatus(r)).toBe('');
    const out = outputs(r);
    expect(out).toMatchObject({ setups: '1', migrated: '1', refused: '0' });
    expect(JSON.parse(fs.readFileSync(out.report!, 'utf8'))).toMatchObject({ written: false });
    expect(out['verify-report']).toBe(path.join(r.temp, 'restage', 'verify.json'));
  });

  it('an invalid input is one error annotation, exit 2, nothing run', () => {
    const r = runnerOver('seed-href-counter');
    for (const inputs of [{ mode: 'fix' }, { format: 'xml' }, { verify: 'yes' }] as Record<string, string>[]) {
      const run = runAction(r, inputs);
      expect(run.code).toBe(2);
      expect(run.stdout).toMatch(/^::error title=restage::(mode|format|verify): /);
    }
    expect(fs.existsSync(r.output)).toBe(false);
  });

  it("action.yml declares the script's inputs, maps every output it writes, and runs it without installing per run", () => {
    const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default: string }>;
      outputs: Record<string, { value: string }>;
      runs: { using: string; steps: { id?: string; if?: string; run?: string; env?: Record<string, string> }[] };
    };
    expect(Object.keys(action.inputs)).toEqual(INPUTS);
    expect(Object.keys(action.outputs)).toEqual(OUTPUTS);
    for (const [name, o] of Object.entries(action.outputs)) expect(o.value).toBe(`\${{ steps.restage.outputs.${name} }}`);
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps.find((s) => s.id === 'restage')!;
    expect(step.run).toBe('node "$GITHUB_ACTION_PATH/scripts/action.mjs"');
    expect(step.env).toEqual(Object.fromEntries(INPUTS.map((i: string) => [`INPUT_${i.toUpperCase()}`, `\${{ inputs.${i} }}`])));
    const installs = action.runs.steps.filter((s) => /\bnpm (ci|install)\b/.test(s.run ?? ''));
    expect(installs.map((s) => s.if)).toEqual(["steps.cache.outputs.cache-hit != 'true'"]);
  });
});
