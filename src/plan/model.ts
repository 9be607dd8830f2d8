import type { Arg } from '../drivers/docker-cli.js';
import type { RunSpec } from './run-extraction.js';
import type { DriverAnalysis, Unit } from '../drivers/steps.js';
import type { CopyInstruction, DockerfileModel, Stage } from '../dockerfile/parse.js';

/** One `docker build` of the driver. Paths are repo-relative POSIX ('' is the root). */
export interface ImageBuild {
  step: number;
  unit: Unit;
  tags: string[];
  dockerfile: string;
  context: string;
  target: string | null;
  /** `value` is the evaluated `NAME=value` (or `NAME`, taken from the environment); `raw` the words as written. */
  buildArgs: { name: string; value: string; raw: string; args: Arg[] }[];
  /** `--platform`: what it targets (null: the engine's own platform), and its flag word. */
  platform: string | null;
  platformWord: Arg | null;
  noCache: Arg | null;
  pull: Arg | null;
  /** The driver's cwd at this build, and the words of `-f` and `--target` (their values), for rewriting them. */
  cwd: string;
  fileWord: Arg | null;
  targetWord: Arg | null;
  /** Flags other than those restage carries or drops safely (see BUILDER_FLAGS_HANDLED), with their word offsets. */
  otherFlags: { name: string; start: number }[];
  /** The `build` word (or `image build`), after which carried flags are inserted. */
  subcommandEnd: number;
}

/** Where the extracting container's files come from. */
export type ImageSource =
  | { kind: 'built'; build: ImageBuild; dockerfile: DockerfileModel; stage: Stage }
  | { kind: 'external'; ref: string }
  /**
   * `docker run -v …`: the run becomes a generated stage, FROM the pulled image, or FROM the builder
   * stage when the driver built the image it runs (`builtOn`).
   */
  | { kind: 'run'; step: number; spec: RunSpec; builtOn?: { build: ImageBuild; dockerfile: DockerfileModel; stage: Stage } };

export interface Extraction {
  step: number;
  unit: Unit;
  source: ImageSource;
  /** Absolute path in the container, without a trailing `/.`. */
  containerPath: string;
  /** `SRC/.`: the directory's contents go into the destination. */
  contents: boolean;
  /** The cp destination as written, repo-relative. */
  dest: string;
  /** Whether the destination already existed as a directory (tracked, or made by the driver). */
  destExisted: boolean;
  /** Where the artifact lands on the host, repo-relative. */
  hostPath: string;
  /** Host commands on the artifact (chmod) translated to run in a stage derived from its source, in order. */
  hostCommands: string[][];
  /**
   * `docker run IMG CMD > file`: the command that writes the artifact in the derived stage, run there
   * before the host commands as the image's USER (the host commands run as root).
   */
  stdoutCommand?: string[];
}

export type TarFlag = '-xf' | '-xzf' | '-xjf' | '-xJf';

/** How one COPY of the runtime Dockerfile changes. */
export interface CopyRewrite {
  copy: CopyInstruction;
  /** The sources in order, each staying a context copy or becoming a COPY --from. */
  /** `unpack`: an ADDed tarball, unpacked in a stage of its own (tar's flag for its compression), since COPY --from never unpacks. */
  parts: ({ kind: 'context'; source: string } | { kind: 'stage'; extraction: Extraction; path: string; dest: string | null; unpack?: TarFlag })[];
  chownRoot: boolean;
}

/**
 * One runtime image's merged Dockerfile: the runtime Dockerfile with the stages its artifacts come from.
 * A builder feeding several runtime Dockerfiles gets a stage in each (every file stays buildable alone).
 */
export interface RuntimeMerge {
  final: ImageBuild;
  finalDockerfile: DockerfileModel;
  copyRewrites: CopyRewrite[];
  /** Stages derived from an artifact's stage to run its translated host commands. */
  hostStages: { extraction: Extraction; stageName: string }[];
  /** Stages restage writes for `docker run -v` build steps, with their names. */
  /** `from`: what the stage builds on (the image run, or the builder stage's name). */
  runStages: { source: Extract<ImageSource, { kind: 'run' }>; stageName: string; from: string }[];
  /** Builder Dockerfiles in stage order with the stage name each extraction copies from. */
  /** `rebase`: the builder's context relative to the merged (runtime) context, prefixed to its COPY sources ('' when the same). */
  /** `renames`: stage names of this file that clashed with the runtime file's, lowercase old → new. */
  /** `argRenames`: global ARGs of this file (read only by its FROM lines) renamed so they keep their own value, old → new. */
  builders: {
    build: ImageBuild;
    dockerfile: DockerfileModel;
    stage: Stage;
    stageName: string;
    needsName: boolean;
    rebase: string;
    renames: Map<string, string>;
    argRenames: Map<string, string>;
  }[];
  /** Words inserted into this runtime's build (`--build-arg …` of the builder). */
  carriedWords: string[];
}

export interface BuildPlan {
  driver: DriverAnalysis;
  builds: ImageBuild[];
  extractions: Extraction[];
  /** The runtime builds that read artifacts, in driver order (usually one). */
  runtimes: RuntimeMerge[];
  /** Driver units that disappear: builder builds, create/cp/rm, stale echoes, artifact cleanups. */
  removedUnits: Unit[];
  /** Builder builds the driver still needs (their image is run, pushed or tagged later): rebuilt with --target from `dockerfile`. */
  keptBuilderBuilds: { build: ImageBuild; stageName: string; dockerfile: string }[];
  /** Builder Dockerfiles to delete (not referenced elsewhere). */
  deletions: string[];
}
