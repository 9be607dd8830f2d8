#!/usr/bin/env bash
# A second Docker engine beside the first, for the DOCKER_HOST e2e test: its own network namespace
# (so its bridge and iptables rules do not meet the first engine's), data root, exec root and socket
# under DIR. No registry is needed: the base images are copied from the first engine with save | load.
#
#   second-engine.sh start DIR [IMAGE...]   start it (idempotent), load IMAGEs; prints the socket path
#   second-engine.sh stop DIR               stop the dockerd started here (its pidfile) and remove DIR
#
# `--bridge=none` is never used: every BuildKit RUN then fails ("network bridge not found").
set -euo pipefail
export PATH="/usr/bin:/usr/sbin:$PATH"

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR [IMAGE...]" >&2; exit 2; }
shift 2
sock="unix://$dir/sock"

case "$cmd" in
  start)
    mkdir -p "$dir"
    if ! DOCKER_HOST=$sock docker info >/dev/null 2>&1; then
      # setsid: the engine outlives this script; unshare -n: a network namespace of its own (only lo).
      setsid unshare -n sh -c 'ip link set lo up; exec dockerd --data-root "$1/root" --exec-root "$1/exec" --pidfile "$1/pid" --host "unix://$1/sock"' \
        sh "$dir" </dev/null >>"$dir/log" 2>&1 &
      for ((i = 0; i < 120; i++)); do
        DOCKER_HOST=$sock docker info >/dev/null 2>&1 && break
        sleep 0.5
      done
      if ! DOCKER_HOST=$sock docker info >/dev/null 2>&1; then
        echo "second-engine: dockerd on $sock did not come up; last lines of $dir/log:" >&2
        tail -n 5 "$dir/log" >&2 || true
        exit 1
      fi
    fi
    for image in "$@"; do
      DOCKER_HOST=$sock docker image inspect "$image" >/dev/null 2>&1 && continue
      docker save "$image" | DOCKER_HOST=$sock docker load >/dev/null
    done
    echo "$sock"
    ;;
  stop)
    if [ -f "$dir/pid" ]; then
      pid=$(cat "$dir/pid")
      kill "$pid" 2>/dev/null || true
      for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    # Mounts the engine left (overlay layers, its netns bind) would keep rm from the data root.
    { grep -o " $dir/[^ ]*" /proc/self/mounts || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR [IMAGE...]" >&2
    exit 2
    ;;
esac
