import path from 'node:path/posix';
import buildContextMismatch from '../../rules/build-context-mismatch.js';
import { display, joinRel } from '../dockerfile/paths.js';
import { defaultDockerfile, readsContainerignore } from '../dockerfile/default-file.js';
import generatedDockerfile from '../../rules/generated-dockerfile.js';
import pathOutsideRepo from '../../rules/path-outside-repo.js';
import unknownDockerFlag from '../../rules/unknown-docker-flag.js';
import unresolvedValue from '../../rules/unresolved-value.js';
import unsupportedDockerFlag from '../../rules/unsupported-docker-flag.js';
import { flagValues, hasFlag, type Arg, type DockerInvocation } from '../drivers/docker-cli.js';
import { resolveHostPath } from '../shell/host-path.js';
import { containerIdToken, LOOP_VALUE_TOKEN, type DriverAnalysis, type DriverStep } from '../drivers/steps.js';
import { imageKey } from '../dockerfile/image-ref.js';
import type { ImageBuild } from './model.js';
import type { Refuse } from './plan-context.js';
import type { RepoView } from '../repo/view.js';
import { filesAnUnresolvedPathMayName } from './unresolved-paths.js';

/**
 * Flags of a builder build that the merged build reproduces: tags and -f are replaced by the stage,
 * --build-arg, --no-cache and --pull are carried, --target names the stage; the rest only shape
 * output or the builder image's own metadata. Anything else (--platform, --secret, --ssh, --network …)
 * would change the builder stage and is refused.
 */
const BUILDER_FLAGS_HANDLED = new Set([
  // Checked where the runtime build is known (platforms.ts): the same platform on both builds is kept.
  '--platform',
  '--tag',
  '--file',
  '--build-arg',
  '--target',
  '--no-cache',
  '--pull',
  '--quiet',
  '--rm',
  '--force-rm',
  '--progress',
  '--label',
  '--load',
]);

type DockerStep = Extract<DriverStep, { kind: 'docker' }>;
type BuildInvocation = Extract<DockerInvocation, { kind: 'build' }>;

/** Where readBuilds puts the Dockerfiles builds name: `guessed` those an unresolved path may name. */
interface NamedFiles {
  files: Set<string>;
  guessed: Set<string>;
}

/** The driver's docker builds restage can read; each Dockerfile they name joins `named`. */
export function readBuilds(driver: DriverAnalysis, refuse: Refuse, named: NamedFiles, repo: RepoView): ImageBuild[] {
  const builds: ImageBuild[] = [];
  for (const [i, s] of driver.steps.entries()) {
    if (s.kind === 'docker' && s.parsed.ok && s.parsed.invocation.kind === 'build') {
      const b = readBuild(driver, refuse, named, i, s, s.parsed.invocation, repo);
      if (b) builds.push(b);
    }
  }
  return builds;
}

