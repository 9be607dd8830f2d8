#!/usr/bin/env bash
OUT=build
docker run --rm --workdir=/src --volume="${PWD}":/src --volume "${PWD}/${OUT}":/out local/build:1 sh -c "cat main.txt > /out/app && chmod 0755 /out/app"
docker build --tag=twomount/app .
rm -rf build
