#!/bin/sh
# Run from the repository root (make image).
set -e
docker build -t tool:latest .
