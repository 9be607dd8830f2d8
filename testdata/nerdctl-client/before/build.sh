#!/bin/sh
# containerd's client (Rancher Desktop, Lima): the same subcommands and flags as docker.
set -e
nerdctl build -t nctl/builder -f Dockerfile.build .
id=$(nerdctl create nctl/builder)
nerdctl cp "$id":/go/src/app/out/app ./app
nerdctl rm "$id"
nerdctl build -t nctl/app:latest .
rm -f app
