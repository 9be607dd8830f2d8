#!/bin/bash
set -euo pipefail
# The copy runs as the CI user, who owns the workspace.
docker build -t svc/builder -f Dockerfile.build .
docker create --name svc-out svc/builder
sudo -u ci sh -c "docker cp svc-out:/out/svc ./svc"
docker rm svc-out
docker build -t svc:latest .
