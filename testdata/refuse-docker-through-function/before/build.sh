#!/bin/bash
# Every docker command goes through a function (here to add flags in one place).
set -euo pipefail
dk() { docker "$@"; }
dk build --file Dockerfile.build --tag fnc/builder .
dk create --name fnc-x fnc/builder
dk cp fnc-x:/go/src/app/out/app ./app
dk rm fnc-x
dk build --tag fnc/app:latest .