function readBuild(
  driver: DriverAnalysis,
  refuse: Refuse,
  { files, guessed }: NamedFiles,
  i: number,
  s: DockerStep,
  inv: BuildInvocation,
  repo: RepoView,
): ImageBuild | null {
  const isFile = (rel: string) => repo.isFile(rel);
  if (s.cwd === null) {
    refuse(unresolvedValue, s.unit.start, { what: 'the working directory of', raw: 'this docker build' });
    return null;
  }
  const ctxArg = inv.context;
  if (!ctxArg) {
    refuse(unknownDockerFlag, s.unit.start, { command: 'build', flag: '(missing context)' });
    return null;
  }
  const computed = !ctxArg.isStatic || LOOP_VALUE_TOKEN.test(ctxArg.text);
  const fileArg = flagValues(inv.flags, '--file')[0];
  // Refused below, but still the setup's: a pre-commit run on the Dockerfile it may build reports that.
  if (computed || (fileArg && (!fileArg.isStatic || LOOP_VALUE_TOKEN.test(fileArg.text))))
    for (const f of filesAnUnresolvedPathMayName(s.cwd, fileArg?.text ?? `${ctxArg.text}/Dockerfile`, repo)) guessed.add(f);
  if (computed || ctxArg.text === '-' || /^[a-z]+:\/\//.test(ctxArg.text) || ctxArg.text.startsWith('git@')) {
    if (!computed)
      refuse(unsupportedDockerFlag, ctxArg.start, { command: 'build', flag: ctxArg.raw, reason: 'a context from stdin or a URL cannot be merged' });
    else refuse(unresolvedValue, ctxArg.start, { what: 'build context', raw: ctxArg.raw });
    return null;
  }
  const context = resolveHostPath(s.cwd, ctxArg.text);
  // A loop's variable (`-f "docker/Dockerfile.$t"`) is one value per pass, none of which restage read.
  if (fileArg && (!fileArg.isStatic || LOOP_VALUE_TOKEN.test(fileArg.text))) {
    refuse(unresolvedValue, fileArg.start, { what: 'Dockerfile path', raw: fileArg.raw });
    return null;
  }
  if (fileArg?.text === '-') {
    refuse(unsupportedDockerFlag, fileArg.start, { command: 'build', flag: '-f -', reason: 'a Dockerfile read from stdin cannot be merged' });
    return null;
  }
  const dockerfile = fileArg ? resolveHostPath(s.cwd, fileArg.text) : context === null ? null : defaultDockerfile(s.args[0]?.text ?? '', context, isFile);
  if (context === null || dockerfile === null) {
    refuse(pathOutsideRepo, (context === null ? ctxArg : (fileArg ?? ctxArg)).start, { path: context === null ? ctxArg.raw : (fileArg?.raw ?? '') });
    return null;
  }
  // restage reads only .dockerignore files.
  const client = path.basename(s.args[0]?.text ?? '');
  if (readsContainerignore(client) && isFile(joinRel(context, '.containerignore'))) {
    refuse(buildContextMismatch, s.unit.start, 'containerignore', { context: display(context), client });
    return null;
  }
  files.add(dockerfile);
  const buildArgs: ImageBuild['buildArgs'] = inv.flags
    .filter((f) => f.name === '--build-arg' && f.value)
    .map((f) => {
      const words = f.indexes.map((ix) => s.args[ix]!);
      const value = f.value!;
      return { name: value.text.split('=')[0]!, value: value.text, raw: driver.text.slice(words[0]!.start, words.at(-1)!.end), args: words };
    });
  const targetArg = flagValues(inv.flags, '--target')[0] ?? null;
  const sub = s.args[1]?.text === 'build' ? s.args[1] : s.args[2];
  const otherFlags = inv.flags.filter((f) => !BUILDER_FLAGS_HANDLED.has(f.name)).map((f) => ({ name: f.name, start: s.args[f.indexes[0]!]!.start }));
  const flagWord = (name: string) => {
    const f = inv.flags.find((x) => x.name === name);
    return f ? s.args[f.indexes[0]!]! : null;
  };
  return {
    cwd: s.cwd,
    fileWord: fileArg ?? null,
    targetWord: targetArg,
    otherFlags,
    step: i,
    unit: s.unit,
    tags: [
      ...flagValues(inv.flags, '--tag').map((t) => imageKey(t.text)),
      // `IMG=$(docker build -q …)`: the variable holds the image id, so `docker create "$IMG"` names this build.
      ...(s.assignTo && hasFlag(inv.flags, '--quiet') ? [imageKey(containerIdToken(i))] : []),
    ],
    dockerfile,
    context,
    target: targetArg ? targetArg.text : null,
    buildArgs,
    platform: platformOf(flagValues(inv.flags, '--platform')),
    platformWord: flagWord('--platform'),
    noCache: flagWord('--no-cache'),
    pull: flagWord('--pull'),
    subcommandEnd: sub?.end ?? s.args[1]!.end,
  };
}

// Commands that write the files they name (besides a redirect's target).
const WRITERS = new Set(['sed', 'cp', 'mv', 'envsubst', 'tee', 'm4', 'install', 'ln', 'touch', 'rm', 'awk', 'perl', 'python', 'python3']);

/** A Dockerfile the driver writes (sed on a template, a heredoc) is not the one in the repository: refused. */
export function refuseGeneratedDockerfiles(steps: DriverStep[], builds: ImageBuild[], refuse: Refuse): boolean {
  let refused = false;
  for (const [i, s] of steps.entries()) {
    if (s.kind !== 'host' || s.cwd === null) continue;
    const name = s.args[0]?.text ?? '';
    const written = [...(s.stdoutTo ? [s.stdoutTo] : []), ...(WRITERS.has(name) ? s.args.slice(1) : [])];
    for (const a of written) {
      const p = a.isStatic ? resolveHostPath(s.cwd, a.text) : null;
      const build = p === null ? undefined : builds.find((b) => b.step > i && b.dockerfile === p);
      if (build) {
        refuse(generatedDockerfile, s.unit.start, { path: p!, command: name });
        refused = true;
      }
    }
  }
  return refused;
}

/** The `--platform` a build targets (the last one given); a value known only at run time stands as its words. */
function platformOf(values: Arg[]): string | null {
  const v = values.at(-1);
  return v === undefined ? null : v.isStatic ? v.text : `\u0000${v.raw}`;
}
