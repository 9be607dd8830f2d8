#!/usr/bin/env bash
# Create the offline base images the e2e tests build from. No registry is
# reachable in CI, so every image is a busybox-static rootfs fed to
# `docker import`.
#
#   local/build:1, local/run:1   plain busybox rootfs (root + user app, uid 1000)
#   golang:1.7.3, alpine:latest  STAND-INS for the registry images of the same
#                                name, only so the seed example (alexellis
#                                href-counter) builds offline. They are NOT Go or
#                                Alpine: `go` and `apk` are tiny shell scripts
#                                that write deterministic files.
#
# Idempotent: an image is re-imported only when this script changed (its
# sha256 is stored in the label restage.e2e.recipe).
# Needs: a running engine (start-engine.sh), busybox-static, GNU tar.
set -euo pipefail

export PATH="/usr/bin:$PATH" DOCKER_BUILDKIT=1
busybox=$(command -v busybox || true)
if [ -z "$busybox" ]; then
  echo "base-images: busybox not found (apt-get install -y busybox-static)" >&2
  exit 1
fi
if ldd "$busybox" >/dev/null 2>&1; then
  echo "base-images: $busybox is dynamically linked; need busybox-static" >&2
  exit 1
fi

recipe=$(sha256sum "$0" | cut -c1-16)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

up_to_date() {
  [ "$(docker image inspect --format '{{index .Config.Labels "restage.e2e.recipe"}}' "$1" 2>/dev/null)" = "$recipe" ]
}

# A busybox rootfs with applet symlinks where a distro would put them.
make_rootfs() {
  local root=$1 applet
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,tmp,root,home/app,var}
  chmod 1777 "$root/tmp"
  chmod 0700 "$root/root"
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$busybox" --list-full); do
    [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
  done
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'app:x:1000:1000:app:/home/app:/bin/sh' \
    'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$root/etc/passwd"
  printf '%s\n' 'root:x:0:' 'app:x:1000:' 'nogroup:x:65534:' >"$root/etc/group"
  chown 1000:1000 "$root/home/app"
}

# Deterministic tar (sorted, fixed mtime) so re-imports yield the same layer.
import_rootfs() {
  local root=$1 tag=$2
  shift 2
  tar -C "$root" --sort=name --mtime=@0 --numeric-owner -c . |
    docker import --change 'CMD ["/bin/sh"]' --change "LABEL restage.e2e.recipe=$recipe" "$@" - "$tag" >/dev/null
  echo "base-images: imported $tag"
}

for tag in local/build:1 local/run:1; do
  if up_to_date "$tag"; then echo "base-images: $tag up to date"; continue; fi
  rm -rf "$work/plain" && make_rootfs "$work/plain"
  import_rootfs "$work/plain" "$tag"
done

# golang:1.7.3 stand-in. `go get` is a no-op; `go build -o OUT` writes OUT as
# a 0755 script whose output names the hash of the *.go sources it was built
# from, so a changed app.go changes the artifact.
if up_to_date golang:1.7.3; then
  echo "base-images: golang:1.7.3 up to date"
else
  root=$work/golang
  make_rootfs "$root"
  mkdir -p "$root/usr/local/go/bin" "$root/go/src" "$root/go/bin"
  chmod -R 0777 "$root/go"
  cat >"$root/usr/local/go/bin/go" <<'GO'
#!/bin/sh
# Fake Go toolchain (restage e2e stand-in, not Go).
set -e
cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  get) exit 0 ;;
  version) echo "go version go1.7.3 linux/amd64 (restage e2e stand-in)" ;;
  build)
    out=
    while [ $# -gt 0 ]; do
      case "$1" in
        -o) out=$2; shift 2 ;;
        -o=*) out=${1#-o=}; shift ;;
        *) shift ;;
      esac
    done
    name=$(basename "$PWD")
    [ -n "$out" ] || out=$name
    sum=$(cat ./*.go 2>/dev/null | sha256sum | cut -d' ' -f1)
    printf '#!/bin/sh\necho "%s built from %s"\n' "$name" "$sum" >"$out"
    chmod 0755 "$out"
    ;;
  *) echo "fake go: unsupported command '$cmd'" >&2; exit 2 ;;
esac
GO
  chmod 0755 "$root/usr/local/go/bin/go"
  import_rootfs "$root" golang:1.7.3 \
    --change 'ENV PATH=/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV GOPATH=/go' --change 'WORKDIR /go'
fi

# alpine:latest stand-in. `apk add PKG...` records each package; for
# ca-certificates it also writes a fixed CA bundle.
if up_to_date alpine:latest; then
  echo "base-images: alpine:latest up to date"
else
  root=$work/alpine
  make_rootfs "$root"
  mkdir -p "$root/etc/apk"
  echo "3.4.6-restage-e2e-stand-in" >"$root/etc/alpine-release"
  cat >"$root/sbin/apk" <<'APK'
#!/bin/sh
# Fake apk (restage e2e stand-in, not Alpine).
set -e
[ "${1:-}" = "--no-cache" ] && shift
[ "${1:-}" = "add" ] || { echo "fake apk: only 'apk [--no-cache] add PKG...' is supported" >&2; exit 2; }
shift
for pkg in "$@"; do
  case "$pkg" in -*) continue ;; esac
  echo "$pkg" >>/etc/apk/world
  if [ "$pkg" = ca-certificates ]; then
    mkdir -p /etc/ssl/certs
    printf '%s\n' '# restage e2e stand-in CA bundle' \
      '-----BEGIN CERTIFICATE-----' 'cmVzdGFnZS1lMmUtZmFrZS1jYQ==' '-----END CERTIFICATE-----' \
      >/etc/ssl/certs/ca-certificates.crt
  fi
done
APK
  chmod 0755 "$root/sbin/apk"
  import_rootfs "$root" alpine:latest
fi

# Smoke test: a BuildKit build with a RUN step (needs working container
# networking in the engine) and a plain `docker run`.
smoke=restage-e2e-smoke:$$
printf 'FROM local/run:1\nRUN echo ok >/tmp/smoke\n' | docker build -q -t "$smoke" - >/dev/null
[ "$(docker run --rm "$smoke" cat /tmp/smoke)" = ok ]
docker rmi "$smoke" >/dev/null
echo "base-images: smoke build+run ok"
