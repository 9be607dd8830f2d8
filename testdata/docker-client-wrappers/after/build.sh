#!/bin/bash
# The client behind wrappers that run it unchanged: each is still the docker CLI.
set -euo pipefail
exec env DOCKER_BUILDKIT=1 docker build -t wrap/app .
