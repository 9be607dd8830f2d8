#!/bin/sh
set -e
# The build runs as the container's command; its output is copied out of the stopped container.
docker build -t runcp/app .
