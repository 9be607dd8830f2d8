#!/bin/sh
# The Spring Boot guide's Dockerfile (ARG JAR_FILE=target/*.jar, COPY ${JAR_FILE} app.jar), fed by a
# toolchain container that packages into the mounted checkout.
set -e
docker build -t jarapp:latest .
