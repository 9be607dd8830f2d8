#!/bin/sh
docker build -t worker/app .
