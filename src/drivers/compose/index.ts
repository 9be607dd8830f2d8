import type { DriverRepo } from '../index.js';
import type { DriverAnalysis, DriverStep } from '../steps.js';
import { COMPOSE_PROGRAM, readComposeRun } from './command-line.js';
import { composeRunAsDockerRun } from './service.js';

/**
 * Each `docker compose run SERVICE …` (or `docker-compose run …`) of the driver as the `docker run`
 * it amounts to, read from the service in the compose file: its image, mounts, working directory,
 * environment and command. Detection and the planner then see a `docker run` with bind mounts (its
 * writes, its stage). A run restage cannot read as one keeps the reason, as a flag the planner refuses
 * when the run feeds a build; a compose command that is not `run`, or a compose file that is not
 * found, stays as it was (detection reads its services' mounts as writes it cannot follow).
 */
export function readComposeRuns(analysis: DriverAnalysis, repo: DriverRepo): DriverAnalysis {
  const read = analysis.steps.map((s) => asDockerRun(s, repo));
  const files = read.flatMap((r) => r.files);
  return { ...analysis, steps: read.map((r) => r.step), reads: [...new Set([...(analysis.reads ?? []), ...files])] };
}

/** The step as the docker run it amounts to (or as it was), and the compose files read to tell. */
function asDockerRun(s: DriverStep, repo: DriverRepo): { step: DriverStep; files: string[] } {
  let words;
  if (s.kind === 'docker' && s.parsed.ok && s.parsed.invocation.kind === 'other' && s.parsed.invocation.subcommand === 'compose')
    words = s.parsed.invocation.args;
  else if (s.kind === 'host' && COMPOSE_PROGRAM.test(s.args[0]?.text ?? '')) words = s.args.slice(1);
  else return { step: s, files: [] };
  // Not a run, or an option restage does not know: the command stays as it was, and detection reads
  // every service's mounts as writes (refusing the driver over one compose line would also refuse its other setups).
  const line = readComposeRun(words);
  if (line === null || s.cwd === null) return { step: s, files: [] };
  const docker = {
    kind: 'docker' as const,
    unit: s.unit,
    args: s.args,
    cwd: s.cwd,
    assignTo: s.kind === 'docker' ? s.assignTo : null,
    stdoutTo: s.stdoutTo,
    unmodelledRedirect: s.kind === 'docker' ? s.unmodelledRedirect : false,
    ...(s.kind === 'docker' && s.pipeTo ? { pipeTo: s.pipeTo } : {}),
  };
  const run = composeRunAsDockerRun(line, s.cwd, repo);
  if (!('why' in run)) {
    const { file, ...invocation } = run;
    return { step: { ...docker, parsed: { ok: true, invocation }, compose: { file } }, files: [file] };
  }
  const files = run.files ?? [];
  // Without the service's mounts, detection reads the compose command as it did before (any service's mounts).
  if (!run.mounts) return { step: s, files };
  const at = line.service;
  const gap = { name: `(${run.what})`, value: null, indexes: [at.index], why: run.why };
  return {
    step: { ...docker, parsed: { ok: true, invocation: { kind: 'run', flags: [...run.mounts, gap], image: at, command: [] } }, compose: { file: null } },
    files,
  };
}
