#!/usr/bin/env zx
const name = 'tool-extract'

await $`docker build -t tool:build -f Dockerfile.build .`
await $`docker create --name ${name} tool:build`
await $`docker cp ${name}:/usr/local/bin/tool ./bin/tool`
await $`docker rm ${name}`
await $`docker build -t tool:latest .`
