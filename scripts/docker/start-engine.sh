#!/usr/bin/env bash
# Start a Docker engine for the e2e tests if none answers. Installs nothing.
# Idempotent: exits 0 at once when `docker info` already works.
#
# Measured in the dev sandbox (Debian bookworm, docker.io 20.10): plain
# `dockerd` with overlay2 and iptables works. The fallbacks exist for sandboxes
# without overlayfs or netfilter. `--bridge=none` is deliberately never used:
# BuildKit RUN steps then fail with "network bridge not found".
#
# Env: RESTAGE_DOCKERD_FLAGS  use exactly these flags instead of the fallbacks
#      RESTAGE_DOCKERD_LOG    log file (default /tmp/restage-dockerd.log)
#      RESTAGE_DOCKERD_WAIT   seconds to wait per attempt (default 60)
set -euo pipefail

# /usr/local/bin/docker (if any) lacks buildx/BuildKit support; Debian's first.
export PATH="/usr/bin:/usr/sbin:$PATH"
log=${RESTAGE_DOCKERD_LOG:-/tmp/restage-dockerd.log}
wait_s=${RESTAGE_DOCKERD_WAIT:-60}

if docker info >/dev/null 2>&1; then
  echo "start-engine: Docker engine already running"
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "start-engine: dockerd not found (apt-get install -y docker.io)" >&2
  exit 1
fi

if [ -n "${RESTAGE_DOCKERD_FLAGS:-}" ]; then
  attempts=("$RESTAGE_DOCKERD_FLAGS")
else
  attempts=(
    "--storage-driver=overlay2"
    "--storage-driver=overlay2 --iptables=false"
    "--storage-driver=vfs"
    "--storage-driver=vfs --iptables=false"
  )
fi

# Returns 0 once the engine answers, 1 if dockerd died or the wait ran out.
try_start() {
  local flags=$1 pid i
  echo "start-engine: dockerd $flags (log: $log)"
  echo "=== $(date -u +%FT%TZ) dockerd $flags" >>"$log"
  # shellcheck disable=SC2086 # flags are a word list on purpose
  setsid dockerd $flags </dev/null >>"$log" 2>&1 &
  pid=$!
  for ((i = 0; i < wait_s * 2; i++)); do
    if docker info >/dev/null 2>&1; then
      echo "start-engine: engine up after ~$((i / 2))s (pid $pid, flags: $flags)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  # Stop only the dockerd we started, and wait so the next attempt does not
  # trip over its pidfile or sockets.
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  return 1
}

for flags in "${attempts[@]}"; do
  if try_start "$flags"; then exit 0; fi
  echo "start-engine: dockerd $flags did not come up:" >&2
  # Only this attempt's part of the log (after its === marker).
  awk '/^=== /{part=""} {part=part $0 "\n"} END{printf "%s", part}' "$log" |
    grep -E 'level=(error|fatal)|failed to start' | tail -n 3 >&2 || true
done

echo "start-engine: could not start a Docker engine (tried: ${attempts[*]}); see $log" >&2
exit 1
