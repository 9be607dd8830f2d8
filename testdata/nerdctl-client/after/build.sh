#!/bin/sh
# containerd's client (Rancher Desktop, Lima): the same subcommands and flags as docker.
set -e
nerdctl build -t nctl/app:latest .
