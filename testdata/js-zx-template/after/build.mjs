#!/usr/bin/env zx
const name = 'tool-extract'

await $`docker build -t tool:latest .`
