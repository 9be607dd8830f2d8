#!/bin/sh
set -e
# The builder image has an ENTRYPOINT; --entrypoint cat runs cat itself.
docker build -t entry/app .
