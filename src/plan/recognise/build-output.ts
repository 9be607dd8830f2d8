import pathOutsideRepo from '../../../rules/path-outside-repo.js';
import cpDestinationConflict from '../../../rules/cp-destination-conflict.js';
import unresolvedValue from '../../../rules/unresolved-value.js';
import unsupportedDockerFlag from '../../../rules/unsupported-docker-flag.js';
import { because, type ExtractionRefusal } from '../../../rules/unsupported-extraction.js';
import { parseOutput } from '../../detect/producers.js';
import { flagValues } from '../../drivers/docker-cli.js';
import { resolveHostPath } from '../../shell/host-path.js';
import type { DriverStep } from '../../drivers/steps.js';
import { targetStage } from '../run-image.js';
import { refuseExtraction, type PlanContext } from '../plan-context.js';

/**
 * `docker build -f Dockerfile.build --target artifact --output type=local,dest=bin .`: BuildKit's local
 * exporter writes the target stage's whole filesystem into bin/ (modes kept, files owned by the client's
 * user, which the context COPY then made 0:0), so the stage's root is the artifact directory. Adds an
 * extraction per exporting build; returns whether one was refused.
 */
export function recogniseBuildOutputs(ctx: PlanContext): boolean {
  const { steps, repo, refuse, loadDockerfile, extractions, builds } = ctx;
  let refused = false;
  for (const b of builds) {
    const s = steps[b.step] as Extract<DriverStep, { kind: 'docker' }>;
    const inv = s.parsed.ok && s.parsed.invocation.kind === 'build' ? s.parsed.invocation : null;
    const outputs = inv ? flagValues(inv.flags, '--output') : [];
    if (outputs.length === 0) continue;
    const out = outputs[0]!;
    const dest = out.isStatic ? parseOutput(out.text) : null;
    const local = out.isStatic && (!out.text.includes('=') || /(^|,)type=local(,|$)/.test(out.text) || !/(^|,)type=/.test(out.text));
    const why: ExtractionRefusal | null =
      outputs.length > 1
        ? because('severalOutputs')
        : !out.isStatic
          ? null
          : !local || dest === '-'
            ? because('exportNotLocal', { output: out.text })
            : dest === null
              ? because('outputWithoutDest')
              : null;
    if (!out.isStatic || why) {
      if (why) refuseExtraction(refuse, out.start, why);
      else refuse(unresolvedValue, out.start, { what: 'the --output destination', raw: out.raw });
      refused = true;
      continue;
    }
    const dir = resolveHostPath(b.cwd, dest!);
    if (dir === null) {
      refuse(pathOutsideRepo, out.start, { path: out.raw });
      refused = true;
      continue;
    }
    if (dir === '') {
      refuse(cpDestinationConflict, out.start, 'outputDestination', {
        dest: out.raw,
        reason: 'the export would spread a whole filesystem over the repository root',
      });
      refused = true;
      continue;
    }
    if (repo.isFile(dir) || repo.isDir(dir)) {
      refuse(cpDestinationConflict, out.start, 'outputDestination', {
        dest: out.raw,
        reason: 'the export writes into a path the repository holds, which the migrated build would no longer update',
      });
      refused = true;
      continue;
    }
    // Without its Dockerfile (refused as it was loaded) or its stage, the export is not migrated: the
    // driver is a refused setup, with these reasons, not one detection would report in general terms.
    const df = loadDockerfile(b.dockerfile, b.unit.start);
    if (!df) {
      refused = true;
      continue;
    }
    const stage = targetStage(df, b);
    if (!stage) {
      refuse(unsupportedDockerFlag, b.unit.start, { command: 'build', flag: `--target ${b.target ?? ''}`, reason: `${df.path} has no such stage` });
      refused = true;
      continue;
    }
    for (const f of b.otherFlags)
      if (f.name !== '--output')
        refuse(unsupportedDockerFlag, f.start, {
          command: 'build',
          flag: f.name,
          reason: 'the builder build uses it and the merged build would not reproduce it for the builder stage',
        });
    extractions.push({
      step: b.step,
      unit: b.unit,
      source: { kind: 'built', build: b, dockerfile: df, stage },
      containerPath: '/',
      contents: true,
      dest: dir,
      destExisted: false,
      hostPath: dir,
      hostCommands: [],
    });
  }
  return refused;
}
