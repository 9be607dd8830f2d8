#!/bin/sh
# The container id is captured in double quotes and the management-command spellings are used throughout.
set -eu
docker image build -t quoted/builder -f Dockerfile.build .
cid="$(docker container create quoted/builder)"
trap 'docker container rm -f "$cid" >/dev/null' EXIT
docker container cp "$cid:/src/out/app" ./app
docker image build -t quoted/app:latest .
