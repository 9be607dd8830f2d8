#!/bin/sh
set -e
. ./docker/build.sh
tar czf release.tgz ./app
