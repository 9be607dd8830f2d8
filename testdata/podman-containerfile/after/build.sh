#!/bin/sh
set -e
# podman reads ./Containerfile by default
podman build -t localhost/app .
