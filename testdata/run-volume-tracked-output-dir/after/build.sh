#!/bin/sh
set -e
# dist/ is kept in git (dist/.gitkeep) so the mount point exists on a fresh clone.
docker build -t site .
