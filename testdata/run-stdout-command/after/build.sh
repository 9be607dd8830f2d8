#!/bin/sh
set -e
# The image's CMD writes a tarball to stdout; a script run in it writes a report.
docker build -t stdout/app .
