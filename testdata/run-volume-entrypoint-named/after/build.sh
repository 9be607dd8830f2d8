#!/bin/sh
# The docs tool image runs mkdocs as its ENTRYPOINT; --entrypoint names it, so the run migrates.
set -e
docker build -t tc/docs .
