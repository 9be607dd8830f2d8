#!/bin/sh
docker build -t chmod/app .
