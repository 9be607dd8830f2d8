// Build scripts in a general-purpose language, by a name that says so (`build.py`, `docker_build.rb`,
// `release-images.pl`) or by a place (directly in scripts/, tools/, bin/, ci/, hack/): claiming every
// `.py` would read every module of a Python monorepo to find the few that drive docker.
// `deploy.py`, `publish_images.rb`, `pipeline.py` and a `setup.py` custom command drive docker as often
// as `build.py` does; so do the scripts directly in deploy/, docker/, infra/ or .github/.
const BUILD_NAME = String.raw`(^|[/_.-])(build|docker|release|dist|package|compile|bundle|ci|make|image|deploy|publish|pipeline|setup)s?([_.-][^/]*)?`;
const SCRIPT_DIR = String.raw`(^|/)(scripts?|tools?|bin|ci|\.ci|hack|deploy(ment)?s?|docker|devops|infra|\.github|\.gitlab|\.buildkite)/[^/]+`;
const script = (ext: string, byName = '') => new RegExp(`${byName}${BUILD_NAME}\\.${ext}$|${SCRIPT_DIR}\\.${ext}$`, 'i');

/**
 * Files that hold a build's commands in a language restage does not read, by name. Task runners and
 * CI systems other than GitHub Actions and GitLab CI run the same `docker cp` as a script does; without
 * a claim here a builder pattern in one would pass as "0 setups".
 */
const KINDS: [RegExp, string][] = [
  [/\.ps1$/i, 'PowerShell'],
  [/\.(bat|cmd)$/i, 'batch'],
  // Shells restage does not parse as sh: zsh and ksh differ in expansions and arrays, fish and csh in everything.
  [/\.zsh$/, 'zsh'],
  [/\.ksh$/, 'ksh'],
  [/\.fish$/, 'fish'],
  [/\.t?csh$/, 'csh'],
  [/(^|\/)[Tt]askfile(\.dist)?\.ya?ml$/, 'Taskfile'],
  [/(^|\/)(\.?[Jj]ustfile|[^/]+\.just)$/, 'justfile'],
  [/(^|\/)Jenkinsfile([.-][^/]*)?$|\.jenkinsfile$/, 'Jenkinsfile'],
  [/(^|\/)\.circleci\/config\.ya?ml$/, 'CircleCI'],
  [/(^|\/)azure-pipelines[^/]*\.ya?ml$/, 'Azure Pipelines'],
  [/(^|\/)bitbucket-pipelines\.ya?ml$/, 'Bitbucket Pipelines'],
  [/(^|\/)\.(drone|woodpecker|travis)\.ya?ml$|(^|\/)\.woodpecker\/[^/]+\.ya?ml$/, 'CI'],
  [/(^|\/)cloudbuild[^/]*\.(ya?ml|json)$/, 'Cloud Build'],
  [/(^|\/)buildspec[^/]*\.ya?ml$/, 'CodeBuild'],
  [/(^|\/)\.buildkite\/[^/]+\.ya?ml$|(^|\/)buildkite\.ya?ml$/, 'Buildkite'],
  [/(^|\/)\.semaphore\/[^/]+\.ya?ml$/, 'Semaphore'],
  [/(^|\/)\.?appveyor\.ya?ml$/, 'AppVeyor'],
  [/(^|\/)codefresh[^/]*\.ya?ml$/, 'Codefresh'],
  [/(^|\/)\.tekton\/[^/]+\.ya?ml$/, 'Tekton'],
  [/(^|\/)\.harness\/[^/]+\.ya?ml$/, 'Harness'],
  [/(^|\/)\.teamcity\/[^/]+\.kts$/, 'TeamCity'],
  // A file a .gitlab-ci.yml includes: its jobs inherit `default:` and templates restage reads only in the main file.
  [/(^|\/)[^/]+\.gitlab-ci\.ya?ml$|(^|\/)\.gitlab\/ci\/.+\.ya?ml$/, 'GitLab CI include'],
  // Build tools whose tasks run commands: Gradle's Exec (`commandLine 'docker', 'cp', …`), CMake's
  // execute_process/add_custom_command, Bazel's genrule `cmd`, sbt's `"docker cp …".!`, Tilt's
  // local_resource, Deno's tasks.
  [/(^|\/)[^/]*\.gradle(\.kts)?$/, 'Gradle'],
  [/(^|\/)CMakeLists\.txt$|\.cmake$/, 'CMake'],
  [/(^|\/)(BUILD|BUILD\.bazel|WORKSPACE)$|\.bzl$/, 'Bazel'],
  [/(^|\/)[^/]*\.sbt$/, 'sbt'],
  [/(^|\/)Tiltfile$|\.tiltfile$/, 'Tiltfile'],
  [/(^|\/)deno\.jsonc?$/, 'Deno tasks'],
  // Build tools and developer tools whose files run commands: Maven's exec plugin (`<executable>docker`),
  // Ant's `<exec executable="docker">`, Skaffold's custom `buildCommand`, Earthly's `LOCALLY` + `RUN`,
  // Nix derivations and apps, tox's `commands`, a Vagrantfile's shell provisioner, cargo-make's tasks,
  // workspace and hook runners (Gitpod `tasks`, lefthook, pre-commit's `entry`), other CI systems.
  [/(^|\/)pom\.xml$/, 'Maven'],
  [/(^|\/)build\.xml$/, 'Ant'],
  [/(^|\/)skaffold[^/]*\.ya?ml$/, 'Skaffold'],
  [/(^|\/)Earthfile$/, 'Earthfile'],
  [/\.nix$/, 'Nix'],
  [/(^|\/)tox\.ini$/, 'tox'],
  [/(^|\/)Vagrantfile$/, 'Vagrantfile'],
  [/(^|\/)Makefile\.toml$/, 'cargo-make'],
  [/(^|\/)\.gitpod\.ya?ml$/, 'Gitpod'],
  [/(^|\/)\.?lefthook(-local)?\.ya?ml$/, 'lefthook'],
  [/(^|\/)\.pre-commit-config\.ya?ml$/, 'pre-commit'],
  [/(^|\/)\.cirrus\.ya?ml$/, 'Cirrus CI'],
  [/(^|\/)\.build\.ya?ml$|(^|\/)\.builds\/[^/]+\.ya?ml$/, 'SourceHut'],
  [/(^|\/)[^/]*\.gocd\.ya?ml$/, 'GoCD'],
  [/(^|\/)vars\/[^/]+\.groovy$/, 'Jenkins shared library'],
  // A composite action's `runs.steps` run in the calling workflow's workspace, with inputs restage cannot see.
  [/(^|\/)action\.ya?ml$/, 'GitHub composite action'],
];

