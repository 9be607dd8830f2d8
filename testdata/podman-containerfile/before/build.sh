#!/bin/sh
set -e
podman build -t localhost/app-builder -f Containerfile.build .
podman create --name app-extract localhost/app-builder
podman cp app-extract:/out/app ./app
podman rm app-extract
# podman reads ./Containerfile by default
podman build -t localhost/app .
