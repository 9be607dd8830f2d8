#!/usr/bin/env bash
OUT=build
docker build --tag=twomount/app .
