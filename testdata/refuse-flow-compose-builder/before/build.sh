#!/bin/sh
set -e
docker compose run --rm builder
docker compose build app