/** Scripts in a general-purpose language; each path is tested against these only if SCRIPT_FILE matches. */
const SCRIPTS: [RegExp, string][] = [
  [script('py', String.raw`(^|/)(tasks|fabfile|noxfile|dodo)\.py$|`), 'Python'],
  [script('rb', String.raw`(^|/)rakefile$|\.rake$|`), 'Ruby'],
  [script('pl'), 'Perl'],
  [/(^|\/)(magefile|mage)\.go$|(^|\/)magefiles\/[^/]+\.go$/, 'Mage (Go)'],
];

/** An extensionless script by its shebang: the interpreters restage does not read. */
const SHEBANGS: [RegExp, string][] = [
  [/^#!\s*\S*\/(env\s+(-S\s+)?)?python[\d.]*\b/, 'Python'],
  [/^#!\s*\S*\/(env\s+(-S\s+)?)?ruby\b/, 'Ruby'],
  [/^#!\s*\S*\/(env\s+(-S\s+)?)?perl\b/, 'Perl'],
  [/^#!\s*\S*\/(env\s+(-S\s+)?)?pwsh\b/, 'PowerShell'],
  [/^#!\s*\S*\/(env\s+(-S\s+)?)?zsh\b/, 'zsh'],
  [/^#!\s*\S*\/(env\s+(-S\s+)?)?m?ksh\b/, 'ksh'],
  [/^#!\s*\S*\/(env\s+(-S\s+)?)?fish\b/, 'fish'],
  [/^#!\s*\S*\/(env\s+(-S\s+)?)?t?csh\b/, 'csh'],
];

const SCRIPT_FILE = /\.(py|rb|rake|pl|go)$|(^|\/)rakefile$/i;

/** The language a claimed file is written in, for the diagnostic; undefined when not claimed. */
export function kindOf(relPath: string, head: string): string | undefined {
  const byName = KINDS.find(([re]) => re.test(relPath))?.[1] ?? (SCRIPT_FILE.test(relPath) ? SCRIPTS.find(([re]) => re.test(relPath))?.[1] : undefined);
  if (byName !== undefined) return byName;
  if (relPath.slice(relPath.lastIndexOf('/') + 1).includes('.')) return undefined;
  return SHEBANGS.find(([re]) => re.test(head))?.[1];
}

/** Files of the kinds above: claimed only so that a builder pattern in one is refused, not missed. */
export function claims(relPath: string, head = ''): boolean {
  return kindOf(relPath, head) !== undefined;
}
