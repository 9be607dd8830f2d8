#!/bin/sh
# Run from the repository root (the image workflow).
set -e
docker build -t tool:latest .
