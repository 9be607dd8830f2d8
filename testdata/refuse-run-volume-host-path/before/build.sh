#!/usr/bin/env bash
set -euo pipefail
docker run --rm -v "$PWD":"$PWD" -w "$PWD" maven:3.9-eclipse-temurin-17 mvn -B package -DskipTests
docker build -t demo:latest .
