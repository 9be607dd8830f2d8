#!/usr/bin/env node
// The GitHub Action's logic (action.yml runs it with the INPUT_* variables). Kept in a script, not in
// action.yml's shell, so that it can be run and tested as a runner runs it: GITHUB_WORKSPACE,
// RUNNER_TEMP, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY are all it needs (test/action.test.ts).
//
// It runs the CLI of this checkout (bin/restage.js) a few times, each a separate process, each fast:
//   check:   the JSON report, the SARIF log and the markdown body to files; the log in `format`
//            (annotations by default); exit as `restage migrate --check` does (1: pending or refused).
//   migrate: the markdown body (with the diffs, so before writing) and the log; then
//            `migrate --write --format json` writes the migration and the report. Refused setups do
//            not fail the step (the `refused` output counts them): the pull request takes the rest.
//   verify:  `restage verify` before anything is written; a setup not equivalent fails the step.
// Every file goes to $RUNNER_TEMP/restage, outside the workspace, so no commit picks it up.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'restage.js');

export const MODES = ['check', 'migrate'];
export const FORMATS = ['github', 'diff', 'json', 'sarif', 'markdown'];
/** The inputs action.yml declares, and the outputs this script writes (action.yml maps each). */
export const INPUTS = ['mode', 'paths', 'format', 'verify'];
export const OUTPUTS = ['setups', 'migrated', 'refused', 'report', 'markdown', 'sarif', 'verify-report'];

class InputError extends Error {}

/** The inputs as GitHub passes them (INPUT_<NAME>, upper case), checked; defaults as in action.yml. */
export function readInputs(env) {
  const input = (name, fallback) => (env[`INPUT_${name.toUpperCase()}`] ?? '').trim() || fallback;
  const mode = input('mode', 'check');
  const format = input('format', 'github');
  const verify = input('verify', 'false');
  if (!MODES.includes(mode)) throw new InputError(`mode: ${mode} is not one of ${MODES.join(', ')}`);
  if (!FORMATS.includes(format)) throw new InputError(`format: ${format} is not one of ${FORMATS.join(', ')}`);
  if (verify !== 'true' && verify !== 'false') throw new InputError(`verify: ${verify} is not true or false`);
  return { mode, format, verify: verify === 'true', paths: input('paths', '.').split(/\s+/).filter(Boolean) };
}

/** Runs the action over env (process.env on a runner); returns the exit code. */
export function runAction(env, log = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }) {
  let inputs;
  try {
    inputs = readInputs(env);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    log.out(`::error title=restage::${err.message}\n`);
    return 2;
  }
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const outDir = path.join(env.RUNNER_TEMP || os.tmpdir(), 'restage');
  fs.mkdirSync(outDir, { recursive: true });
  const files = {
    report: path.join(outDir, 'report.json'),
    markdown: path.join(outDir, 'restage.md'),
    sarif: path.join(outDir, 'restage.sarif'),
    verify: path.join(outDir, 'verify.json'),
  };
  const restage = (args) => {
    const r = spawnSync(process.execPath, [BIN, ...args, ...inputs.paths], {
      cwd: workspace,
      env: { ...env, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    if (r.error) throw r.error;
    return { code: r.status ?? 2, stdout: r.stdout, stderr: r.stderr };
  };
  // Exit 2 is restage's own failure (usage, configuration, I/O, internal): stop and say so.
  const failed = (r, what) => {
    if (r.code !== 2) return false;
    log.err(r.stderr);
    log.out(`::error title=restage::${what} failed: ${escapeData(r.stderr.trim().split('\n').pop() ?? '')}\n`);
    return true;
  };

  const markdown = restage(['migrate', '--format', 'markdown']);
  if (failed(markdown, 'restage migrate')) return 2;
  fs.writeFileSync(files.markdown, markdown.stdout);
  if (env.GITHUB_STEP_SUMMARY) fs.appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown.stdout}\n`);

  const shown = restage(['migrate', ...(inputs.mode === 'check' ? ['--check'] : []), '--format', inputs.format]);
  if (failed(shown, 'restage migrate')) return 2;
  log.out(shown.stdout);
  log.err(shown.stderr);

  const outputs = { markdown: files.markdown, report: files.report };
  let code = 0;
  if (inputs.verify) {
    const verified = restage(['verify', '--format', 'json']);
    fs.writeFileSync(files.verify, verified.stdout);
    outputs['verify-report'] = files.verify;
    if (verified.code !== 0) {
      log.err(verified.stderr);
      log.out(
        `::error title=restage verify::the migrated images are not shown equivalent to the legacy ones (exit ${verified.code}); nothing was written. ${escapeData(verified.stderr.trim().split('\n').pop() ?? '')}\n`,
      );
      code = verified.code === 2 ? 2 : 1;
    }
  }

  // migrate writes unless verify failed; the report is then the dry run's, and says so (`written`).
  const write = inputs.mode === 'migrate' && code === 0;
  const json = restage(['migrate', ...(write ? ['--write'] : []), '--format', 'json']);
  if (failed(json, write ? 'restage migrate --write' : 'restage migrate')) return 2;
  if (write) log.err(json.stderr);
  const report = json.stdout;
  if (inputs.mode === 'check') {
    const sarif = restage(['migrate', '--format', 'sarif']);
    if (failed(sarif, 'restage migrate')) return 2;
    fs.writeFileSync(files.sarif, sarif.stdout);
    outputs.sarif = files.sarif;
    code = Math.max(code, shown.code);
  }
  fs.writeFileSync(files.report, report);
  const setups = JSON.parse(report).setups;
  Object.assign(outputs, {
    setups: setups.length,
    migrated: setups.filter((s) => s.status === 'migrate').length,
    refused: setups.filter((s) => s.status === 'refused').length,
  });
  if (env.GITHUB_OUTPUT)
    fs.appendFileSync(
      env.GITHUB_OUTPUT,
      Object.entries(outputs)
        .map(([k, v]) => outputLine(k, String(v)))
        .join(''),
    );
  return code;
}

/** One `name=value` line of $GITHUB_OUTPUT; a value with a line break takes the delimiter form. */
function outputLine(name, value) {
  if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
  const delimiter = `restage_${Math.random().toString(36).slice(2)}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/** Workflow command data escaping, as @actions/core does it (src/emit/github.ts for restage's own). */
function escapeData(s) {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = runAction(process.env);
