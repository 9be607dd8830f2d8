#!/bin/sh
set -e
docker build -t runcp/builder -f Dockerfile.build .
# The build runs as the container's command; its output is copied out of the stopped container.
docker run --name runcp-x -e MODE=release runcp/builder sh -c 'mkdir -p dist && cp main.txt dist/app.txt && echo "$MODE" > dist/mode && chmod 0600 dist/mode'
docker cp runcp-x:/src/dist ./dist
docker rm runcp-x
# CA certificates come from an image of their own, read by its tag.
docker build -t runcp/certs -f Dockerfile.certs .
docker build -t runcp/app .
rm -rf dist
