/**
 * The command-line clients restage reads as docker: each takes the subcommands restage models (build,
 * create, cp, run, rm, export, compose) with docker's flags, and builds a Dockerfile with BuildKit's
 * (podman with Buildah's) semantics for the instructions a migration writes. `nerdctl` is containerd's
 * client (Rancher Desktop, Lima), `finch` AWS's packaging of it. A client missing here makes a builder
 * pattern spelled with it pass as "0 setups".
 */
const CLIENT_NAMES = ['docker', 'podman', 'nerdctl', 'finch'] as const;

const CLIENT = `(?:${CLIENT_NAMES.join('|')})`;

/**
 * A regular expression whose source names the client as `CLIENT` (a non-capturing group, so the
 * expression's own groups keep their numbers): every pattern that looks for a client in text or a word
 * lists the same ones.
 */
export function withClient(source: string, flags = ''): RegExp {
  return new RegExp(source.replaceAll('CLIENT', CLIENT), flags);
}

/**
 * Text that names a client anywhere (a word, a path, a comment): what makes a file worth parsing. Also
 * buildah, which restage does not read as a client but whose copies out of a container (`buildah
 * mount`) detection must see, so that a build reading them is refused rather than passed over.
 */
export const MENTIONS_CLIENT = withClient(String.raw`\b(?:CLIENT|buildah)\b`, 'i');

/** The client's name as a word of its own (case as written): an opaque step or a make line that runs it. */
export const NAMES_CLIENT = withClient(String.raw`\bCLIENT\b`);

/**
 * The words a command may start with before the client, as text (dockerWords reads them word by word):
 * assignments, and wrappers that run the command unchanged (`sudo -E`, `time`, `exec`, `timeout 5m`).
 */
export const WRAPPED_START = String.raw`(?:[A-Za-z_]\w*=\S*\s+)*(?:(?:\S*\/)?(?:sudo|env|command|exec|time|nohup|nice|timeout|stdbuf)(?:\s+(?:-\S+|\d\S*|[A-Za-z_]\w*=\S*))*\s+)*`;

/** A program word that is the client, by name or path (`docker`, `/usr/bin/podman`). */
export const CLIENT_PROGRAM = withClient(String.raw`^(.*\/)?CLIENT$`);

/** A copy out of a container, in any text (`docker cp`, `podman container cp`). */
export const COPIES_OUT = withClient(String.raw`\bCLIENT\s+(container\s+)?cp\b`);

/**
 * The Docker SDKs' calls that copy a container's files out: docker-py's `get_archive`, dockerode's
 * `getArchive`, Go's `CopyFromContainer`, Ruby docker-api's `archive_out`, docker-java's
 * `copyArchiveFromContainerCmd`, Testcontainers' `copyFileFromContainer`, Rust bollard's
 * `download_from_container`, the Go client's `ContainerExport`.
 */
export const SDK_COPY_OUT_CALL =
  /\.(get_archive|getArchive|CopyFromContainer|archive_out|copyArchiveFromContainerCmd|copyFileFromContainer|download_from_container|ContainerExport)\s*\(/;

/**
 * A program's text that may take files out of a container: the client's name then, on its line, a
 * subcommand that writes (`subprocess.run(["docker", "cp", …])`, `system("docker create …")`), an SDK's
 * copy out (above), or docker-py's `client.containers.run(…)`, whose output a program may write.
 */
export const PROGRAM_COPIES_OUT = withClient(
  String.raw`\bCLIENT\b[^\n]{0,60}?\b(?:cp|run|create|export|save|compose|buildx)\b|\.containers\.(?:run|create)\s*\(|` + SDK_COPY_OUT_CALL.source,
  'i',
);
