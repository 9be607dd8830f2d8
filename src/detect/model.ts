/**
 * The detection stage's model (DESIGN.md, "Detection from the artifact"): a flow is a file a docker
 * command writes onto the host and an image build then reads through COPY/ADD. Flows are found from
 * both ends without the planner, so a setup the planner cannot model is still a setup: refused with
 * a rule id, never "0 setups".
 */

/** How a file leaves a container (or a build) for the host. */
export type ProducerKind =
  | 'cp'
  | 'run-mount'
  /** `docker run --volumes-from C`: C's volumes, which may be bind mounts of host directories set where C was made. */
  | 'run-volumes-from'
  | 'run-stdout'
  /** `docker run … >> file`, `&> file`: output added to a file, or mixed with stderr; never migrated. */
  | 'stdout-append'
  | 'run-pipe'
  /** `docker exec CONTAINER …` with its output redirected into a file or piped into the host. */
  | 'exec'
  | 'build-output'
  | 'bake-output'
  | 'export'
  | 'compose-run'
  /** A `compose run SERVICE` restage read as the `docker run` it amounts to (drivers/compose/): its bind mounts. */
  | 'compose-run-mount'
  | 'compose-cp'
  /** A GitHub step `uses: docker://IMAGE`: the action's container runs with the workspace mounted. */
  | 'action-container'
  /** A CI job run in a toolchain image whose files a later job gets as an artifact (ci-artifacts.ts). */
  | 'ci-artifact'
  /** A line of a driver restage does not read (a Jenkinsfile, Bitbucket Pipelines) that may take files out of a container. */
  | 'unread-driver'
  /** A program of the repository a driver runs (`python3 extract.py`) that restage does not read, whose text copies out of a container. */
  | 'unread-program'
  /** A copy out of a container through the Docker Engine API (dockerode's `container.getArchive`), not the CLI. */
  | 'engine-api'
  /** Control flow or a command spelling restage does not read, that runs docker in a way that may write files. */
  | 'unfollowed';

/** One host location a docker command writes. */
export interface HostWrite {
  driver: string;
  /** Index of the driver step; -1 for producers outside driver steps (a workflow's `outputs:`). */
  step: number;
  /** Offset of the step in the driver's text, for the diagnostic's position. */
  offset: number;
  kind: ProducerKind;
  /** Repo-relative path ('' is the root); null when restage cannot tell where it writes. */
  path: string | null;
  /** Offset of the host command that made this path from what docker wrote (`mv`, `tar -x`, `tar -c`), when it did. */
  via?: number;
  /** Files besides the driver that say where it writes (a bake file and its targets' Dockerfiles, the workflows that call a CI job): they belong to its setup. */
  reads?: string[];
  /** The symbolic link of the repository the write goes through (`dist` of `docker cp c:/app dist/app` with dist -> bin); `path` is past it. */
  throughLink?: string;
}

/** An image build and where its Dockerfile and context are. */
export interface ImageBuildSite {
  dockerfile: string;
  context: string;
  /** The driver (script, Makefile, compose file, workflow) that runs the build; null for a Dockerfile nothing seen builds. */
  driver: string | null;
  step: number;
  /** Offset of the build's step in its driver's text, where known: a write after it cannot feed it. */
  offset?: number;
  /** The tags a `docker/build-push-action` step gives its image (`with: tags:`), for telling the user which step built an image. */
  actionTags?: string[];
  /** The build's `--build-arg NAME=VALUE`s; null for a value known only at run time (`--build-arg NAME`, `"$V"`). */
  buildArgs?: ReadonlyMap<string, string | null>;
  /** The build's static `-t` tags, as image keys (imageKey): what a later build may name in `COPY --from`. */
  tags?: string[];
}

/**
 * A build that reads another build of the same driver through the local image store instead of the
 * host: `COPY --from=app:build` (or a stage `FROM app:build` that a COPY --from reads) after
 * `docker build -t app:build -f Dockerfile.build .`. One multi-stage build split in two.
 */
export interface ImageRead {
  /** The earlier build that makes the image. */
  producer: ImageBuildSite;
  /** The build whose Dockerfile names it. */
  reader: ImageBuildSite;
  /** The image as the Dockerfile writes it. */
  image: string;
  /** What names it, as written before the image: `COPY --from=`, `ADD --from=`, or a stage's `FROM `. */
  use: 'COPY --from=' | 'ADD --from=' | 'FROM ';
  line: number;
  col: number;
}

/** A COPY/ADD source of a build, repo-relative, with where it is written in the Dockerfile. */
export interface ConsumedPath {
  build: ImageBuildSite;
  path: string;
  /** For a wildcard source, the whole pattern as a repo path (`path` is then the directory it is in). */
  glob: RegExp | null;
  /** As written in the Dockerfile. */
  source: string;
  line: number;
  col: number;
  /** A fresh checkout does not hold it: something must produce it before the build. */
  absent: boolean;
  /** The symbolic link of the repository the source reads through (`dist` of `COPY dist/app` with dist -> bin); `path` is past it. */
  throughLink?: string;
}

export interface Flow {
  producer: HostWrite;
  consumer: ConsumedPath;
}
