#!/bin/sh
set -e
docker build -t stdout/builder -f Dockerfile.build .
# The image's CMD writes a tarball to stdout; a script run in it writes a report.
docker run --rm stdout/builder > app.tar
docker run --rm stdout/builder sh -c 'wc -c < /out/app; id -u' > report.txt
docker build -t stdout/app .
