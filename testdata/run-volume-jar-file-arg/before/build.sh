#!/bin/sh
# The Spring Boot guide's Dockerfile (ARG JAR_FILE=target/*.jar, COPY ${JAR_FILE} app.jar), fed by a
# toolchain container that packages into the mounted checkout.
set -e
docker run --rm -v "$PWD":/usr/src/app -w /usr/src/app local/build:1 sh -c 'mkdir -p target && cat pom.xml > target/app-1.0.jar && echo classes > target/classes.txt'
docker build -t jarapp:latest .
