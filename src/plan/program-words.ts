import { chainHas, type RunImage } from './run-image.js';

/**
 * Programs a build container runs by name. An image whose ENTRYPOINT is a tool (`goreleaser`, `mkdocs`,
 * `pandoc`) takes the run's words as that tool's arguments (`docker run goreleaser/goreleaser build`),
 * which a stage's RUN, never going through an ENTRYPOINT, would run as a program of their own; an image
 * with none, or an entry script that ends in `exec "$@"` (node's, maven's, composer's), runs them.
 * restage reads no image's config, so a first word that names a program is how it tells the second from
 * the first. Not here: words that are both a program and a tool's subcommand (`install`, `test`, `build`).
 */
const PROGRAMS = new Set(
  [
    // shells and the tools a build script calls
    'sh bash ash dash zsh ksh fish busybox env xargs',
    'cat cp mv ln mkdir rm ls touch chmod chown find sed awk gawk tee echo printf true sleep patch',
    'head tail zcat base64 od dd cut sort uniq wc grep egrep tr basename dirname realpath readlink stat du id',
    'tar bsdtar cpio gzip gunzip pigz zip unzip xz unxz bzip2 zstd lz4 7z sha256sum sha512sum md5sum',
    'curl wget git rsync upx jq yq openssl gpg apk apt-get yum dnf microdnf',
    // C and friends
    'make gmake cmake ninja meson scons bazel bazelisk autoreconf',
    'gcc g++ cc c++ clang clang++ ld ar strip objcopy tcc zig emcc em++ emmake emcmake emconfigure',
    // languages and their package managers
    'go gofmt tinygo garble mage task just goreleaser',
    'cargo rustc rustup cross wasm-pack trunk maturin',
    'node npm npx yarn pnpm corepack bun deno tsc webpack vite esbuild rollup parcel ng gulp grunt lerna nx turbo',
    'java javac jar mvn gradle sbt lein clojure kotlinc ant',
    'dotnet msbuild nuget mono',
    'python pip pipx poetry pdm uv hatch tox nox pyinstaller pipenv conda mamba micromamba',
    'ruby gem bundle bundler rake jekyll php composer',
    'mix elixir erl rebar3 ghc cabal stack swift swiftc dart flutter crystal shards nim nimble ldc2 dmd dub',
    'gfortran R Rscript julia perl lua luarocks ocaml opam dune',
    // documents, code generators and packagers
    'hugo mkdocs sphinx-build pandoc asciidoctor asciidoctor-pdf latexmk pdflatex xelatex lualatex tectonic doxygen',
    'protoc buf fpm nfpm rpmbuild dpkg-buildpackage debuild dpkg-deb abuild makeself',
  ]
    .join(' ')
    .split(' '),
);

/** A cross compiler named for its target (`aarch64-linux-gnu-gcc`, `x86_64-w64-mingw32-strip`). */
const TARGET_PREFIXED = /^[a-z0-9_]+(-[a-z0-9_]+){1,3}-(gcc|g\+\+|cc|c\+\+|clang|clang\+\+|ld|ar|strip|objcopy|windres)$/;

/** A file a document tool or an interpreter reads, not one a container runs: `docs/README.md`, `./build.js`. */
const NOT_RUN = /\.(m?[jt]s|cjs|md|markdown|txt|rst|adoc|tex|ya?ml|json|toml|proto|mmd|html?|xml|csv)$/i;

/** A first path segment with a dot inside it, as a host name has: `github.com/…`, `golang.org/x/…`. */
const IMPORT_PATH = /^[^./][^/]*\.[^/]*\//;

/** Whether a container command's first word names a program rather than an argument to an ENTRYPOINT. */
export function readsAsProgram(word: string): boolean {
  // `github.com/org/tool`, an import path a Go tool's ENTRYPOINT builds (xgo), is no file to run.
  if (word.includes('/')) return !NOT_RUN.test(word) && !IMPORT_PATH.test(word);
  if (/\.(sh|bash)$/.test(word)) return true;
  // python3.12, gcc-13, pip3
  return PROGRAMS.has(word) || PROGRAMS.has(word.replace(/[-.]?\d+(\.\d+)*$/, '')) || TARGET_PREFIXED.test(word);
}

/**
 * Whether `docker run` of the image may go through an ENTRYPOINT restage cannot read: a pulled image's,
 * or the one a built chain inherits from its base image (a CMD does not reset it; scratch has none). A
 * chain that sets its own is seen, and refused where it is.
 */
function entrypointUnseen(run: RunImage): boolean {
  if (!run.builder || !run.chain) return true;
  return !chainHas(run, 'ENTRYPOINT') && run.chain[0]!.image.value.toLowerCase() !== 'scratch';
}

/**
 * The run's first word when the image may take it as an ENTRYPOINT's argument rather than run it:
 * the stage's RUN would run it as a program. Null when there is nothing to refuse.
 */
export function entrypointArgument(run: RunImage, argv: readonly string[], entrypointSet: boolean): string | null {
  const first = argv[0];
  return !entrypointSet && first !== undefined && entrypointUnseen(run) && !readsAsProgram(first) ? first : null;
}
