#!/bin/sh
set -e
# dist/ is tracked (it holds README.md), so the directory lands in dist/out.
docker build -t direx/app .
