import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { defineRule, type MessageData, type Position } from './rule.js';

const NOT_YET = 'is not migrated yet; refusing';

/** One message per shape restage refuses; rules/unsupported-extraction.md lists them by messageId. */
const messages = {
  // docker create/run + docker cp
  cpRunDetached: `copying out of a docker run -d container (its command may still be writing when docker cp reads: a race no build reproduces) ${NOT_YET}`,
  cpRunFlag: `copying out of a container started with docker run {{flag}}: {{reason}} ${NOT_YET}`,
  cpRunWithVolumes: `copying out of a docker run container that also has volumes (restage cannot tell which files docker cp reads from them) ${NOT_YET}`,
  cpRunUnreadableImage: `copying out of a docker run of an image whose Dockerfile or --target stage restage cannot read ${NOT_YET}`,
  cpRunEntrypoint: `copying out of a docker run of a built image with an ENTRYPOINT (a RUN in a stage does not go through it) ${NOT_YET}`,
  cpRunRemoved: `docker cp of a container docker run --rm has removed ${NOT_YET}`,
  cpRunUnseenBuild: `a docker run of {{image}}, built by a command restage does not read, ${NOT_YET}`,
  containerBeforeBuild: `a container of {{image}} made before the driver builds that image ${NOT_YET}`,
  unseenBuild: `a build of {{image}} by a command restage does not read ${NOT_YET}`,
  cpImageNotReference: `a copy out of a container of {{image}}, which Docker does not accept as an image reference, ${NOT_YET}`,
  imageFromBuildOutput: `a container of {{image}}, which holds what docker build printed (only docker build --quiet prints just the image id), ${NOT_YET}`,
  cpWholeFilesystem: `copying the whole container filesystem ${NOT_YET}`,
  cpStdoutNotTar: `docker cp to stdout (a tar stream) other than into \`tar -x [-C dir]\` ${NOT_YET}`,
  cpStdoutContents: `docker cp of a directory's contents (/.) to stdout ${NOT_YET}`,
  cpStdoutMissingDir: `docker cp to stdout unpacked into {{dir}}, which a fresh checkout does not have ${NOT_YET}`,
  rmWithOtherContainers: `removing an extraction container together with other containers in one docker rm ${NOT_YET}`,
  otherCommandOnContainer: `another docker command on the extraction container ${NOT_YET}`,
  // docker build --output
  severalOutputs: `a build with several --output exporters ${NOT_YET}`,
  exportNotLocal: `a BuildKit export other than to a local directory ({{output}}) ${NOT_YET}`,
  outputWithoutDest: `a --output without a dest ${NOT_YET}`,
  // docker run … > file, docker run … | tar, docker export/save
  stdoutRunFlags: `docker run with flags beyond --rm/-i/--init/--name/--label/--user/--pull (a terminal, -t, rewrites newlines) and its output redirected ${NOT_YET}`,
  stdoutNotCat: `docker run with its output redirected, of a command known only at run time (or the image's CMD, which restage cannot read), ${NOT_YET}`,
  stdoutCommandFlags: `docker run of a command other than \`cat PATH\` with flags beyond --rm/--init/--name/--label/--pull (who runs it, with what input, where) and its output redirected ${NOT_YET}`,
  stdoutEntrypoint: `docker run with its output redirected, on an image with an ENTRYPOINT and no --entrypoint (the stage's RUN would not go through it), ${NOT_YET}`,
  stdoutPulledImage: `docker run of a pulled image with its output redirected and no --entrypoint (the image's ENTRYPOINT, which the stage's RUN would not go through, is not known to restage) ${NOT_YET}`,
  stdoutNoShell: `docker run with its output redirected, of an image built FROM scratch (the stage that reproduces it runs the command through /bin/sh), ${NOT_YET}`,
  runImageNotStatic: `docker run of an image that is not known statically ${NOT_YET}`,
  runImageNotReference: `docker run of {{image}}, which Docker does not accept as an image reference, ${NOT_YET}`,
  catEntrypoint: `docker run … cat on an image with an ENTRYPOINT ${NOT_YET}`,
  catRelativePath: `docker run … cat of a relative path in an image whose WORKDIR is unknown ${NOT_YET}`,
  runMissingTarget: `docker run of a builder whose --target stage does not exist ${NOT_YET}`,
  exportIntoBuild: `docker {{command}} into a file a later build reads (an export also holds files docker injects into every container, which COPY --from would not) ${NOT_YET}`,
  execIntoBuild: `docker {{command}} with its output in a file a later build reads (what a running container holds depends on everything that ran in it before, which a build stage does not reproduce) ${NOT_YET}`,
  pipeRunFlags: `docker run with flags beyond --rm/-i/--init/--name/--label/--user/--pull (a terminal, -t, rewrites newlines) piped into the host ${NOT_YET}`,
  pipeNotTar: `a docker run pipeline other than \`tar -c … -f - | tar -x -f -\` ${NOT_YET}`,
  tarCompressionDiffers: `a tar pipeline whose two sides compress differently ${NOT_YET}`,
  tarEntrypoint: `docker run … tar on an image with an ENTRYPOINT ${NOT_YET}`,
  tarRelativeRoot: `tar -c of a relative directory in an image whose WORKDIR is unknown ${NOT_YET}`,
  tarIntoUnknownDir: `tar -x into a directory that is not known statically or leaves the repository ${NOT_YET}`,
  tarIntoMissingDir: `tar -x -C {{dir}}, a directory a fresh checkout does not have ${NOT_YET}`,
  tarMembersOutside: `tar members outside the archive root ${NOT_YET}`,
  tarWholeIntoRoot: `tar -x of a whole directory into the repository root ${NOT_YET}`,
  // docker run -v as a build step
  mountRunUnreadableImage: `a docker run -v build step on an image whose Dockerfile or --target stage restage cannot read ${NOT_YET}`,
  mountRunEntrypoint: `a docker run -v build step on a built image with an ENTRYPOINT (a RUN in a stage does not go through it) ${NOT_YET}`,
  commandNotProgram: `a docker run whose command starts with {{word}}, not a program restage knows: the image may have an ENTRYPOINT restage cannot see (a pulled image's, or one the builder's base image passes on) that takes the words as its arguments, which a stage's RUN would not go through; refusing (name the program with --entrypoint, e.g. --entrypoint mkdocs, and restage migrates the run)`,
  mountRunUser: `a docker run -v build step on a built image with a USER (the stage would run the command as that user on files it COPYs as root, where docker run wrote into a mount) ${NOT_YET}`,
  mountRunReadsEarlier: `a docker run build step that mounts what the one at line {{line}} wrote into (it may read those files, which its own stage would not have) ${NOT_YET}`,
  mountRunCopiesFromVolume: `a docker run that copies {{path}} out of the volume it mounts at {{target}} (what the volume holds was left there by earlier runs, and the stage's cache mount in its place starts empty) ${NOT_YET}`,
  mountRunSharedVolume: `a docker run build step that mounts the named volume {{volume}}, which the docker command at line {{line}} mounts too (files pass between the two containers through it, and the stage's cache mount in its place starts empty) ${NOT_YET}`,
  // the runtime build and the rest of the driver
  runtimeBuiltTwice: `a second build of {{dockerfile}} reading the artifact (one merged file cannot serve two builds that may pass it different values) ${NOT_YET}`,
  gitlabScriptEmptied: `a migration that removes every item of the GitLab job {{job}}'s script (GitLab rejects a job whose script is blank, and restage does not delete jobs another may need) ${NOT_YET}`,
  keptLineReadsRemoved: `a line the migration keeps that reads \${{variable}}, which only the removed extraction sets, ${NOT_YET}`,
  // between setups
  setupsRewriteOneFile: `a setup whose migration rewrites {{file}}, which the setup of {{others}} rewrites too, ${NOT_YET}`,
  rewritesRefusedSetupFile: `a setup whose migration rewrites {{file}}, which the refused setup of {{driver}} uses, ${NOT_YET}`,
} as const;

const rule = defineRule({
  id: 'unsupported-extraction',
  title: 'The artifact leaves the container in a way restage does not migrate yet',
  severity: 'error',
  messages,
});
export default rule;

type ExtractionMessages = typeof messages;
/** Why a shape is refused, as a value: the refusal chains pick one and report it once. */
export type ExtractionRefusal = { [K in keyof ExtractionMessages]: { messageId: K; data: MessageData<ExtractionMessages[K]> } }[keyof ExtractionMessages];

/** A refusal reason whose data fits its message (the chains' ternaries stay typed). */
export function because<K extends keyof ExtractionMessages>(
  messageId: K,
  ...data: keyof MessageData<ExtractionMessages[K]> extends never ? [] : [MessageData<ExtractionMessages[K]>]
): ExtractionRefusal {
  return { messageId, data: data[0] ?? {} } as ExtractionRefusal;
}

/** Reports a reason picked at run time (its messageId and data vary together, which reportMessage cannot type). */
export function reportRefusal(at: Position, why: ExtractionRefusal): Diagnostic {
  return rule.reportMessage(at, why.messageId, why.data as MessageData<string>);
}
